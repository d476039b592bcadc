import { IN_LINE, inLineWait, isCloudInLineRefusal, waitInLine } from './inLine'

class Busy extends Error {}
const isBusy = (error: unknown) => error instanceof Busy

afterEach(() => {
  jest.useRealTimers()
})

/** Runs the fake clock until `promise` settles, and says how long that took on it. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = Date.now()
  let outcome: { value?: T; error?: unknown } | null = null
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  )
  for (let i = 0; i < 10000 && outcome === null; i++) await jest.advanceTimersByTimeAsync(50)
  if (outcome === null) throw new Error('never settled')
  return { ...(outcome as { value?: T; error?: unknown }), ms: Date.now() - started }
}

describe('the wait between tries', () => {
  it('starts at half a second, doubles up to four, and jitters between half and all of each step', () => {
    const steps = [500, 1000, 2000, 4000, 4000, 4000]
    steps.forEach((step, retry) => {
      expect(inLineWait(retry, () => 0)).toBe(step / 2)
      expect(inLineWait(retry, () => 0.999999)).toBe(step)
      for (let i = 0; i < 50; i++) {
        const wait = inLineWait(retry)
        expect(wait).toBeGreaterThanOrEqual(step / 2)
        expect(wait).toBeLessThanOrEqual(step)
      }
    })
    expect(IN_LINE).toEqual({ firstWaitMs: 500, maxWaitMs: 4000, budgetMs: 180_000 })
  })
})

describe('waitInLine', () => {
  it('tries again with the same request id until the cloud takes it, and says it waited', async () => {
    jest.useFakeTimers()
    const seen: string[] = []
    let refusals = 3
    const attempt = jest.fn(async () => {
      seen.push('req-1')
      if (refusals-- > 0) throw new Busy('BUSY')
      return 'booked'
    })
    const onWait = jest.fn()
    const waits: number[] = []
    const { value, ms } = await settle(waitInLine(attempt, isBusy, { onWait, onRetry: (_retry, wait) => waits.push(wait) }))
    expect(value).toBe('booked')
    expect(attempt).toHaveBeenCalledTimes(4)
    expect(new Set(seen)).toEqual(new Set(['req-1']))
    expect(onWait.mock.calls).toEqual([[true], [false]])
    waits.forEach((wait, retry) => expect(wait).toBeLessThanOrEqual(Math.min(4000, 500 * 2 ** retry)))
    expect(ms).toBeGreaterThanOrEqual(waits.reduce((a, b) => a + b, 0))
    expect(ms).toBeLessThan(waits.reduce((a, b) => a + b, 0) + 100)
  })

  it('gives up after the budget with the last refusal, never starting a try past it', async () => {
    jest.useFakeTimers()
    const refusal = new Busy('BUSY')
    const starts: number[] = []
    const t0 = Date.now()
    const attempt = jest.fn(async () => {
      starts.push(Date.now() - t0)
      throw refusal
    })
    const onWait = jest.fn()
    const { error, ms } = await settle(waitInLine(attempt, isBusy, { onWait }))
    expect(error).toBe(refusal)
    expect(Math.max(...starts)).toBeLessThanOrEqual(IN_LINE.budgetMs)
    // With waits of 2–4 s once the steps reach their ceiling, the budget ends within one step of its end.
    expect(ms).toBeGreaterThan(IN_LINE.budgetMs - IN_LINE.maxWaitMs - 100)
    expect(ms).toBeLessThanOrEqual(IN_LINE.budgetMs + 50)
    // Once at their ceiling the waits are 2–4 s each.
    expect(attempt.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(IN_LINE.budgetMs / IN_LINE.maxWaitMs))
    expect(attempt.mock.calls.length).toBeLessThanOrEqual(Math.ceil(IN_LINE.budgetMs / (IN_LINE.maxWaitMs / 2)) + 5)
    expect(onWait.mock.calls).toEqual([[true], [false]])
  })

  it('counts the time of slow tries against the budget', async () => {
    jest.useFakeTimers()
    const attempt = jest.fn(() => new Promise<never>((_, reject) => setTimeout(() => reject(new Busy('BUSY')), 15000)))
    const { error, ms } = await settle(waitInLine(attempt, isBusy))
    expect(error).toBeInstanceOf(Busy)
    // 15 s tries and a wait after each: no try starts past the budget.
    expect(attempt.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(IN_LINE.budgetMs / (15000 + IN_LINE.maxWaitMs)))
    expect(attempt.mock.calls.length).toBeLessThanOrEqual(Math.ceil(IN_LINE.budgetMs / 15000))
    expect(ms).toBeLessThanOrEqual(IN_LINE.budgetMs + 15000)
  })

  it('stops at once on success or on any other error, and a first-try answer never says it waited', async () => {
    jest.useFakeTimers()
    const onWait = jest.fn()
    const ok = jest.fn(async () => 1)
    expect((await settle(waitInLine(ok, isBusy, { onWait }))).value).toBe(1)
    expect(ok).toHaveBeenCalledTimes(1)
    const other = new Error('FULL')
    let first = true
    const failing = jest.fn(async () => {
      if (first) {
        first = false
        throw new Busy('BUSY')
      }
      throw other
    })
    const { error } = await settle(waitInLine(failing, isBusy, { onWait }))
    expect(error).toBe(other)
    expect(failing).toHaveBeenCalledTimes(2)
    expect(onWait.mock.calls).toEqual([[true], [false]])
  })
})

describe('the cloud’s in-line refusals', () => {
  it('are the instance quota and the time limit, as wx.cloud.callFunction and the local runtime report them', () => {
    expect(isCloudInLineRefusal({ errCode: -501004, errMsg: 'cloud.callFunction:fail -501004 exceed concurrent request limit' })).toBe(true)
    expect(isCloudInLineRefusal(Object.assign(new Error('Invoking task timed out after 3 seconds'), { errCode: -504003 }))).toBe(true)
    expect(isCloudInLineRefusal({ errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds' })).toBe(true)
    expect(isCloudInLineRefusal({ code: 'INTERNAL', message: '-504003 Invoking task timed out after 3 seconds' })).toBe(true)
    expect(isCloudInLineRefusal({ code: 'INTERNAL', message: '-501004 exceed concurrent request limit: function service already runs 20 instances' })).toBe(true)
    expect(isCloudInLineRefusal({ errCode: -504002, errMsg: 'function service failed' })).toBe(false)
    expect(isCloudInLineRefusal({ code: 'INTERNAL', message: '-504002 function service failed: -504003 inside' })).toBe(false)
    expect(isCloudInLineRefusal(new TypeError('Failed to fetch'))).toBe(false)
    expect(isCloudInLineRefusal(null)).toBe(false)
    expect(isCloudInLineRefusal('-504003')).toBe(false)
  })
})
