import { failure, localCloud, type Local, type Sdk } from './harness'

let local: Local
let db: Sdk

beforeEach(async () => {
  local = await localCloud({}, ['people', 'homes'])
  db = local.sdkFor('account').database()
})
afterEach(() => local.cloudbase.close())

describe('collections', () => {
  test('a collection must exist first: every action on a missing one fails with -502005', async () => {
    for (const call of [
      db.collection('nope').get(),
      db.collection('nope').doc('a').get(),
      db.collection('nope').add({ data: { a: 1 } }),
      db.collection('nope').where({ a: 1 }).update({ data: { a: 2 } }),
      db.collection('nope').where({ a: 1 }).remove(),
      db.collection('nope').count(),
    ]) {
      const error = await failure(call)
      expect(error.errCode).toBe(-502005)
      expect(error.message).toContain('database collection not exists')
    }
    // The real SDK's aggregate() path keeps the server's string code and gives errCode -1.
    const aggregate = await failure(db.collection('nope').aggregate().match({}).end())
    expect(aggregate).toMatchObject({ errCode: -1, code: 'DATABASE_COLLECTION_NOT_EXIST' })
  })

  test('createCollection (database.addCollection) creates it; twice is refused', async () => {
    await db.createCollection('fresh')
    await db.collection('fresh').add({ data: { a: 1 } })
    expect((await db.collection('fresh').count()).total).toBe(1)
    const again = await failure(db.createCollection('fresh'))
    expect(again).toMatchObject({ errCode: -1, code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
    expect(again.message).toContain('Table exist')
  })
})

describe('documents', () => {
  test('add, doc().get, where().get; a duplicate _id is refused with the E11000 duplicate key message', async () => {
    const { _id } = (await db.collection('people').add({ data: { name: '李' } })) as { _id: string }
    expect(_id).toMatch(/^[0-9a-f]{32}$/)
    await db.collection('people').add({ data: { _id: 'p1', name: '王' } })
    expect((await db.collection('people').doc('p1').get()).data).toEqual({ _id: 'p1', name: '王' })
    const duplicate = await failure(db.collection('people').add({ data: { _id: 'p1', name: 'again' } }))
    expect(duplicate.errCode).toBe(-502001)
    expect(duplicate.message).toMatch(/collection\.add:fail -502001 database request fail\. .*E11000 duplicate key error collection: local\.people index: _id_ dup key: \{ _id: "p1" \}/)
    expect((await db.collection('people').doc('p1').get()).data.name).toBe('王')
    const missing = await failure(db.collection('people').doc('nobody').get())
    expect(missing.message).toContain('document with _id nobody does not exist')
  })

  test('get answers 100 by default and at most 1000; skip and orderBy page through', async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, n: i }))
    await db.collection('people').add({ data: docs })
    expect((await db.collection('people').count()).total).toBe(1200)
    expect((await db.collection('people').get()).data).toHaveLength(100)
    expect((await db.collection('people').limit(5000).get()).data).toHaveLength(1000)
    const page = await db.collection('people').orderBy('n', 'desc').skip(10).limit(3).get()
    expect(page.data.map((d: { n: number }) => d.n)).toEqual([1189, 1188, 1187])
  })

  test('where with command operators, field projection, count', async () => {
    const _ = db.command
    await db.collection('people').add({ data: [{ _id: 'a', age: 70, tags: ['x'], city: 'sh' }, { _id: 'b', age: 30, tags: ['y'], city: 'bj' }, { _id: 'c', age: 75, tags: ['x', 'y'], city: 'sh' }] })
    const old = await db.collection('people').where({ age: _.gte(70), tags: 'x' }).orderBy('age', 'asc').field({ age: true }).get()
    expect(old.data).toEqual([{ _id: 'a', age: 70 }, { _id: 'c', age: 75 }])
    expect((await db.collection('people').where(_.or([{ city: 'bj' }, { age: _.gt(74) }])).count()).total).toBe(2)
    expect((await db.collection('people').where({ city: _.in(['sh']) }).count()).total).toBe(2)
    expect((await db.collection('people').doc('b').field({ city: true }).get()).data).toEqual({ _id: 'b', city: 'bj' })
  })

  test('dates round-trip as Dates (and db.serverDate() is the server clock)', async () => {
    const at = new Date('2027-02-28T16:00:00.000Z')
    await db.collection('people').add({ data: { _id: 'd', at, made: db.serverDate() } })
    const { data } = await db.collection('people').doc('d').get()
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBe(at.getTime())
    expect(data.made).toBeInstanceOf(Date)
    expect(Math.abs(data.made.getTime() - Date.now())).toBeLessThan(5000)
    const _ = db.command
    expect((await db.collection('people').where({ at: _.gt(new Date('2027-02-28T15:59:59Z')) }).count()).total).toBe(1)
    expect((await db.collection('people').where({ at: _.lt(at) }).count()).total).toBe(0)
  })

  test('update operators: $inc $set(nested) $push $pull $addToSet $unset, and stats.updated', async () => {
    const _ = db.command
    await db.collection('people').add({ data: { _id: 'u', n: 1, list: ['a', 'b'], set: ['x'], gone: true, deep: { a: 1 } } })
    const result = await db.collection('people').doc('u').update({
      data: { n: _.inc(2), deep: { b: 2 }, list: _.push(['c']), set: _.addToSet('x'), gone: _.remove() },
    })
    expect(result.stats.updated).toBe(1)
    await db.collection('people').doc('u').update({ data: { list: _.pull('a') } })
    expect((await db.collection('people').doc('u').get()).data).toEqual({ _id: 'u', n: 3, list: ['b', 'c'], set: ['x'], deep: { a: 1, b: 2 } })
    // MongoDB counts a document whose values did not change as not updated.
    expect((await db.collection('people').doc('u').update({ data: { n: 3 } })).stats.updated).toBe(0)
    expect((await db.collection('people').doc('missing').update({ data: { n: 1 } })).stats.updated).toBe(0)
  })

  test('where().update changes every match (multi); doc().set replaces or creates', async () => {
    const _ = db.command
    await db.collection('people').add({ data: [{ _id: 'a', g: 1, n: 0 }, { _id: 'b', g: 1, n: 0 }, { _id: 'c', g: 2, n: 0 }] })
    expect((await db.collection('people').where({ g: 1 }).update({ data: { n: _.inc(1) } })).stats.updated).toBe(2)
    const set = await db.collection('people').doc('a').set({ data: { only: true } })
    expect(set.stats).toEqual({ updated: 1, created: 0 })
    expect((await db.collection('people').doc('a').get()).data).toEqual({ _id: 'a', only: true })
    const created = await db.collection('people').doc('z').set({ data: { fresh: 1 } })
    expect(created.stats).toEqual({ updated: 0, created: 1 })
    expect((await db.collection('people').doc('z').get()).data).toEqual({ _id: 'z', fresh: 1 })
  })

  test('doc().remove and where().remove', async () => {
    await db.collection('people').add({ data: [{ _id: 'a', g: 1 }, { _id: 'b', g: 1 }, { _id: 'c', g: 2 }] })
    expect((await db.collection('people').doc('c').remove({})).stats.removed).toBe(1)
    expect((await db.collection('people').doc('c').remove({})).stats.removed).toBe(0)
    expect((await db.collection('people').where({ g: 1 }).remove()).stats.removed).toBe(2)
    expect((await db.collection('people').count()).total).toBe(0)
  })

  test('what MongoDB refuses the server refuses: a projection mixing inclusion and exclusion', async () => {
    await db.collection('people').add({ data: { _id: 'a', x: 1, y: 2 } })
    const error = await failure(db.collection('people').field({ x: true, y: false }).get())
    expect(error.errCode).toBe(-502001)
  })
})

