import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { DatabaseService } from './database'
import type { Doc } from './ejson'
import { CloudBaseError, refuse } from './errors'
import { FunctionsService, type InvokeHandler } from './functions'
import { IndexCheck, type IndexCheckOptions } from './indexes'
import { callerOf, parseMultipart, readBody, sendBytes, sendJson } from './http'
import { Limits, NO_LIMITS, type FidelityLimits, type LimitCounters } from './limits'
import { decodeRequestData, encodeResponse, OpenApiService, type SubscriptionCounters } from './openapi'
import { DocumentStore, type Change, type StoreCheckpoint, type SubscriptionBalance } from './store'
import { DOWNLOAD_PREFIX, StorageService, UPLOAD_PREFIX } from './storage'
import { Transactions, type TransactionCounters } from './transactions'

export { CloudBaseError, refuse, SDK_ERR_CODE, TRANSACTION_CONFLICT_MESSAGE } from './errors'
export { BASE_PLAN, NO_LIMITS, type FidelityLimits } from './limits'
export { readIndexes, type DeclaredIndexes, type IndexCheckOptions } from './indexes'
export { checkSubscribeData, SUBSCRIBE_REFUSED } from './openapi'
export type { InvokeHandler } from './functions'
export type { Change, SubscriptionBalance } from './store'

/**
 * A local CloudBase server that the real wx-server-sdk talks to: point `cloud.init({ serviceUrl })` (or, for an
 * unchanged function bundle, the environment from `instanceEnv`) at it. It answers the database, transaction, storage,
 * openapi and function-call actions the SDK sends, as strictly as the cloud does. See docs/cloud-fidelity.md.
 */
export interface FunctionConfig {
  permissions?: { openapi?: readonly string[] }
}

export interface CloudBaseOptions {
  /** The environment id (default `local`). */
  env?: string
  /** SQLite file, or `:memory:` (default). */
  database?: string
  /** Folder for cloud storage; null (default) keeps files in memory. */
  filesDir?: string | null
  bucket?: string
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number
  /** Every function's config.json, by name (see readFunctionConfigs). An openapi call must come from one of them. */
  functions?: Readonly<Record<string, FunctionConfig>>
  subscribeTemplates?: Readonly<Record<string, readonly string[]>>
  riskyWords?: readonly string[]
  /** CloudBase aborts a transaction older than 30 s; tests may shorten it. */
  transactionLifetimeMs?: number
  limits?: Partial<FidelityLimits>
  /** The declared indexes (cloud/indexes.json, `readIndexes`) and what to do with a query none covers; absent = no check. */
  indexes?: IndexCheckOptions
  /**
   * Where temporary file URLs point, ending in `/` (default this server's `/storage/files/`). A local runtime hands
   * out its own `/files/` and answers them with `download`.
   */
  filesUrl?: () => string
  /** Hold the SQLite file's exclusive lock while open (default true): one process owns a data folder. */
  exclusive?: boolean
  /** The function WeChat's message push (`wxa_media_check`) goes to; default the one that asked for the check. */
  messagePushFunction?: string
  /** How long after security.mediaCheckAsync its verdict is pushed (default 50 ms). */
  messagePushDelayMs?: number
}

/** One request as the server received it, for a test's `intercept` hook. */
export interface InterceptedRequest {
  action: string
  /** The function that called (`/admin/<name>`), or null. */
  functionName: string | null
  /** The JSON body (database, storage and function actions). */
  body: Record<string, unknown>
  /** For `wx.openApi`: the API and its decoded parameters. */
  apiName?: string
  params?: Record<string, unknown>
}

/**
 * A test's hook on every request: return nothing to let it through; throw a CloudBaseError to answer with that error
 * (a database that fails, as a full disk would); for `wx.openApi`, return WeChat's JSON (`{ errcode: 43101, errmsg }`)
 * to answer with it instead (a person who refused the message).
 */
export type Intercept = (request: InterceptedRequest) => Record<string, unknown> | undefined

/** What a test puts back between cases: the documents, the outbox, the subscription ledger and the files in memory. */
export interface Checkpoint {
  store: StoreCheckpoint
  files: ReadonlyMap<string, Buffer>
}

export interface CloudBaseCounters {
  limits: LimitCounters
  transactions: TransactionCounters
  subscriptions: SubscriptionCounters
}

