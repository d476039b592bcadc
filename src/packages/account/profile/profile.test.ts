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
  const me = { nickname: '李阿姨', avatarUrl: 'cloud://env-1.6c6e/avatars/old.jpg' }

  it('sends only what changed, trimmed', () => {
    expect(profileChanges(me, { nickname: ' 李阿姨 ', avatarUrl: me.avatarUrl })).toBeNull()
    expect(profileChanges(me, { nickname: '李家阿姨', avatarUrl: me.avatarUrl })).toEqual({ nickname: '李家阿姨' })
    expect(profileChanges(me, { nickname: '李阿姨', avatarUrl: 'cloud://env-1.6c6e/avatars/new.jpg' })).toEqual({ avatarUrl: 'cloud://env-1.6c6e/avatars/new.jpg' })
  })

  it('never clears an avatar by accident', () => {
    expect(profileChanges(me, { nickname: '李阿姨', avatarUrl: '' })).toBeNull()
  })
})

describe('avatars', () => {
  it('stores each avatar under an unguessable name in avatars/', () => {
    expect(avatarCloudPath()).toMatch(/^avatars\/[0-9a-z]{16}\.jpg$/)
    expect(avatarCloudPath(() => 0)).toBe('avatars/0000000000000000.jpg')
    expect(avatarCloudPath()).not.toBe(avatarCloudPath())
  })

  it('uploads the chosen temporary file to cloud storage and keeps the fileID', async () => {
    const uploadFile = jest.fn(async () => ({ fileID: 'cloud://env-1.6c6e/avatars/k2m9.jpg', statusCode: 204, errMsg: 'cloud.uploadFile:ok' }))
    Object.assign(Taro.cloud, { uploadFile })
    await expect(uploadAvatar('http://tmp/wx1234.jpeg')).resolves.toBe('cloud://env-1.6c6e/avatars/k2m9.jpg')
    expect(uploadFile).toHaveBeenCalledWith({ cloudPath: expect.stringMatching(/^avatars\/\w{16}\.jpg$/), filePath: 'http://tmp/wx1234.jpeg' })
  })
})
