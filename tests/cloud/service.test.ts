import { POLICY_VERSIONS, type InviteCode, type ServiceType } from '../../cloud/contracts/model'
import { SUBSCRIBE_TEMPLATES, type Booking, type Reading, type Roster, type RosterEntry, type SessionDetail, type SessionSummary } from '../../cloud/contracts/service'
import type { Envelope } from '../../cloud/contracts/envelope'
import { refuse } from '../../cloud/cloudbase'
import { C } from '../../cloud/lib/collections'
import { acceptancesLeft, acceptMessages, call, cloudbase, code, db, documents, freshCommunity, intercept, invoke, ok, outbox as sentToWeChat, snapshot } from './harness'

/**
 * 便民服务预约 through the real `service` function on the real wx-server-sdk against the local CloudBase server. The
 * clock is faked (Date only; the harness hands it to the instances at every call), so windows, cut-offs and check-in
 * days are tested at chosen instants.
 */
const NOW = new Date('2026-11-27T02:00:00Z') // Friday 10:00 in Shanghai
const DAY = '2026-11-29' // Sunday

function setNow(instant: Date) {
  jest.setSystemTime(instant)
}

beforeAll(() => {
  jest.useFakeTimers({
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    now: NOW,
  })
})
afterAll(() => jest.useRealTimers())

beforeEach(async () => {
  setNow(NOW)
  await freshCommunity(NOW)
})

const invites = new Map<string, string>()

/** A new verified resident of a room: consent, then an invite code issued by the admin. */
async function resident(openid: string, householdId: string, consents: ('health' | 'app')[] = ['app']): Promise<string> {
  const buildingId = householdId.split('-').slice(0, -2).join('-')
  let invite = invites.get(buildingId)
  if (!invite) {
    invite = (await ok<InviteCode>('community', 'demo-admin', 'invite.issue', { buildingId, maxUses: 200 })).code
    invites.set(buildingId, invite)
  }
  for (const purpose of consents) await ok('account', openid, 'consent.grant', { purpose, version: POLICY_VERSIONS[purpose] })
  const joined = await ok<{ id: string; status: string }>('community', openid, 'residency.join', { householdId, code: invite })
  if (joined.status === 'pending') {
    // A household with verified members: one of them lets the newcomer in (issue 20).
    const { data } = await db().collection(C.residencies).where({ householdId, status: 'verified' }).limit(1).get()
    await ok('community', String(data[0].openid), 'residency.decide', { residencyId: joined.id, approve: true })
  }
  return openid
}
beforeEach(() => invites.clear())

async function session(input: Record<string, unknown> = {}, by = 'demo-leader'): Promise<SessionSummary> {
  const [created] = await ok<SessionSummary[]>('service', by, 'session.create', {
    typeId: 'knife',
    scope: { kind: 'building', id: 'ltsc-1' },
    place: '1号楼 楼道',
    day: DAY,
    slots: [{ start: '09:00', end: '09:30' }],
    capacity: 2,
    ...input,
  })
  return created
}

const slotOf = (s: SessionSummary, index = 1) => `${s.id}-${index}`

async function book(openid: string, slotId: string, requestId?: string) {
  return invoke<Booking>('service', openid, 'booking.create', { slotId }, requestId ? { requestId } : {})
}

async function booked(openid: string, slotId: string, requestId?: string): Promise<Booking> {
  const result = await book(openid, slotId, requestId)
  if (!result.ok) throw new Error(`booking as ${openid} failed: ${result.error.code} ${result.error.message}`)
  return result.data
}

/**
 * What BookingCard does on the 提醒我 tap: wx.requestSubscribeMessage first (the person taps 允许, and WeChat records
 * one send of each template), then booking.subscribe with the answer.
 */
async function allowMessages(openid: string, bookingId: string, kinds: { reminder: boolean; promotion: boolean }) {
  acceptMessages(openid, [...(kinds.reminder ? [SUBSCRIBE_TEMPLATES.reminder] : []), ...(kinds.promotion ? [SUBSCRIBE_TEMPLATES.promotion] : [])])
  return ok('service', openid, 'booking.subscribe', { bookingId, ...kinds })
}

/** Counters must say what the bookings say: the invariant every transaction keeps. */
async function expectConsistent() {
  const bookings = documents(C.bookings)
  for (const slot of documents(C.serviceSlots)) {
    const own = bookings.filter((booking) => booking.slotId === slot._id)
    const holding = own.filter((booking) => ['confirmed', 'attended', 'no_show'].includes(booking.status as string)).length
    const waiting = own.filter((booking) => booking.status === 'waitlisted').length
    expect({ slot: slot._id, confirmed: slot.confirmed, waiting: slot.waiting }).toEqual({ slot: slot._id, confirmed: holding, waiting })
    expect(holding).toBeLessThanOrEqual(slot.capacity as number)
  }
  for (const quota of documents(C.bookingQuotas)) {
    const held = bookings.filter((booking) => booking.sessionId === quota.sessionId && booking.householdId === quota.householdId && booking.status !== 'cancelled').length
    expect({ quota: quota._id, active: quota.active }).toEqual({ quota: quota._id, active: held })
  }
}

