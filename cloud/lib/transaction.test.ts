import { backoffMs, isDuplicateKey, isRetryable, isTransactionConflict, RETRY_COUNTER, runTransactionWithRetry } from './transaction'
import type { Database, Transaction } from '../types/database'

/** The errors exactly as the real wx-server-sdk 4.0.2 raises them (see tests/cloudbase/transactions.test.ts). */
const writeConflict = Object.assign(new Error('document.update:fail -501001 resource system error. Transaction is conflict, maybe resource operated by others.'), {
  errCode: -501001,
})
const commitConflict = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'Transaction is conflict, maybe resource operated by others.' }
const throttled = Object.assign(new Error('collection.add:fail -501003 exceed request limit. exceed request limit'), { errCode: -501003 })
const tooManyInstances = { code: 'EXCEED_CONCURRENT_REQUEST_LIMIT', message: 'exceed concurrent request limit' }
const duplicate = Object.assign(new Error('collection.add:fail -502001 database request fail. E11000 duplicate key error collection: x'), { errCode: -502001 })
const otherSysErr = Object.assign(new Error('document.get:fail -501001 resource system error. something else'), { errCode: -501001 })

/** A database whose runTransaction fails with the given errors in turn, then answers `result`. */
function flaky(failures: unknown[], result = 'done') {
  const calls: (number | undefined)[] = []
  const db: Pick<Database, 'runTransaction'> = {
    runTransaction: (async (callback: (t: Transaction) => Promise<unknown>, times?: number) => {
      calls.push(times)
      const next = failures.shift()
      if (next !== undefined) throw next
      await callback({} as Transaction)
      return result
    }) as Database['runTransaction'],
  }
  return { db, calls }
}

describe('which errors are retried', () => {
  test('conflicts as the real SDK raises them (at a write, at commit), and quota refusals', () => {
    for (const error of [writeConflict, commitConflict, throttled, tooManyInstances]) expect(isRetryable(error)).toBe(true)
    expect(isTransactionConflict(throttled)).toBe(false)
  })

  test('nothing else: a duplicate key, another -501001, an application error, a rollback reason', () => {
    for (const error of [duplicate, otherSysErr, new Error('conflict of interest'), 'rolled back', null, undefined, { reason: 'x' }]) expect(isRetryable(error)).toBe(false)
  })
})

describe('runTransactionWithRetry', () => {
  test('retries conflicts and throttling with one SDK attempt each, until it succeeds', async () => {
    const { db, calls } = flaky([writeConflict, commitConflict, throttled, tooManyInstances])
    const retries: number[] = []
    const before = (globalThis as unknown as Record<symbol, number | undefined>)[RETRY_COUNTER] ?? 0
    await expect(runTransactionWithRetry(db, async () => 'x', { attempts: 5, baseMs: 1, onRetry: (attempt) => retries.push(attempt) })).resolves.toBe('done')
    expect(calls).toEqual([1, 1, 1, 1, 1])
    expect(retries).toEqual([1, 2, 3, 4])
    expect((globalThis as unknown as Record<symbol, number>)[RETRY_COUNTER] - before).toBe(4)
  })

  test('gives up after `attempts` runs with the last error; a raw commit conflict becomes an Error that says conflict', async () => {
    await expect(runTransactionWithRetry(flaky([writeConflict, writeConflict, writeConflict]).db, async () => 1, { attempts: 3, baseMs: 1 })).rejects.toBe(writeConflict)
    const raw = flaky([commitConflict, commitConflict])
    const error = (await runTransactionWithRetry(raw.db, async () => 1, { attempts: 2, baseMs: 1 }).catch((e: unknown) => e)) as Error & { code: string }
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toContain('conflict')
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(raw.calls).toHaveLength(2)
  })

  test('anything else rejects at once, unchanged', async () => {
    for (const error of [duplicate, otherSysErr, 'rolled back']) {
      const { db, calls } = flaky([error])
      await expect(runTransactionWithRetry(db, async () => 1, { attempts: 5, baseMs: 1 })).rejects.toBe(error)
      expect(calls).toHaveLength(1)
    }
  })

  test('back-off: full jitter under an exponential bound that stops at maxMs', () => {
    expect(backoffMs(1, 10, 200, () => 0.999)).toBe(9)
    expect(backoffMs(3, 10, 200, () => 0.999)).toBe(39)
    expect(backoffMs(10, 10, 200, () => 0.999)).toBe(199)
    expect(backoffMs(4, 10, 200, () => 0)).toBe(0)
  })
})

describe('the time budget and single calls', () => {
  test('no attempt starts once the budget is spent, whatever attempts allows', async () => {
    // The clock is faked (Date and timers) so that the time spent is exactly the waits the helper chose: a real clock
    // measures the machine's load, and the clock matrix's runs in 20 ms steps.
    jest.useFakeTimers({ now: new Date('2026-12-06T04:00:00Z') })
    try {
      const { db, calls } = flaky(Array.from({ length: 50 }, () => writeConflict))
      const started = Date.now()
      const settled = expect(runTransactionWithRetry(db, async () => 1, { attempts: 50, baseMs: 40, maxMs: 40, budgetMs: 100 })).rejects.toBe(writeConflict)
      await jest.runAllTimersAsync()
      await settled
      expect(Date.now() - started).toBeLessThan(100)
      expect(calls.length).toBeGreaterThan(1)
    } finally {
      jest.useRealTimers()
    }
  })

  test('a duplicate key is told by the server text, never by errCode', () => {
    expect(isDuplicateKey(duplicate)).toBe(true)
    expect(isDuplicateKey(Object.assign(new Error('collection.add:fail -501001 resource system error. E11000 duplicate key error collection: x'), { errCode: -501001 }))).toBe(true)
    expect(isDuplicateKey(writeConflict)).toBe(false)
  })
})
