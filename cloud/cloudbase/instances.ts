import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { CloudBase } from './index'

/**
 * Cloud function instances: each deployable bundle (`cloudfunctions/<name>/index.js`, built by
 * scripts/build-cloud.mjs with wx-server-sdk kept external) runs with the real wx-server-sdk in a pool of worker
 * threads, one worker being one instance that serves one call at a time — as the cloud does, so `getWXContext()` can
 * read the caller from the instance's own `process.env`.
 *
 * - Each worker starts with the server's `instanceEnv(name)`: the bundle's `cloud.init({ env: DYNAMIC_CURRENT_ENV })`
 *   reaches `/admin/<name>`, and `TENCENTCLOUD_RUNENV=SCF` keeps the SDK off Tencent's metadata host. Before each call
 *   the `WX_*` context keys are replaced by the caller's.
 * - At most `maxInstances` per function (default: the server's instance quota, else 20); further calls wait for a free
 *   instance. Each call claims an instance from the server (`claimInstance`), which refuses past its quota (-501004),
 *   as the cloud does when function-to-function calls already hold instances.
 * - A call that runs past the function's time limit (`config.json` `timeout` in seconds, default 3, as the cloud's)
 *   has its instance killed, as the cloud kills it, and rejects with errCode -504003; the next call starts a new one.
 * - `functions.invokeFunction` (cloud.callFunction inside a function) is routed to the pool; the callee runs without a
 *   caller's OPENID (source `scf`).
 */
export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  source?: string
}

export interface CallOutcome {
  result: unknown
  /** Transactions retried during the call (cloud/lib/transaction.ts counts them in the instance). */
  retries: number
  /** Time in the instance (ms), not counting the wait for one. */
  ms: number
}

export interface InstancesOptions {
  cloudbase: CloudBase
  /** The folder holding `<name>/index.js` and `<name>/config.json` (normally `cloudfunctions/`). */
  bundlesDir: string
  /** Instances per function; default the server's `instancesPerFunction`, or 20 when that is off. */
  maxInstances?: number
  /** Overrides the per-call time limit (ms) for every function. */
  timeoutMs?: number
  /** The instances' Date runs this far (ms) ahead of real time. Only Date moves. */
  clockOffsetMs?: number
  /**
   * Asked at each call, overriding clockOffsetMs: a test on a faked clock gives its instant, so the function sees the
   * test's clock — running from it, or stopped at it for the whole call (a test that stopped its clock expects every
   * Date in the call to read that instant, and successive calls never to go back in time).
   */
  clock?: () => CallClock
}

/** The clock of one call: `offsetMs` ahead of real time, or stopped at `stoppedAt` (ms since the epoch). */
export type CallClock = { offsetMs: number; stoppedAt?: undefined } | { stoppedAt: number; offsetMs?: undefined }

export interface InstanceCounters {
  started: number
  killed: number
  calls: number
  /** Calls refused because every instance the quota allows was busy. */
  refused: number
  /** Most instances of one function alive at once. */
  peak: Record<string, number>
}

export interface Instances {
  invoke(name: string, event: unknown, caller?: Caller): Promise<unknown>
  /** As invoke, with the call's retries and time. */
  call(name: string, event: unknown, caller?: Caller): Promise<CallOutcome>
  /** Starts instances ahead of a burst (cold starts otherwise count against the first calls). */
  warm(name: string, count: number): Promise<void>
  counters(): InstanceCounters
  close(): Promise<void>
}

export const DEFAULT_TIMEOUT_S = 3
const DEFAULT_MAX_INSTANCES = 20
export const TIMEOUT_ERR_CODE = -504003
/** The most of a function's answer the cloud hands back (1 MB; wx-server-sdk: -604001 "cloudfunction result size exceed limit"). */
export const MAX_RESULT_BYTES = 1024 * 1024