/** Subscribe messages the functions sent, as the local CloudBase server's WeChat stand-in received them. */
function outbox(kind = 'subscribeMessage') {
  return sentToWeChat()
    .filter((item) => item.kind === kind)
    .map((item) => item.payload as { touser: string; templateId: string; page: string; data: Record<string, { value: string }> })
}

describe('the seeded demo', () => {
  it('lists 磨刀, 测量血压 and the monthly 缝补 for 李阿姨, with consistent counters', async () => {
    const list = await ok<SessionSummary[]>('service', 'demo-resident', 'sessions.upcoming', {})
    const keys = list.map((item) => item.type.key)
    expect(keys).toEqual(expect.arrayContaining(['knife', 'blood_pressure', 'mending']))
    const mending = list.filter((item) => item.type.key === 'mending')
    expect(mending.length).toBeGreaterThanOrEqual(1)
    for (const item of mending) expect([8, 9, 10, 11, 12, 13, 14]).toContain(Number(item.day.slice(8)))
    const bp = list.find((item) => item.id === 'seed-bp')
    expect(bp).toMatchObject({ place: '党群服务站', capacity: 20 })
    // 朗庭's haircut is not for a 绿庭尚城 resident.
    expect(list.some((item) => item.id === 'seed-haircut')).toBe(false)
    await expectConsistent()
  })

  it('shows 李阿姨 her readings, and nobody else', async () => {
    const mine = await ok<Reading[]>('service', 'demo-resident', 'readings.mine')
    expect(mine.map((item) => item.systolic)).toEqual([146, 141, 136, 132])
    expect(await ok<Reading[]>('service', 'demo-leader', 'readings.mine')).toEqual([])
    expect(await ok<Reading[]>('service', 'demo-admin', 'readings.mine')).toEqual([])
  })
})

describe('sessions', () => {
  it('anyone may open a shared session; the page says why they cannot book yet', async () => {
    const s = await session()
    expect((await ok<SessionDetail>('service', 'demo-newcomer', 'session.get', { sessionId: s.id })).canBook).toEqual({ ok: false, reason: 'consent' })
    await ok('account', 'visitor-1', 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
    expect((await ok<SessionDetail>('service', 'visitor-1', 'session.get', { sessionId: s.id })).canBook).toEqual({ ok: false, reason: 'not_resident' })
    expect((await ok<SessionDetail>('service', 'demo-volunteer', 'session.get', { sessionId: s.id })).canBook).toEqual({ ok: false, reason: 'not_in_scope' })
    const detail = await ok<SessionDetail>('service', 'demo-resident', 'session.get', { sessionId: s.id })
    expect(detail.canBook).toEqual({ ok: true, householdId: 'ltsc-1-1-502' })
    expect(detail.canManage).toBe(false)
    expect((await ok<SessionDetail>('service', 'demo-leader', 'session.get', { sessionId: s.id })).canManage).toBe(true)
  })

  it('a leader creates a monthly series for their own building, in China time', async () => {
    const created = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'mending',
      scope: { kind: 'building', id: 'ltsc-1' },
      place: '1号楼 楼道',
      day: '2026-12-12',
      slots: [
        { start: '14:00', end: '15:00' },
        { start: '15:00', end: '16:00' },
      ],
      capacity: 4,
      recurrence: { kind: 'monthly', nth: 2, weekday: 6, count: 3 },
    })
    expect(created.map((item) => item.day)).toEqual(['2026-12-12', '2027-01-09', '2027-02-13'])
    expect(created[0]).toMatchObject({ startsAt: '2026-12-12T06:00:00.000Z', opensAt: '2026-12-05T00:00:00.000Z', slotCount: 2, placesLeft: 8 })
    expect(new Set(created.map((item) => item.seriesId)).size).toBe(1)
    const detail = await ok<SessionDetail>('service', 'demo-resident', 'session.get', { sessionId: created[0].id })
    expect(detail.slots.map((slot) => [slot.letter, slot.start, slot.phase])).toEqual([
      ['A', '14:00', 'not_open'],
      ['B', '15:00', 'not_open'],
    ])
  })

  it('only leaders of the building and admins create; area and community sessions are for admins', async () => {
    const input = { typeId: 'knife', place: '楼道', day: DAY, slots: [{ start: '09:00', end: '09:30' }], capacity: 2 }
    expect(await code('service', 'demo-resident', 'session.create', { ...input, scope: { kind: 'building', id: 'ltsc-1' } })).toBe('FORBIDDEN')
    expect(await code('service', 'demo-leader', 'session.create', { ...input, scope: { kind: 'building', id: 'lt-3' } })).toBe('FORBIDDEN')
    expect(await code('service', 'demo-leader', 'session.create', { ...input, scope: { kind: 'area', id: 'ltsc' } })).toBe('FORBIDDEN')
    expect(await code('service', 'demo-admin', 'session.create', { ...input, scope: { kind: 'area', id: 'nowhere' } })).toBe('NOT_FOUND')
    await ok('service', 'demo-admin', 'session.create', { ...input, scope: { kind: 'area', id: 'ltsc' } })
  })

  it('refuses overlapping slots, a time already past, and unsafe text, writing nothing', async () => {
    const before = await snapshot()
    const base = { typeId: 'knife', scope: { kind: 'building', id: 'ltsc-1' }, place: '楼道', day: DAY, capacity: 2 }
    expect(await code('service', 'demo-leader', 'session.create', { ...base, slots: [{ start: '09:00', end: '10:00' }, { start: '09:30', end: '10:30' }] })).toBe('INVALID_INPUT')
    expect(await code('service', 'demo-leader', 'session.create', { ...base, day: '2026-11-27', slots: [{ start: '09:00', end: '09:30' }] })).toBe('INVALID_INPUT')
    expect(await code('service', 'demo-leader', 'session.create', { ...base, place: '赌博场所', slots: [{ start: '09:00', end: '09:30' }] })).toBe('CONTENT_RISKY')
    // The content check leaves its own trace in the outbox (not a collection); the data itself is unchanged.
    expect(outbox('msgSecCheck').some((check) => (check as unknown as { suggest: string }).suggest === 'risky')).toBe(true)
    expect(await snapshot()).toBe(before)
  })

  it('a cancelled session cancels its bookings and takes no more', async () => {
    const s = await session()
    const b = await booked('demo-resident', slotOf(s))
    await ok('service', 'demo-leader', 'session.cancel', { sessionId: s.id })
    expect((await ok<Booking>('service', 'demo-resident', 'booking.get', { bookingId: b.id })).cancelReason).toBe('session')
    expect((await book('demo-party', slotOf(s))).ok).toBe(false)
    await expectConsistent()
  })
})

