import path from 'node:path'
import { BASE_PLAN, readFunctionConfigs, readIndexes } from '../../cloud/cloudbase'
import { createInstances, type CallOutcome, type Instances } from '../../cloud/cloudbase/instances'
import type { Envelope } from '../../cloud/contracts/envelope'
import { POLICY_VERSIONS } from '../../cloud/contracts/model'
import type { Booking, SessionSummary } from '../../cloud/contracts/service'
import type { ShiftDetail, ShiftSummary } from '../../cloud/contracts/volunteer'
import { addDays, chinaDay } from '../../cloud/domain/time'
import { consentId, residencyId } from '../../cloud/lib/auth'
import { C } from '../../cloud/lib/collections'
import type { Database } from '../../cloud/types/database'
import { seedDemo } from '../../cloud/runtime/seed'
import { localCloud, type Local } from './harness'

/**
 * The opening burst on the real wx-server-sdk: the deployable bundles run in a pool of instances (worker threads, one
 * call at a time each, at most 20 per function as on the base plan) against the local CloudBase server, whose
 * transactions run concurrently and refuse a write to a document another open transaction holds (-501001, "Transaction
 * is conflict…"), as the cloud does. The functions answer with cloud/lib/transaction.ts's retries.
 */
const root = path.resolve(__dirname, '..', '..')
// The bundles Jest's global setup builds from the source (tests/cloud/global-setup.cjs).
const bundlesDir = path.join(root, '.build', 'test-functions')
const PEOPLE = 200
const PLACES = 20
// The cloud's default time limit (3 s; service and volunteer must answer within it) and the base plan's round trip on
// every call, as in the cloud. Knobs for measuring other settings: CLOUDBASE_BURST_TIMEOUT_MS, CLOUDBASE_BURST_LATENCY_MS.
const BURST_TIMEOUT_MS = Number(process.env.CLOUDBASE_BURST_TIMEOUT_MS) || 3_000
const LATENCY_MS = process.env.CLOUDBASE_BURST_LATENCY_MS === undefined ? BASE_PLAN.latencyMs : Number(process.env.CLOUDBASE_BURST_LATENCY_MS)

let local: Local
let instances: Instances

beforeAll(async () => {
  // Every query the functions send must be served by an index of cloud/indexes.json, as the deploy creates them.
  const indexes = { declared: readIndexes(path.join(root, 'cloud', 'indexes.json')), onMissing: 'refuse' as const }
  local = await localCloud({ functions: readFunctionConfigs(bundlesDir), indexes, limits: { instancesPerFunction: 20, latencyMs: LATENCY_MS } }, Object.values(C))
  // The seed writes through the real SDK: its database() has the API our Database type describes.
  await seedDemo(local.sdkFor('admin').database() as Database, new Date())
  // Booking and sign-up take places by single-document conditional updates (cloud/lib/service/ledger.ts,
  // cloud/lib/volunteer.ts), so a crowd makes no transaction storm: every call must end inside the time limit, and an
  // instance killed mid-way would show as an error below.
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir, timeoutMs: BURST_TIMEOUT_MS, clockOffsetMs: Date.now() - (performance.timeOrigin + performance.now()) })
}, 120_000)
afterAll(async () => {
  await instances?.close()
  await local?.cloudbase.close()
})

/** Verified residents of distinct households (the household cap is one booking per household), straight into the database. */
async function residents(prefix: string, count: number): Promise<string[]> {
  const db = local.sdkFor('admin').database()
  const now = new Date()
  const people = Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
  for (const [i, openid] of people.entries()) {
    const householdId = `bsw-2-1-${Math.floor(i / 8) + 1}${String((i % 8) + 1).padStart(2, '0')}x${prefix}`
    const entry = { granted: true, version: POLICY_VERSIONS.app, at: now }
    await db.collection(C.users).add({ data: { _id: openid, nickname: openid, avatarUrl: '', locale: null, elderMode: false, createdAt: now } })
    await db.collection(C.consents).add({ data: { _id: consentId(openid, 'app'), openid, purpose: 'app', ...entry, history: [entry] } })
    await db
      .collection(C.residencies)
      .add({ data: { _id: residencyId(openid, householdId), openid, householdId, buildingId: 'bsw-2', areaId: 'bsw', status: 'verified', via: 'seed', requestedAt: now, decidedAt: now, decidedBy: 'seed' } })
  }
  return people
}

