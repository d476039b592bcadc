import fs from 'node:fs'
import http from 'node:http'
import Module from 'node:module'
import path from 'node:path'
import { FUNCTION_NAMES, type FunctionName } from '../contracts/define'
import type { Envelope } from '../contracts/envelope'
import sdk, { configureLocalCloud, localCloud, OUTBOX, runAs, verifyFileURL } from './sdk'
import { generateCommunity, type GenerateOptions } from './generate'
import { DEMO_USERS, seedDemo } from './seed'
import { handleUpload, UPLOAD_PATH } from './upload'

/**
 * The local runtime: our cloud functions' deployable bundles (cloudfunctions/<name>/index.js), run unchanged with
 * `wx-server-sdk` resolved to the local SDK, behind POST /fn/<name>; plus the H5 build. Bound to 127.0.0.1 only.
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
}

type Main = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>

const SDK_ID = path.join(__dirname, 'wx-server-sdk.local.js')

/** Makes `require('wx-server-sdk')` inside the function bundles return the local SDK instance. */
function provideLocalSdk(): void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> }
  const original = loader._resolveFilename
  loader._resolveFilename = function resolve(request: string, ...rest: unknown[]) {
    return request === 'wx-server-sdk' ? SDK_ID : original.call(this, request, ...rest)
  }
  const mod = new Module(SDK_ID)
  mod.filename = SDK_ID
  mod.loaded = true
  mod.exports = Object.assign({}, sdk, { default: sdk, __esModule: true })
  loader._cache[SDK_ID] = mod
}

function loadFunctions(dir: string): Map<FunctionName, Main> {
  const out = new Map<FunctionName, Main>()
  for (const name of FUNCTION_NAMES) {
    const file = path.resolve(dir, name, 'index.js')
    if (!fs.existsSync(file)) throw new Error(`cloud function ${name} is not built: ${file} is missing (run npm run build:cloud)`)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundles are CommonJS, loaded at run time
    out.set(name, (require(file) as { main: Main }).main)
  }
  return out
}

export async function reseed(): Promise<void> {
  const { store, db } = localCloud()
  store.dropAll()
  await seedDemo(db)
}

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

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

export async function startRuntime(options: RuntimeOptions): Promise<{ server: http.Server; url: string; close: () => Promise<void> }> {
  const { db } = configureLocalCloud({ dataDir: options.dataDir })
  const { total } = await db.collection('areas').count()
  if (total === 0) await seedDemo(db)
  provideLocalSdk()
  const functions = loadFunctions(options.functionsDir)

  let port = options.port
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const fnMatch = /^\/fn\/([a-z]+)$/.exec(url.pathname)
      if (fnMatch && req.method === 'POST') {
        const main = functions.get(fnMatch[1] as FunctionName)
        if (!main) return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: `no cloud function ${fnMatch[1]}` } })
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
        const result = await runAs(openid, () => main(event, {}))
        return sendJson(res, 200, result)
      }
      if (url.pathname === '/dev/users' && options.dev) {
        return sendJson(res, 200, DEMO_USERS.map(({ openid, name, description }) => ({ openid, name, description })))
      }
      if (url.pathname === UPLOAD_PATH && req.method === 'POST' && options.dev) {
        // The H5 stand-in for wx.cloud.uploadFile (fulfilment photos); weapp uploads to cloud storage directly.
        const openid = req.headers['x-dev-openid']
        if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-Dev-Openid header missing or malformed' } })
        return handleUpload(req, res, url, openid, db, sendJson)
      }
      if ((url.pathname === '/dev/generate' || url.pathname === '/dev/outbox') && options.dev && !fromThisMachine(req, port)) {
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
        const made = generateCommunity(localCloud().store, { ...body, now: new Date() })
        return sendJson(res, 200, { ok: true, data: { ...made, ms: Date.now() - started } })
      }
      if (url.pathname === '/dev/outbox' && options.dev) {
        const { data } = await db.collection(OUTBOX).orderBy('at', 'desc').limit(100).get()
        return sendJson(res, 200, data)
      }
      if (url.pathname.startsWith('/files/') && options.dataDir) {
        // Only with a signature from getTempFileURL: the URL a function handed to someone allowed to see the file.
        let filePath: string
        try {
          filePath = decodeURIComponent(url.pathname.slice('/files/'.length))
        } catch {
          return forbidden(res, 'file URL is not signed')
        }
        if (!verifyFileURL(filePath, url.searchParams.get('expires'), url.searchParams.get('sign'))) return forbidden(res, 'file URL is not signed or has expired')
        return serveFile(res, path.join(options.dataDir, 'files'), url.pathname.slice('/files'.length), null)
      }
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true })
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveFile(res, options.staticDir, url.pathname, 'index.html')
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'not found' } })
    })().catch((error: unknown) => {
      console.error('[runtime]', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'local runtime error' } })
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve))
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : options.port
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          localCloud().store.close()
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
