import { patienceMs, patientDatabase, timeLimitOf } from './patience'
import type { Database } from '../types/database'

// The real SDK's refusals (wx-server-sdk 4.0.2 turns the server's answer into these).
const throttled = Object.assign(new Error('document.get:fail -501003 exceed request limit. exceed request limit'), { errCode: -501003 })
const conflict = Object.assign(new Error('document.update:fail -501001 resource system error. Transaction is conflict, maybe resource operated by others.'), { errCode: -501001 })

/** A database shaped as the SDK's at the seam patience.ts touches: builders, requests, values and transactions. */
function fakeDatabase(refusals: unknown[]) {
  const sent: string[] = []
  const command = { inc: (n: number) => ({ $inc: n }) }
  const request = (name: string) => async () => {
    sent.push(name)
    const refusal = refusals.shift()
    if (refusal !== undefined) throw refusal
    return { data: name }
  }
  const doc = (id: string) => ({ id, get: request(`get ${id}`), update: request(`update ${id}`) })
  const startTransaction = async () => {
    await request('start')()
    const transaction = {
      aborted: false,
      commited: false,
      collection: (name: string) => ({ name, doc }),
      commit: async () => {
        await request('commit')()
        transaction.commited = true
      },
      rollback: async () => {
        await request('rollback')()
        transaction.aborted = true
      },
    }
    return transaction
  }
  const db = {
    command,
    startTransaction,
    runTransaction: () => Promise.reject(new Error('the SDK’s runTransaction is not used')),
    collection: (name: string) => ({ name, doc, where: () => ({ get: request(`query ${name}`) }) }),
  }
  return { db: db as unknown as Database, sent, command }
}

describe('waiting out the database quota inside a call', () => {
  test('a refused request is sent again until it is answered; builders and values pass through', async () => {
    const { db, sent, command } = fakeDatabase([throttled, throttled])
    const patient = patientDatabase(db, performance.now() + 10_000)
    expect(patient.command).toBe(command)
    const answer = await patient.collection('bookings').doc('b1').get()
    expect(answer).toEqual({ data: 'get b1' })
    expect(sent).toEqual(['get b1', 'get b1', 'get b1'])
    await expect(patient.collection('slots').where({}).get()).resolves.toEqual({ data: 'query slots' })
  })

  test('anything but the quota is answered at once', async () => {
    const { db, sent } = fakeDatabase([conflict])
    const patient = patientDatabase(db, performance.now() + 10_000)
    await expect(patient.collection('bookings').doc('b1').update({ data: {} })).rejects.toBe(conflict)
    expect(sent).toEqual(['update b1'])
  })

  test('a transaction waits out the quota at each step: start, a read inside it, commit', async () => {
    const refusals: unknown[] = [throttled]
    const { db, sent } = fakeDatabase(refusals)
    const patient = patientDatabase(db, performance.now() + 10_000)
    const read = await patient.runTransaction(async (t) => {
      refusals.push(throttled)
      const answer = await t.collection('slots').doc('s1').get()
      refusals.push(throttled)
      return answer
    })
    expect(read).toEqual({ data: 'get s1' })
    expect(sent).toEqual(['start', 'start', 'get s1', 'get s1', 'commit', 'commit'])
  })

  test('a failed transaction is rolled back, the rollback waiting out the quota past the deadline', async () => {
    const refusals: unknown[] = []
    const { db, sent } = fakeDatabase(refusals)
    const now = performance.now()
    // The deadline has passed by the time the callback fails; the rollback still has until `rollbackUntil`.
    const patient = patientDatabase(db, now + 50, now + 10_000)
    const failure = new Error('a rule refused it')
    await expect(
      patient.runTransaction(async () => {
        await new Promise((resolve) => setTimeout(resolve, 60))
        refusals.push(throttled, throttled)
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(sent).toEqual(['start', 'rollback', 'rollback', 'rollback'])
  })

  test('at the deadline the refusal stands (the router answers BUSY)', async () => {
    const { db, sent } = fakeDatabase(Array.from({ length: 1000 }, () => throttled))
    const started = performance.now()
    await expect(patientDatabase(db, started + 300).collection('bookings').doc('b1').get()).rejects.toBe(throttled)
    expect(performance.now() - started).toBeLessThan(300)
    expect(sent.length).toBeGreaterThan(1)
  })

  test("the deadline comes from the platform's time limit, keeping time to answer", () => {
    expect(timeLimitOf({ time_limit_in_ms: 60_000 })).toBe(60_000)
    expect(timeLimitOf({})).toBe(3000)
    expect(timeLimitOf(undefined)).toBe(3000)
    expect(patienceMs(60_000)).toBe(48_000)
    expect(patienceMs(3000)).toBe(2000)
    expect(patienceMs(1000)).toBe(500)
  })
})
