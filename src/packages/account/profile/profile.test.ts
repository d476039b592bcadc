import Taro from '@tarojs/taro'
import { avatarCloudPath, nicknameProblem, profileChanges, uploadAvatar } from './profile'

describe('nicknameProblem', () => {
  it('needs something besides spaces and at most 20 characters, as the server counts them', () => {
    expect(nicknameProblem('  ')).toBe('empty')
    expect(nicknameProblem('李阿姨')).toBeNull()
    expect(nicknameProblem(' 一二三四五六七八九十一二三四五六七八九十 ')).toBeNull()
    expect(nicknameProblem('一二三四五六七八九十一二三四五六七八九十一')).toBe('long')
  })
})

describe('profileChanges', () => {
  const me = { nickname: '李阿姨', avatarFileId: 'cloud://env-1.6c6e/avatars/old.jpg' }

  it('sends only what changed, trimmed', () => {
    expect(profileChanges(me, { nickname: ' 李阿姨 ', avatarFileId: me.avatarFileId })).toBeNull()
    expect(profileChanges(me, { nickname: '李家阿姨', avatarFileId: me.avatarFileId })).toEqual({ nickname: '李家阿姨' })
    expect(profileChanges(me, { nickname: '李阿姨', avatarFileId: 'cloud://env-1.6c6e/avatars/new.jpg' })).toEqual({ avatarFileId: 'cloud://env-1.6c6e/avatars/new.jpg' })
  })

  it('never clears an avatar by accident', () => {
    expect(profileChanges(me, { nickname: '李阿姨', avatarFileId: '' })).toBeNull()
  })
})

describe('avatars', () => {
  const FOLDER = 'avatars/0123456789abcdef01234567/'

  it("stores each avatar under an unguessable name in the caller's own folder", () => {
    expect(avatarCloudPath(FOLDER)).toMatch(/^avatars\/0123456789abcdef01234567\/[0-9a-z]{16}\.jpg$/)
    expect(avatarCloudPath(FOLDER, () => 0)).toBe(`${FOLDER}0000000000000000.jpg`)
    expect(avatarCloudPath(FOLDER)).not.toBe(avatarCloudPath(FOLDER))
  })

  it('uploads the chosen temporary file to cloud storage and keeps the fileID', async () => {
    const uploadFile = jest.fn(async () => ({ fileID: 'cloud://env-1.6c6e/avatars/k2m9.jpg', statusCode: 204, errMsg: 'cloud.uploadFile:ok' }))
    Object.assign(Taro.cloud, { uploadFile })
    await expect(uploadAvatar('http://tmp/wx1234.jpeg', FOLDER)).resolves.toBe('cloud://env-1.6c6e/avatars/k2m9.jpg')
    expect(uploadFile).toHaveBeenCalledWith({ cloudPath: expect.stringMatching(/^avatars\/0123456789abcdef01234567\/\w{16}\.jpg$/), filePath: 'http://tmp/wx1234.jpeg' })
  })
})