export interface CloudBase {
  readonly env: string
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** The serviceUrl for `cloud.init`: `/admin/<functionName>` lets the server check that function's openapi permissions. */
  serviceUrl(functionName?: string): string
  /**
   * The process environment a cloud instance has, so that an unchanged bundle's `cloud.init({ env:
   * cloud.DYNAMIC_CURRENT_ENV })` reaches this server and `getWXContext()` names the caller. Set it before the call
   * (one call per instance at a time, as in the cloud).
   */
  instanceEnv(functionName: string, caller?: { openid?: string; appid?: string; unionid?: string; source?: string }): Record<string, string>
  /** Creates collections as the deploy's setup step does (a collection must exist before any other action uses it). */
  createCollections(names: readonly string[]): void
  /** Committed documents of a collection (for assertions; mutate nothing). */
  documents(collection: string): Doc[]
  outbox(): Doc[]
  clearOutbox(): void
  /**
   * Records that `openid` tapped 允许 for these templates in wx.requestSubscribeMessage: each allows one more
   * subscribeMessage.send of that template to them (they add up); a send without one is refused 43101. Throws for an
   * unknown template id when the server was given its templates.
   */
  acceptSubscription(openid: string, templateIds: readonly string[]): void
  /** The acceptances left, of one person or of everyone (a used-up one stays at 0). */
  subscriptions(openid?: string): SubscriptionBalance[]
  /**
   * Writes whole documents straight into the committed state, outside any transaction, in one SQLite transaction
   * (what an import tool does; the dev-only community generator uses it). The collections must exist.
   */
  writeDocuments(writes: readonly { collection: string; doc: Doc }[]): void
  /** Drops every document, the outbox and the subscription ledger, keeping the collections (re-seeding a local runtime). */
  clear(): void
  /** The bytes behind a temporary URL (`<path>` is the URL's path after `filesUrl`), or null when forged, expired or gone. */
  download(urlPath: string, query: URLSearchParams): Buffer | null
  /** How `functions.invokeFunction` runs a function. */
  onInvoke(handler: InvokeHandler | null): void
  /** Claims an instance of a function for one call (refused past the instance quota); returns the release. */
  claimInstance(functionName: string): () => void
  /** The fidelity limits in force; change them at any time. */
  readonly limits: FidelityLimits
  counters(): CloudBaseCounters
  /** Tests: the state now (documents, outbox, subscription ledger, files in memory). */
  checkpoint(): Checkpoint
  /** Tests: aborts open transactions, drops pending message pushes, and puts the checkpoint's state back. */
  rollback(checkpoint: Checkpoint): void
  /** Tests: how many commits the database has made (a call that wrote anything moves it). */
  commits(): number
  /** Tests: every document that differs from the checkpoint. */
  changesSince(checkpoint: Checkpoint): Change[]
  /** Tests: resolves once every message push asked for so far has been delivered and answered. */
  settle(): Promise<void>
  /** Tests: a hook on every request (null removes it). */
  intercept(hook: Intercept | null): void
  /** Tests: hold WeChat's message pushes (image verdicts) while true, to see the state before them; false sends them. */
  holdPushes(hold: boolean): void
  /** The cloud paths in storage now. */
  storedPaths(): string[]
  close(): Promise<void>
}

/** Every function folder's config.json (`<dir>/<name>/config.json`; a function without one declares nothing). */
export function readFunctionConfigs(dir: string): Record<string, FunctionConfig> {
  const out: Record<string, FunctionConfig> = {}
  for (const name of fs.readdirSync(dir)) {
    const folder = path.join(dir, name)
    if (!fs.statSync(folder).isDirectory()) continue
    const file = path.join(folder, 'config.json')
    out[name] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : {}
  }
  return out
}

