import type { Page } from '../../cloud/contracts/model'
import { C } from '../../cloud/lib/collections'
import { code, db, freshCommunity, ok } from './harness'

/**
 * Lists that change while someone pages them — the review queues, the audit log, a building's residents — page by
 * keyset (after the last row's sort key and id), so rows added or decided between page 1 and page 2 neither push a
 * row onto both pages nor push one off both.
 */
const NOW = new Date()
const ADMIN = 'demo-admin'
const at = (minutes: number) => new Date(NOW.getTime() - 86400_000 + minutes * 60_000)

beforeEach(async () => {
  await freshCommunity(NOW)
})

async function page<T>(fn: 'community' | 'household' | 'admin', action: string, input: Record<string, unknown>, cursor?: string | null) {
  return ok<Page<T>>(fn, ADMIN, action, cursor ? { ...input, cursor } : input)
}

/** Ids seen on the pages, asserting that none is seen twice. */
function once(ids: string[]): Set<string> {
  const seen = new Set(ids)
  expect(ids.length).toBe(seen.size)
  return seen
}

it('the audit log: entries written between page 1 and page 2 repeat no row and drop none', async () => {
  await db().collection(C.audit).where({ _id: db().command.exists(true) }).remove()
  for (let i = 0; i < 120; i++) await db().collection(C.audit).add({ data: { _id: `old-${String(i).padStart(3, '0')}`, actor: ADMIN, fn: 'community', action: 'test.old', target: `t${i}`, before: null, after: null, at: at(i) } })
  const first = await page<{ id: string }>('community', 'audit.list', { action: 'test.old' })
  expect(first.items).toHaveLength(50)
  // Newest first: 30 newer entries land on top of the list while the admin reads page 1.
  for (let i = 0; i < 30; i++) await db().collection(C.audit).add({ data: { _id: `new-${i}`, actor: ADMIN, fn: 'community', action: 'test.old', target: `n${i}`, before: null, after: null, at: at(500 + i) } })
  const ids = first.items.map((row) => row.id)
  let cursor = first.next
  while (cursor) {
    const next = await page<{ id: string }>('community', 'audit.list', { action: 'test.old' }, cursor)
    ids.push(...next.items.map((row) => row.id))
    cursor = next.next
  }
  const seen = once(ids)
  for (let i = 0; i < 120; i++) expect(seen.has(`old-${String(i).padStart(3, '0')}`)).toBe(true)
})

async function pendingResidencies(count: number) {
  for (let i = 0; i < count; i++) {
    const openid = `queue-${String(i).padStart(3, '0')}`
    const householdId = `bsw-2-1-${100 * (1 + (i % 30)) + 1 + Math.floor(i / 30)}`
    await db().collection(C.residencies).add({ data: { _id: `${openid}:${householdId}`, openid, householdId, buildingId: 'bsw-2', areaId: 'bsw', status: 'pending', via: 'invite', requestedAt: at(i) } })
  }
}

it('the residency queue: requests decided between page 1 and page 2 take no other request off the pages', async () => {
  await db().collection(C.residencies).where({ status: 'pending' }).remove()
  await pendingResidencies(80)
  const first = await page<{ id: string }>('community', 'residency.queue', {})
  expect(first.items).toHaveLength(50)
  // A leader decides ten requests of page 1 meanwhile: they leave the queue.
  for (const row of first.items.slice(0, 10)) await db().collection(C.residencies).doc(row.id).update({ data: { status: 'verified' } })
  const second = await page<{ id: string }>('community', 'residency.queue', {}, first.next)
  expect(second.next).toBeNull()
  const seen = once([...first.items, ...second.items].map((row) => row.id))
  const all = (await db().collection(C.residencies).where({ openid: db().command.in(Array.from({ length: 80 }, (_, i) => `queue-${String(i).padStart(3, '0')}`)) }).limit(100).get()).data
  expect(all).toHaveLength(80)
  for (const doc of all) expect(seen.has(String(doc._id))).toBe(true)
})

it('the party-household review queue: applications decided meanwhile take no other off the pages', async () => {
  const [pending] = (await db().collection(C.partyHouseholds).where({ status: 'pending' }).limit(1).get()).data
  await db().collection(C.partyHouseholds).where({ status: 'pending' }).remove()
  await db().collection(C.partyHouseholds).where({ buildingId: 'bsw-2' }).remove()
  const ids = Array.from({ length: 70 }, (_, i) => `bsw-2-1-${100 * (1 + (i % 30)) + 1 + Math.floor(i / 30)}`)
  for (const [i, id] of ids.entries()) await db().collection(C.partyHouseholds).add({ data: { ...pending, _id: id, buildingId: 'bsw-2', areaId: 'bsw', unit: 1, room: id.split('-').pop(), appliedAt: at(i) } })
  const first = await page<{ householdId: string }>('household', 'queue', {})
  expect(first.items).toHaveLength(50)
  for (const row of first.items.slice(0, 10)) await db().collection(C.partyHouseholds).doc(row.householdId).update({ data: { status: 'verified' } })
  const second = await page<{ householdId: string }>('household', 'queue', {}, first.next)
  expect(once([...first.items, ...second.items].map((row) => row.householdId))).toEqual(new Set(ids))
})

it('a building’s residents: people moving in between pages repeat no row', async () => {
  await db().collection(C.residencies).where({ buildingId: 'bsw-2' }).remove()
  for (let i = 0; i < 30; i++) {
    const householdId = `bsw-2-1-${1001 + i}`
    await db().collection(C.residencies).add({ data: { _id: `res-${i}:${householdId}`, openid: `res-${i}`, householdId, buildingId: 'bsw-2', areaId: 'bsw', status: 'verified', via: 'invite', requestedAt: at(i) } })
  }
  const first = await page<{ residencyId: string }>('admin', 'residents.list', { buildingId: 'bsw-2' })
  expect(first.items).toHaveLength(20)
  // Five households earlier in the order (lower floors) move in meanwhile.
  for (let i = 0; i < 5; i++) await db().collection(C.residencies).add({ data: { _id: `early-${i}:bsw-2-1-${101 + i}`, openid: `early-${i}`, householdId: `bsw-2-1-${101 + i}`, buildingId: 'bsw-2', areaId: 'bsw', status: 'verified', via: 'invite', requestedAt: NOW } })
  const second = await page<{ residencyId: string }>('admin', 'residents.list', { buildingId: 'bsw-2' }, first.next)
  const seen = once([...first.items, ...second.items].map((row) => row.residencyId))
  for (let i = 0; i < 30; i++) expect(seen.has(`res-${i}:bsw-2-1-${1001 + i}`)).toBe(true)
})

it('a cursor that is not one is refused as input, not read as a place in the list', async () => {
  for (const cursor of ['-1', '0', 'abc', 'W3siZCI6Im5vIn0sIiJd', 'x'.repeat(300)]) {
    expect(await code('community', ADMIN, 'audit.list', { cursor })).toBe('INVALID_INPUT')
    expect(await code('household', ADMIN, 'queue', { cursor })).toBe('INVALID_INPUT')
  }
})
