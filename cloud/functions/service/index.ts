import { randomBytes } from 'node:crypto'
import * as contract from '../../contracts/service'
import { AppError, type Envelope } from '../../contracts/envelope'
import { POLICY_VERSIONS } from '../../contracts/model'
import type { RosterEntry, SessionDetail } from '../../contracts/service'
import {
  bookingHome,
  checkInOpen,
  isActive,
  noShowStanding,
  occurrences,
  opensAtFor,
  parseCode,
  reminderDue,
  scopeKey,
  scopeKeysFor,
  slotInstants,
  slotProblem,
  upcomingDays,
  type NoShowPolicy,
  type SessionScope,
} from '../../domain/booking'
import { audit } from '../../lib/audit'
import { consentId, hasConsent, isAdmin, requireAdmin, requireBuildingManager, requireConsent, verifiedResidencies, type ConsentDoc, type RoleDoc, type UserDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { checkText } from '../../lib/content'
import { loadBuilding, toBuilding, type AreaDoc, type BuildingDoc } from '../../lib/describe'
import { findAll, findById, findByIds, iso } from '../../lib/docs'
import { addEvidencedFulfilment } from '../../lib/fulfilment'
import { callDatabase } from '../../lib/patience'
import { createFunction, handle, type Ctx, type Main } from '../../lib/router'
import { sdk } from '../../lib/sdk'
import { parseHouseholdId } from '../../lib/structure'
import {
  canManageSession,
  describeBooking,
  loadPolicy,
  Lookups,
  POLICY_DOC,
  readingId,
  requireSession,
  requireSessionManager,
  requireSlot,
  slotsOf,
  summarize,
  toSlotView,
  waitlistPosition,
  type BookingDoc,
  type ReadingDoc,
  type ServiceTypeDoc,
  type SessionDoc,
  type SlotDoc,
} from '../../lib/service/docs'
import { fillSlot, placeInSlot, releasePlace, settleCancelled } from '../../lib/service/ledger'
import { sendReminder } from '../../lib/service/notices'

const newId = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`

function toType(doc: ServiceTypeDoc) {
  const { _id, key, name, description, bring, provider, sensitive } = doc
  return { id: _id, key, name, description, bring, provider, sensitive }
}

/** The home a person books from, with the room they live in (for the roster and the household cap). */
async function homeRoom(ctx: Ctx, householdId: string, buildingId: string): Promise<{ unit: number; room: string }> {
  // The building alone (its area's name is not needed here).
  const doc = buildingId ? await findById<BuildingDoc>(ctx, C.buildings, buildingId) : null
  const room = doc ? parseHouseholdId(householdId, toBuilding(doc)) : null
  return { unit: room?.unit ?? 0, room: room?.room ?? '' }
}

/** Resolves and authorizes the scope of a new session: leaders for their own building, admins for anything. */
async function resolveScope(ctx: Ctx, scope: SessionScope): Promise<string> {
  if (scope.kind === 'building') {
    const loaded = await loadBuilding(ctx, scope.id)
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这栋楼', 'scope')
    await requireBuildingManager(ctx, scope.id)
    return `${loaded.areaName} ${loaded.building.name}`
  }
  await requireAdmin(ctx)
  if (scope.kind === 'area') {
    const area = await findById<AreaDoc>(ctx, C.areas, scope.id)
    if (!area) throw new AppError('NOT_FOUND', '没有找到这个小区', 'scope')
    return area.name
  }
  return '全社区'
}

async function myNoShows(ctx: Ctx, openid: string, windowDays: number): Promise<Date[]> {
  const since = new Date(ctx.now.getTime() - windowDays * 86400_000)
  const rows = await findAll<BookingDoc>(ctx, C.bookings, { openid, status: 'no_show', slotStartsAt: ctx.db.command.gte(since) }, 1000)
  return rows.map((row) => new Date(row.slotStartsAt))
}

type Eligibility = SessionDetail['canBook'] & { home?: { householdId: string; buildingId: string } }

/** What this call has read already: the app consent checked (`consented`), the no-show policy. */
interface Known {
  consented?: boolean
  policy?: NoShowPolicy
}

async function canBook(ctx: Ctx, session: SessionDoc, known: Known = {}): Promise<Eligibility> {
  if (session.status !== 'open') return { ok: false, reason: 'closed' }
  if (!known.consented && !(await hasConsent(ctx, 'app'))) return { ok: false, reason: 'consent' }
  const homes = await verifiedResidencies(ctx)
  if (homes.length === 0) return { ok: false, reason: 'not_resident' }
  const home = bookingHome(session.scope, session.audience, homes)
  if (!home) return { ok: false, reason: 'not_in_scope' }
  const policy = known.policy ?? (await loadPolicy(ctx))
  // Under the default 'remind' policy nobody is held, so the no-show history need not be read on the booking path.
  if (policy.mode === 'hold') {
    const standing = noShowStanding(await myNoShows(ctx, ctx.openid, policy.windowDays), policy, ctx.now)
    if (standing.heldUntil) return { ok: false, reason: 'held', until: iso(standing.heldUntil) }
  }
  return { ok: true, householdId: home.householdId, home }
}

function publicEligibility(eligibility: Eligibility): SessionDetail['canBook'] {
  if (!eligibility.ok) return eligibility
  return { ok: true, householdId: eligibility.householdId }
}

/** Booking or cancelling is for its owner, and for whoever runs the session; others learn nothing (not even that it exists). */
async function requireBookingAccess(ctx: Ctx, bookingId: string): Promise<{ booking: BookingDoc; session: SessionDoc; manager: boolean }> {
  const booking = await findById<BookingDoc>(ctx, C.bookings, bookingId)
  const session = booking ? await findById<SessionDoc>(ctx, C.serviceSessions, booking.sessionId) : null
  if (!booking || !session) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
  const manager = await canManageSession(ctx, session)
  if (booking.openid !== ctx.openid && !manager) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
  return { booking, session, manager }
}

function checkOpenSlot(session: SessionDoc, slot: SlotDoc, now: Date): void {
  if (session.status !== 'open') throw new AppError('CONFLICT', '这场服务已取消或已结束', 'sessionId')
  if (now.getTime() < new Date(session.opensAt).getTime()) throw new AppError('CONFLICT', '还没到开放预约的时间', 'opensAt')
  if (now.getTime() >= new Date(slot.startsAt).getTime()) throw new AppError('CONFLICT', '这个时段已经开始，不能再预约了', 'slotId')
}

/**
 * Roster entries for some bookings of one session: the people's nicknames, health consents and readings are read once
 * for all of them (one query per 100), not once per row. With `all` (every booking of the session, read already) the
 * waitlist positions are counted from it; without, by the database.
 */
async function rosterEntries(ctx: Ctx, bookings: BookingDoc[], sensitive: boolean, all?: BookingDoc[]): Promise<RosterEntry[]> {
  const openids = bookings.flatMap((booking) => (booking.openid ? [booking.openid] : []))
  const users = await findByIds<UserDoc>(ctx, C.users, openids)
  const readable = sensitive ? bookings.filter((booking) => booking.openid !== null) : []
  const consents = await findByIds<ConsentDoc>(ctx, C.consents, readable.map((booking) => consentId(booking.openid as string, 'health')))
  const readings = await findByIds<{ _id: string }>(ctx, C.healthReadings, readable.map((booking) => readingId(booking._id)))
  const out: RosterEntry[] = []
  for (const booking of bookings) {
    const readingPossible = sensitive && booking.openid !== null
    const consent = booking.openid ? consents.get(consentId(booking.openid, 'health')) : undefined
    const waitingBefore = all?.filter((other) => other.slotId === booking.slotId && other.status === 'waitlisted' && other.seq < booking.seq).length ?? 0
    out.push({
      bookingId: booking._id,
      code: booking.code,
      slotIndex: booking.slotIndex,
      name: booking.proxy?.name ?? (booking.openid ? users.get(booking.openid)?.nickname : undefined) ?? '邻居',
      unit: booking.unit,
      room: booking.room,
      proxy: booking.proxy !== null,
      status: booking.status,
      position: booking.status !== 'waitlisted' ? null : all ? waitingBefore + 1 : await waitlistPosition(ctx, booking),
      checkedInAt: booking.checkedInAt ? iso(booking.checkedInAt) : null,
      // The same test as hasConsent: granted, current policy version, not withdrawn.
      canRecordReading: readingPossible && consent !== undefined && consent.granted && consent.version === POLICY_VERSIONS.health,
      readingRecorded: readingPossible && readings.has(readingId(booking._id)),
    })
  }
  return out
}

async function isSensitive(ctx: Ctx, session: SessionDoc): Promise<boolean> {
  return (await findById<ServiceTypeDoc>(ctx, C.services, session.typeId))?.sensitive ?? false
}

/** Every session of a series and every slot of a session are written before the session that points at them. */
async function writeSession(ctx: Ctx, session: SessionDoc): Promise<SlotDoc[]> {
  const slots: SlotDoc[] = session.slots.map((slot) => ({
    _id: `${session._id}-${slot.index}`,
    sessionId: session._id,
    index: slot.index,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    capacity: session.capacity,
    confirmed: 0,
    waiting: 0,
    seq: 0,
    tickets: [],
    placed: [],
    queue: [],
  }))
  for (const slot of slots) await ctx.db.collection(C.serviceSlots).add({ data: slot })
  await ctx.db.collection(C.serviceSessions).add({ data: session })
  return slots
}

/** How long a run's claim on a reminder holds: a run killed after claiming leaves it to the next run after this. */
export const REMINDER_CLAIM_MS = 10 * 60_000
/** Tries per reminder (each run one): WeChat refusing or failing that often means it will not go out. */
export const REMINDER_ATTEMPTS = 3

/**
 * Sends the reminders now due. Each is claimed for one run first (a guarded update with a lease), so two runs at once
 * send it once; it is marked sent only after WeChat took it, so a run killed at its time limit, or a send that failed,
 * leaves it to the next hourly run (up to REMINDER_ATTEMPTS tries) instead of losing it.
 */
export async function sendDueReminders(ctx: Ctx, leadHours: number): Promise<{ sent: number; failed: number }> {
  const _ = ctx.db.command
  const until = new Date(ctx.now.getTime() + leadHours * 3600_000)
  const due = await findAll<BookingDoc>(ctx, C.bookings, { status: 'confirmed', reminded: false, 'subscribe.reminder': true, slotStartsAt: _.gt(ctx.now).and(_.lte(until)) })
  let sent = 0
  let failed = 0
  for (const booking of due) {
    if (!reminderDue(new Date(booking.slotStartsAt), ctx.now, leadHours)) continue
    if ((booking.reminderAttempts ?? 0) >= REMINDER_ATTEMPTS) continue
    // `null` matches a booking that never had a claim too.
    const free = _.or([{ reminderClaimedUntil: null }, { reminderClaimedUntil: _.lte(ctx.now) }])
    const { stats } = await ctx.db
      .collection(C.bookings)
      .where(_.and([{ _id: booking._id, reminded: false }, free]))
      .update({ data: { reminderClaimedUntil: new Date(ctx.now.getTime() + REMINDER_CLAIM_MS), reminderAttempts: _.inc(1) } })
    if (stats.updated === 0) continue
    if (await sendReminder(ctx, booking)) {
      await ctx.db.collection(C.bookings).doc(booking._id).update({ data: { reminded: true, reminderClaimedUntil: null } })
      sent++
    } else {
      // Left unsent: the next run may try again once the claim has lapsed.
      await ctx.db.collection(C.bookings).doc(booking._id).update({ data: { reminderClaimedUntil: null } })
      failed++
    }
  }
  return { sent, failed }
}

export const routes = [
  // The catalogue is public: a visitor sees what the community offers before binding a home.
  handle(contract.listServiceTypes, async (_input, ctx) => {
    const docs = await findAll<ServiceTypeDoc>(ctx, C.services, { retired: false })
    return docs.sort((a, b) => a.order - b.order).map(toType)
  }),

  handle(contract.saveServiceType, async (input, ctx) => {
    await requireAdmin(ctx)
    for (const [field, value] of [['name', input.name['zh-CN']], ['description', input.description['zh-CN']], ['bring', input.bring['zh-CN']], ['provider', input.provider['zh-CN']]] as const) {
      await checkText(ctx, value, field)
    }
    const before = input.id ? await findById<ServiceTypeDoc>(ctx, C.services, input.id) : null
    if (input.id && !before) throw new AppError('NOT_FOUND', '没有找到这项服务', 'id')
    const body = { name: input.name, description: input.description, bring: input.bring, provider: input.provider, sensitive: input.sensitive }
    let doc: ServiceTypeDoc
    if (before) {
      doc = { ...before, ...body }
      await ctx.db.collection(C.services).doc(before._id).update({ data: body })
    } else {
      const { total } = await ctx.db.collection(C.services).count()
      doc = { _id: newId('t-'), key: null, order: total + 1, retired: false, ...body }
      await ctx.db.collection(C.services).add({ data: doc })
    }
    await audit(ctx, { action: 'service.type.save', target: doc._id, before: before ? toType(before) : null, after: toType(doc) })
    return toType(doc)
  }),

  handle(contract.retireServiceType, async (input, ctx) => {
    await requireAdmin(ctx)
    const { stats } = await ctx.db.collection(C.services).where({ _id: input.id, retired: false }).update({ data: { retired: true } })
    if (stats.updated === 0) throw new AppError('NOT_FOUND', '没有找到这项服务，或它已经停用', 'id')
    await audit(ctx, { action: 'service.type.retire', target: input.id, before: { retired: false }, after: { retired: true } })
    return { id: input.id, retired: true as const }
  }),

  handle(contract.upcomingSessions, async (input, ctx) => {
    const _ = ctx.db.command
    const { from, to } = upcomingDays(ctx.now, input.days)
    const where: Record<string, unknown> = { status: 'open', day: _.gte(from).and(_.lte(to)) }
    if (input.typeId) where.typeId = input.typeId
    if (!(await isAdmin(ctx))) {
      const homes = await verifiedResidencies(ctx)
      const led = await findAll<RoleDoc>(ctx, C.roles, { openid: ctx.openid, role: 'building_leader' })
      where.scopeKey = _.in([...scopeKeysFor(homes), ...led.map((role) => scopeKey({ kind: 'building', id: role.scope }))])
    }
    const { data } = await ctx.db.collection(C.serviceSessions).where(where).orderBy('startsAt', 'asc').limit(100).get()
    const sessions = data as unknown as SessionDoc[]
    const ids = sessions.map((session) => session._id)
    const slots = await slotsOf(ctx, ids)
    const mine = ids.length ? await findAll<BookingDoc>(ctx, C.bookings, { openid: ctx.openid, sessionId: _.in(ids), status: _.in(['confirmed', 'waitlisted']) }) : []
    const lookups = new Lookups(ctx)
    const out = []
    for (const session of sessions) out.push(await summarize(ctx, lookups, session, slots, mine.filter((booking) => booking.sessionId === session._id).length))
    return out
  }),

  // Anyone may look at a session (a shared card opens it for whoever taps it); booking is what needs a home.
  handle(contract.getSession, async (input, ctx) => {
    const session = await requireSession(ctx, input.sessionId)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    const slots = await slotsOf(ctx, [session._id])
    lookups.rememberSlots(slots)
    const manager = await canManageSession(ctx, session)
    const mineDocs = await findAll<BookingDoc>(ctx, C.bookings, { sessionId: session._id, openid: ctx.openid })
    const myBookings = []
    for (const doc of mineDocs.sort((a, b) => a.slotIndex - b.slotIndex)) myBookings.push(await describeBooking(ctx, lookups, doc, manager))
    const summary = await summarize(ctx, lookups, session, slots, mineDocs.filter((doc) => isActive(doc.status)).length)
    const type = await lookups.type(session.typeId)
    const policy = await loadPolicy(ctx)
    return {
      ...summary,
      description: type?.description ?? { 'zh-CN': '' },
      bring: type?.bring ?? { 'zh-CN': '' },
      provider: type?.provider ?? { 'zh-CN': '' },
      slots: slots.map((slot) => toSlotView(slot, session, ctx.now)),
      cancelCutoffMinutes: session.cancelCutoffMinutes,
      audience: session.audience,
      householdCap: session.householdCap,
      canBook: publicEligibility(await canBook(ctx, session, { policy })),
      canManage: manager,
      noShowReminder: noShowStanding(await myNoShows(ctx, ctx.openid, policy.windowDays), policy, ctx.now).remind,
      myBookings,
    }
  }),

  handle(contract.createSessions, async (input, ctx) => {
    const type = await findById<ServiceTypeDoc>(ctx, C.services, input.typeId)
    if (!type || type.retired) throw new AppError('NOT_FOUND', '没有找到这项服务，或它已经停用', 'typeId')
    const scopeName = await resolveScope(ctx, input.scope)
    const problem = slotProblem(input.slots)
    if (problem) throw new AppError('INVALID_INPUT', problem === 'overlap' ? '时段之间不能重叠' : '时段的开始时间要早于结束时间', 'slots')
    const days = occurrences(input.day, input.recurrence)
    if (slotInstants(days[0], input.slots[0]).startsAt.getTime() <= ctx.now.getTime()) throw new AppError('INVALID_INPUT', '服务时间要在现在之后', 'day')
    await checkText(ctx, input.place, 'place')
    await checkText(ctx, input.note, 'note')
    const seriesId = days.length > 1 ? newId('r') : null
    const lookups = new Lookups(ctx)
    const out = []
    for (const day of days) {
      const slots = input.slots.map((slot, i) => ({ index: i + 1, ...slot, ...slotInstants(day, slot) }))
      const session: SessionDoc = {
        _id: `s${day.replace(/-/g, '')}${randomBytes(3).toString('hex')}`,
        typeId: input.typeId,
        scope: input.scope,
        scopeKey: scopeKey(input.scope),
        scopeName,
        place: input.place,
        note: input.note,
        day,
        slots,
        startsAt: slots[0].startsAt,
        endsAt: slots[slots.length - 1].endsAt,
        opensAt: opensAtFor(day, input.opensDaysBefore, input.opensTime),
        capacity: input.capacity,
        cancelCutoffMinutes: input.cancelCutoffMinutes,
        audience: input.audience,
        householdCap: input.householdCap,
        seriesId,
        status: 'open',
        createdBy: ctx.openid,
        createdAt: ctx.now,
      }
      const slotDocs = await writeSession(ctx, session)
      out.push(await summarize(ctx, lookups, session, slotDocs, 0))
    }
    await audit(ctx, {
      action: 'service.session.create',
      target: seriesId ?? out[0].id,
      before: null,
      after: { typeId: input.typeId, scope: input.scope, place: input.place, days, slots: input.slots, capacity: input.capacity, recurrence: input.recurrence },
    })
    return out
  }),

  handle(contract.cancelSession, async (input, ctx) => {
    const session = await requireSession(ctx, input.sessionId)
    await requireSessionManager(ctx, session)
    const { stats } = await ctx.db.collection(C.serviceSessions).where({ _id: session._id, status: 'open' }).update({ data: { status: 'cancelled' } })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这场服务已经取消或结束了')
    const active = await findAll<BookingDoc>(ctx, C.bookings, { sessionId: session._id, status: ctx.db.command.in(['confirmed', 'waitlisted']) })
    for (const booking of active) await releasePlace(ctx, booking._id, 'session')
    await audit(ctx, { action: 'service.session.cancel', target: session._id, before: { status: session.status }, after: { status: 'cancelled', bookingsCancelled: active.length } })
    const cancelled = { ...session, status: 'cancelled' as const }
    return summarize(ctx, new Lookups(ctx), cancelled, await slotsOf(ctx, [session._id]), 0)
  }),

  handle(contract.closeSession, async (input, ctx) => {
    const session = await requireSession(ctx, input.sessionId)
    await requireSessionManager(ctx, session)
    if (ctx.now.getTime() < new Date(session.startsAt).getTime()) throw new AppError('CONFLICT', '服务还没开始，不能结束', 'sessionId')
    const { stats } = await ctx.db.collection(C.serviceSessions).where({ _id: session._id, status: 'open' }).update({ data: { status: 'closed' } })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这场服务已经取消或结束了')
    const _ = ctx.db.command
    // Nobody is marked absent for a slot that has not started yet.
    const missed = await ctx.db.collection(C.bookings).where({ sessionId: session._id, status: 'confirmed', slotStartsAt: _.lte(ctx.now) }).update({ data: { status: 'no_show' } })
    const { total: attended } = await ctx.db.collection(C.bookings).where({ sessionId: session._id, status: 'attended' }).count()
    const type = await findById<ServiceTypeDoc>(ctx, C.services, session.typeId)
    if (attended > 0) await addEvidencedFulfilment(ctx, { openid: ctx.openid, kind: 'session', refId: session._id, day: session.day, note: `${type?.name['zh-CN'] ?? '便民服务'} · ${session.place}` })
    await audit(ctx, { action: 'service.session.close', target: session._id, before: { status: session.status }, after: { status: 'closed', noShows: missed.stats.updated, attended } })
    return { noShows: missed.stats.updated, attended }
  }),

  handle(contract.book, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    const bookingId = `${input.slotId}:${ctx.openid}`
    const existing = await findById<BookingDoc>(ctx, C.bookings, bookingId)
    const slot = await requireSlot(ctx, input.slotId)
    const session = await requireSession(ctx, slot.sessionId)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    // A retry of a booking that went through answers with it before any rule is asked again. It also finishes what
    // the first attempt may not have (the function can die after placing the booking and before filling the slot), so
    // a place is never left free while someone waits.
    if (existing && (isActive(existing.status) || (ctx.requestId && existing.requestIds.includes(ctx.requestId)))) {
      if (existing.status === 'waitlisted' && (await fillSlot(ctx, existing.slotId)).some((item) => item._id === existing._id)) {
        return describeBooking(ctx, lookups, (await findById<BookingDoc>(ctx, C.bookings, existing._id)) ?? existing, false)
      }
      return describeBooking(ctx, lookups, existing, false)
    }
    checkOpenSlot(session, slot, ctx.now)
    // The consent was checked at the top of this call.
    const allowed = await canBook(ctx, session, { consented: true })
    if (!allowed.ok) {
      if (allowed.reason === 'held') throw new AppError('FORBIDDEN', '近期多次预约未到，暂停预约一段时间', 'held')
      if (allowed.reason === 'not_in_scope') throw new AppError('NOT_RESIDENT', '这场服务只对本楼栋（小区）居民开放', 'scope')
      throw new AppError('NOT_RESIDENT', '请先绑定您的房屋', 'householdId')
    }
    const { unit, room } = await homeRoom(ctx, allowed.householdId, allowed.home?.buildingId ?? '')
    const { booking, created, seen } = await placeInSlot(ctx, { session, slot, bookingId, openid: ctx.openid, householdId: allowed.householdId, unit, room, proxy: null, existing })
    // Re-read only if a promotion may have run after the booking was written (the ledger read after it, `seen`, still
    // had it waiting and nothing changed since in this call: its place in line is there); otherwise it is as placed.
    if (seen) lookups.rememberSlots([seen])
    const latest = created && booking.status === 'waitlisted' && !seen ? ((await findById<BookingDoc>(ctx, C.bookings, booking._id)) ?? booking) : booking
    return describeBooking(ctx, lookups, latest, false)
  }),

  handle(contract.bookForNeighbour, async (input, ctx) => {
    const slot = await requireSlot(ctx, input.slotId)
    const session = await requireSession(ctx, slot.sessionId)
    const buildingId = input.householdId.split('-').slice(0, -2).join('-')
    const loaded = buildingId ? await loadBuilding(ctx, buildingId) : null
    const room = loaded ? parseHouseholdId(input.householdId, loaded.building) : null
    if (!loaded || !room) throw new AppError('NOT_FOUND', '没有找到这个房间', 'householdId')
    // 代预约 is a building leader's service to their own stairwell.
    await requireBuildingManager(ctx, loaded.building.id)
    const home = { householdId: input.householdId, buildingId: loaded.building.id, areaId: loaded.building.areaId }
    if (!bookingHome(session.scope, session.audience, [home])) throw new AppError('NOT_RESIDENT', '这户不在这场服务的范围内', 'householdId')
    checkOpenSlot(session, slot, ctx.now)
    await checkText(ctx, input.name, 'name')
    const key = createHashKey(input.householdId, input.name)
    const bookingId = `${slot._id}:p${key}`
    const { booking, created } = await placeInSlot(ctx, {
      session,
      slot,
      bookingId,
      openid: null,
      householdId: input.householdId,
      unit: room.unit,
      room: room.room,
      proxy: { name: input.name, by: ctx.openid },
    })
    if (created) await audit(ctx, { action: 'service.booking.proxy', target: booking._id, before: null, after: { name: input.name, householdId: input.householdId, status: booking.status } })
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    const latest = (await findById<BookingDoc>(ctx, C.bookings, booking._id)) ?? booking
    return describeBooking(ctx, lookups, latest, true)
  }),

  handle(contract.cancelBooking, async (input, ctx) => {
    const { booking, session, manager } = await requireBookingAccess(ctx, input.bookingId)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    if (!isActive(booking.status)) {
      // Cancelled already (a retry, or a second tap): give back and hand on what the first attempt may have died before
      // giving back and handing on.
      await settleCancelled(ctx, booking)
      await fillSlot(ctx, booking.slotId)
      return describeBooking(ctx, lookups, booking, manager)
    }
    const own = booking.openid === ctx.openid
    const start = new Date(booking.slotStartsAt)
    if (ctx.now.getTime() >= start.getTime()) throw new AppError('CONFLICT', '这个时段已经开始，不能取消了', 'startsAt')
    if (!manager && ctx.now.getTime() >= new Date(booking.cancelDeadline).getTime()) {
      throw new AppError('CONFLICT', '已过取消截止时间；如果来不了，请告诉楼组长', 'cancelDeadline')
    }
    const after = await releasePlace(ctx, booking._id, own ? 'self' : 'manager')
    await fillSlot(ctx, booking.slotId)
    if (!own) await audit(ctx, { action: 'service.booking.cancel', target: booking._id, before: { status: booking.status }, after: { status: after.status } })
    return describeBooking(ctx, lookups, after, manager)
  }),

  handle(contract.getBooking, async (input, ctx) => {
    const { booking, session, manager } = await requireBookingAccess(ctx, input.bookingId)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    return describeBooking(ctx, lookups, booking, manager)
  }),

  handle(contract.subscribeBooking, async (input, ctx) => {
    // Ownership in the query: only the person who allowed the messages can say so.
    const { stats } = await ctx.db
      .collection(C.bookings)
      .where({ _id: input.bookingId, openid: ctx.openid })
      .update({ data: { subscribe: { reminder: input.reminder, promotion: input.promotion } } })
    if (stats.updated === 0) {
      const exists = await findById<BookingDoc>(ctx, C.bookings, input.bookingId)
      if (exists?.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
    }
    const { booking, session } = await requireBookingAccess(ctx, input.bookingId)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    return describeBooking(ctx, lookups, booking, false)
  }),

  handle(contract.myBookings, async (_input, ctx) => {
    const since = new Date(ctx.now.getTime() - 30 * 86400_000)
    const docs = await findAll<BookingDoc>(ctx, C.bookings, { openid: ctx.openid, slotStartsAt: ctx.db.command.gte(since) }, 2000)
    // Coming ones first, soonest at the top; then the past, latest first.
    const now = ctx.now.getTime()
    docs.sort((a, b) => {
      const ta = new Date(a.slotStartsAt).getTime()
      const tb = new Date(b.slotStartsAt).getTime()
      const fa = ta >= now ? 0 : 1
      const fb = tb >= now ? 0 : 1
      return fa !== fb ? fa - fb : fa === 0 ? ta - tb : tb - ta
    })
    const lookups = new Lookups(ctx)
    const out = []
    for (const doc of docs.slice(0, 100)) out.push(await describeBooking(ctx, lookups, doc, false))
    return out
  }),

  handle(contract.getRoster, async (input, ctx) => {
    const session = await requireSession(ctx, input.sessionId)
    await requireSessionManager(ctx, session)
    const slots = await slotsOf(ctx, [session._id])
    const bookings = await findAll<BookingDoc>(ctx, C.bookings, { sessionId: session._id })
    const sensitive = await isSensitive(ctx, session)
    const lookups = new Lookups(ctx)
    lookups.remember(session)
    const rank = (status: string) => ['attended', 'confirmed', 'no_show', 'waitlisted', 'cancelled'].indexOf(status)
    const out = []
    for (const slot of slots) {
      const own = bookings.filter((booking) => booking.slotId === slot._id).sort((a, b) => rank(a.status) - rank(b.status) || a.seq - b.seq)
      const entries = await rosterEntries(ctx, own, sensitive, bookings)
      out.push({ slot: toSlotView(slot, session, ctx.now), entries })
    }
    // Names, rooms and health-consent flags: every roster read by staff is on the record.
    await audit(ctx, { action: 'service.roster.read', target: session._id, before: null, after: { bookings: bookings.length, sensitive } })
    return { session: await summarize(ctx, lookups, session, slots, 0), sensitive, slots: out }
  }),

  handle(contract.checkIn, async (input, ctx) => {
    const session = await requireSession(ctx, input.sessionId)
    await requireSessionManager(ctx, session)
    const parsed = parseCode(input.code, session._id)
    if ('error' in parsed) {
      if (parsed.error === 'other_session') throw new AppError('CODE_INVALID', '这是另一场服务的预约码', 'sessionId')
      throw new AppError('CODE_INVALID', '预约码格式不对，例如 B12', 'code')
    }
    if (!checkInOpen(new Date(session.startsAt), new Date(session.endsAt), ctx.now)) throw new AppError('CONFLICT', '只能在服务当天签到', 'sessionId')
    const { data } = await ctx.db.collection(C.bookings).where({ sessionId: session._id, code: parsed.code }).limit(2).get()
    const booking = data[0] as unknown as BookingDoc | undefined
    if (!booking) throw new AppError('CODE_INVALID', '没有找到这个预约码', 'code')
    // Whether this call changed the booking; a retry (or the second of two simultaneous scans) finds it done already.
    let wrote = false
    if (input.undo) {
      const { stats } = await ctx.db.collection(C.bookings).where({ _id: booking._id, status: 'attended' }).update({ data: { status: 'confirmed', checkedInAt: null, checkedInBy: null } })
      wrote = stats.updated > 0
      if (wrote) await audit(ctx, { action: 'service.checkin.undo', target: booking._id, before: { status: 'attended' }, after: { status: 'confirmed' } })
    } else if (booking.status !== 'attended') {
      if (booking.status === 'waitlisted') throw new AppError('CONFLICT', '这位邻居还在候补，没有名额', 'waitlisted')
      if (booking.status === 'cancelled') throw new AppError('CONFLICT', '这条预约已经取消了', 'cancelled')
      // A no-show who turns up late after all is welcome: the record is corrected.
      const { stats } = await ctx.db
        .collection(C.bookings)
        .where({ _id: booking._id, status: ctx.db.command.in(['confirmed', 'no_show']) })
        .update({ data: { status: 'attended', checkedInAt: ctx.now, checkedInBy: ctx.openid } })
      wrote = stats.updated > 0
      if (wrote) await audit(ctx, { action: 'service.checkin', target: booking._id, before: { status: booking.status }, after: { status: 'attended' } })
    }
    const latest = (await findById<BookingDoc>(ctx, C.bookings, booking._id)) ?? booking
    const [entry] = await rosterEntries(ctx, [latest], await isSensitive(ctx, session))
    return { ...entry, already: !wrote && (input.undo ? latest.status !== 'attended' : latest.status === 'attended') }
  }),

  handle(contract.getNoShowPolicy, async (_input, ctx) => loadPolicy(ctx)),

  handle(contract.setNoShowPolicy, async (input, ctx) => {
    await requireAdmin(ctx)
    const before = await loadPolicy(ctx)
    await ctx.db.collection(C.serviceSettings).doc(POLICY_DOC).set({ data: { ...input } })
    await audit(ctx, { action: 'service.policy.set', target: POLICY_DOC, before, after: input })
    return input
  }),

  handle(contract.sendReminders, async (input, ctx) => {
    await requireAdmin(ctx)
    const result = await sendDueReminders(ctx, input.leadHours)
    await audit(ctx, { action: 'service.reminders.send', target: 'reminders', before: null, after: result })
    return result
  }),

  handle(contract.recordReading, async (input, ctx) => {
    const booking = await findById<BookingDoc>(ctx, C.bookings, input.bookingId)
    const session = booking ? await findById<SessionDoc>(ctx, C.serviceSessions, booking.sessionId) : null
    // One answer for "no such booking" and "not a booking of your session": a booking id is slot + person, so a
    // different answer would tell anyone whether that person booked a blood-pressure check.
    if (!booking || !session || !(await canManageSession(ctx, session))) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
    if (!(await isSensitive(ctx, session))) throw new AppError('FORBIDDEN', '这项服务不记录健康数据', 'bookingId')
    if (booking.status !== 'attended') throw new AppError('CONFLICT', '请先为这位邻居签到', 'bookingId')
    // PIPL Art. 29: separate consent, checked at the moment of recording, so a withdrawal stops recording at once.
    if (!booking.openid || !(await hasConsent(ctx, 'health', booking.openid))) {
      throw new AppError('CONSENT_REQUIRED', '这位邻居没有单独同意记录健康数据，请不要记录', 'bookingId')
    }
    const reading: Omit<ReadingDoc, '_id'> = {
      openid: booking.openid,
      bookingId: booking._id,
      sessionId: session._id,
      systolic: input.systolic,
      diastolic: input.diastolic,
      pulse: input.pulse ?? null,
      place: session.place,
      takenAt: ctx.now,
      takenBy: ctx.openid,
    }
    await ctx.db.collection(C.healthReadings).doc(readingId(booking._id)).set({ data: reading })
    // The audit log says that a reading was taken, never what it was: admins read the log.
    await audit(ctx, { action: 'service.reading.record', target: booking._id, before: null, after: { recorded: true } })
    return { recorded: true as const }
  }),

  handle(contract.myReadings, async (_input, ctx) => {
    const docs = await findAll<ReadingDoc>(ctx, C.healthReadings, { openid: ctx.openid })
    return docs
      .sort((a, b) => new Date(a.takenAt).getTime() - new Date(b.takenAt).getTime())
      .map((doc) => ({ id: doc._id, systolic: doc.systolic, diastolic: doc.diastolic, pulse: doc.pulse, takenAt: iso(doc.takenAt), place: doc.place }))
  }),

  handle(contract.deleteReading, async (input, ctx) => {
    const { stats } = await ctx.db.collection(C.healthReadings).where({ _id: input.readingId, openid: ctx.openid }).remove()
    if (stats.removed === 0) throw new AppError('NOT_FOUND', '没有找到这条记录', 'readingId')
    return { deleted: true as const }
  }),
]

function createHashKey(householdId: string, name: string): string {
  // Same neighbour, same room, same slot → the same id: a leader's double tap books once.
  let hash = 2166136261
  for (const char of `${householdId}|${name.trim()}`) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 16777619) >>> 0
  }
  return `${householdId}-${hash.toString(36)}`
}

const routed = createFunction('service', routes)

/** The hourly timer trigger in cloud/functions/service/config.json calls `main` with this event and no OPENID. */
interface TimerEvent {
  Type: 'Timer' | 'timer'
  TriggerName: string
}

export const REMINDER_TRIGGER = 'service-reminders'

function isTimer(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false
  const { Type, TriggerName } = event as Record<string, unknown>
  return (Type === 'Timer' || Type === 'timer') && TriggerName === REMINDER_TRIGGER
}

export const main: Main = async (event: unknown, context?: unknown): Promise<Envelope<unknown>> => {
  // A client call always carries the caller's OPENID; only WeChat's scheduler calls without one, so a forged timer
  // event from a phone is routed (and refused) like any other unknown action.
  if (isTimer(event) && !sdk.getWXContext().OPENID) {
    const ctx: Ctx = { fn: 'service', action: 'reminders.send', openid: 'system:timer', db: callDatabase(sdk.database(), context), now: new Date() }
    try {
      return { ok: true, data: await sendDueReminders(ctx, 24) }
    } catch (error) {
      console.error('[service.timer]', error)
      return { ok: false, error: { code: 'INTERNAL', message: '提醒发送失败' } }
    }
  }
  return routed(event, context)
}
