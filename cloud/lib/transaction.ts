import type { Database, Transaction } from '../types/database'

/**
 * Transactions that survive contention, as CloudBase advises for its conflict error: the whole transaction is run
 * again after a jittered exponential back-off.
 *
 * Why the application must do it: in the cloud, a write to a document that another open transaction has written fails
 * at that write call. The real wx-server-sdk (4.0.2) turns it into `Error("document.update:fail -501001 … Transaction is
 * conflict, maybe resource operated by others.")` with `errCode` -501001 and no `code`, rolls back and rejects at once:
 * its own `runTransaction(callback, times)` re-runs only a conflict found at commit (thrown raw, `code`
 * `DATABASE_TRANSACTION_CONFLICT`). So the SDK's `times` does nothing for the common case, and a burst of bookings would
 * answer errors instead of places.
 *
 * Retried, and nothing else: the write-time conflict (errCode -501001 with the conflict text — a duplicate key is also
 * -501001, told apart only by the text), the commit conflict (`code` DATABASE_TRANSACTION_CONFLICT), the quota
 * refusals (-501003 / -501004 or their codes). Each attempt is one SDK attempt (`times` 1), so `attempts` is the
 * total number of times the callback may run, as `times` was.
 */
export interface RetryOptions {
  /** Total runs of the callback (default 5: CloudBase advises 3–5 for its conflict error). */
  attempts?: number
  /** The first back-off's upper bound (ms); it doubles per attempt (default 10). */
  baseMs?: number
  /** The largest back-off (ms; default 200). */
  maxMs?: number
  /**
   * The time budget (ms, default RETRY_BUDGET_MS) from the first attempt: no attempt starts once it is spent, so retries
   * end well inside the function's time limit and an instance is never killed with a transaction open (a killed
   * instance's transaction holds its documents for CloudBase's 30 s lifetime, failing every other writer meanwhile).
   */
  budgetMs?: number
  /** Told each retry (for counting); the attempt that failed and the error. */
  onRetry?: (attempt: number, error: unknown) => void
}

export const CONFLICT_ERR_CODE = -501001
/** Below the cloud's default 3 s limit, leaving room for the work around the transaction. */
export const RETRY_BUDGET_MS = 1500
export const RATE_LIMIT_ERR_CODES: readonly number[] = [-501003, -501004]
const RATE_LIMIT_CODES = ['EXCEED_REQUEST_LIMIT', 'EXCEED_CONCURRENT_REQUEST_LIMIT']
const CONFLICT_TEXT = /Transaction is conflict/i

function fields(error: unknown): { errCode?: unknown; code?: unknown; message: string } {
  if (typeof error !== 'object' || error === null) return { message: '' }
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown; errMsg?: unknown }
  const message = typeof e.message === 'string' ? e.message : typeof e.errMsg === 'string' ? e.errMsg : ''
  return { errCode: e.errCode, code: e.code, message }
}

/** A transaction conflict, as the real SDK reports it (at a write, or at commit). */
export function isTransactionConflict(error: unknown): boolean {
  const { errCode, code, message } = fields(error)
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return errCode === CONFLICT_ERR_CODE && CONFLICT_TEXT.test(message)
}

/** A quota refusal: too many database operations this second, or too many instances. */
export function isRateLimited(error: unknown): boolean {
  const { errCode, code } = fields(error)
  return (typeof errCode === 'number' && RATE_LIMIT_ERR_CODES.includes(errCode)) || (typeof code === 'string' && RATE_LIMIT_CODES.includes(code))
}

/**
 * A duplicate `_id` (a deterministic id written twice). The real SDK keeps no string code for it — it arrives as
 * errCode -501001 like a conflict — so only the server's text (MongoDB's E11000 "duplicate key") tells it apart.
 */
export function isDuplicateKey(error: unknown): boolean {
  return /duplicate key/i.test(fields(error).message)
}

export function isRetryable(error: unknown): boolean {
  return isTransactionConflict(error) || isRateLimited(error)
}

/** Full jitter: a random wait up to min(maxMs, baseMs · 2^(attempt-1)). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)))
}

/**
 * Retries this process has made, on a well-known global: a function instance (cloud/cloudbase/instances.ts) reads it
 * around each call to report retries per call without reaching into the bundle.
 */
export const RETRY_COUNTER = Symbol.for('linliting.transactionRetries')

export function countRetry(): void {
  const holder = globalThis as unknown as Record<symbol, number | undefined>
  holder[RETRY_COUNTER] = (holder[RETRY_COUNTER] ?? 0) + 1
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * `db.runTransaction(callback)` retried on conflicts and quota refusals. Everything else (an AppError thrown by the
 * callback, a rollback's reason, a duplicate key) rejects at once, unchanged. When the attempts run out the last error
 * rejects; a commit conflict (a plain object from the SDK) becomes an Error whose message names the conflict, so callers
 * that map "conflict" messages to CONFLICT see it too.
 */
export async function runTransactionWithRetry<T>(db: Pick<Database, 'runTransaction'>, callback: (transaction: Transaction) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  // A call's database (cloud/lib/patience.ts) knows when the call must answer: the retries may run until then, as
  // many as fit, so a crowd writing one document (200 thanks of one entry) is served one after another.
  const deadline = deadlines.get(db)
  const until = deadline === undefined ? {} : { attempts: Number.POSITIVE_INFINITY, budgetMs: Math.max(RETRY_BUDGET_MS, deadline - performance.now()) }
  return retrying(() => db.runTransaction(callback, 1), isRetryable, { ...until, ...options })
}

const deadlines = new WeakMap<object, number>()

/** Tells runTransactionWithRetry that `db` serves a call that must answer by `deadline` (a `performance.now()` instant). */
export function withDeadline<T extends object>(db: T, deadline: number): T {
  deadlines.set(db, deadline)
  return db
}

async function retrying<T>(call: () => Promise<T>, retryable: (error: unknown) => boolean, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 5
  const baseMs = options.baseMs ?? 10
  const maxMs = options.maxMs ?? 200
  const budgetMs = options.budgetMs ?? RETRY_BUDGET_MS
  // performance.now, not Date: a test's stopped clock stops Date, and the budget would never be spent.
  const started = performance.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!retryable(error)) throw error
      const wait = backoffMs(attempt, baseMs, maxMs)
      if (attempt >= attempts || performance.now() - started + wait >= budgetMs) {
        if (error instanceof Error) throw error
        const { code, message } = fields(error)
        throw Object.assign(new Error(`runTransaction:fail ${String(code)} ${message || 'Transaction is conflict'} (gave up after ${attempt} attempts)`), { code })
      }
      options.onRetry?.(attempt, error)
      countRetry()
      await sleep(wait)
    }
  }
}
