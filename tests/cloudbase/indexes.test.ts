import path from 'node:path'
import { readIndexes } from '../../cloud/cloudbase'
import { covers, queryShape } from '../../cloud/cloudbase/indexes'
import { C } from '../../cloud/lib/collections'
import { failure, localCloud, type Local } from './harness'

/** The local server knows the declared indexes (cloud/indexes.json) and refuses, in tests, a query none of them serves. */
const declared = { bookings: [{ name: 'session_status_created', keys: { sessionId: 1, status: 1, createdAt: 1 } as const }] }

describe('query shapes', () => {
  test('the fields of where and orderBy, through $and/$or and nested objects, without operators', () => {
    expect(queryShape({ a: 1, b: { $gt: 2 }, $or: [{ c: 1 }, { 'd.e': { $in: [1] } }] }, { f: -1 })).toEqual(['a', 'b', 'c', 'd.e', 'f'])
    expect(queryShape({ home: { room: '101' } })).toEqual(['home.room'])
    expect(queryShape({})).toEqual([])
  })

  test("an index covers a shape made of exactly its first fields, in any order", () => {
    const index = { name: 'x', keys: { a: 1, b: 1, c: -1 } as const }
    expect(covers(index, ['a'])).toBe(true)
    expect(covers(index, ['a', 'b'])).toBe(true)
    expect(covers(index, ['b', 'a'])).toBe(true)
    expect(covers(index, ['b'])).toBe(false)
    expect(covers(index, ['a', 'c'])).toBe(false)
    expect(covers(index, ['a', 'b', 'c', 'd'])).toBe(false)
  })
})

describe('the server checks every query against the declared indexes', () => {
  let local: Local
  const logged: string[] = []
  afterEach(() => local.cloudbase.close())

  test('refuse: an uncovered where/orderBy/count/update/remove/aggregate fails; covered ones and _id pass', async () => {
    local = await localCloud({ indexes: { declared, onMissing: 'refuse' } }, ['bookings'])
    const db = local.sdkFor('service').database()
    const _ = db.command
    await db.collection('bookings').add({ data: { _id: 'b1', sessionId: 's', status: 'confirmed', createdAt: new Date(), openid: 'o' } })
    expect((await db.collection('bookings').where({ sessionId: 's' }).get()).data).toHaveLength(1)
    expect((await db.collection('bookings').where({ sessionId: 's', status: _.in(['confirmed']) }).orderBy('createdAt', 'asc').get()).data).toHaveLength(1)
    expect((await db.collection('bookings').doc('b1').get()).data.openid).toBe('o')
    expect((await db.collection('bookings').where({ _id: 'b1' }).count()).total).toBe(1)
    expect((await db.collection('bookings').get()).data).toHaveLength(1)
    for (const call of [
      db.collection('bookings').where({ openid: 'o' }).get(),
      db.collection('bookings').where({ status: 'confirmed' }).get(),
      db.collection('bookings').where({ sessionId: 's' }).orderBy('openid', 'asc').get(),
      db.collection('bookings').where({ openid: 'o' }).count(),
      db.collection('bookings').where({ openid: 'o' }).update({ data: { seen: true } }),
      db.collection('bookings').where({ openid: 'o' }).remove(),
    ]) {
      const error = await failure(call)
      expect(error.errCode).toBe(-502001)
      expect(error.message).toContain('no index on bookings covers the query shape')
    }
    expect(await failure(db.collection('bookings').aggregate().match({ openid: 'o' }).end())).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })

  test('log (npm start): the query runs and its shape is reported once', async () => {
    local = await localCloud({ indexes: { declared, onMissing: 'log', log: (text) => logged.push(text) } }, ['bookings'])
    const db = local.sdkFor('service').database()
    await db.collection('bookings').add({ data: { _id: 'b1', sessionId: 's', status: 'confirmed', openid: 'o' } })
    expect((await db.collection('bookings').where({ openid: 'o' }).get()).data).toHaveLength(1)
    expect((await db.collection('bookings').where({ openid: 'o' }).get()).data).toHaveLength(1)
    expect(logged).toEqual(['no index on bookings covers the query shape [openid]: declare one in cloud/indexes.json'])
  })
})

test('cloud/indexes.json names only collections of cloud/lib/collections.ts, each index with fields', () => {
  const indexes = readIndexes(path.join(__dirname, '..', '..', 'cloud', 'indexes.json'))
  const collections = new Set<string>(Object.values(C))
  for (const [collection, list] of Object.entries(indexes)) {
    expect(collections.has(collection)).toBe(true)
    for (const index of list) {
      expect(index.name).toMatch(/^[A-Za-z0-9_]+$/)
      expect(Object.keys(index.keys).length).toBeGreaterThan(0)
      for (const direction of Object.values(index.keys)) expect([1, -1]).toContain(direction)
    }
  }
})