/** The instance's code: plain CommonJS, run in each worker (eval), requiring the bundle by absolute path. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const RETRIES = Symbol.for('linliting.transactionRetries')
// The instance's Date runs \`offset\` ms ahead of real time (fixed for the pool, or given with each call), or
// stands at \`stopped\` for a call made on a stopped clock.
let offset = workerData.clockOffsetMs || 0
let stopped = null
{
  const RealDate = Date
  const now = () => (stopped === null ? RealDate.now() + offset : stopped)
  globalThis.Date = class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now())
      else super(...args)
    }
    static now() {
      return now()
    }
  }
}
let main = null
try {
  main = require(workerData.bundle).main
  parentPort.postMessage({ type: 'ready' })
} catch (error) {
  parentPort.postMessage({ type: 'ready', error: String(error && error.stack || error) })
}
parentPort.on('message', async (message) => {
  for (const key of (process.env.WX_CONTEXT_KEYS || '').split(',')) if (key) delete process.env[key]
  Object.assign(process.env, message.context)
  if (message.clock) {
    offset = message.clock.offsetMs ?? 0
    stopped = message.clock.stoppedAt ?? null
  }
  globalThis[RETRIES] = 0
  const started = performance.now()
  try {
    // SCF's context argument, with the call's time limit (cloud/lib/patience.ts waits out the quota until near it).
    const context = { time_limit_in_ms: message.timeLimitMs, memory_limit_in_mb: 256, function_name: workerData.name, request_id: String(message.id) }
    const result = await main(JSON.parse(message.event), context)
    // The caller gets JSON, as from the cloud (a Date arrives as its ISO string).
    const json = result === undefined ? undefined : JSON.stringify(result)
    parentPort.postMessage({ type: 'done', id: message.id, result: json, retries: globalThis[RETRIES], ms: performance.now() - started })
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id: message.id, message: String(error && error.message || error), retries: globalThis[RETRIES] })
  }
})
`

interface Pending {
  id: number
  clock?: CallClock
  /** The event as JSON text. */
  event: string
  context: Record<string, string>
  claimed: boolean
  resolve: (outcome: CallOutcome) => void
  reject: (error: Error) => void
}

interface Instance {
  worker: Worker
  ready: Promise<void>
  busy: Pending | null
}

function callError(message: string, errCode: number): Error {
  return Object.assign(new Error(message), { errCode })
}

function contextOf(caller: Caller): Record<string, string> {
  const context: Record<string, string> = {}
  if (caller.openid !== undefined) context.WX_OPENID = caller.openid
  context.WX_APPID = caller.appid ?? 'wx-local-app'
  if (caller.unionid !== undefined) context.WX_UNIONID = caller.unionid
  return { ...context, WX_CONTEXT_KEYS: Object.keys(context).join(','), TCB_SOURCE: caller.source ?? 'wx_client' }
}

class Pool {
  private readonly idle: Instance[] = []
  private readonly all = new Set<Instance>()
  private readonly queue: Pending[] = []
  private closed = false

  constructor(
    private readonly name: string,
    private readonly bundle: string,
    private readonly timeoutMs: number,
    private readonly maxInstances: () => number,
    private readonly cloudbase: CloudBase,
    private readonly counters: InstanceCounters,
    private readonly clockOffsetMs: number,
  ) {}

  submit(pending: Pending): void {
    if (this.closed) return pending.reject(new Error(`instances of ${this.name} are closed`))
    // With the server's instance quota on, a call that finds every instance busy is refused at once, as the cloud
    // refuses a synchronous call past a function's concurrency (-501004); the app waits in line (src/core/inLine.ts).
    // With it off the pool only bounds the worker threads, and the call waits for one.
    const quota = this.cloudbase.limits.instancesPerFunction
    if (quota > 0 && !pending.claimed && this.idle.length === 0 && this.all.size >= Math.min(quota, this.maxInstances())) {
      this.counters.refused++
      return pending.reject(callError(`callFunction:fail -501004 exceed concurrent request limit: function ${this.name} already runs ${quota} instances`, -501004))
    }
    this.queue.push(pending)
    this.pump()
  }

  async warm(count: number): Promise<void> {
    while (this.all.size < Math.min(count, this.maxInstances())) this.idle.push(this.spawn())
    await Promise.all([...this.all].map((instance) => instance.ready))
  }

