import { AsyncLocalStorage } from 'node:async_hooks'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { CloudSdk, MediaCheckAsyncInput, MsgSecCheckInput, SubscribeMessage, WxContext } from '../lib/sdk'
import { createDatabase, DocStore, type Database } from './db'

/**
 * The local stand-in for wx-server-sdk: the same interface (CloudSdk), backed by SQLite, a folder of files and an
 * outbox instead of WeChat's servers. Functions cannot tell the difference; anything outside CloudSdk is absent,
 * so a function that reaches for it fails loudly here before it could behave differently in the cloud.
 */
interface LocalCloud {
  store: DocStore
  db: Database
  filesDir: string | null
  /** Storage of the in-memory cloud (tests): files by cloud path, gone with the process. */
  memoryFiles: Map<string, Buffer>
}

let local: LocalCloud | null = null
const identity = new AsyncLocalStorage<WxContext>()

export const OUTBOX = '__outbox'

export function configureLocalCloud(options: { dataDir: string | null }): LocalCloud {
  local?.store.close()
  const file = options.dataDir ? path.join(options.dataDir, 'cloud.sqlite') : ':memory:'
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true })
  const store = new DocStore(file)
  local = { store, db: createDatabase(store), filesDir: options.dataDir ? path.join(options.dataDir, 'files') : null, memoryFiles: new Map() }
  return local
}

export function localCloud(): LocalCloud {
  if (!local) throw new Error('local cloud is not configured: call configureLocalCloud() first')
  return local
}

/** Runs `fn` as the given WeChat user: what getWXContext() returns inside. */
export function runAs<T>(openid: string, fn: () => T): T {
  return identity.run({ OPENID: openid, APPID: 'local-dev', ENV: 'local' }, fn)
}

/**
 * The local content check. WeChat's msgSecCheck uses models we cannot run here; this list covers the categories the
 * cloud refuses (gambling, drugs, pornography, fraud, violence) so the refusal path is exercised end to end.
 */
const RISKY_WORDS = ['赌博', '博彩', '毒品', '冰毒', '色情', '裸聊', '诈骗', '刷单', '枪支', '办证', 'gambling', 'casino', 'cocaine', 'porn']

export function localContentRisk(content: string): boolean {
  const lower = content.toLowerCase()
  return RISKY_WORDS.some((word) => lower.includes(word))
}

const FIELD_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5 }

/** WeChat refuses a subscribe message whose fields break the template's limits; we refuse the same way. */
function checkSubscribeMessage(message: SubscribeMessage): void {
  for (const [field, { value }] of Object.entries(message.data)) {
    const kind = field.replace(/\d+$/, '')
    const limit = FIELD_LIMITS[kind]
    if (limit !== undefined && [...value].length > limit) throw new Error(`openapi.subscribeMessage.send:fail argument invalid! data.${field}.value exceeds ${limit} characters`)
  }
}

/**
 * Local temp file URLs are signed like the cloud's (`?expires=…&sign=…`): an HMAC over the path and the expiry with a
 * key made when this process starts, so `/files/` serves a file only to someone a function gave its URL to, and only
 * for a while. A restart voids every URL handed out before it.
 */
const FILE_URL_KEY = randomBytes(32)
export const FILE_URL_TTL_MS = 15 * 60 * 1000

function fileSignature(filePath: string, expires: number): Buffer {
  return createHmac('sha256', FILE_URL_KEY).update(`${filePath}\n${expires}`).digest()
}

/** `/files/<path>?expires=<ms>&sign=<hex>` for a path inside the files folder. */
export function signedFileURL(filePath: string, expires = Date.now() + FILE_URL_TTL_MS): string {
  return `/files/${filePath}?expires=${expires}&sign=${fileSignature(filePath, expires).toString('hex')}`
}

/** True when `sign` is this process's signature of the path and expiry, and the expiry has not passed. */
export function verifyFileURL(filePath: string, expires: string | null, sign: string | null): boolean {
  if (!expires || !sign || !/^\d{1,15}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sign)) return false
  if (Number(expires) <= Date.now()) return false
  return timingSafeEqual(fileSignature(filePath, Number(expires)), Buffer.from(sign, 'hex'))
}

/**
 * The local image check (security.mediaCheckAsync): WeChat's models cannot run here, so an image is risky when its
 * stored bytes carry RISKY_IMAGE_MARKER (tests append it to a real PNG); everything else passes. As in the cloud, the
 * call answers only a trace id and the verdict comes a moment later as a `wxa_media_check` push to the function the
 * environment's message push names (MEDIA_CHECK_PUSH_FUNCTION), with no caller's identity.
 */
export const RISKY_IMAGE_MARKER = 'LINLITING-RISKY-IMAGE'
export const MEDIA_CHECK_PUSH_FUNCTION = 'account'
export const MEDIA_CHECK_DELAY_MS = 20
const pendingPushes = new Set<Promise<unknown>>()

/** Resolves once every image check asked so far has had its verdict pushed (tests wait for "a moment later"). */
export async function settleMediaChecks(): Promise<void> {
  while (pendingPushes.size > 0) await Promise.all([...pendingPushes])
}

