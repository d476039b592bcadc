import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { startLocalCloud, reseedDataDir, type LocalCloud } from '../cloudbase/local'
import { FUNCTION_NAMES, type FunctionName } from '../contracts/define'
import { generateCommunity, type GenerateOptions } from './generate'
import { DEMO_USERS } from './seed'
import { handleUpload, UPLOAD_PATH } from './upload'

/**
 * The local runtime: our cloud functions' deployable bundles (cloudfunctions/<name>/index.js), run unchanged on the
 * real wx-server-sdk against the local CloudBase server (cloud/cloudbase/local.ts: one instance per call, as in the
 * cloud), behind POST /fn/<name>; plus the H5 build. Bound to 127.0.0.1 only. One process owns a data folder: the
 * database file's exclusive lock refuses a second.
 */
export interface RuntimeOptions {
  port: number
  dataDir: string | null
  functionsDir: string
  staticDir: string | null
  /**
   * Dev mode takes the caller's identity from X-Dev-Openid: anyone who can reach the port may act as anyone. Only when
   * asked for (`npm start` asks); off, there is no WeChat to say who calls, so /fn refuses.
   */
  dev: boolean
  /** Extra offset (ms) of the function instances' clock (tests); a clock preloaded into this process reaches them anyway. */
  clockOffsetMs?: number
  /** The declared indexes (cloud/indexes.json): a query none covers is logged. Absent: not checked. */
  indexesFile?: string
  /** Seed the demo community into an empty database (default true). */
  seed?: boolean
  /** Overrides every function's time limit (ms); by default each has its config.json `timeout`, else the cloud's 3 s. */
  timeoutMs?: number
}

function checkBundles(dir: string): void {
  for (const name of FUNCTION_NAMES) {
    const file = path.resolve(dir, name, 'index.js')
    if (!fs.existsSync(file)) throw new Error(`cloud function ${name} is not built: ${file} is missing (run npm run build:cloud)`)
  }
}

/** Empties the data folder's database and seeds the demo community again. */
export async function reseed(dataDir: string): Promise<void> {
  await reseedDataDir(dataDir)
}

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Where the H5 app records a person's 允许 of subscribe-message templates (src/core/devSubscriptions.ts). */
export const SUBSCRIPTIONS_PATH = '/dev/subscriptions'

/** The header the dev endpoints require: a cross-site page cannot send it without a CORS preflight, which we never answer. */
export const DEV_HEADER = 'x-linliting-dev'

/**
 * A /dev/* request must carry the dev header, name this server in Host (a rebound DNS name does not) and, when the
 * browser says where it comes from, come from this server's own origin.
 */
function fromThisMachine(req: http.IncomingMessage, port: number): boolean {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (req.headers[DEV_HEADER] !== '1') return false
  if (!own.includes(req.headers.host ?? '')) return false
  const origin = req.headers.origin
  return origin === undefined || own.some((host) => origin === `http://${host}`)
}

function forbidden(res: http.ServerResponse, message: string): void {
  sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message } })
}
const MAX_BODY = 1024 * 1024

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function serveFile(res: http.ServerResponse, root: string, urlPath: string, fallback: string | null): void {
  const target = path.resolve(root, `.${decodeURIComponent(urlPath)}`)
  const inside = target === path.resolve(root) || target.startsWith(path.resolve(root) + path.sep)
  let file = inside && fs.existsSync(target) && fs.statSync(target).isFile() ? target : null
  if (!file && fallback) file = path.join(root, fallback)
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('not found')
    return
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file)
  res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' })
  fs.createReadStream(file).pipe(res)
}