describe('booking, waitlist and promotion', () => {
  it('confirms, then waitlists in order; a cancellation promotes the first in line, who is told', async () => {
    const s = await session({ capacity: 2 })
    await resident('r-a', 'ltsc-1-2-101')
    await resident('r-b', 'ltsc-1-2-102')
    const first = await booked('demo-resident', slotOf(s))
    const second = await booked('demo-party', slotOf(s))
    const third = await booked('r-a', slotOf(s))
    const fourth = await booked('r-b', slotOf(s))
    expect([first, second, third, fourth].map((b) => [b.status, b.position, b.code])).toEqual([
      ['confirmed', null, 'A1'],
      ['confirmed', null, 'A2'],
      ['waitlisted', 1, 'A3'],
      ['waitlisted', 2, 'A4'],
    ])
    await allowMessages('r-a', third.id, { reminder: true, promotion: true })

    const cancelled = await ok<Booking>('service', 'demo-resident', 'booking.cancel', { bookingId: first.id })
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'self' })
    const promoted = await ok<Booking>('service', 'r-a', 'booking.get', { bookingId: third.id })
    expect(promoted.status).toBe('confirmed')
    expect(promoted.promotedAt).toBe(NOW.toISOString())
    expect((await ok<Booking>('service', 'r-b', 'booking.get', { bookingId: fourth.id })).position).toBe(1)

    const [notice] = outbox()
    expect(notice).toMatchObject({ touser: 'r-a', page: 'packages/service/mine/index' })
    expect(notice.data.phrase3.value).toBe('候补成功')
    for (const [key, { value }] of Object.entries(notice.data)) if (key.startsWith('thing')) expect([...value].length).toBeLessThanOrEqual(20)

    // Not subscribed: promoted all the same, but no message is sent without the person's permission.
    await ok('service', 'demo-party', 'booking.cancel', { bookingId: second.id })
    expect((await ok<Booking>('service', 'r-b', 'booking.get', { bookingId: fourth.id })).status).toBe('confirmed')
    expect(outbox()).toHaveLength(1)
    await expectConsistent()
  })

  it('a retried request yields one booking; a late retry does not undo a cancellation', async () => {
    const s = await session()
    const one = await booked('demo-resident', slotOf(s), 'req-aaaaaaaa')
    const again = await booked('demo-resident', slotOf(s), 'req-aaaaaaaa')
    expect(again.id).toBe(one.id)
    await ok('service', 'demo-resident', 'booking.cancel', { bookingId: one.id })
    const late = await booked('demo-resident', slotOf(s), 'req-aaaaaaaa')
    expect(late.status).toBe('cancelled')
    const fresh = await booked('demo-resident', slotOf(s), 'req-bbbbbbbb')
    expect(fresh.status).toBe('confirmed')
    expect(documents(C.bookings).filter((b) => b.sessionId === s.id)).toHaveLength(1)
    await expectConsistent()
  })

  it('simultaneous retries of one request make one booking', async () => {
    const s = await session()
    const results = await Promise.all(Array.from({ length: 8 }, () => book('demo-resident', slotOf(s), 'req-cccccccc')))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(documents(C.serviceSlots).find((slot) => slot._id === slotOf(s))).toMatchObject({ confirmed: 1, waiting: 0, seq: 1 })
  })

  it('the household cap holds, even for two members of one household booking at the same moment', async () => {
    const s = await session({ slots: [{ start: '09:00', end: '09:30' }, { start: '09:30', end: '10:00' }], capacity: 5, householdCap: 1 })
    await resident('spouse-a', 'ltsc-1-2-301')
    await resident('spouse-b', 'ltsc-1-2-301')
    const results = await Promise.all([book('spouse-a', slotOf(s, 1)), book('spouse-b', slotOf(s, 2))])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.find((r) => !r.ok)
    expect(refused && !refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', field: 'householdCap' })
    await expectConsistent()
  })

  it('never oversells under simultaneous requests, and stays consistent through simultaneous cancels', async () => {
    const people: string[] = []
    for (let i = 0; i < 30; i++) people.push(await resident(`crowd-${i}`, `ltsc-3-1-${Math.floor(i / 4) + 1}${String((i % 4) + 1).padStart(2, '0')}`))
    // ltsc-3 is not this session's building: open it to the community for the crowd.
    const open = await session({ capacity: 5, audience: 'community', day: '2026-11-30' })
    const results = await Promise.all(people.map((openid) => booked(openid, slotOf(open))))
    const confirmed = results.filter((b) => b.status === 'confirmed')
    const waiting = results.filter((b) => b.status === 'waitlisted')
    expect(confirmed).toHaveLength(5)
    expect(waiting.map((b) => b.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    await Promise.all(confirmed.map((b) => ok('service', people[results.indexOf(b)], 'booking.cancel', { bookingId: b.id })))
    const after = await ok<Roster>('service', 'demo-admin', 'roster.get', { sessionId: open.id })
    const entries = after.slots[0].entries
    expect(entries.filter((e) => e.status === 'confirmed')).toHaveLength(5)
    // The five promoted are the first five who waited, in order.
    const promotedCodes = entries.filter((e) => e.status === 'confirmed').map((e) => e.code).sort()
    const firstFive = waiting.sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).slice(0, 5).map((b) => b.code).sort()
    expect(promotedCodes).toEqual(firstFive)
    await expectConsistent()
  }, 60_000) // real concurrent transactions through the instance pool: seconds, not milliseconds

  it('refuses before booking opens, after the slot starts, and outside the session’s buildings', async () => {
    const later = await session({ day: '2026-12-20' })
    expect((await book('demo-resident', slotOf(later))).ok).toBe(false)
    const s = await session()
    expect(await code('service', 'demo-volunteer', 'booking.create', { slotId: slotOf(s) })).toBe('NOT_RESIDENT')
    expect(await code('service', 'demo-newcomer', 'booking.create', { slotId: slotOf(s) })).toBe('CONSENT_REQUIRED')
    setNow(new Date('2026-11-29T01:00:00Z'))
    const started = await book('demo-resident', slotOf(s))
    expect(!started.ok && started.error.field).toBe('slotId')
  })
})