function storedBytesOfUrl(url: string): Buffer | null {
  const match = /^\/files\/([^?#]+)/.exec(url)
  if (!match) return null
  const cloudPath = decodeURIComponent(match[1])
  const { filesDir, memoryFiles } = localCloud()
  if (!filesDir) return memoryFiles.get(cloudPath) ?? null
  const target = path.resolve(filesDir, cloudPath)
  return target.startsWith(path.resolve(filesDir) + path.sep) && fs.existsSync(target) ? fs.readFileSync(target) : null
}

function pushMediaCheck(input: MediaCheckAsyncInput, traceId: string): void {
  const bytes = storedBytesOfUrl(input.mediaUrl)
  const risky = bytes === null || bytes.includes(RISKY_IMAGE_MARKER)
  const suggest = risky ? 'risky' : 'pass'
  const label = risky ? 20002 : 100
  const event = {
    ToUserName: 'gh_local',
    FromUserName: 'local-push-service',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'local-dev',
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
  }
  // Resolved now (the function is loaded already), delivered later; a push for a cloud that was configured afresh is dropped.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the function imports this SDK: loaded on use, not at the top
  const { main } = require(`../functions/${MEDIA_CHECK_PUSH_FUNCTION}`) as { main: (event: unknown) => Promise<unknown> }
  const cloud = local
  // WeChat's push carries no resident's identity: leave the caller's context behind.
  const push = identity.run({}, () =>
    new Promise((resolve) => setTimeout(resolve, MEDIA_CHECK_DELAY_MS)).then(() => (local === cloud ? main(event) : undefined)),
  )
  const tracked = push.catch((error: unknown) => console.error('[local wxa_media_check push]', error)).finally(() => pendingPushes.delete(tracked))
  pendingPushes.add(tracked)
}

async function record(kind: string, payload: unknown): Promise<void> {
  await localCloud().db.collection(OUTBOX).add({ data: { kind, payload, at: new Date() } })
}

const sdk: CloudSdk = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init() {},
  database() {
    return localCloud().db
  },
  getWXContext() {
    return identity.getStore() ?? {}
  },
  openapi: {
    subscribeMessage: {
      async send(message) {
        checkSubscribeMessage(message)
        await record('subscribeMessage', message)
        return { errCode: 0 }
      },
    },
    security: {
      async msgSecCheck(input: MsgSecCheckInput) {
        const risky = localContentRisk(input.content)
        await record('msgSecCheck', { content: input.content.slice(0, 200), suggest: risky ? 'risky' : 'pass' })
        return { errCode: 0, result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } }
      },
      async mediaCheckAsync(input: MediaCheckAsyncInput) {
        if (input.mediaType !== 2 || input.version !== 2 || !input.openid || ![1, 2, 3, 4].includes(input.scene)) {
          throw new Error('openapi.security.mediaCheckAsync:fail argument invalid!')
        }
        const traceId = `local-${randomBytes(8).toString('hex')}`
        await record('mediaCheckAsync', { mediaUrl: input.mediaUrl.split('?')[0], scene: input.scene, openid: input.openid, traceId })
        pushMediaCheck(input, traceId)
        return { errCode: 0, traceId }
      },
    },
  },
  async uploadFile({ cloudPath, fileContent }) {
    const { filesDir, memoryFiles } = localCloud()
    if (!filesDir) {
      if (cloudPath.startsWith('/') || cloudPath.split('/').includes('..')) throw new Error('uploadFile:fail invalid cloudPath')
      memoryFiles.set(cloudPath, Buffer.from(fileContent))
      return { fileID: `cloud://local/${cloudPath}` }
    }
    const target = path.resolve(filesDir, cloudPath)
    if (!target.startsWith(path.resolve(filesDir) + path.sep)) throw new Error('uploadFile:fail invalid cloudPath')
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, fileContent)
    return { fileID: `cloud://local/${cloudPath}` }
  },
  async getTempFileURL({ fileList }) {
    return { fileList: fileList.map((fileID) => ({ fileID, tempFileURL: signedFileURL(fileID.replace(/^cloud:\/\/local\//, '')), status: 0 })) }
  },
  async downloadFile({ fileID }) {
    const { filesDir, memoryFiles } = localCloud()
    const cloudPath = fileID.startsWith('cloud://local/') ? fileID.slice('cloud://local/'.length) : null
    const missing = () => new Error(`downloadFile:fail storage file not exists: ${fileID}`)
    if (cloudPath === null) throw missing()
    if (!filesDir) {
      const content = memoryFiles.get(cloudPath)
      if (!content) throw missing()
      return { fileContent: Buffer.from(content) }
    }
    const target = path.resolve(filesDir, cloudPath)
    if (!target.startsWith(path.resolve(filesDir) + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile()) throw missing()
    return { fileContent: fs.readFileSync(target) }
  },
  async deleteFile({ fileList }) {
    const { filesDir, memoryFiles } = localCloud()
    return {
      fileList: fileList.map((fileID) => {
        memoryFiles.delete(fileID.replace(/^cloud:\/\/local\//, ''))
        if (filesDir) fs.rmSync(path.resolve(filesDir, fileID.replace(/^cloud:\/\/local\//, '')), { force: true })
        return { fileID, status: 0 }
      }),
    }
  },
}

export default sdk
