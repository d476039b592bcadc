import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { UPLOAD_PATH } from '../../cloud/runtime/upload'
import { startRuntime, type Runtime } from '../../cloud/runtime/server'

/**
 * The H5 stand-in for wx.cloud.uploadFile (cloud/runtime/upload.ts), served by the local runtime as `npm start` runs it:
 * on a data folder, storing through the real wx-server-sdk's administrator instance into the local CloudBase server's
 * storage. Same folder rule and limits as the weapp path.
 */
const BUNDLES = path.join(__dirname, '..', '..', '.build', 'test-functions')

let runtime: Runtime
let dataDir = ''

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0])

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-upload-'))
  // The demo community is seeded into the empty data folder at start.
  runtime = await startRuntime({ port: 0, dataDir, functionsDir: BUNDLES, staticDir: null, dev: true })
})

afterAll(async () => {
  await runtime?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function upload(openid: string, householdId: string, body: Buffer) {
  const response = await fetch(`${runtime.url}${UPLOAD_PATH}?householdId=${householdId}`, { method: 'POST', headers: { 'X-Dev-Openid': openid, 'Content-Type': 'image/jpeg' }, body: new Uint8Array(body) })
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { fileID: string }; error?: { code: string } } }
}

/** The cloud path of a fileID (`cloud://<env>.<bucket>/<path>`). */
const cloudPathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '')

it('stores a member’s JPEG or PNG in the household’s folder and answers with its file id', async () => {
  const jpeg = await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(1000)]))
  expect(jpeg.status).toBe(200)
  const fileID = jpeg.body.data?.fileID ?? ''
  expect(fileID).toMatch(/^cloud:\/\/[^/]+\/household\/ltsc-1-1-601\/[a-z0-9-]+\.jpg$/)
  // In the data folder's storage, where the runtime serves it from.
  expect(runtime.cloud.cloudbase.storedPaths()).toContain(cloudPathOf(fileID))
  expect(fs.statSync(path.join(dataDir, 'files', cloudPathOf(fileID))).size).toBe(1004)
  const png = await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([PNG_HEAD, Buffer.alloc(100)]))
  expect(png.body.data?.fileID).toMatch(/\.png$/)
})

it('refuses someone who does not live there, other types whatever they claim, and files over 2 MB', async () => {
  const stored = runtime.cloud.cloudbase.storedPaths().sort()
  expect((await upload('demo-resident', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(10)]))).status).toBe(403)
  expect((await upload('demo-party', 'ltsc-1-1-601', Buffer.from('GIF89a-not-a-photo'))).status).toBe(415)
  expect((await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(2 * 1024 * 1024)]))).status).toBe(413)
  expect((await upload('demo-party', '../../etc', Buffer.concat([JPEG_HEAD, Buffer.alloc(10)]))).status).toBe(400)
  // None of them stored anything.
  expect(runtime.cloud.cloudbase.storedPaths().sort()).toEqual(stored)
})
