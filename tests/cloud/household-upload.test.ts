import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import sdk, { configureLocalCloud } from '../../cloud/runtime/sdk'
import { seedDemo } from '../../cloud/runtime/seed'
import { handleUpload, UPLOAD_PATH } from '../../cloud/runtime/upload'

/** The H5 stand-in for wx.cloud.uploadFile: same folder rule and limits as the weapp path. */
let server: http.Server
let base = ''
let dataDir = ''

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0])

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-upload-'))
  const cloud = configureLocalCloud({ dataDir })
  await seedDemo(cloud.db)
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    void handleUpload(req, res, url, String(req.headers['x-dev-openid']), sdk, send)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function upload(openid: string, householdId: string, body: Buffer) {
  const response = await fetch(`${base}${UPLOAD_PATH}?householdId=${householdId}`, { method: 'POST', headers: { 'X-Dev-Openid': openid, 'Content-Type': 'image/jpeg' }, body: new Uint8Array(body) })
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { fileID: string }; error?: { code: string } } }
}

it('stores a member’s JPEG or PNG in the household’s folder and answers with its file id', async () => {
  const jpeg = await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(1000)]))
  expect(jpeg.status).toBe(200)
  expect(jpeg.body.data?.fileID).toMatch(/^cloud:\/\/local\/household\/ltsc-1-1-601\/[a-z0-9-]+\.jpg$/)
  const file = path.join(dataDir, 'files', (jpeg.body.data?.fileID ?? '').replace('cloud://local/', ''))
  expect(fs.statSync(file).size).toBe(1004)
  const png = await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([PNG_HEAD, Buffer.alloc(100)]))
  expect(png.body.data?.fileID).toMatch(/\.png$/)
})

it('refuses someone who does not live there, other types whatever they claim, and files over 2 MB', async () => {
  expect((await upload('demo-resident', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(10)]))).status).toBe(403)
  expect((await upload('demo-party', 'ltsc-1-1-601', Buffer.from('GIF89a-not-a-photo'))).status).toBe(415)
  expect((await upload('demo-party', 'ltsc-1-1-601', Buffer.concat([JPEG_HEAD, Buffer.alloc(2 * 1024 * 1024)]))).status).toBe(413)
  expect((await upload('demo-party', '../../etc', Buffer.concat([JPEG_HEAD, Buffer.alloc(10)]))).status).toBe(400)
})