describe('the database quota', () => {
  it('once the ledger gives a place, the booking that names its holder is written even when the quota turns it away again and again', async () => {
    const s = await session()
    let refused = 0
    intercept(({ action, body }) => {
      if (action === 'database.modifyDocument' && body.collectionName === C.bookings && body.queryType === 'DOC' && refused < 6) {
        refused++
        throw refuse.rateLimited(30)
      }
      return undefined
    })
    const b = await booked('demo-resident', slotOf(s))
    intercept(null)
    expect(refused).toBe(6)
    expect(b.status).toBe('confirmed')
    expect(documents(C.bookings).filter((doc) => doc._id === b.id)).toMatchObject([{ status: 'confirmed' }])
    await expectConsistent()
  })
})

describe('cancellation cut-off and who may cancel or see a booking', () => {
  it('the owner cancels before the cut-off; after it only the leader can', async () => {
    const s = await session({ cancelCutoffMinutes: 120 })
    const b = await booked('demo-resident', slotOf(s))
    expect(b.cancelDeadline).toBe('2026-11-28T23:00:00.000Z')
    setNow(new Date('2026-11-28T23:00:00Z'))
    expect((await ok<Booking>('service', 'demo-resident', 'booking.get', { bookingId: b.id })).canCancel).toBe(false)
    const late = await invoke('service', 'demo-resident', 'booking.cancel', { bookingId: b.id })
    expect(!late.ok && late.error).toMatchObject({ code: 'CONFLICT', field: 'cancelDeadline' })
    const byLeader = await ok<Booking>('service', 'demo-leader', 'booking.cancel', { bookingId: b.id })
    expect(byLeader).toMatchObject({ status: 'cancelled', cancelReason: 'manager' })
  })

  it('another resident neither sees nor cancels a booking; the leader of another building neither', async () => {
    const s = await session()
    const b = await booked('demo-resident', slotOf(s))
    expect(await code('service', 'demo-party', 'booking.get', { bookingId: b.id })).toBe('NOT_FOUND')
    expect(await code('service', 'demo-party', 'booking.cancel', { bookingId: b.id })).toBe('NOT_FOUND')
    expect(await code('service', 'demo-party', 'booking.subscribe', { bookingId: b.id, reminder: true, promotion: true })).toBe('NOT_FOUND')
    await ok('community', 'demo-admin', 'role.grant', { userId: 'demo-volunteer', role: 'building_leader', scope: 'lt-3' })
    expect(await code('service', 'demo-volunteer', 'booking.get', { bookingId: b.id })).toBe('NOT_FOUND')
    expect(await code('service', 'demo-volunteer', 'roster.get', { sessionId: s.id })).toBe('FORBIDDEN')
    expect(await code('service', 'demo-resident', 'roster.get', { sessionId: s.id })).toBe('FORBIDDEN')
    expect((await ok<Booking>('service', 'demo-leader', 'booking.get', { bookingId: b.id })).id).toBe(b.id)
    expect((await ok<Booking>('service', 'demo-admin', 'booking.get', { bookingId: b.id })).id).toBe(b.id)
  })

  it('我的预约 lists only the caller’s bookings', async () => {
    const s = await session()
    await booked('demo-resident', slotOf(s))
    await booked('demo-party', slotOf(s))
    const mine = await ok<Booking[]>('service', 'demo-resident', 'bookings.mine')
    expect(mine.every((b) => b.id.endsWith(':demo-resident'))).toBe(true)
    expect(mine.some((b) => b.sessionId === s.id)).toBe(true)
  })
})

