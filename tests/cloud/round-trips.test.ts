import { POLICY_VERSIONS } from '../../cloud/contracts/model'
import type { Booking, SessionDetail, SessionSummary } from '../../cloud/contracts/service'
import type { ShiftDetail, ShiftSummary } from '../../cloud/contracts/volunteer'
import { addDays } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import { db, freshCommunity, intercept, invoke, ok } from './harness'
import { NOW, stopClockAtNow, TODAY } from './world'

/**
 * Issue 22: in the cloud every database call is an HTTP round trip and counts against the plan's ~30 operations a
 * second. These are the database requests one call of the busiest actions makes, counted at the server (the harness's
 * intercept: actions `database.*` sent by a function), with an upper bound each, so a change that reads the same
 * document again shows up here.
 */
// Friday 10:00 in Shanghai, the clock stopped there (Date only).
beforeAll(() => stopClockAtNow())
afterAll(() => jest.useRealTimers())

beforeEach(async () => {
  jest.setSystemTime(NOW)
  await freshCommunity(NOW)
})

/** A verified resident with the app consent, written straight into the database. */
async function resident(openid: string, buildingId: string, areaId: string, householdId: string): Promise<string> {
  const entry = { granted: true, version: POLICY_VERSIONS.app, at: NOW }
  await db().collection(C.users).add({ data: { _id: openid, nickname: openid, avatarUrl: '', locale: null, elderMode: false, createdAt: NOW } })
  await db().collection(C.consents).add({ data: { _id: `${openid}:app`, openid, purpose: 'app', ...entry, history: [entry] } })
  await db().collection(C.residencies).add({ data: { _id: `${openid}:${householdId}`, openid, householdId, buildingId, areaId, status: 'verified', via: 'seed', requestedAt: NOW } })
  return openid
}

/** The database requests the functions make while `body` runs. */
async function roundTrips<T>(body: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const actions: string[] = []
  intercept((request) => {
    if (request.functionName !== null && request.action.startsWith('database.')) actions.push(request.action)
    return undefined
  })
  try {
    const result = await body()
    return { result, requests: actions.length }
  } finally {
    intercept(null)
  }
}

async function book(openid: string, slotId: string, requestId: string): Promise<Booking> {
  const result = await invoke<Booking>('service', openid, 'booking.create', { slotId }, { requestId })
  if (!result.ok) throw new Error(`booking as ${openid} failed: ${result.error.code} ${result.error.message}`)
  return result.data
}

describe('database round trips per call', () => {
  it('service: booking.create (new, a second person, a retry, a waitlisted one) and session.get', async () => {
    const [created] = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'knife',
      scope: { kind: 'building', id: 'ltsc-1' },
      place: '1号楼 楼道',
      day: addDays(TODAY, 2),
      slots: [{ start: '09:00', end: '09:30' }],
      capacity: 2,
    })
    const slotId = `${created.id}-1`
    const a = await resident('rt-a', 'ltsc-1', 'ltsc', 'ltsc-1-1-101')
    const b = await resident('rt-b', 'ltsc-1', 'ltsc', 'ltsc-1-1-102')
    const c = await resident('rt-c', 'ltsc-1', 'ltsc', 'ltsc-1-2-101')

    const first = await roundTrips(() => book(a, slotId, 'rt-request-a1'))
    expect(first.result.status).toBe('confirmed')
    const second = await roundTrips(() => book(b, slotId, 'rt-request-b1'))
    expect(second.result.status).toBe('confirmed')
    const retry = await roundTrips(() => book(a, slotId, 'rt-request-a1'))
    expect(retry.result).toMatchObject({ id: first.result.id, status: 'confirmed', code: first.result.code })
    const waiting = await roundTrips(() => book(c, slotId, 'rt-request-c1'))
    expect(waiting.result).toMatchObject({ status: 'waitlisted', position: 1 })
    const detail = await roundTrips(() => ok<SessionDetail>('service', c, 'session.get', { sessionId: created.id }))
    expect(detail.result.myBookings.map((item) => item.status)).toEqual(['waitlisted'])

    // Before issue 22's cut: 21, 21, 5, 24 and 12.
    // consent, booking, slot, session, residencies, policy, building; quota written with its ticket; slot claim +
    // ledger read; booking write; the heal query of the fill (on that ledger); the types for the answer.
    expect(first.requests).toBeLessThanOrEqual(13)
    // The same path as the first (another household: its own quota document).
    expect(second.requests).toBeLessThanOrEqual(13)
    // consent, booking, slot, session, the types for the answer: no rule is asked again.
    expect(retry.requests).toBeLessThanOrEqual(5)
    // The first's path with the place refused (one more update) and the fill's fresh ledger read, which also gives the
    // place in line.
    expect(waiting.requests).toBeLessThanOrEqual(15)
    // session, slots (which also give the place in line), both roles in one query, my bookings, types, policy (once),
    // consent, residencies, no-shows.
    expect(detail.requests).toBeLessThanOrEqual(9)
  })

  it('volunteer: signup.create', async () => {
    const [shift] = await ok<ShiftSummary[]>('volunteer', 'demo-lead-caring', 'shift.create', {
      teamId: 'caring',
      title: '探望独居老人',
      place: '朗庭3号楼',
      day: addDays(TODAY, 2),
      start: '09:00',
      end: '11:00',
      capacity: 2,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
      weeks: 1,
      cancelHours: 24,
    })
    const v = await resident('rt-v', 'bsw-2', 'bsw', 'bsw-2-1-1')
    const signup = await roundTrips(() => ok<ShiftDetail>('volunteer', v, 'signup.create', { shiftId: shift.id }))
    expect(signup.result.mine?.status).toBe('confirmed')
    // Before: 32. consent, residencies, shift, profile, membership; the lock written if new; the sign-up; the
    // transaction (start, shift, lock, update, commit); the place taken + the shift read; the sign-up written; the fill's
    // heal query; for the answer the team, the hours and both roles in one query.
    expect(signup.requests).toBeLessThanOrEqual(19)
  })
})