  private spawn(): Instance {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bundle: this.bundle, name: this.name, clockOffsetMs: this.clockOffsetMs },
      env: { ...process.env, ...this.cloudbase.instanceEnv(this.name), SILENCE: 'true' },
    })
    let markReady: () => void = () => undefined
    let fail: (error: Error) => void = () => undefined
    const instance: Instance = { worker, busy: null, ready: new Promise<void>((resolve, reject) => ((markReady = resolve), (fail = reject))) }
    instance.ready.catch(() => undefined)
    this.all.add(instance)
    this.counters.started++
    this.counters.peak[this.name] = Math.max(this.counters.peak[this.name] ?? 0, this.all.size)
    worker.on('message', (message: { type: string; id?: number; result?: unknown; retries?: number; ms?: number; message?: string; error?: string }) => {
      if (message.type === 'ready') return message.error ? fail(new Error(`${this.name} failed to load: ${message.error}`)) : markReady()
      const call = instance.busy
      if (!call || call.id !== message.id) return
      // Settle first: that gives the server its instance back before the next call claims one.
      if (message.type !== 'done') call.reject(callError(`function ${this.name} failed: ${message.message}`, -504002))
      // The cloud hands back at most 1 MB of a function's answer (wx-server-sdk's error table, -604001).
      else if (typeof message.result === 'string' && Buffer.byteLength(message.result) > MAX_RESULT_BYTES) {
        call.reject(callError(`callFunction:fail -604001 cloudfunction result size exceed limit (1MB): ${this.name} answered ${Buffer.byteLength(message.result)} bytes`, -604001))
      } else call.resolve({ result: typeof message.result === 'string' ? JSON.parse(message.result) : undefined, retries: message.retries ?? 0, ms: message.ms ?? 0 })
      this.finish(instance)
    })
    worker.on('error', (error) => this.lose(instance, error))
    worker.on('exit', () => this.lose(instance, new Error(`instance of ${this.name} exited`)))
    return instance
  }

  /** The instance is gone (killed, crashed, exited): its call fails and the pool forgets it. */
  private lose(instance: Instance, error: Error): void {
    if (!this.all.delete(instance)) return
    const index = this.idle.indexOf(instance)
    if (index >= 0) this.idle.splice(index, 1)
    const call = instance.busy
    instance.busy = null
    if (call) call.reject(error)
    this.pump()
  }

  private finish(instance: Instance): void {
    instance.busy = null
    this.idle.push(instance)
    this.pump()
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let instance = this.idle.pop()
      if (!instance) {
        if (this.all.size >= this.maxInstances()) return
        instance = this.spawn()
      }
      const call = this.queue.shift() as Pending
      void this.run(instance, call)
    }
  }

  private async run(instance: Instance, call: Pending): Promise<void> {
    instance.busy = call
    let release: () => void = () => undefined
    try {
      if (!call.claimed) release = this.cloudbase.claimInstance(this.name)
      await instance.ready
    } catch (error) {
      release()
      instance.busy = null
      if (this.all.has(instance)) {
        if (error instanceof Error && error.message.includes('failed to load')) this.lose(instance, error)
        else this.finish(instance)
      }
      return call.reject(error as Error)
    }
    const timer = setTimeout(() => {
      this.counters.killed++
      const current = instance.busy
      instance.busy = null
      this.all.delete(instance)
      void instance.worker.terminate()
      current?.reject(callError(`Invoking task timed out after ${this.timeoutMs / 1000} seconds`, TIMEOUT_ERR_CODE))
      this.pump()
    }, this.timeoutMs)
    const settle = <T>(fn: (value: T) => void) => (value: T) => {
      clearTimeout(timer)
      release()
      fn(value)
    }
    const { resolve, reject } = call
    call.resolve = settle(resolve)
    call.reject = settle(reject)
    this.counters.calls++
    try {
      instance.worker.postMessage({ id: call.id, event: call.event, context: call.context, clock: call.clock, timeLimitMs: this.timeoutMs })
    } catch (error) {
      call.reject(callError(`function ${this.name} could not be called: ${(error as Error).message}`, -504002))
      this.finish(instance)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const call of this.queue.splice(0)) call.reject(new Error(`instances of ${this.name} are closed`))
    const instances = [...this.all]
    this.all.clear()
    this.idle.length = 0
    await Promise.all(instances.map((instance) => instance.worker.terminate()))
  }
}

