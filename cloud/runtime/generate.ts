import { POLICY_VERSIONS } from '../contracts/model'
import { bookingCode, cancelDeadline, scopeKey, slotInstants } from '../domain/booking'
import { addDays, chinaDay, fromChina } from '../domain/time'
import { consentId, residencyId } from '../lib/auth'
import { C } from '../lib/collections'
import type { PartyHouseholdDoc } from '../lib/household'
import type { BookingDoc, SessionDoc, SlotDoc } from '../lib/service/docs'
import { roomsOf } from '../lib/structure'
import type { HoursDoc, ShiftDoc } from '../lib/volunteer'
import { TEAMS } from './seed'

/**
 * DEV ONLY: fills the buildings already in the database with a community's worth of people and activity, for the scale
 * bench (scripts/bench/scale.mjs, through the runtime's /dev/generate) and the paging tests. Deterministic for a seed.
 * Everything is written straight to the store in large batches (one SQLite transaction each): 80,000 documents through
 * the SDK surface one at a time would take most of a minute and prove nothing the functions' own tests do not.
 *
 * What it makes, per household of every building: a resident (nickname 居民<n>, consent to the app) with a verified
 * residency for about nine households in ten, a pending request for a few more; party-member households (about one in
 * ten, most verified, most of those shown); a service session per building every few weeks over the last `weeks` weeks
 * and the next one, with bookings by the building's residents; volunteer shifts for every team with confirmed and
 * recorded hours by residents.
 */
export interface GenerateOptions {
  now?: Date
  seed?: number
  /** Weeks of history for sessions, bookings and hours. */
  weeks?: number
  /** Share of households with a verified resident. */
  residentShare?: number
  /** Pending residency requests in all. */
  pending?: number
  /** Share of occupied households that are party-member households. */
  partyShare?: number
  /** Sessions per building over the period. */
  sessionsPerBuilding?: number
  bookingsPerSession?: number
  shiftsPerTeamPerWeek?: number
  volunteersPerShift?: number
  /** Only these buildings (default: all). */
  buildingIds?: string[]
}

export interface Generated {
  users: number
  residencies: number
  pending: number
  partyHouseholds: number
  sessions: number
  bookings: number
  shifts: number
  hours: number
}

/** mulberry32: a small seeded generator, so a bench run makes the same community every time. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Doc = { _id: string } & Record<string, unknown>

/**
 * Where the generator reads the buildings and writes what it makes: straight into the committed documents, many at a
 * time (the local CloudBase server's `documents` / `writeDocuments`).
 */
export interface CommunityWriter {
  docs(collection: string): Iterable<Record<string, unknown>>
  applyBatch(writes: { op: 'put'; coll: string; doc: Doc }[]): void
}

class Batch {
  private writes: { op: 'put'; coll: string; doc: Doc }[] = []
  readonly counts = new Map<string, number>()

  constructor(private readonly store: CommunityWriter) {}

  put(coll: string, doc: object): void {
    this.writes.push({ op: 'put', coll, doc: doc as Doc })
    this.counts.set(coll, (this.counts.get(coll) ?? 0) + 1)
    if (this.writes.length >= 5000) this.flush()
  }

  flush(): void {
    this.store.applyBatch(this.writes)
    this.writes = []
  }
}

interface BuildingRow {
  _id: string
  areaId: string
  name: string
  units: number
  floors: number
  roomsPerFloor: number
}