export interface Runtime {
  server: http.Server
  url: string
  cloud: LocalCloud
  close: () => Promise<void>
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  checkBundles(options.functionsDir)
  let port = options.port
  // Temporary file URLs point at this runtime's /files/, answered from the server's storage (signature and expiry checked there).
  const cloud = await startLocalCloud({
    dataDir: options.dataDir,
    bundlesDir: options.functionsDir,
    clockOffsetMs: options.clockOffsetMs,
    timeoutMs: options.timeoutMs,
    seed: options.seed,
    indexes: options.indexesFile ? { file: options.indexesFile, onMissing: 'log' } : undefined,
    server: { filesUrl: () => `http://127.0.0.1:${port}/files/` },
  })
  const { cloudbase, admin } = cloud
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const fnMatch = /^\/fn\/([a-z]+)$/.exec(url.pathname)
      if (fnMatch && req.method === 'POST') {
        const name = fnMatch[1] as FunctionName
        if (!FUNCTION_NAMES.includes(name)) return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: `no cloud function ${fnMatch[1]}` } })
        const openid = req.headers['x-dev-openid']
        if (!options.dev) return sendJson(res, 403, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'dev identity is off: the local runtime cannot tell who is calling' } })
        if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) {
          return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-Dev-Openid header missing or malformed' } })
        }
        let event: unknown
        try {
          event = JSON.parse(await readBody(req))
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'request body is not JSON' } })
        }
        try {
          return sendJson(res, 200, await cloud.invoke(name, event, { openid }))
        } catch (error) {
          // The instance failed or was killed at its time limit: wx.cloud.callFunction's fail callback in the app.
          const e = error as { message?: string; errCode?: number }
          return sendJson(res, 502, { ok: false, error: { code: 'INTERNAL', message: `${e.errCode ?? ''} ${e.message ?? String(error)}`.trim() } })
        }
      }
      if (url.pathname === '/dev/users' && options.dev) {
        return sendJson(res, 200, DEMO_USERS.map(({ openid, name, description }) => ({ openid, name, description })))
      }
      if (url.pathname === UPLOAD_PATH && req.method === 'POST' && options.dev) {
        // The H5 stand-in for wx.cloud.uploadFile (fulfilment photos); weapp uploads to cloud storage directly.
        const openid = req.headers['x-dev-openid']
        if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-Dev-Openid header missing or malformed' } })
        return handleUpload(req, res, url, openid, admin, sendJson)
      }
      if ((url.pathname === '/dev/generate' || url.pathname === '/dev/outbox' || url.pathname === SUBSCRIPTIONS_PATH) && options.dev && !fromThisMachine(req, port)) {
        return forbidden(res, `the dev endpoints answer only this machine's own pages and scripts that send the ${DEV_HEADER}: 1 header`)
      }
      if (url.pathname === '/dev/generate' && req.method === 'POST' && options.dev) {
        // The scale bench's community (cloud/runtime/generate.ts): written into this runtime's own store, which no
        // other process may open while it runs.
        let body: GenerateOptions
        try {
          body = JSON.parse((await readBody(req)) || '{}') as GenerateOptions
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'request body is not JSON' } })
        }
        const started = Date.now()
        const made = generateCommunity(
          { docs: (collection) => cloudbase.documents(collection), applyBatch: (writes) => cloudbase.writeDocuments(writes.map(({ coll, doc }) => ({ collection: coll, doc }))) },
          { ...body, now: new Date() },
        )
        return sendJson(res, 200, { ok: true, data: { ...made, ms: Date.now() - started } })
      }
      if (url.pathname === SUBSCRIPTIONS_PATH && req.method === 'POST' && options.dev) {
        // The H5 stand-in for wx.requestSubscribeMessage's 允许: the caller (dev identity) accepts these templates, one
        // more message each, as WeChat records them; the server refuses a send without one (43101).
        const openid = req.headers['x-dev-openid']
        if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-Dev-Openid header missing or malformed' } })
        let templateIds: unknown
        try {
          templateIds = (JSON.parse(await readBody(req)) as { templateIds?: unknown }).templateIds
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'request body is not JSON' } })
        }
        // wx.requestSubscribeMessage takes one to three template ids at a time.
        if (!Array.isArray(templateIds) || templateIds.length < 1 || templateIds.length > 3 || !templateIds.every((id) => typeof id === 'string' && id !== '' && id.length <= 128)) {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'templateIds: one to three template ids' } })
        }
        try {
          cloudbase.acceptSubscription(openid, templateIds as string[])
        } catch (error) {
          return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: (error as Error).message } })
        }
        return sendJson(res, 200, { ok: true, data: cloudbase.subscriptions(openid).map(({ templateId, count }) => ({ templateId, count })) })
      }
      if (url.pathname === '/dev/outbox' && options.dev) {
        // Newest first, as WeChat would have received them (subscribe messages, content checks).
        return sendJson(res, 200, cloudbase.outbox().slice(-100).reverse())
      }
      if (url.pathname.startsWith('/files/')) {
        // Only with a signature from getTempFileURL: the URL a function handed to someone allowed to see the file.
        const bytes = cloudbase.download(url.pathname.slice('/files/'.length), url.searchParams)
        if (!bytes) return forbidden(res, 'file URL is not signed or has expired')
        const ext = path.extname(url.pathname).toLowerCase()
        res.writeHead(200, { 'Content-Type': MIME[ext] ?? 'application/octet-stream', 'Cache-Control': 'private, no-store', 'Content-Length': bytes.length })
        return res.end(bytes)
      }
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true })
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveFile(res, options.staticDir, url.pathname, 'index.html')
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'not found' } })
    })().catch((error: unknown) => {
      console.error('[runtime]', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'local runtime error' } })
    })
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, '127.0.0.1', resolve)
    })
  } catch (error) {
    await cloud.close()
    throw error
  }
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : options.port
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    cloud,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await cloud.close()
    },
  }
}