/**
 * JSON.stringify, but without recursion when the value is deeper than the stack allows: a hostile client can send JSON
 * text nested ten thousand levels deep (the platform parses it; V8's JSON.parse does not recurse), and a test must be
 * able to send it too. Same output as JSON.stringify for what JSON carries.
 */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
  }
  const out: string[] = []
  const prepare = (item: unknown): unknown => (item && typeof (item as { toJSON?: unknown }).toJSON === 'function' ? (item as { toJSON: () => unknown }).toJSON() : item)
  const skipped = (item: unknown) => item === undefined || typeof item === 'function' || typeof item === 'symbol'
  type Frame = { entries: [string | null, unknown][]; index: number; close: string; wrote: boolean }
  const stack: Frame[] = []
  const open = (item: unknown): void => {
    if (Array.isArray(item)) {
      out.push('[')
      stack.push({ entries: item.map((entry) => [null, entry]), index: 0, close: ']', wrote: false })
    } else if (item !== null && typeof item === 'object') {
      out.push('{')
      stack.push({ entries: Object.entries(item), index: 0, close: '}', wrote: false })
    } else if (typeof item === 'number') out.push(Number.isFinite(item) ? String(item) : 'null')
    else out.push(JSON.stringify(item ?? null))
  }
  open(prepare(value))
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.index >= frame.entries.length) {
      out.push(frame.close)
      stack.pop()
      continue
    }
    const [key, raw] = frame.entries[frame.index++]
    const item = prepare(raw)
    if (key !== null && skipped(item)) continue
    if (frame.wrote) out.push(',')
    frame.wrote = true
    if (key !== null) out.push(`${JSON.stringify(key)}:`)
    open(skipped(item) ? null : item)
  }
  return out.join('')
}

/** The per-call time limit of a function: its config.json `timeout` (seconds), else the cloud's 3 s. */
export function timeoutOf(bundlesDir: string, name: string): number {
  const file = path.join(bundlesDir, name, 'config.json')
  if (!fs.existsSync(file)) return DEFAULT_TIMEOUT_S * 1000
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { timeout?: unknown }
  return typeof config.timeout === 'number' && config.timeout > 0 ? config.timeout * 1000 : DEFAULT_TIMEOUT_S * 1000
}

export function createInstances(options: InstancesOptions): Instances {
  const { cloudbase, bundlesDir } = options
  const counters: InstanceCounters = { started: 0, killed: 0, calls: 0, refused: 0, peak: {} }
  const pools = new Map<string, Pool>()
  let nextId = 1
  const maxInstances = () => options.maxInstances ?? (cloudbase.limits.instancesPerFunction || DEFAULT_MAX_INSTANCES)

  function poolOf(name: string): Pool {
    let pool = pools.get(name)
    if (!pool) {
      const bundle = path.join(path.resolve(bundlesDir), name, 'index.js')
      if (!/^[a-z][a-z0-9_-]*$/i.test(name) || !fs.existsSync(bundle)) throw callError(`function not found: ${name}`, -504001)
      pool = new Pool(name, bundle, options.timeoutMs ?? timeoutOf(bundlesDir, name), maxInstances, cloudbase, counters, options.clockOffsetMs ?? 0)
      pools.set(name, pool)
    }
    return pool
  }

  function call(name: string, event: unknown, caller: Caller, claimed: boolean): Promise<CallOutcome> {
    return new Promise<CallOutcome>((resolve, reject) => {
      // The event travels as JSON, as a call's data does to the cloud: what JSON cannot carry never reaches a function.
      let json: string
      try {
        json = toJson(event ?? {})
      } catch (error) {
        return reject(callError(`callFunction:fail the data is not JSON: ${(error as Error).message}`, -1))
      }
      poolOf(name).submit({ id: nextId++, clock: options.clock?.(), event: json, context: contextOf(caller), claimed, resolve, reject })
    })
  }

  // cloud.callFunction inside a function: the server has claimed the instance already.
  cloudbase.onInvoke(async (name, event) => (await call(name, event, { source: 'scf' }, true)).result)

  return {
    invoke: async (name, event, caller = {}) => (await call(name, event, caller, false)).result,
    call: (name, event, caller = {}) => call(name, event, caller, false),
    warm: (name, count) => poolOf(name).warm(count),
    counters: () => counters,
    async close() {
      cloudbase.onInvoke(null)
      await Promise.all([...pools.values()].map((pool) => pool.close()))
      pools.clear()
    },
  }
}
