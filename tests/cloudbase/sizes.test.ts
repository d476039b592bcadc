import { MAX_ANSWER_BYTES, MAX_DOCUMENT_BYTES } from '../../cloud/cloudbase/database'
import { failure, localCloud, type Local, type Sdk } from './harness'

/**
 * The cloud's size limits, driven through the real wx-server-sdk: a document is at most 16 MB of BSON (MongoDB, under
 * CloudBase), one answer of the database at most 16 MB ("Database traffic: 16 MB in each packet output", WeChat's
 * quota page). docs/cloud-fidelity.md › sizes.
 */
let local: Local
let db: Sdk

beforeEach(async () => {
  local = await localCloud({}, ['notes'])
  db = local.sdkFor('account').database()
})
afterEach(() => local.cloudbase.close())

const MB = 1024 * 1024

describe('the largest document (16 MB of BSON)', () => {
  test('add: just under is stored and read back; past it is refused with MongoDB\'s text (-502001), nothing written', async () => {
    expect(MAX_DOCUMENT_BYTES).toBe(16_777_216)
    const under = 'x'.repeat(MAX_DOCUMENT_BYTES - 100)
    await db.collection('notes').add({ data: { _id: 'under', text: under } })
    expect((await db.collection('notes').doc('under').get()).data.text).toHaveLength(under.length)

    const error = await failure(db.collection('notes').add({ data: { _id: 'over', text: 'x'.repeat(MAX_DOCUMENT_BYTES) } }))
    expect(error.errCode).toBe(-502001)
    expect(error.message).toMatch(/collection\.add:fail -502001 database request fail\. object to insert too large\. size in bytes: \d+, max size: 16777216/)
    expect(local.cloudbase.documents('notes').map((doc) => doc._id)).toEqual(['under'])
  })

  test('update, set, an upsert and where().update that would make a document too large are refused; the documents stay as they were', async () => {
    const half = 'y'.repeat(9 * MB)
    await db.collection('notes').add({ data: [{ _id: 'a', text: half, kind: 'k' }, { _id: 'b', text: 'short', kind: 'k' }] })

    const update = await failure(db.collection('notes').doc('a').update({ data: { more: half } }))
    expect(update.errCode).toBe(-502001)
    expect(update.message).toContain('Resulting document after update is larger than 16777216')

    const push = await failure(db.collection('notes').doc('a').update({ data: { list: db.command.push([half]) } }))
    expect(push.errCode).toBe(-502001)

    const set = await failure(db.collection('notes').doc('b').set({ data: { one: half, two: half } }))
    expect(set.errCode).toBe(-502001)

    // set() on a missing document inserts it: MongoDB's insert text.
    const upsert = await failure(db.collection('notes').doc('c').set({ data: { one: half, two: half } }))
    expect(upsert.message).toMatch(/object to insert too large/)

    const many = await failure(db.collection('notes').where({ kind: 'k' }).update({ data: { more: half } }))
    expect(many.errCode).toBe(-502001)

    const after = Object.fromEntries(local.cloudbase.documents('notes').map((doc) => [doc._id, Object.keys(doc).sort()]))
    expect(after).toEqual({ a: ['_id', 'kind', 'text'], b: ['_id', 'kind', 'text'] })
  })

  test('inside a transaction, an update past the limit is refused and the transaction commits nothing of it', async () => {
    await db.collection('notes').add({ data: { _id: 't', text: 'z'.repeat(9 * MB) } })
    const error = await failure(
      db.runTransaction(async (transaction: Sdk) => {
        await transaction.collection('notes').doc('t').update({ data: { more: 'z'.repeat(9 * MB) } })
      }, 0),
    )
    expect(error.message).toContain('Resulting document after update is larger than 16777216')
    expect(Object.keys(local.cloudbase.documents('notes')[0]).sort()).toEqual(['_id', 'text'])
  })
})

describe('the largest answer (16 MB a packet)', () => {
  beforeEach(() => {
    // 17 documents of 1 MB each, written as an import would (no SDK round trip needed to set the scene).
    local.cloudbase.writeDocuments(Array.from({ length: 17 }, (_, i) => ({ collection: 'notes', doc: { _id: `n${String(i).padStart(2, '0')}`, i, text: 'w'.repeat(MB) } })))
  })

  test('a get whose documents pass 16 MB together is refused (-502001); fewer documents, or fewer fields, are answered', async () => {
    expect(MAX_ANSWER_BYTES).toBe(16 * MB)
    const error = await failure(db.collection('notes').get())
    expect(error.errCode).toBe(-502001)
    expect(error.message).toMatch(/collection\.get:fail -502001 database request fail\. database answer too large: \d+ bytes, max size: 16777216/)

    expect((await db.collection('notes').orderBy('i', 'asc').limit(15).get()).data).toHaveLength(15)
    const slim = await db.collection('notes').field({ i: true }).get()
    expect(slim.data).toHaveLength(17)
    expect(slim.data[0].text).toBeUndefined()
  })

  test('an aggregation answer past 16 MB is refused too (the aggregate path keeps the code, errCode -1); a $project makes it fit', async () => {
    const error = await failure(db.collection('notes').aggregate().match({}).end())
    expect(error).toMatchObject({ errCode: -1, code: 'DATABASE_REQUEST_FAILED' })
    expect(error.message).toContain('database answer too large')
    const { list } = await db.collection('notes').aggregate().match({}).project({ i: 1 }).end()
    expect(list).toHaveLength(17)
  })
})
