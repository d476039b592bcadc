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
 * Inside a transaction each read and write waits the same way (the transaction stays open meanwhile, within its 30 s);
 * a transaction refused at its start or commit rolls back and is run again whole, its callback too, as
 * `runTransactionWithRetry` (cloud/lib/transaction.ts) runs it again on a conflict.
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

/**
 * The database, with every request (a method answering a promise: get, count, add, set, update, remove, end …) tried
 * again while the quota refuses it and `deadline` (a `performance.now()` instant: unlike Date, never stopped by a test's
 * clock) allows the wait. Query builders (collection, doc, where, orderBy, aggregate …) come back wrapped the same way.
 */
export function patientDatabase(db: Database, deadline: number): Database {
  const retry = async <T>(send: () => PromiseLike<T>, first: PromiseLike<T>): Promise<T> => {
    let pending = first
    for (let attempt = 1; ; attempt++) {
      try {
        return await pending
      } catch (error) {
        const wait = backoffMs(attempt, WAIT.baseMs, WAIT.maxMs)
        if (!isRateLimited(error) || performance.now() + wait >= deadline) throw error
        countRetry()
        await sleep(wait)
        pending = send()
      }
    }
  }
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key, object)
        if (typeof value !== 'function') return value
        if (typeof key === 'symbol' || NOT_REQUESTS.has(key)) return value.bind(object)
        if (key === 'runTransaction') {
          return (callback: (transaction: object) => unknown, ...rest: unknown[]) => {
            const send = () => value.call(object, (transaction: object) => callback(wrap(transaction)), ...rest) as PromiseLike<unknown>
            return retry(send, send())
          }
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
  return patientDatabase(db, performance.now() + patienceMs(timeLimitOf(context)))
}
