import { patienceMs, patientDatabase, timeLimitOf } from './patience'
import type { Database } from '../types/database'

// The real SDK's refusals (wx-server-sdk 4.0.2 turns the server's answer into these).
const throttled = Object.assign(new Error('document.get:fail -501003 exceed request limit. exceed request limit'), { errCode: -501003 })
const conflict = Object.assign(new Error('document.update:fail -501001 resource system error. Transaction is conflict, maybe resource operated by others.'), { errCode: -501001 })

/** A database shaped as the SDK's at the seam patience.ts touches: builders, requests and values. */
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
  const db = {
    command,
    runTransaction: async (callback: (t: unknown) => Promise<unknown>) => {
      sent.push('transaction')
      const refusal = refusals.shift()
      if (refusal !== undefined) throw refusal
      return callback({ collection: (name: string) => ({ name, doc }) })
    },
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

  test('anything but the quota is answered at once; a refused transaction is run again whole', async () => {
    const { db, sent } = fakeDatabase([conflict, throttled, conflict])
    const patient = patientDatabase(db, performance.now() + 10_000)
    await expect(patient.collection('bookings').doc('b1').update({ data: {} })).rejects.toBe(conflict)
    await expect(patient.runTransaction(async () => undefined)).rejects.toBe(conflict)
    expect(sent).toEqual(['update b1', 'transaction', 'transaction'])
  })

  test('inside a transaction a refused read is sent again, without starting the transaction over', async () => {
    const refusals: unknown[] = []
    const { db, sent } = fakeDatabase(refusals)
    const patient = patientDatabase(db, performance.now() + 10_000)
    const read = await patient.runTransaction(async (t) => {
      refusals.push(throttled)
      return t.collection('slots').doc('s1').get()
    })
    expect(read).toEqual({ data: 'get s1' })
    expect(sent).toEqual(['transaction', 'get s1', 'get s1'])
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