export async function startCloudBase(options: CloudBaseOptions = {}): Promise<CloudBase> {
  const env = options.env ?? 'local'
  const store = new DocumentStore(options.database ?? ':memory:', { exclusive: options.exclusive })
  const transactions = new Transactions(store, { lifetimeMs: options.transactionLifetimeMs ?? 30_000 })
  const limits = new Limits({ ...NO_LIMITS, ...options.limits })
  const database = new DatabaseService(store, transactions, env, options.indexes ? new IndexCheck(options.indexes) : null)
  const functions = new FunctionsService(limits)
  const functionConfigs = options.functions ?? {}
  // WeChat's message push (the verdict of an asynchronous image check), delivered a moment later through invokeFunction.
  const pushes = new Set<NodeJS.Timeout>()
  const delivering = new Set<Promise<unknown>>()
  let hook: Intercept | null = null
  // Tests: message pushes asked for while held wait here, and go out (a moment later, as ever) when released.
  let held: [string, Record<string, unknown>][] | null = null
  const openapi = new OpenApiService(store, {
    permissions: (name) => (name in functionConfigs ? (functionConfigs[name].permissions?.openapi ?? []) : undefined),
    subscribeTemplates: options.subscribeTemplates,
    riskyWords: options.riskyWords,
    messagePushFunction: options.messagePushFunction,
    fetchMedia(url) {
      const base = options.filesUrl ? options.filesUrl() : `${baseUrl}${DOWNLOAD_PREFIX}`
      if (!url.startsWith(base)) return null
      const [urlPath, query = ''] = url.slice(base.length).split('?')
      return storage.download(`${DOWNLOAD_PREFIX}${urlPath}`, new URLSearchParams(query))
    },
    push: (functionName, event) => openapiPush(functionName, event),
  })
  function openapiPush(functionName: string, event: Record<string, unknown>): void {
    if (held) return void held.push([functionName, event])
    const timer = setTimeout(() => {
      pushes.delete(timer)
      const delivery = functions
        .invoke({ function_name: functionName, request_data: JSON.stringify(event) })
        .catch((error: unknown) => console.error('[cloudbase] message push', functionName, error))
        .finally(() => delivering.delete(delivery))
      delivering.add(delivery)
    }, options.messagePushDelayMs ?? 50)
    pushes.add(timer)
  }
  let baseUrl = ''
  const storage = new StorageService({ env, bucket: options.bucket ?? `${env}-1250000000`, dir: options.filesDir ?? null, baseUrl: () => baseUrl, downloadBase: options.filesUrl })

  async function answer(action: string, functionName: string | null, body: Record<string, unknown>, multipart: Map<string, Buffer> | null): Promise<Record<string, unknown> | Buffer> {
    if (hook) {
      const apiName = action === 'wx.openApi' ? (multipart?.get('apiName')?.toString('utf8') ?? '') : undefined
      const params = apiName === undefined ? undefined : decodeRequestData(multipart?.get('requestData') ?? Buffer.alloc(0))
      const answered = hook({ action, functionName, body, apiName, params })
      if (answered && apiName !== undefined) return encodeResponse({ json: answered })
    }
    if (action.startsWith('database.')) {
      limits.admitDatabaseOp()
      return database.handle(action, body, { administrator: functionName === null })
    }
    switch (action) {
      case 'storage.getUploadMetadata':
        return storage.getUploadMetadata(body)
      case 'storage.batchGetDownloadUrl':
        return storage.batchGetDownloadUrl(body)
      case 'storage.batchDeleteFile':
        return storage.batchDeleteFile(body)
      case 'functions.invokeFunction':
        return functions.invoke(body)
      case 'wx.openApi': {
        const apiName = multipart?.get('apiName')?.toString('utf8') ?? ''
        return openapi.handle(functionName, apiName, multipart?.get('requestData') ?? Buffer.alloc(0))
      }
      default:
        throw refuse.unknownAction(action)
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.method === 'PUT' && url.pathname.startsWith(UPLOAD_PREFIX)) {
        const { status, body } = storage.upload(url.pathname, url.searchParams, await readBody(req))
        return sendBytes(res, status, 'application/xml', body)
      }
      if (req.method === 'GET' && url.pathname.startsWith(DOWNLOAD_PREFIX)) {
        const bytes = storage.download(url.pathname, url.searchParams)
        return bytes ? sendBytes(res, 200, 'application/octet-stream', bytes) : sendBytes(res, 404, 'application/xml', '<Error><Code>NoSuchKey</Code></Error>')
      }
      const caller = callerOf(url.pathname)
      if (req.method !== 'POST' || !caller.ok) return sendJson(res, 404, { code: 'INVALID_PARAM', message: `no such endpoint: ${req.method} ${url.pathname}` })
      const requestId = randomBytes(8).toString('hex')
      const raw = await readBody(req)
      const contentType = req.headers['content-type'] ?? ''
      const multipart = contentType.startsWith('multipart/form-data') ? parseMultipart(raw, contentType) : null
      let body: Record<string, unknown> = {}
      try {
        body = multipart ? { action: multipart.get('action')?.toString('utf8') } : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
      } catch {
        return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON', requestId })
      }
      const action = typeof body.action === 'string' ? body.action : ''
      limits.count(action === 'wx.openApi' ? `wx.openApi:${multipart?.get('apiName')?.toString('utf8') ?? ''}` : action)
      await limits.delay()
      const started = performance.now()
      try {
        const result = await answer(action, caller.functionName, body, multipart)
        if (Buffer.isBuffer(result)) return sendBytes(res, 200, 'application/octet-stream', result)
        return sendJson(res, 200, { ...result, requestId })
      } catch (error) {
        if (!(error instanceof CloudBaseError)) console.error('[cloudbase]', action, error)
        const code = error instanceof CloudBaseError ? error.code : 'SYS_ERR'
        return sendJson(res, 200, { code, message: (error as Error).message, requestId })
      } finally {
        limits.counters.serverMs += performance.now() - started
      }
    })().catch((error: unknown) => {
      console.error('[cloudbase]', error)
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'local CloudBase server error' })
    })
  })
  server.keepAliveTimeout = 30_000

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`

  return {
    env,
    url: baseUrl,
    serviceUrl: (functionName) => `${baseUrl}/admin${functionName ? `/${functionName}` : ''}`,
    instanceEnv(functionName, caller = {}) {
      const context: Record<string, string> = {}
      if (caller.openid !== undefined) context.WX_OPENID = caller.openid
      context.WX_APPID = caller.appid ?? 'wx-local-app'
      if (caller.unionid !== undefined) context.WX_UNIONID = caller.unionid
      return {
        // As in a cloud instance: the SDK then neither probes Tencent's metadata host nor needs keys of its own.
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        SCF_NAMESPACE: env,
        TCB_ENV: env,
        TENCENTCLOUD_SECRETID: 'local',
        TENCENTCLOUD_SECRETKEY: 'local',
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin/${functionName}` }),
        TCB_SOURCE: caller.source ?? 'wx_client',
        WX_CONTEXT_KEYS: Object.keys(context).join(','),
        ...context,
      }
    },
    createCollections(names) {
      for (const name of names) if (!store.hasCollection(name)) store.addCollection(name)
    },
    documents: (collection) => store.documents(collection),
    outbox: () => store.outbox(),
    clearOutbox: () => store.clearOutbox(),
    acceptSubscription: (openid, templateIds) => openapi.acceptSubscription(openid, templateIds),
    subscriptions: (openid) => store.subscriptions(openid),
    writeDocuments(writes) {
      for (const { collection } of writes) if (!store.hasCollection(collection)) throw refuse.collectionMissing(collection)
      store.commit(writes.map(({ collection, doc }) => ({ collection, id: doc._id, doc })))
    },
    clear: () => store.clear(),
    download: (urlPath, query) => storage.download(`${DOWNLOAD_PREFIX}${urlPath.replace(/^\/+/, '')}`, query),
    onInvoke: (handler) => functions.register(handler),
    claimInstance: (name) => limits.claimInstance(name),
    limits: limits.settings,
    counters: () => ({ limits: limits.counters, transactions: transactions.counters, subscriptions: openapi.subscriptionCounters }),
    checkpoint: () => ({ store: store.checkpoint(), files: storage.memorySnapshot() }),
    rollback(checkpoint) {
      transactions.abortAll()
      for (const timer of pushes) clearTimeout(timer)
      pushes.clear()
      held = null
      store.rollback(checkpoint.store)
      storage.restoreMemory(checkpoint.files)
    },
    changesSince: (checkpoint) => store.changesSince(checkpoint.store),
    commits: () => store.currentSequence,
    async settle() {
      while (pushes.size > 0 || delivering.size > 0) {
        if (delivering.size > 0) await Promise.all([...delivering])
        else await new Promise((resolve) => setTimeout(resolve, 5))
      }
    },
    intercept(next) {
      hook = next
    },
    holdPushes(hold) {
      if (hold) {
        held ??= []
        return
      }
      const waiting = held ?? []
      held = null
      for (const [functionName, event] of waiting) openapiPush(functionName, event)
    },
    storedPaths: () => storage.paths(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pushes) clearTimeout(timer)
        pushes.clear()
        transactions.close()
        server.close(() => {
          store.close()
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
