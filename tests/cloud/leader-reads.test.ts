import { POLICY_VERSIONS } from '../../cloud/contracts/model'
import type { Roster as ServiceRoster } from '../../cloud/contracts/service'
import type { MemberRow, Roster } from '../../cloud/contracts/volunteer'
import { addDays, chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import type { BookingDoc } from '../../cloud/lib/service/docs'
import { CloudBaseError } from '../../cloud/cloudbase'
import { code, db, freshCommunity, intercept, ok, snapshot } from './harness'

/**
 * What the last review asked of the leaders' pages: a page of rows reads its people in one query per 100, not one per
 * row; a leader's change and its audit entry are written in one transaction.
 */
const NOW = new Date()
const TODAY = chinaDay(NOW)
/** More than one query's worth of ids (100), so the batching is seen to page too. */
const CROWD = 150

beforeEach(async () => {
  await freshCommunity(NOW)
})

/** The server's read actions: a query (get), a count, an aggregation — in or outside a transaction. */
const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])

/** Counts the functions' reads of each collection, as the server receives them, while `body` runs. */
async function queriesDuring(body: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  intercept(({ action, functionName, body: request }) => {
    if (functionName === null || !READS.has(action)) return undefined
    const name = String(request.collectionName)
    counts[name] = (counts[name] ?? 0) + 1
    return undefined
  })
  try {
    await body()
  } finally {
    intercept(null)
  }
  return counts
}