describe('代预约 by a building leader', () => {
  it('books a neighbour by name and room, marked, once per tap, within the household cap', async () => {
    const s = await session({ capacity: 3 })
    const input = { slotId: slotOf(s), name: '陈奶奶', householdId: 'ltsc-1-1-201' }
    const proxy = await ok<Booking>('service', 'demo-leader', 'booking.proxy', input)
    expect(proxy).toMatchObject({ status: 'confirmed', proxy: { name: '陈奶奶', unit: 1, room: '201' } })
    expect((await ok<Booking>('service', 'demo-leader', 'booking.proxy', input)).id).toBe(proxy.id)
    expect(await code('service', 'demo-leader', 'booking.proxy', { ...input, name: '陈爷爷' })).toBe('CONFLICT')
    expect(await code('service', 'demo-resident', 'booking.proxy', { ...input, householdId: 'ltsc-1-1-202' })).toBe('FORBIDDEN')
    expect(await code('service', 'demo-leader', 'booking.proxy', { ...input, householdId: 'lt-3-1-101' })).toBe('FORBIDDEN')
    const roster = await ok<Roster>('service', 'demo-leader', 'roster.get', { sessionId: s.id })
    expect(roster.slots[0].entries[0]).toMatchObject({ name: '陈奶奶', proxy: true, unit: 1, room: '201', canRecordReading: false })
    await expectConsistent()
  })
})

