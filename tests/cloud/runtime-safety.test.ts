import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { FUNCTION_NAMES } from '../../cloud/contracts/define'
import { startRuntime, type Runtime } from '../../cloud/runtime/server'

/**
 * The local runtime is safe by default (issue 20): dev identity only when asked for, the dev endpoints only for this
 * machine's own scripts and pages, and /files/ only with a signature from getTempFileURL. The function bundles are
 * stand-ins that echo who called, on the real wx-server-sdk in the runtime's instances: what is under test is the
 * server in front of them.
 */
let dataDir = ''
let functionsDir = ''
const runtimes: Runtime[] = []
const realSdk = path.resolve(__dirname, '..', '..', 'node_modules', 'wx-server-sdk')

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-runtime-safety-'))
  functionsDir = path.join(dataDir, 'functions')
  for (const name of FUNCTION_NAMES) {
    fs.mkdirSync(path.join(functionsDir, name), { recursive: true })
    fs.writeFileSync(
      path.join(functionsDir, name, 'index.js'),
      `const cloud = require(${JSON.stringify(realSdk)})\ncloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })\nexports.main = async () => ({ ok: true, data: { openid: cloud.getWXContext().OPENID ?? null } })\n`,
    )
  }
})

afterEach(async () => {
  while (runtimes.length) await runtimes.pop()?.close()
})

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

async function start(dev: boolean) {
  const runtime = await startRuntime({ port: 0, dataDir: path.join(dataDir, dev ? 'dev' : 'plain'), functionsDir, staticDir: null, dev, seed: false })
  runtimes.push(runtime)
  return runtime
}

const call = (url: string, openid: string) =>
  fetch(`${url}/fn/community`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action: 'me' }) })

test('without LINLITING_DEV the runtime refuses X-Dev-Openid: nobody becomes a user by naming one', async () => {
  const { url } = await start(false)
  const response = await call(url, 'demo-admin')
  expect(response.status).toBe(403)
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect((await fetch(`${url}/dev/users`)).status).toBe(404)
  expect((await fetch(`${url}/dev/outbox`, { headers: { 'X-Linliting-Dev': '1' } })).status).toBe(404)
})

test('with dev identity asked for, the header names the caller', async () => {
  const { url } = await start(true)
  const response = await call(url, 'demo-admin')
  expect(await response.json()).toEqual({ ok: true, data: { openid: 'demo-admin' } })
})

test('the dev endpoints refuse a request without the dev header, from a foreign origin or for another host name', async () => {
  const { url } = await start(true)
  const generate = (headers: Record<string, string>) => fetch(`${url}/dev/generate`, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...headers }, body: '{"buildings":0}' })
  expect((await generate({})).status).toBe(403)
  expect((await generate({ 'X-Linliting-Dev': '1', Origin: 'https://evil.example' })).status).toBe(403)
  expect((await generate({ 'X-Linliting-Dev': '1', Origin: 'http://127.0.0.1:1' })).status).toBe(403)
  // fetch will not set Host: a rebound DNS name reaches this port with its own name in Host.
  const rebound = await new Promise<number>((resolve, reject) => {
    const request = http.request(`${url}/dev/outbox`, { headers: { Host: 'rebound.example', 'X-Linliting-Dev': '1' } }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
    request.end()
  })
  expect(rebound).toBe(403)
  expect((await fetch(`${url}/dev/outbox`)).status).toBe(403)
  expect((await fetch(`${url}/dev/outbox`, { headers: { Origin: 'https://evil.example', 'X-Linliting-Dev': '1' } })).status).toBe(403)
  const own = await fetch(`${url}/dev/outbox`, { headers: { Origin: url, 'X-Linliting-Dev': '1' } })
  expect(own.status).toBe(200)
  expect(Array.isArray(await own.json())).toBe(true)
})

test('the H5 stand-in for 允许 records acceptances for the caller only, from this machine only', async () => {
  const plain = await start(false)
  expect((await fetch(`${plain.url}/dev/subscriptions`, { method: 'POST', headers: { 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident' }, body: '{"templateIds":["T"]}' })).status).toBe(404)
  await plain.close()
  runtimes.pop()

  const { url, cloud } = await start(true)
  const accept = (headers: Record<string, string>, body: unknown = { templateIds: ['TEMPLATE_ID_SERVICE_REMINDER'] }) =>
    fetch(`${url}/dev/subscriptions`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
  expect((await accept({ 'X-Dev-Openid': 'demo-resident' })).status).toBe(403)
  expect((await accept({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident', Origin: 'https://evil.example' })).status).toBe(403)
  expect((await accept({ 'X-Linliting-Dev': '1' })).status).toBe(401)
  expect((await accept({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident' }, { templateIds: [] })).status).toBe(400)
  expect((await accept({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident' }, { templateIds: ['a', 'b', 'c', 'd'] })).status).toBe(400)
  expect((await accept({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident', Origin: url })).status).toBe(200)
  const second = await accept({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': 'demo-resident' })
  expect(await second.json()).toEqual({ ok: true, data: [{ templateId: 'TEMPLATE_ID_SERVICE_REMINDER', count: 2 }] })
  expect(cloud.cloudbase.subscriptions()).toEqual([{ openid: 'demo-resident', templateId: 'TEMPLATE_ID_SERVICE_REMINDER', count: 2 }])
})

test('one process owns a data folder: a second runtime on it is refused', async () => {
  await start(true)
  await expect(startRuntime({ port: 0, dataDir: path.join(dataDir, 'dev'), functionsDir, staticDir: null, dev: true, seed: false })).rejects.toThrow(/database is locked/)
})

test('/files/ serves a file only with an unexpired signature from getTempFileURL', async () => {
  const { url, cloud } = await start(true)
  const cloudPath = 'household/ltsc-1-1-601/proof.jpg'
  const { fileID } = await cloud.admin.uploadFile({ cloudPath, fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) })
  const [{ tempFileURL }] = (await cloud.admin.getTempFileURL({ fileList: [fileID] })).fileList
  expect(tempFileURL).toMatch(new RegExp(`^${url}/files/household/ltsc-1-1-601/proof\\.jpg\\?expires=\\d+&sign=[0-9a-f]{64}$`))

  const signed = await fetch(tempFileURL)
  expect(signed.status).toBe(200)
  expect(Buffer.from(await signed.arrayBuffer())[0]).toBe(0xff)

  expect((await fetch(`${url}/files/${cloudPath}`)).status).toBe(403)
  expect((await fetch(tempFileURL.replace(/sign=[0-9a-f]{4}/, 'sign=0000'))).status).toBe(403)
  // A signature for one file does not open another, and a later expiry breaks the signature.
  expect((await fetch(tempFileURL.replace('proof.jpg', 'other.jpg'))).status).toBe(403)
  expect((await fetch(tempFileURL.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 1000}`))).status).toBe(403)
  // An expired URL: its signature is right, its time is over.
  const [{ tempFileURL: brief }] = (await cloud.admin.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] as unknown as string[] })).fileList
  expect((await fetch(brief)).status).toBe(200)
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'], now: Date.now() + 2000 })
  try {
    expect((await fetch(brief)).status).toBe(403)
  } finally {
    jest.useRealTimers()
  }
})