/** People with a nickname; every third also has a volunteer profile with its own name. */
async function crowd(prefix: string): Promise<string[]> {
  const openids = Array.from({ length: CROWD }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`)
  for (const [i, openid] of openids.entries()) {
    await db().collection(C.users).add({ data: { _id: openid, nickname: `昵称${i}`, avatarUrl: '', locale: null, elderMode: false, createdAt: NOW } })
    if (i % 3 === 0) await db().collection(C.volunteerProfiles).add({ data: { _id: openid, openid, name: `志愿者${i}`, languages: ['en'], updatedAt: NOW } })
  }
  return openids
}
const expectedName = (i: number) => (i % 3 === 0 ? `志愿者${i}` : `昵称${i}`)

describe('a page of rows reads its people once', () => {
  it('the shift roster: names for 150 sign-ups in a few queries, each right', async () => {
    const people = await crowd('r')
    const shift = 'seed-caring-next-1'
    const base = { shiftId: shift, teamId: 'caring', startAt: NOW, endAt: NOW, ageHealthConfirmedAt: null, checkInAt: null, checkOutAt: null, checkInBy: null, checkOutBy: null, codeFailures: 0, createdAt: NOW, updatedAt: NOW }
    for (const openid of people) await db().collection(C.signups).add({ data: { _id: `${shift}:${openid}`, openid, status: 'confirmed', ...base } })
    let roster: Roster | null = null
    const counts = await queriesDuring(async () => {
      roster = await ok<Roster>('volunteer', 'demo-lead-caring', 'roster.view', { shiftId: shift })
    })
    const rows = (roster as Roster | null)?.rows ?? []
    for (const [i, openid] of people.entries()) expect(rows.find((row) => row.volunteerId === openid)?.name).toBe(expectedName(i))
    expect(counts[C.users]).toBeLessThanOrEqual(4)
    expect(counts[C.volunteerProfiles]).toBeLessThanOrEqual(2)
    expect(counts[C.signups]).toBeLessThanOrEqual(2)
    expect(counts[C.volunteerHours]).toBeLessThanOrEqual(2)
  })

  it('team members and join requests: names and languages for 150 in a few queries', async () => {
    const people = await crowd('m')
    const joined = { teamId: 'caring', insuredUntil: null, trainings: [], requestedAt: NOW, decidedAt: NOW, decidedBy: 'demo-lead-caring' }
    for (const [i, openid] of people.entries()) {
      await db().collection(C.teamMembers).add({ data: { _id: `caring:${openid}`, openid, status: i < 100 ? 'member' : 'pending', ...joined } })
    }
    let members: MemberRow[] = []
    let requests: { volunteerId: string; name: string }[] = []
    const counts = await queriesDuring(async () => {
      members = await ok<MemberRow[]>('volunteer', 'demo-lead-caring', 'team.members', { teamId: 'caring' })
      requests = await ok<{ volunteerId: string; name: string }[]>('volunteer', 'demo-lead-caring', 'team.requests', { teamId: 'caring' })
    })
    expect(members.find((row) => row.volunteerId === people[99])?.name).toBe(expectedName(99))
    expect(members.find((row) => row.volunteerId === people[0])).toMatchObject({ name: expectedName(0), languages: ['en'] })
    expect(requests.map((row) => row.name).sort()).toEqual(people.slice(100).map((_, i) => expectedName(100 + i)).sort())
    expect(counts[C.users]).toBeLessThanOrEqual(6)
    expect(counts[C.volunteerProfiles]).toBeLessThanOrEqual(4)
  })

  it('the service roster: nicknames, health consents and readings for 120 bookings in a few queries', async () => {
    // A booking of a blood-pressure session (sensitive: the roster shows who consented to a reading).
    const types = (await db().collection(C.services).where({ sensitive: true }).get()).data.map((type) => String(type._id))
    const sessions = (await db().collection(C.serviceSessions).where({ typeId: db().command.in(types) }).limit(100).get()).data.map((session) => String(session._id))
    const [sample] = (await db().collection(C.bookings).where({ sessionId: db().command.in(sessions) }).limit(1).get()).data as unknown as BookingDoc[]
    const people = (await crowd('b')).slice(0, 120)
    for (const [i, openid] of people.entries()) {
      await db().collection(C.bookings).add({ data: { ...sample, _id: `crowd-${i}`, openid, proxy: null, status: i % 4 === 0 ? 'waitlisted' : 'confirmed', seq: 10_000 + i, code: `C${i}` } })
      if (i % 2 === 0) await db().collection(C.consents).add({ data: { _id: `${openid}:health`, openid, purpose: 'health', granted: true, version: POLICY_VERSIONS.health, at: NOW, history: [] } })
    }
    let roster: ServiceRoster | null = null
    const counts = await queriesDuring(async () => {
      roster = await ok<ServiceRoster>('service', 'demo-admin', 'roster.get', { sessionId: sample.sessionId })
    })
    const entries = ((roster as ServiceRoster | null)?.slots ?? []).flatMap((slot) => slot.entries)
    expect((roster as ServiceRoster | null)?.sensitive).toBe(true)
    for (const i of people.keys()) {
      const entry = entries.find((item) => item.bookingId === `crowd-${i}`)
      expect(entry?.name).toBe(`昵称${i}`)
      expect(entry?.canRecordReading).toBe(i % 2 === 0)
    }
    // Waitlist positions counted from the bookings read, in seq order.
    const waiting = entries.filter((item) => item.bookingId.startsWith('crowd-') && item.status === 'waitlisted')
    expect(waiting.map((item) => item.position)).toEqual([...waiting.map((item) => item.position)].sort((a, b) => (a ?? 0) - (b ?? 0)))
    expect(counts[C.users]).toBeLessThanOrEqual(4)
    expect(counts[C.consents] ?? 0).toBeLessThanOrEqual(6)
    expect(counts[C.healthReadings] ?? 0).toBeLessThanOrEqual(3)
  })
})

/** The server's write actions that put an audit entry down (an insert, or a set of a whole document). */
const AUDIT_WRITES = new Set(['database.insertDocument', 'database.modifyDocument'])

/** Makes every write to the audit collection fail, outside and inside transactions, while `body` runs. */
async function withAuditFailing(body: () => Promise<unknown>): Promise<void> {
  let refused = 0
  intercept(({ action, body: request }) => {
    if (!AUDIT_WRITES.has(action) || request.collectionName !== C.audit) return undefined
    refused += 1
    throw new CloudBaseError('SYS_ERR', 'the disk is full')
  })
  try {
    await body()
  } finally {
    intercept(null)
  }
  // The failure was the audit write's: the call did try to write its entry.
  expect(refused).toBeGreaterThan(0)
}

describe('a leader’s change stands or falls with its audit entry', () => {
  it('approving a join request: when the audit entry cannot be written, the member is not admitted', async () => {
    await ok('volunteer', 'demo-resident', 'team.join', { teamId: 'caring' })
    const before = await snapshot()
    await withAuditFailing(async () => {
      expect(await code('volunteer', 'demo-lead-caring', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: true })).toBe('INTERNAL')
    })
    expect(await snapshot()).toBe(before)
    // And with the audit working again, the approval and its entry are written together.
    await ok('volunteer', 'demo-lead-caring', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: true })
    const { data } = await db().collection(C.audit).where({ action: 'team.decide', target: 'caring:demo-resident' }).get()
    expect(data).toHaveLength(1)
  })

  it('recording insurance and training: when the audit entry cannot be written, nothing changes', async () => {
    const before = await snapshot()
    await withAuditFailing(async () => {
      expect(await code('volunteer', 'demo-lead-caring', 'member.qualify', { teamId: 'caring', volunteerId: 'demo-volunteer', insuredUntil: addDays(TODAY, 90), trainings: ['first_aid'] })).toBe('INTERNAL')
    })
    expect(await snapshot()).toBe(before)
  })
})