async function ok<T>(fn: string, openid: string, action: string, input: unknown): Promise<T> {
  const answer = (await instances.invoke(fn, { action, input }, { openid })) as Envelope<T>
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

interface Burst {
  outcomes: PromiseSettledResult<CallOutcome>[]
  ms: number
}

async function burst(fn: string, people: string[], action: string, input: (openid: string, i: number) => unknown): Promise<Burst> {
  await instances.warm(fn, 20)
  const started = performance.now()
  const outcomes = await Promise.allSettled(people.map((openid, i) => instances.call(fn, { action, input: input(openid, i), requestId: `req-${i}-${openid}` }, { openid })))
  return { outcomes, ms: performance.now() - started }
}

function summary(name: string, { outcomes, ms }: Burst, status: (data: unknown) => string | undefined) {
  const tally: Record<string, number> = {}
  const retries: number[] = []
  const times: number[] = []
  const errors: string[] = []
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      errors.push(String((outcome.reason as Error).message))
      continue
    }
    retries.push(outcome.value.retries)
    times.push(outcome.value.ms)
    const answer = outcome.value.result as Envelope<unknown>
    if (!answer.ok) errors.push(`${answer.error.code} ${answer.error.message}`)
    else tally[status(answer.data) ?? 'unknown'] = (tally[status(answer.data) ?? 'unknown'] ?? 0) + 1
  }
  const distinct = [...new Set(errors)].map((text) => `${errors.filter((e) => e === text).length}× ${text}`)
  if (distinct.length > 0) console.log(`${name} errors:\n${distinct.join('\n')}`)
  const mean = retries.reduce((a, b) => a + b, 0) / Math.max(1, retries.length)
  const { transactions } = local.cloudbase.counters()
  console.log(
    `${name}: ${JSON.stringify(tally)}, errors ${errors.length}; retries per call mean ${mean.toFixed(2)}, max ${Math.max(0, ...retries)}; burst ${ms.toFixed(0)} ms, longest call ${Math.max(0, ...times).toFixed(0)} ms; server ${JSON.stringify(transactions)}; instances ${JSON.stringify(instances.counters())}`,
  )
  return { tally, errors }
}

test(`${PEOPLE} people book a ${PLACES}-place slot at once: exactly ${PLACES} confirmed, the rest waitlisted, no errors`, async () => {
  const day = addDays(chinaDay(new Date()), 3)
  const [session] = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
    typeId: 'knife',
    scope: { kind: 'building', id: 'ltsc-1' },
    place: '1号楼 楼道',
    day,
    slots: [{ start: '09:00', end: '09:30' }],
    capacity: PLACES,
    audience: 'community',
  })
  const people = await residents('booker', PEOPLE)
  const result = summary('booking burst', await burst('service', people, 'booking.create', () => ({ slotId: `${session.id}-1` })), (data) => (data as Booking).status)
  expect(result.errors).toEqual([])
  expect(result.tally).toEqual({ confirmed: PLACES, waitlisted: PEOPLE - PLACES })
  const slot = local.cloudbase.documents(C.serviceSlots).find((doc) => doc._id === `${session.id}-1`)
  expect(slot).toMatchObject({ confirmed: PLACES, waiting: PEOPLE - PLACES, seq: PEOPLE })
  expect([(slot?.placed as string[]).length, (slot?.queue as string[]).length, (slot?.tickets as string[]).length]).toEqual([PLACES, PEOPLE - PLACES, PEOPLE])
  const active = local.cloudbase.documents(C.bookings).filter((doc) => doc.slotId === `${session.id}-1`)
  expect(active.filter((doc) => doc.status === 'confirmed')).toHaveLength(PLACES)
  expect(active.filter((doc) => doc.status === 'waitlisted')).toHaveLength(PEOPLE - PLACES)
}, 180_000)

test(`${PEOPLE} people sign up for a ${PLACES}-place shift at once: exactly ${PLACES} places, the rest waitlisted, no errors`, async () => {
  const [shift] = await ok<ShiftSummary[]>('volunteer', 'demo-lead-caring', 'shift.create', {
    teamId: 'caring',
    title: '探望独居老人',
    place: '朗庭3号楼',
    day: addDays(chinaDay(new Date()), 2),
    start: '09:00',
    end: '11:00',
    capacity: PLACES,
    requirements: { language: null, training: null, insurance: false, ageHealth: false },
    weeks: 1,
    cancelHours: 24,
  })
  const people = await residents('volunteer', PEOPLE)
  const result = summary('shift sign-up burst', await burst('volunteer', people, 'signup.create', () => ({ shiftId: shift.id })), (data) => (data as ShiftDetail).mine?.status)
  expect(result.errors).toEqual([])
  expect(result.tally).toEqual({ confirmed: PLACES, waitlisted: PEOPLE - PLACES })
  const doc = local.cloudbase.documents(C.shifts).find((item) => item._id === shift.id)
  expect(doc).toMatchObject({ taken: PLACES })
  expect([(doc?.placed as string[]).length, (doc?.waitlist as string[]).length]).toEqual([PLACES, PEOPLE - PLACES])
}, 180_000)
