import * as v from 'valibot'
import { AppError, type Envelope, type ErrorBody } from '../contracts/envelope'
import { requestIdSchema, type Contract, type FunctionName, type OutputOf, type ParsedInputOf } from '../contracts/define'
import { fromClient, isMediaCheckPush, receiveMediaCheck } from './media'
import { callDatabase } from './patience'
import { sdk } from './sdk'
import { isRateLimited, isTransactionConflict } from './transaction'
import type { Database } from '../types/database'

/** What every handler gets: who is calling (from WeChat's context, never from the event) and the database. */
export interface Ctx {
  readonly fn: FunctionName
  readonly action: string
  readonly openid: string
  readonly db: Database
  /** One clock per request, so every rule in a request sees the same "now". */
  readonly now: Date
  readonly requestId?: string
}

type AnyContract = Contract<FunctionName, v.GenericSchema, unknown>

export interface Route<C extends AnyContract = AnyContract> {
  contract: C
  handler: (input: ParsedInputOf<C>, ctx: Ctx) => Promise<OutputOf<C>>
}

/** Pairs a contract with its handler; the handler's input and output types come from the contract. */
export function handle<C extends AnyContract>(contract: C, handler: Route<C>['handler']): Route<C> {
  return { contract, handler }
}

export type Main = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>

function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error }
}

/**
 * The issue's message without the caller's whole value in it: valibot quotes what it received, and a 1 MB string
 * would come straight back in the answer (and in every log that keeps it).
 */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const received = issue.received
  if (received.length <= 40) return issue.message
  return issue.message.split(received).join(`${received.slice(0, 30)}…（${received.length} 字符）`).slice(0, 200)
}

function issuePath(issue: v.BaseIssue<unknown>): string | undefined {
  const path = issue.path?.map((item) => String(item.key)).join('.')
  return path || undefined
}

/**
 * Builds a cloud function's `main` from its action table. Unknown actions, missing identity and invalid input
 * are answered before any handler runs, so a bad request writes nothing.
 */
export function createFunction(fn: FunctionName, routes: Route[]): Main {
  const table = new Map<string, Route>()
  for (const route of routes) {
    if (route.contract.fn !== fn) throw new Error(`${route.contract.action} belongs to ${route.contract.fn}, not ${fn}`)
    if (table.has(route.contract.action)) throw new Error(`duplicate action ${route.contract.action}`)
    table.set(route.contract.action, route)
  }

  return async function main(event: unknown, context?: unknown) {
    // WeChat's push of an image check's verdict (no action; never from the app: a client's call is an unknown action).
    if (isMediaCheckPush(event)) {
      if (fromClient(sdk.getWXContext())) return fail({ code: 'UNKNOWN_ACTION', message: '未知操作：undefined' })
      try {
        return { ok: true, data: await receiveMediaCheck(callDatabase(sdk.database(), context), event, new Date()) }
      } catch (error) {
        console.error(`[${fn}.wxa_media_check]`, error)
        return fail({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
      }
    }
    const { action, input, requestId } = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    const route = typeof action === 'string' ? table.get(action) : undefined
    if (!route) return fail({ code: 'UNKNOWN_ACTION', message: `未知操作：${String(action).slice(0, 64)}` })

    const openid = sdk.getWXContext().OPENID
    if (!openid) return fail({ code: 'UNAUTHENTICATED', message: '无法识别调用者身份' })

    if (requestId !== undefined && !v.is(requestIdSchema, requestId)) {
      return fail({ code: 'INVALID_INPUT', message: '请求编号格式不正确', field: 'requestId' })
    }
    const parsed = v.safeParse(route.contract.input, input)
    if (!parsed.success) {
      const issue = parsed.issues[0]
      const field = issuePath(issue)
      return fail({ code: 'INVALID_INPUT', message: `输入不正确${field ? `（${field}）` : ''}：${describeIssue(issue)}`, field })
    }

    const ctx: Ctx = { fn, action: route.contract.action, openid, db: callDatabase(sdk.database(), context), now: new Date(), requestId: requestId as string | undefined }
    try {
      return { ok: true, data: await route.handler(parsed.output, ctx) }
    } catch (error) {
      if (error instanceof AppError) return fail({ code: error.code, message: error.message, field: error.field })
      // The quota still refused, or a transaction still conflicted, when the call's time was up (cloud/lib/patience.ts,
      // cloud/lib/transaction.ts): the person is in line, not failed; the app tries again with the same request id.
      if (isRateLimited(error) || isTransactionConflict(error)) return fail({ code: 'BUSY', message: '现在办理的人很多，您已在排队，请稍后再试一次' })
      console.error(`[${fn}.${route.contract.action}]`, error)
      return fail({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
    }
  }
}