describe('aggregate', () => {
  test('$match, $group, $lookup, $sort, $limit', async () => {
    const $ = db.command.aggregate
    await db.collection('homes').add({ data: [{ _id: 'h1', building: 'b1' }, { _id: 'h2', building: 'b2' }] })
    await db.collection('people').add({
      data: [
        { _id: 'p1', home: 'h1', age: 70 },
        { _id: 'p2', home: 'h1', age: 40 },
        { _id: 'p3', home: 'h2', age: 80 },
        { _id: 'p4', home: 'h2', age: 10 },
        { _id: 'p5', home: 'h2', age: 66 },
      ],
    })
    const { list } = await db
      .collection('people')
      .aggregate()
      .match({ age: db.command.gte(18) })
      .group({ _id: '$home', adults: $.sum(1), oldest: $.max('$age') })
      .lookup({ from: 'homes', localField: '_id', foreignField: '_id', as: 'home' })
      .sort({ adults: -1, _id: 1 })
      .limit(1)
      .end()
    expect(list).toEqual([{ _id: 'h1', adults: 2, oldest: 70, home: [{ _id: 'h1', building: 'b1' }] }])
  })
})

describe('what MongoDB refuses and mingo would let through', () => {
  test('$inc of a field that holds text or null is refused (-502001), writing nothing; of a missing field it starts at 0', async () => {
    await db.collection('people').add({ data: { _id: 'inc1', name: '王', count: null, n: 1 } })
    const error = await failure(db.collection('people').doc('inc1').update({ data: { name: db.command.inc(1) } }))
    expect(error.errCode).toBe(-502001)
    expect(error.message).toMatch(/non-numeric/)
    expect((await failure(db.collection('people').doc('inc1').update({ data: { count: db.command.inc(1) } }))).errCode).toBe(-502001)
    await db.collection('people').doc('inc1').update({ data: { n: db.command.inc(2), fresh: db.command.inc(3) } })
    expect((await db.collection('people').doc('inc1').get()).data).toMatchObject({ name: '王', count: null, n: 3, fresh: 3 })
  })

  test('a query without orderBy does not answer in the order documents were written', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `order-${String(i).padStart(2, '0')}`)
    for (const _id of ids) await db.collection('people').add({ data: { _id, group: 'order' } })
    const first = (await db.collection('people').where({ group: 'order' }).get()).data.map((doc: { _id: string }) => doc._id)
    const again = (await db.collection('people').where({ group: 'order' }).get()).data.map((doc: { _id: string }) => doc._id)
    expect([...first].sort()).toEqual(ids)
    expect(first).not.toEqual(ids)
    expect(again).toEqual(first)
  })
})
