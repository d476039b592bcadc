import Taro from '@tarojs/taro'
import type { GenericSchema } from 'valibot'
import type { Contract, FunctionName, InputOf, OutputOf } from '@contracts/define'
import { isEnvelope, type ErrorCode, type Envelope } from '@contracts/envelope'
import { create } from 'zustand'
import { IN_LINE_CODE, isCloudInLineRefusal, waitInLine } from './inLine'

/**
 * The one way the app talks to the cloud. weapp: wx.cloud.callFunction (identity is injected by WeChat).
 * H5 (local development and demos only): HTTP to the local runtime, which takes the demo identity from a header.
 */
/**
 * Codes only the client knows: NETWORK — the request could not be sent or the connection broke (offline); TIMEOUT —
 * no answer within CALL_TIMEOUT_MS. Either way the request may still have reached the cloud.
 */
export type ClientCode = 'NETWORK' | 'TIMEOUT'

export class CloudError extends Error {
  readonly code: ErrorCode | ClientCode
  readonly field?: string
  constructor(code: ErrorCode | ClientCode, message: string, field?: string) {
    super(message)
    this.name = 'CloudError'
    this.code = code
    this.field = field
  }
}

/** A call never waits longer than this: a page shows why and offers to try again instead of loading for ever. */
export const CALL_TIMEOUT_MS = 15000

/** No answer came back (offline, broken connection, time-out): a retry must reuse the request id, as it may have arrived. */
export function isUnanswered(error: unknown): boolean {
  return error instanceof CloudError && (error.code === 'NETWORK' || error.code === 'TIMEOUT')
}

let cloudReady = false

/** Called once at app start on weapp. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true })
  cloudReady = true
}

type AnyContract = Contract<FunctionName, GenericSchema, unknown>

/** A request id names one user intent: a retry of the same intent reuses it, so the cloud writes once. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

let devIdentity: () => string | null = () => null

/** H5 only: the demo user switcher registers where the current demo identity comes from. */
export function setDevIdentitySource(source: () => string | null): void {
  devIdentity = source
}

function timeout(): CloudError {
  return new CloudError('TIMEOUT', `no answer in ${CALL_TIMEOUT_MS / 1000} s`)
}

async function send(fn: FunctionName, event: object): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    const openid = devIdentity()
    if (openid) headers['X-Dev-Openid'] = openid
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), CALL_TIMEOUT_MS)
    let response: Response
    try {
      response = await fetch(`/fn/${fn}`, { method: 'POST', headers, body: JSON.stringify(event), signal: controller.signal })
    } catch (error) {
      if (controller.signal.aborted) throw timeout()
      throw new CloudError('NETWORK', error instanceof Error ? error.message : String(error))
    } finally {
      clearTimeout(timer)
    }
    try {
      return await response.json()
    } catch {
      // The runtime always answers JSON; anything else (a proxy's error page, a crash) is the server's fault.
      throw new CloudError('INTERNAL', `HTTP ${response.status} without a JSON answer`)
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), CALL_TIMEOUT_MS)
  })
  try {
    const { result } = await Promise.race([Taro.cloud.callFunction({ name: fn, data: event as Record<string, unknown> }), late])
    return result
  } finally {
    clearTimeout(timer)
  }
}

/** How many writes are waiting in line right now (core/inLine): every page's shell shows it (ui/InLine). */
export const useInLine = create<{ waiting: number }>(() => ({ waiting: 0 }))

/**
 * A write (it carries a request id) turned away because too many people are doing it at once is tried again by
 * itself with the same request id, for up to IN_LINE.budgetMs (core/inLine); `onWait` hears when it starts and stops
 * waiting, as does useInLine. After the budget the BUSY error comes through. A read fails at once.
 */
export async function call<C extends AnyContract>(contract: C, input: InputOf<C>, requestId?: string, onWait?: (waiting: boolean) => void): Promise<OutputOf<C>> {
  if (requestId === undefined) return callOnce(contract, input)
  return waitInLine(() => callOnce(contract, input, requestId), (error) => error instanceof CloudError && error.code === IN_LINE_CODE, {
    onWait: (waiting) => {
      useInLine.setState((state) => ({ waiting: Math.max(0, state.waiting + (waiting ? 1 : -1)) }))
      onWait?.(waiting)
    },
  })
}

async function callOnce<C extends AnyContract>(contract: C, input: InputOf<C>, requestId?: string): Promise<OutputOf<C>> {
  // The input is validated where it counts, in the cloud, against the action's schema (INVALID_INPUT with the field);
  // the app builds carry no schemas (config/strip-access.js), which keeps valibot out of the main package.
  let envelope: unknown
  try {
    envelope = await send(contract.fn, { action: contract.action, input, requestId })
  } catch (error) {
    if (error instanceof CloudError) throw error
    // The cloud's own refusals for too many calls at once or a function past its time limit (wx.cloud.callFunction).
    if (isCloudInLineRefusal(error)) throw new CloudError(IN_LINE_CODE, describe(error))
    throw new CloudError('NETWORK', describe(error))
  }
  if (!isEnvelope(envelope)) throw new CloudError('INTERNAL', 'malformed response')
  const typed = envelope as Envelope<OutputOf<C>>
  if (!typed.ok) {
    // The local runtime (H5) reports those refusals as INTERNAL with the cloud's errCode leading the message.
    const code = typed.error.code === 'INTERNAL' && isCloudInLineRefusal(typed.error) ? IN_LINE_CODE : typed.error.code
    throw new CloudError(code, typed.error.message, typed.error.field)
  }
  return typed.data
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  const errMsg = typeof error === 'object' && error !== null ? (error as { errMsg?: unknown }).errMsg : undefined
  return typeof errMsg === 'string' ? errMsg : String(error)
}
