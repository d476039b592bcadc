/**
 * Waiting in line (issue 22): a write the cloud turned away because too many people are doing the same thing at once
 * is tried again by itself, with the SAME request id (so the cloud writes it once however many tries reach it), after
 * a jittered, doubling wait, for a bounded time. The person sees that they are in line, not an error, and does not
 * tap again. Reads are never retried here: a page's own retry stays.
 *
 * One module for the app (src/core/api.ts) and the bench's simulated client (scripts/bench/realsdk.mjs), so the two
 * retry alike. No imports: the bench bundles it as it is.
 */

/**
 * First wait, ceiling of one wait and the whole budget (ms). A try starts only while the budget allows its wait. The
 * budget is the longest line an opening makes on the base plan: 200 people booking one slot need about 200 × 15
 * database operations, and the plan serves 30 a second, so the last of them is served after about 100 s (npm run bench
 * realsdk); three minutes leaves room.
 */
export const IN_LINE = { firstWaitMs: 500, maxWaitMs: 4000, budgetMs: 180_000 } as const

/**
 * The refusals that mean "in line": the router's BUSY (the database quota still refused after the transaction's
 * retries, cloud/lib/router.ts) and the cloud's own, as wx.cloud.callFunction reports them: -501004 too many
 * instances or concurrent requests, -504003 the function ran past its time limit (killed; its transaction either
 * committed or not, and the request id makes a second try safe).
 */
export const IN_LINE_CODE = 'BUSY'
export const IN_LINE_ERR_CODES: readonly number[] = [-501004, -504003]

/**
 * Whether a failed call's error is one of the cloud's in-line refusals: an `errCode` on the rejection
 * (wx.cloud.callFunction's fail, the local instances) or the code leading its message (the local runtime answers
 * `{ code: 'INTERNAL', message: '-504003 Invoking task timed out…' }` to H5).
 */
export function isCloudInLineRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { errCode, errMsg, message } = error as { errCode?: unknown; errMsg?: unknown; message?: unknown }
  if (typeof errCode === 'number') return IN_LINE_ERR_CODES.includes(errCode)
  const text = typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : ''
  const leading = /^(?:[\w.]+:fail )?(-50\d{4})\b/.exec(text)
  return leading !== null && IN_LINE_ERR_CODES.includes(Number(leading[1]))
}

/** The wait before try number `retry + 1` (retry 0 = after the first refusal): between half and all of the doubled step. */
export function inLineWait(retry: number, random: () => number = Math.random): number {
  const step = Math.min(IN_LINE.maxWaitMs, IN_LINE.firstWaitMs * 2 ** Math.max(0, retry))
  return Math.round(step / 2 + (step / 2) * random())
}

export interface InLineOptions {
  /** True when the first wait begins, false when the call ends after having waited. */
  onWait?: (waiting: boolean) => void
  /** Each retry, with the wait about to begin (the bench counts them). */
  onRetry?: (retry: number, waitMs: number) => void
  now?: () => number
  random?: () => number
}

/**
 * Runs `attempt` until it does not throw an in-line refusal, or the budget would be spent by the next wait: then
 * the last refusal is thrown. Any other error or a success ends it at once. The caller closes over its request id,
 * so every try carries the same one.
 */
export async function waitInLine<T>(attempt: () => Promise<T>, isInLine: (error: unknown) => boolean, options: InLineOptions = {}): Promise<T> {
  const now = options.now ?? Date.now
  const started = now()
  let waited = false
  try {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt()
      } catch (error) {
        if (!isInLine(error)) throw error
        const wait = inLineWait(retry, options.random)
        if (now() - started + wait > IN_LINE.budgetMs) throw error
        if (!waited) options.onWait?.(true)
        waited = true
        options.onRetry?.(retry, wait)
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  } finally {
    if (waited) options.onWait?.(false)
  }
}