export function generateCommunity(store: CommunityWriter, options: GenerateOptions = {}): Generated {
  const now = options.now ?? new Date()
  const rand = random(options.seed ?? 7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]
  const weeks = options.weeks ?? 8
  const today = chinaDay(now)
  const batch = new Batch(store)
  const areaNames = new Map([...store.docs(C.areas)].map((area) => [String(area._id), String(area.name)]))
  const only = options.buildingIds ? new Set(options.buildingIds) : null
  const buildings = [...store.docs(C.buildings)].filter((doc) => !only || only.has(String(doc._id))) as unknown as BuildingRow[]

  // People and homes.
  let person = 0
  let verifiedCount = 0
  let partyCount = 0
  const residentsOf = new Map<string, { openid: string; householdId: string; unit: number; room: string }[]>()
  const everyone: string[] = []
  const vacant: { building: BuildingRow; householdId: string }[] = []
  for (const building of buildings) {
    const living: { openid: string; householdId: string; unit: number; room: string }[] = []
    for (let unit = 1; unit <= building.units; unit++) {
      for (const room of roomsOf({ id: building._id, floors: building.floors, roomsPerFloor: building.roomsPerFloor }, unit)) {
        if (rand() >= (options.residentShare ?? 0.9)) {
          vacant.push({ building, householdId: room.householdId })
          continue
        }
        const openid = `gen-${(++person).toString(36).padStart(5, '0')}`
        const at = new Date(now.getTime() - Math.floor(rand() * 300) * 86400_000)
        batch.put(C.users, { _id: openid, nickname: `居民${person}`, avatarUrl: '', locale: null, elderMode: false, createdAt: at })
        const consent = { granted: true, version: POLICY_VERSIONS.app, at }
        batch.put(C.consents, { _id: consentId(openid, 'app'), openid, purpose: 'app', ...consent, history: [consent] })
        batch.put(C.residencies, {
          _id: residencyId(openid, room.householdId),
          openid,
          householdId: room.householdId,
          buildingId: building._id,
          areaId: building.areaId,
          status: 'verified',
          via: 'seed',
          requestedAt: at,
          decidedAt: at,
          decidedBy: 'generator',
        })
        verifiedCount++
        living.push({ openid, householdId: room.householdId, unit, room: room.room })
        everyone.push(openid)
        if (rand() < (options.partyShare ?? 0.1)) {
          const roll = rand()
          const status = roll < 0.85 ? 'verified' : roll < 0.95 ? 'pending' : 'rejected'
          const published = status === 'verified' && rand() < 0.8
          if (published) {
            const grant = { granted: true, version: POLICY_VERSIONS.publish_household, at }
            batch.put(C.consents, { _id: consentId(openid, 'publish_household'), openid, purpose: 'publish_household', ...grant, history: [grant] })
          }
          const doc: PartyHouseholdDoc = {
            _id: room.householdId,
            buildingId: building._id,
            areaId: building.areaId,
            unit,
            room: room.room,
            status,
            displayName: `${room.room} 家`,
            intro: '',
            published,
            publishedBy: published ? openid : null,
            publishedAt: published ? at : null,
            activePledges: 0,
            appliedBy: openid,
            appliedAt: at,
            decidedBy: status === 'pending' ? null : 'generator',
            decidedAt: status === 'pending' ? null : at,
          }
          batch.put(C.partyHouseholds, doc)
          partyCount++
        }
      }
    }
    residentsOf.set(building._id, living)
  }
  // Requests waiting for a leader: newcomers asking for rooms nobody lives in yet.
  const pending = Math.min(options.pending ?? 300, vacant.length)
  for (let i = 0; i < pending; i++) {
    const { building, householdId } = vacant[Math.floor((i * vacant.length) / pending)]
    const openid = `gen-${(++person).toString(36).padStart(5, '0')}`
    const at = new Date(now.getTime() - Math.floor(rand() * 14) * 86400_000)
    batch.put(C.users, { _id: openid, nickname: `新邻居${person}`, avatarUrl: '', locale: null, elderMode: false, createdAt: at })
    const consent = { granted: true, version: POLICY_VERSIONS.app, at }
    batch.put(C.consents, { _id: consentId(openid, 'app'), openid, purpose: 'app', ...consent, history: [consent] })
    batch.put(C.residencies, { _id: residencyId(openid, householdId), openid, householdId, buildingId: building._id, areaId: building.areaId, status: 'pending', via: 'approval', requestedAt: at })
  }

  // Service sessions and bookings: one slot each, spread over the period and the coming week; some today.
  const types = ['knife', 'mending', 'blood-pressure', 'haircut', 'appliance']
  let sessionCount = 0
  let bookingCount = 0
  for (const building of buildings) {
    const living = residentsOf.get(building._id) ?? []
    const count = options.sessionsPerBuilding ?? 2
    for (let s = 0; s < count; s++) {
      const offset = s === 0 && sessionCount % 25 === 0 ? 0 : -Math.floor(rand() * weeks * 7) + 7
      const day = addDays(today, offset)
      const slot = { start: '09:00', end: '11:00' }
      const { startsAt, endsAt } = slotInstants(day, slot)
      const past = endsAt.getTime() < now.getTime()
      const scope = { kind: 'building' as const, id: building._id }
      const id = `gen-s${(++sessionCount).toString(36)}`
      const capacity = 40
      const session: SessionDoc = {
        _id: id,
        typeId: pick(types),
        scope,
        scopeKey: scopeKey(scope),
        scopeName: `${areaNames.get(building.areaId) ?? ''} ${building.name}`,
        place: `${building.name} 楼道`,
        note: '',
        day,
        slots: [{ index: 1, ...slot, startsAt, endsAt }],
        startsAt,
        endsAt,
        opensAt: fromChina(addDays(day, -7), '08:00'),
        capacity,
        cancelCutoffMinutes: 120,
        audience: 'scope',
        householdCap: 1,
        seriesId: null,
        status: past ? 'closed' : 'open',
        createdBy: 'demo-admin',
        createdAt: new Date(startsAt.getTime() - 14 * 86400_000),
      }
      batch.put(C.serviceSessions, session)
      const wanted = Math.min(options.bookingsPerSession ?? 34, living.length)
      let confirmed = 0
      let waiting = 0
      let seq = 0
      const start = Math.floor(rand() * Math.max(1, living.length))
      for (let b = 0; b < wanted; b++) {
        const home = living[(start + b) % living.length]
        seq++
        const roll = rand()
        let status: BookingDoc['status']
        if (roll < 0.1) status = 'cancelled'
        else if (confirmed >= capacity) status = 'waitlisted'
        else status = past ? (roll < 0.85 ? 'attended' : 'no_show') : 'confirmed'
        if (status === 'waitlisted') waiting++
        else if (status !== 'cancelled') confirmed++
        const booking: BookingDoc = {
          _id: `${id}-1:${home.openid}`,
          sessionId: id,
          slotId: `${id}-1`,
          slotIndex: 1,
          openid: home.openid,
          householdId: home.householdId,
          unit: home.unit,
          room: home.room,
          proxy: null,
          status,
          seq,
          code: bookingCode(1, seq),
          requestIds: [],
          subscribe: { reminder: false, promotion: false },
          reminded: false,
          slotStartsAt: startsAt,
          slotEndsAt: endsAt,
          cancelDeadline: cancelDeadline(startsAt, 120),
          createdAt: session.createdAt,
          promotedAt: null,
          cancelledAt: status === 'cancelled' ? session.createdAt : null,
          cancelReason: status === 'cancelled' ? 'self' : null,
          checkedInAt: status === 'attended' ? startsAt : null,
          checkedInBy: status === 'attended' ? 'demo-admin' : null,
        }
        batch.put(C.bookings, booking)
        bookingCount++
      }
      const counter: SlotDoc = { _id: `${id}-1`, sessionId: id, index: 1, startsAt, endsAt, capacity, confirmed, waiting, seq }
      batch.put(C.serviceSlots, counter)
    }
  }

  // Volunteer shifts and hours: past shifts have hours (most confirmed), the coming week's are partly staffed.
  let shiftCount = 0
  let hoursCount = 0
  const perWeek = options.shiftsPerTeamPerWeek ?? 5
  const perShift = options.volunteersPerShift ?? 8
  for (const team of TEAMS) {
    for (let n = 0; n < (weeks + 1) * perWeek; n++) {
      const day = addDays(today, 7 - Math.floor((n * 7) / perWeek) - 1)
      const startAt = fromChina(day, pick(['08:00', '14:00', '19:00']))
      const endAt = new Date(startAt.getTime() + 2 * 3600_000)
      const past = endAt.getTime() < now.getTime()
      const capacity = perShift
      const taken = past ? perShift : Math.floor(rand() * (perShift + 1))
      const id = `gen-sh${(++shiftCount).toString(36)}`
      const shift: ShiftDoc = {
        _id: id,
        teamId: team._id,
        title: `${team.name['zh-CN']}值班`,
        place: '党群服务站',
        startAt,
        endAt,
        signupOpensAt: new Date(startAt.getTime() - 14 * 86400_000),
        signupClosesAt: startAt,
        cancelBefore: new Date(startAt.getTime() - 86400_000),
        capacity,
        taken,
        waitlist: [],
        requirements: { language: null, training: null, insurance: false, ageHealth: false },
        cancelled: false,
        seriesId: null,
        createdBy: 'generator',
        createdAt: new Date(startAt.getTime() - 14 * 86400_000),
      }
      batch.put(C.shifts, shift)
      if (!past || everyone.length === 0) continue
      const first = Math.floor(rand() * everyone.length)
      for (let v = 0; v < perShift; v++) {
        const openid = everyone[(first + v * 7) % everyone.length]
        const minutes = 120 - (rand() < 0.2 ? 30 : 0)
        const confirmed = rand() < 0.85
        const hours: HoursDoc = {
          _id: `${id}:${openid}`,
          shiftId: id,
          teamId: team._id,
          openid,
          title: shift.title,
          place: shift.place,
          day,
          startAt,
          endAt,
          checkInAt: startAt,
          checkOutAt: new Date(startAt.getTime() + minutes * 60_000),
          minutes,
          status: confirmed ? 'confirmed' : 'recorded',
          source: 'attendance',
          reason: null,
          recordedBy: 'generator',
          recordedAt: endAt,
          confirmedBy: confirmed ? 'generator' : null,
          confirmedAt: confirmed ? endAt : null,
        }
        batch.put(C.volunteerHours, hours)
        hoursCount++
      }
    }
  }
  batch.flush()
  return { users: person, residencies: verifiedCount + pending, pending, partyHouseholds: partyCount, sessions: sessionCount, bookings: bookingCount, shifts: shiftCount, hours: hoursCount }
}
