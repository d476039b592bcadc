import type { Database } from '../types/database'
import { backoffMs, countRetry, isRateLimited, withDeadline } from './transaction'

/**
 * Waiting out the database quota inside a call (issue 22). The base plan allows about 30 database operations a second
 * for the whole environment; past that the cloud refuses a request (-501003) instead of queueing it. At an opening
 * (200 people, one slot, 08:00) a call refused half-way and answered BUSY loses every read it had made, the person's
 * next try makes them again, and the burst thrashed: 2 of 200 booked in 45 s.
 *
 * So every database request a call makes through `ctx.db` is tried again when the quota refuses it, after a short
 * jittered wait, until the call's own deadline: the time limit the platform gives the call (SCF's
 * `context.time_limit_in_ms`, the function's `config.json` `timeout`) less a margin to answer in. A call that has
 * started keeps what it did and finishes; only a call still refused at its deadline answers BUSY (cloud/lib/router.ts),
 * and the app waits in line and sends the same request id again (src/core/inLine.ts), which finds the work done so far.
 *
 * Inside a transaction each step waits the same way (start, reads and writes, commit, and a rollback): the
 * transaction stays open meanwhile, within its 30 s.
 */

/** The first wait's ceiling and the largest (ms): the quota's window is one second. */
const WAIT = { baseMs: 25, maxMs: 250 }
/** The cloud's time limit when the platform does not say (3 s, SCF's default). */
const DEFAULT_TIME_LIMIT_MS = 3000

/** How long a call may wait out the quota: its time limit less a fifth of it, and less at least one second. */
export function patienceMs(timeLimitMs: number): number {
  return Math.max(500, Math.min(timeLimitMs * 0.8, timeLimitMs - 1000))
}

/** The call's time limit (ms) from the platform's context argument (SCF passes `time_limit_in_ms`). */
export function timeLimitOf(context: unknown): number {
  const limit = typeof context === 'object' && context !== null ? (context as { time_limit_in_ms?: unknown }).time_limit_in_ms : undefined
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS
}

// The database's members that are not requests (values, builders of values), and the transaction a caller drives
// step by step (nothing here can run it again).
const NOT_REQUESTS = new Set(['command', 'serverDate', 'Geo', 'RegExp', 'startTransaction'])

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The SDK's transaction, as `startTransaction` answers it (@cloudbase/database `transaction/index.ts`). */
interface SdkTransaction {
  aborted: boolean
  commited: boolean
  abortReason?: unknown
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

/**
 * The database, with every request (a method answering a promise: get, count, add, set, update, remove, end …) tried
 * again while the quota refuses it and `deadline` (a `performance.now()` instant: unlike Date, never stopped by a test's
 * clock) allows the wait. Query builders (collection, doc, where, orderBy, aggregate …) come back wrapped the same way.
 *
 * `runTransaction(callback)` is run as the SDK runs it (start, the callback, commit; a failure rolls back), with each
 * step waiting out the quota — the rollback until `rollbackUntil`, past the deadline: the SDK's own runTransaction
 * gives its rollback one try and ignores a refusal, and a transaction left open holds its documents for the cloud's
 * 30 s, so the person's own retry then conflicts until it expires (a 60-person invite burst on the base plan). Conflicts
 * are not retried here: `runTransactionWithRetry` (cloud/lib/transaction.ts) runs the whole transaction again.
 */
export function patientDatabase(db: Database, deadline: number, rollbackUntil = deadline): Database {
  const retry = async <T>(send: () => PromiseLike<T>, first: PromiseLike<T> = send(), until = deadline): Promise<T> => {
    let pending = first
    for (let attempt = 1; ; attempt++) {
      try {
        return await pending
      } catch (error) {
        const wait = backoffMs(attempt, WAIT.baseMs, WAIT.maxMs)
        if (!isRateLimited(error) || performance.now() + wait >= until) throw error
        countRetry()
        await sleep(wait)
        pending = send()
      }
    }
  }
  const runTransaction = async (start: () => Promise<SdkTransaction>, callback: (transaction: object) => unknown): Promise<unknown> => {
    const transaction = await retry(start)
    try {
      const result = await callback(wrap(transaction))
      if (transaction.aborted) throw transaction.abortReason
      await retry(() => transaction.commit())
      return result
    } catch (error) {
      if (!transaction.aborted && !transaction.commited) await retry(() => transaction.rollback(), undefined, rollbackUntil).catch(() => undefined)
      throw transaction.aborted && transaction.abortReason !== undefined ? transaction.abortReason : error
    }
  }
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key, object)
        if (typeof value !== 'function') return value
        if (typeof key === 'symbol' || NOT_REQUESTS.has(key)) return value.bind(object)
        if (key === 'runTransaction') {
          const start = Reflect.get(object, 'startTransaction', object) as (this: object) => Promise<SdkTransaction>
          return (callback: (transaction: object) => unknown) => runTransaction(() => start.call(object), callback)
        }
        return (...args: unknown[]) => {
          const result: unknown = value.apply(object, args)
          if (isThenable(result)) return retry(() => value.apply(object, args) as PromiseLike<unknown>, result)
          return result !== null && typeof result === 'object' ? wrap(result) : result
        }
      },
    })
  return withDeadline(wrap(db), deadline)
}

/** The database for one call started now, with the platform's context argument. */
export function callDatabase(db: Database, context: unknown): Database {
  const now = performance.now()
  const limit = timeLimitOf(context)
  // A rollback may use the margin kept to answer in, all but its last quarter second.
  return patientDatabase(db, now + patienceMs(limit), now + Math.max(patienceMs(limit), limit - 250))
}
