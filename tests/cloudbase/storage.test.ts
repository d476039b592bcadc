import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { failure, localCloud, type Local } from './harness'

let local: Local
let dir: string

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudbase-files-'))
  local = await localCloud({ filesDir: dir, env: 'env-a1' })
})
afterEach(async () => {
  await local.cloudbase.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('uploadFile (getUploadMetadata + PUT) → fileID in the cloud form, getTempFileURL, downloadFile, deleteFile', async () => {
  const cloud = local.sdkFor('household')
  const { fileID } = await cloud.uploadFile({ cloudPath: 'proofs/h1/photo.jpg', fileContent: Buffer.from('jpeg bytes') })
  expect(fileID).toBe('cloud://env-a1.env-a1-1250000000/proofs/h1/photo.jpg')
  expect(fs.readFileSync(path.join(dir, 'proofs/h1/photo.jpg'), 'utf8')).toBe('jpeg bytes')

  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID, 'cloud://env-a1.env-a1-1250000000/nothing.jpg'] })
  expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
  expect(fileList[0].tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\/proofs\/h1\/photo\.jpg\?expires=\d+&sign=[0-9a-f]+$/)
  expect(fileList[1]).toMatchObject({ status: -503003, tempFileURL: '' })
  expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('jpeg bytes')
  expect((await fetch(fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=00'))).status).toBe(404)

  const downloaded = await cloud.downloadFile({ fileID })
  expect(Buffer.from(downloaded.fileContent).toString()).toBe('jpeg bytes')

  const deleted = await cloud.deleteFile({ fileList: [fileID] })
  expect(deleted.fileList).toEqual([expect.objectContaining({ fileID, status: 0 })])
  expect(fs.existsSync(path.join(dir, 'proofs/h1/photo.jpg'))).toBe(false)
  const again = await cloud.deleteFile({ fileList: [fileID] })
  expect(again.fileList).toEqual([{ fileID, status: -503003, errMsg: 'storage file not exists' }])
  // downloadFile's own path in the SDK keeps no errCode: it fails with -1 and the server's message.
  expect(await failure(cloud.downloadFile({ fileID }))).toMatchObject({ errCode: -1, message: 'downloadFile:fail file does not exist' })
})

test('a cloudPath that climbs out of the bucket is refused', async () => {
  const cloud = local.sdkFor('household')
  const error = await failure(cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }))
  expect(error.message).toContain('invalid cloudPath')
  expect(fs.existsSync(path.join(dir, '..', 'escape.txt'))).toBe(false)
})
