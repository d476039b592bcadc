import { failure, localCloud, type Local, type Sdk } from './harness'

let local: Local
let db: Sdk

async function start(options = {}) {
  local = await localCloud(options, ['places', 'bookings'])
  db = local.sdkFor('service').database()
  await db.collection('places').add({ data: [{ _id: 'p', left: 1 }, { _id: 'q', left: 5 }] })
}
afterEach(() => local.cloudbase.close())

describe('transactions run at the same time', () => {
  beforeEach(() => start())

  test('two open transactions write the same document: the second fails AT THAT WRITE with -501001 "Transaction is conflict", the first commits', async () => {
    const _ = db.command
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    expect((await first.collection('places').doc('p').get()).data.left).toBe(1)
    expect((await second.collection('places').doc('p').get()).data.left).toBe(1)
    await first.collection('places').doc('p').update({ data: { left: _.inc(-1) } })
    const conflict = await failure(second.collection('places').doc('p').update({ data: { left: _.inc(-1) } }))
    expect(conflict.errCode).toBe(-501001)
    expect(conflict.code).toBeUndefined()
    expect(conflict.message).toBe('document.update:fail -501001 resource system error. Transaction is conflict, maybe resource operated by others.')
    await first.commit()
    expect((await db.collection('places').doc('p').get()).data.left).toBe(0)
    // The conflict ended the second transaction on the server; the SDK's own rollback after it is harmless.
    await second.rollback()
    expect(local.cloudbase.counters().transactions).toMatchObject({ started: 2, committed: 1, conflicts: 1, open: 0 })
  })

  test('runTransaction does not retry a conflict raised by a write inside the callback: exactly one of two concurrent bookings of the last place wins', async () => {
    const _ = db.command
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const book = (who: string) =>
      db.runTransaction(async (t: Sdk) => {
        const { data } = await t.collection('places').doc('p').get()
        if (data.left < 1) throw new Error('full')
        await gate
        await t.collection('places').doc('p').update({ data: { left: _.inc(-1) } })
        await t.collection('bookings').add({ data: { _id: who } })
        return who
      })
    const attempts = [book('a'), book('b')]
    release()
    const results = await Promise.allSettled(attempts)
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0].reason.errCode).toBe(-501001)
    expect(lost[0].reason.message).toContain('Transaction is conflict, maybe resource operated by others.')
    expect((await db.collection('places').doc('p').get()).data.left).toBe(0)
    expect((await db.collection('bookings').count()).total).toBe(1)
    // One start per booking: the SDK did not retry.
    expect(local.cloudbase.counters().transactions.started).toBe(2)
  })

  test('a write to a document committed by someone else after the snapshot conflicts too', async () => {
    const t = await db.startTransaction()
    await db.collection('places').doc('p').update({ data: { left: 0 } })
    expect((await t.collection('places').doc('p').get()).data.left).toBe(1)
    const conflict = await failure(t.collection('places').doc('p').set({ data: { left: 7 } }))
    expect(conflict.message).toContain('Transaction is conflict')
    expect((await db.collection('places').doc('p').get()).data.left).toBe(0)
  })

  test('reads see the snapshot: commits after the start are invisible, the transaction sees its own writes', async () => {
    const t = await db.startTransaction()
    await db.collection('places').doc('q').update({ data: { left: 4 } })
    await db.collection('places').add({ data: { _id: 'new', left: 9 } })
    await db.collection('places').doc('p').remove()
    expect((await t.collection('places').doc('q').get()).data.left).toBe(5)
    expect((await t.collection('places').doc('p').get()).data.left).toBe(1)
    expect((await failure(t.collection('places').doc('new').get())).message).toContain('does not exist')
    await t.collection('bookings').doc('mine').set({ data: { at: new Date(0) } })
    expect((await t.collection('bookings').doc('mine').get()).data.at).toEqual(new Date(0))
    // Outside, the pending write is invisible until commit, then all of it appears at once.
    expect((await db.collection('bookings').count()).total).toBe(0)
    await t.commit()
    expect((await db.collection('bookings').doc('mine').get()).data.at).toEqual(new Date(0))
  })

  test('commit applies every write at once; rollback discards them', async () => {
    const _ = db.command
    const t = await db.startTransaction()
    await t.collection('places').doc('q').update({ data: { left: _.inc(-2) } })
    await t.collection('bookings').add({ data: { _id: 'b1' } })
    await t.collection('places').doc('p').remove()
    await t.rollback()
    expect((await db.collection('places').doc('q').get()).data.left).toBe(5)
    expect((await db.collection('bookings').count()).total).toBe(0)
    expect((await db.collection('places').count()).total).toBe(2)
    const again = await failure(t.collection('places').doc('q').update({ data: { left: 0 } }))
    expect(again.message).toContain('does not exist on server')

    const result = await db.runTransaction(async (tx: Sdk) => {
      await tx.collection('places').doc('q').update({ data: { left: _.inc(-2) } })
      await tx.collection('bookings').add({ data: { _id: 'b2' } })
      return 'done'
    })
    expect(result).toBe('done')
    expect((await db.collection('places').doc('q').get()).data.left).toBe(3)
    expect((await db.collection('bookings').doc('b2').get()).data).toEqual({ _id: 'b2' })
  })

  test('a duplicate _id inside a transaction is refused with the duplicate key message', async () => {
    const t = await db.startTransaction()
    const error = await failure(t.collection('places').add({ data: { _id: 'p', left: 3 } }))
    expect(error.message).toContain('E11000 duplicate key error')
    await t.rollback()
  })

  test('a write outside any transaction waits for the transaction holding its document, then applies', async () => {
    const _ = db.command
    const t = await db.startTransaction()
    await t.collection('places').doc('q').update({ data: { left: _.inc(-1) } })
    let outsideDone = false
    const outside = db.collection('places').doc('q').update({ data: { left: _.inc(-1) } }).then(() => (outsideDone = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(outsideDone).toBe(false)
    await t.commit()
    await outside
    expect((await db.collection('places').doc('q').get()).data.left).toBe(3)
    expect(local.cloudbase.counters().transactions.blockedWrites).toBe(1)
  })

  test('only single-document operations: where().get inside a transaction is refused', async () => {
    const t = await db.startTransaction()
    const error = await failure(t.collection('places').where({ left: 1 }).get())
    expect(error.message).toContain('transaction only supports single document operations')
    await t.rollback()
  })
})

describe('the 30-second lifetime', () => {
  test('a transaction past its lifetime is aborted: its locks go, its writes are dropped, its later calls fail', async () => {
    await start({ transactionLifetimeMs: 100 })
    const _ = db.command
    const t = await db.startTransaction()
    await t.collection('places').doc('q').update({ data: { left: _.inc(-1) } })
    await new Promise((resolve) => setTimeout(resolve, 150))
    const late = await failure(t.collection('places').doc('q').get())
    expect(late.errCode).toBe(-501001)
    expect(late.message).toContain('does not exist on server: expired')
    const commit = await failure(t.commit())
    expect(commit.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await db.collection('places').doc('q').get()).data.left).toBe(5)
    await db.collection('places').doc('q').update({ data: { left: 1 } })
    expect(local.cloudbase.counters().transactions.expired).toBe(1)
  })
})