describe('check-in, no-shows and the gentle policy', () => {
  async function dayOf() {
    const s = await session({ typeId: 'blood-pressure', capacity: 3, slots: [{ start: '09:00', end: '09:30' }, { start: '09:30', end: '10:00' }] })
    const a = await booked('demo-resident', slotOf(s, 1))
    const b = await booked('demo-party', slotOf(s, 2))
    return { s, a, b }
  }

  it('the provider checks in by typed code or scanned QR; only on the day; never a waitlisted booking', async () => {
    const { s, a, b } = await dayOf()
    expect(await code('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code })).toBe('CONFLICT')
    setNow(new Date('2026-11-29T00:50:00Z'))
    expect(await code('service', 'demo-resident', 'booking.checkin', { sessionId: s.id, code: a.code })).toBe('FORBIDDEN')
    const typed = await ok<RosterEntry>('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code.toLowerCase() })
    expect(typed).toMatchObject({ status: 'attended', name: '李阿姨', unit: 1, room: '502', canRecordReading: true })
    const scanned = await ok<RosterEntry>('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: b.qr })
    expect(scanned).toMatchObject({ status: 'attended', canRecordReading: false })
    expect(await code('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: b.qr.replace(s.id, 'seed-knife') })).toBe('CODE_INVALID')
    expect(await code('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: 'Z99' })).toBe('CODE_INVALID')
    const undone = await ok<RosterEntry>('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: b.code, undo: true })
    expect(undone.status).toBe('confirmed')
  })

  it('checking in twice (a retry after a lost answer, two scans at once) answers the booking as it is, written once', async () => {
    const { s, a } = await dayOf()
    setNow(new Date('2026-11-29T00:50:00Z'))
    const checkins = async () => (await db().collection(C.audit).where({ action: 'service.checkin', target: a.id }).count()).total
    const first = await invoke<RosterEntry & { already?: boolean }>('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code }, { requestId: 'checkin-retry-1' })
    expect(first).toMatchObject({ ok: true, data: { status: 'attended', already: false } })
    const checkedInAt = first.ok ? first.data.checkedInAt : null
    expect(checkedInAt).not.toBeNull()

    // The answer was lost: the phone sends the same request again a minute later.
    setNow(new Date('2026-11-29T00:51:00Z'))
    const before = await snapshot()
    const retry = await invoke<RosterEntry & { already?: boolean }>('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code }, { requestId: 'checkin-retry-1' })
    expect(retry).toMatchObject({ ok: true, data: { bookingId: a.id, status: 'attended', checkedInAt, already: true } })
    // The QR shown again and scanned as a new request: the same answer.
    expect(await ok('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.qr })).toMatchObject({ status: 'attended', checkedInAt, already: true })
    expect(await snapshot()).toBe(before)
    expect(await checkins()).toBe(1)

    // Two providers scan the same code at the same moment: both succeed, one of them checked the person in.
    await ok('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code, undo: true })
    const both = await Promise.all(['demo-leader', 'demo-admin'].map((who) => ok<RosterEntry & { already?: boolean }>('service', who, 'booking.checkin', { sessionId: s.id, code: a.code })))
    expect(both.map((entry) => entry.status)).toEqual(['attended', 'attended'])
    expect(both.filter((entry) => !entry.already)).toHaveLength(1)
    expect(await checkins()).toBe(2)
    await expectConsistent()
  })

  it('closing records no-shows; by default that brings a reminder, not a ban; a hold is an admin’s choice', async () => {
    const { s, a } = await dayOf()
    setNow(new Date('2026-11-29T02:30:00Z'))
    await ok('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: a.code })
    expect(await ok('service', 'demo-leader', 'session.close', { sessionId: s.id })).toEqual({ noShows: 1, attended: 1 })
    await expectConsistent()

    const next = await session({ day: '2026-12-01' })
    const detail = await ok<SessionDetail>('service', 'demo-party', 'session.get', { sessionId: next.id })
    expect(detail.noShowReminder).toBe(true)
    expect(detail.canBook.ok).toBe(true)

    expect(await code('service', 'demo-leader', 'policy.set', { mode: 'hold', threshold: 1, windowDays: 30, holdDays: 7 })).toBe('FORBIDDEN')
    await ok('service', 'demo-admin', 'policy.set', { mode: 'hold', threshold: 1, windowDays: 30, holdDays: 7 })
    const held = await invoke('service', 'demo-party', 'booking.create', { slotId: slotOf(next) })
    expect(!held.ok && held.error).toMatchObject({ code: 'FORBIDDEN', field: 'held' })
    expect((await ok<SessionDetail>('service', 'demo-party', 'session.get', { sessionId: next.id })).canBook).toMatchObject({ ok: false, reason: 'held' })
  })
})

describe('blood-pressure readings', () => {
  async function checkedIn() {
    const s = await session({ typeId: 'blood-pressure' })
    const b = await booked('demo-resident', slotOf(s))
    setNow(new Date('2026-11-29T00:55:00Z'))
    await ok('service', 'demo-leader', 'booking.checkin', { sessionId: s.id, code: b.code })
    return { s, b }
  }

  it('the provider records at check-in with consent; only the resident reads it; no other action returns it', async () => {
    const { s, b } = await checkedIn()
    expect(await ok('service', 'demo-leader', 'reading.record', { bookingId: b.id, systolic: 213, diastolic: 131, pulse: 81 })).toEqual({ recorded: true })
    const mine = await ok<Reading[]>('service', 'demo-resident', 'readings.mine')
    expect(mine[mine.length - 1]).toMatchObject({ systolic: 213, diastolic: 131, pulse: 81 })

    // Nothing the leader or admin can call carries the numbers.
    const seen = JSON.stringify([
      await ok('service', 'demo-leader', 'roster.get', { sessionId: s.id }),
      await ok('service', 'demo-leader', 'booking.get', { bookingId: b.id }),
      await ok('service', 'demo-leader', 'readings.mine'),
      await ok('service', 'demo-admin', 'readings.mine'),
      await ok('community', 'demo-admin', 'audit.list', {}),
      await ok('account', 'demo-leader', 'data.export'),
    ])
    expect(seen).not.toMatch(/systolic|diastolic|:213[,}]|:131[,}]/)
    expect((await ok<Roster>('service', 'demo-leader', 'roster.get', { sessionId: s.id })).slots[0].entries[0].readingRecorded).toBe(true)
  })

  it('without health consent nothing is recorded; withdrawing stops recording at once', async () => {
    const { b } = await checkedIn()
    await ok('account', 'demo-resident', 'consent.withdraw', { purpose: 'health' })
    const before = documents(C.healthReadings).length
    const refused = await invoke('service', 'demo-leader', 'reading.record', { bookingId: b.id, systolic: 120, diastolic: 80 })
    expect(!refused.ok && refused.error.code).toBe('CONSENT_REQUIRED')
    expect(documents(C.healthReadings)).toHaveLength(before)
    expect((await ok<RosterEntry>('service', 'demo-leader', 'booking.checkin', { sessionId: b.sessionId, code: b.code })).canRecordReading).toBe(false)
  })

  it('only the provider records, only after check-in, only at a health service', async () => {
    const s = await session({ typeId: 'blood-pressure' })
    const b = await booked('demo-resident', slotOf(s))
    expect(await code('service', 'demo-leader', 'reading.record', { bookingId: b.id, systolic: 120, diastolic: 80 })).toBe('CONFLICT')
    // NOT_FOUND, as for a booking that does not exist: nobody learns whether someone booked a blood-pressure check.
    expect(await code('service', 'demo-resident', 'reading.record', { bookingId: b.id, systolic: 120, diastolic: 80 })).toBe('NOT_FOUND')
    const knife = await session()
    const k = await booked('demo-resident', slotOf(knife))
    expect(await code('service', 'demo-leader', 'reading.record', { bookingId: k.id, systolic: 120, diastolic: 80 })).toBe('FORBIDDEN')
  })

  it('the owner deletes a reading; nobody else can', async () => {
    const [first] = await ok<Reading[]>('service', 'demo-resident', 'readings.mine')
    expect(await code('service', 'demo-leader', 'reading.delete', { readingId: first.id })).toBe('NOT_FOUND')
    expect(await code('service', 'demo-admin', 'reading.delete', { readingId: first.id })).toBe('NOT_FOUND')
    await ok('service', 'demo-resident', 'reading.delete', { readingId: first.id })
    expect((await ok<Reading[]>('service', 'demo-resident', 'readings.mine')).map((r) => r.id)).not.toContain(first.id)
  })
})

describe('reminders', () => {
  it('an admin run (or the hourly timer) reminds subscribed bookings once, within WeChat’s field limits', async () => {
    const s = await session({ place: '绿庭尚城1号楼一单元楼道口旁边的小花园里那张长椅' })
    const b = await booked('demo-resident', slotOf(s))
    await allowMessages('demo-resident', b.id, { reminder: true, promotion: false })
    await booked('demo-party', slotOf(s))
    expect(await code('service', 'demo-leader', 'reminders.send', {})).toBe('FORBIDDEN')
    await ok('service', 'demo-admin', 'reminders.send', { leadHours: 12 })
    expect(outbox().some((m) => m.data.time2.value === '2026-11-29 09:00')).toBe(false)
    setNow(new Date('2026-11-28T03:00:00Z'))
    const seededBefore = outbox().length
    const timer = (await call('service', null, { Type: 'Timer', TriggerName: 'service-reminders', Time: '2026-11-28T03:00:00Z' })) as Envelope<unknown>
    expect(timer.ok).toBe(true)
    const mine = outbox().filter((m) => m.touser === 'demo-resident' && m.templateId === 'TEMPLATE_ID_SERVICE_REMINDER')
    expect(mine.length).toBeGreaterThanOrEqual(1)
    const reminder = mine.find((m) => m.data.time2.value === '2026-11-29 09:00')
    expect(reminder?.data.thing3.value).toMatch(/…$/)
    expect([...(reminder?.data.thing3.value ?? '')].length).toBeLessThanOrEqual(20)
    expect(outbox().some((m) => m.touser === 'demo-party' && m.data.time2.value === '2026-11-29 09:00')).toBe(false)
    const count = outbox().length
    expect(count).toBeGreaterThan(seededBefore)
    expect(await ok('service', 'demo-admin', 'reminders.send', {})).toEqual({ sent: 0, failed: 0 })
    expect(outbox()).toHaveLength(count)
  })

  it('a reminder counts as sent only once WeChat took it: a refused one is tried by the next run (three tries at most), one whose run died after claiming it by a run after the claim lapses', async () => {
    const s = await session({ capacity: 5 })
    const b = await booked('demo-resident', slotOf(s))
    await allowMessages('demo-resident', b.id, { reminder: true, promotion: false })
    setNow(new Date('2026-11-28T03:00:00Z'))
    const doc = () => documents(C.bookings).find((booking) => booking._id === b.id) as { reminded: boolean; reminderAttempts?: number; reminderClaimedUntil?: Date | null }
    const mine = () => outbox().filter((m) => m.touser === 'demo-resident' && m.data.time2.value === '2026-11-29 09:00')

    // WeChat refuses (the person's subscription ran out): not marked sent, tried again by the next run.
    intercept(({ apiName }) => (apiName === 'subscribeMessage.send' ? { errcode: 43101, errmsg: 'user refuse to accept the msg' } : undefined))
    expect((await ok<{ sent: number; failed: number }>('service', 'demo-admin', 'reminders.send', {})).failed).toBeGreaterThanOrEqual(1)
    expect(doc()).toMatchObject({ reminded: false, reminderAttempts: 1, reminderClaimedUntil: null })
    intercept(null)
    await ok('service', 'demo-admin', 'reminders.send', {})
    expect(doc()).toMatchObject({ reminded: true, reminderAttempts: 2 })
    expect(mine()).toHaveLength(1)

    // A run killed after its claim (the claim written, nothing sent): the next run leaves it while the claim holds,
    // and sends it once the claim has lapsed.
    const c = await booked('demo-party', slotOf(s))
    await allowMessages('demo-party', c.id, { reminder: true, promotion: false })
    await db().collection(C.bookings).doc(c.id).update({ data: { reminderClaimedUntil: new Date(Date.now() + 5 * 60_000), reminderAttempts: 1 } })
    const theirs = () => outbox().filter((m) => m.touser === 'demo-party' && m.data.time2.value === '2026-11-29 09:00')
    await ok('service', 'demo-admin', 'reminders.send', {})
    expect(theirs()).toHaveLength(0)
    setNow(new Date('2026-11-28T03:06:00Z'))
    await ok('service', 'demo-admin', 'reminders.send', {})
    expect(theirs()).toHaveLength(1)

    // Three refused tries, and it stops asking WeChat.
    const d = await booked('demo-leader', slotOf(s))
    await allowMessages('demo-leader', d.id, { reminder: true, promotion: false })
    let asked = 0
    intercept(({ apiName, params }) => {
      if (apiName !== 'subscribeMessage.send' || params?.touser !== 'demo-leader') return undefined
      asked++
      return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    })
    for (let run = 0; run < 5; run++) await ok('service', 'demo-admin', 'reminders.send', {})
    expect(asked).toBe(3)
  })

  it('without an acceptance WeChat refuses the reminder (43101): tried by three runs, then given up; nothing is sent', async () => {
    const s = await session({ capacity: 5 })
    await resident('r-x', 'ltsc-1-2-201')
    const b = await booked('r-x', slotOf(s))
    // The booking says yes, but WeChat holds no 允许 of r-x's for the reminder (switched off in 设置 since, or a client
    // that never asked): the cloud cannot know until WeChat answers.
    await ok('service', 'r-x', 'booking.subscribe', { bookingId: b.id, reminder: true, promotion: false })
    expect(acceptancesLeft('r-x', SUBSCRIBE_TEMPLATES.reminder)).toBe(0)
    setNow(new Date('2026-11-28T03:00:00Z'))
    const doc = () => documents(C.bookings).find((booking) => booking._id === b.id) as { reminded: boolean; reminderAttempts?: number }
    const refusedBefore = cloudbase().counters().subscriptions.refused
    for (let run = 0; run < 5; run++) await ok('service', 'demo-admin', 'reminders.send', {})
    expect(doc()).toMatchObject({ reminded: false, reminderAttempts: 3 })
    expect(cloudbase().counters().subscriptions.refused - refusedBefore).toBe(3)
    expect(outbox().filter((m) => m.touser === 'r-x')).toEqual([])
    // The booking itself stands.
    expect((await ok<Booking>('service', 'r-x', 'booking.get', { bookingId: b.id })).status).toBe('confirmed')
  })

  it('each 允许 allows one reminder: a second booking subscribed on the same acceptance gets none', async () => {
    const morning = await session({ capacity: 5 })
    const later = await session({ capacity: 5, slots: [{ start: '10:00', end: '10:30' }] })
    await resident('r-y', 'ltsc-1-2-202')
    const first = await booked('r-y', slotOf(morning))
    const second = await booked('r-y', slotOf(later))
    await allowMessages('r-y', first.id, { reminder: true, promotion: false })
    // A second booking.subscribe without asking WeChat again: the one acceptance covers one message.
    await ok('service', 'r-y', 'booking.subscribe', { bookingId: second.id, reminder: true, promotion: false })
    setNow(new Date('2026-11-28T03:00:00Z'))
    const result = await ok<{ sent: number; failed: number }>('service', 'demo-admin', 'reminders.send', {})
    expect(result.failed).toBeGreaterThanOrEqual(1)
    expect(outbox().filter((m) => m.touser === 'r-y')).toHaveLength(1)
    expect(acceptancesLeft('r-y', SUBSCRIBE_TEMPLATES.reminder)).toBe(0)
  })

  it('a phone that forges the timer event is answered like any unknown action', async () => {
    const forged = (await call('service', 'demo-resident', { Type: 'Timer', TriggerName: 'service-reminders' })) as Envelope<unknown>
    expect(!forged.ok && forged.error.code).toBe('UNKNOWN_ACTION')
  })
})

describe('the catalogue', () => {
  it('an admin adds and retires a type; a retired type is not offered for new sessions', async () => {
    const base = { name: { 'zh-CN': '配钥匙' }, description: { 'zh-CN': '楼下配钥匙' }, bring: { 'zh-CN': '原钥匙' }, provider: { 'zh-CN': '志愿者' } }
    expect(await code('service', 'demo-leader', 'types.save', base)).toBe('FORBIDDEN')
    const added = await ok<ServiceType>('service', 'demo-admin', 'types.save', base)
    expect((await ok<ServiceType[]>('service', 'demo-resident', 'types.list')).map((t) => t.id)).toContain(added.id)
    await ok('service', 'demo-admin', 'types.retire', { id: added.id })
    expect((await ok<ServiceType[]>('service', 'demo-resident', 'types.list')).map((t) => t.id)).not.toContain(added.id)
    expect(await code('service', 'demo-leader', 'session.create', { typeId: added.id, scope: { kind: 'building', id: 'ltsc-1' }, place: '楼道', day: DAY, slots: [{ start: '09:00', end: '09:30' }], capacity: 2 })).toBe('NOT_FOUND')
  })
})

describe('my data: bookings and readings in export and account deletion', () => {
  it('exports my bookings and readings; deleting the account frees my place for the waitlist and removes both', async () => {
    await resident('del-a', 'ltsc-1-1-101')
    await resident('del-b', 'ltsc-1-1-102')
    const s = await session({ capacity: 1 })
    await booked('del-a', slotOf(s))
    const waiting = await booked('del-b', slotOf(s))
    expect(waiting.status).toBe('waitlisted')

    const exported = await ok<{ data: Record<string, unknown[]> }>('account', 'demo-resident', 'data.export')
    expect(exported.data[C.healthReadings].length).toBeGreaterThan(0)
    const mine = await ok<{ data: Record<string, unknown[]> }>('account', 'del-a', 'data.export')
    expect(mine.data[C.bookings]).toHaveLength(1)

    const result = await ok<{ removed: Record<string, number> }>('account', 'del-a', 'account.delete', { confirm: 'DELETE' })
    expect(result.removed[C.bookings]).toBe(1)
    const after = await ok<Booking[]>('service', 'del-b', 'bookings.mine')
    expect(after.find((b) => b.id === waiting.id)?.status).toBe('confirmed')
    await expectConsistent()

    const readings = await ok<{ removed: Record<string, number> }>('account', 'demo-resident', 'account.delete', { confirm: 'DELETE' })
    expect(readings.removed[C.healthReadings]).toBeGreaterThan(0)
    expect(documents(C.healthReadings).filter((r) => r.openid === 'demo-resident')).toHaveLength(0)
  })
})
