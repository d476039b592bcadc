import { createHash } from 'node:crypto'
import { AppError } from '../../contracts/envelope'
import type { ServiceType } from '../../contracts/model'
import type { Booking, SessionSummary, SessionStatus, SlotView } from '../../contracts/service'
import {
  cancelDeadline,
  DEFAULT_NO_SHOW_POLICY,
  isActive,
  mayCancel,
  qrPayload,
  slotLetter,
  slotPhase,
  type Audience,
  type BookingStatus,
  type NoShowPolicy,
  type SessionScope,
  type SlotCounter,
} from '../../domain/booking'
import { isAdmin, roleId, type RoleDoc } from '../auth'
import { C } from '../collections'
import { findAll, findById, findByIds, iso } from '../docs'
import type { Ctx } from '../router'

/** What the service function stores. Instants are Dates; days are China days ('YYYY-MM-DD'). */
export interface ServiceTypeDoc extends Omit<ServiceType, 'id'> {
  _id: string
  order: number
  retired: boolean
}

export interface SessionDoc {
  _id: string
  typeId: string
  scope: SessionScope
  scopeKey: string
  scopeName: string
  place: string
  note: string
  day: string
  slots: { index: number; start: string; end: string; startsAt: Date; endsAt: Date }[]
  startsAt: Date
  endsAt: Date
  opensAt: Date
  capacity: number
  cancelCutoffMinutes: number
  audience: Audience
  householdCap: number
  seriesId: string | null
  status: SessionStatus
  createdBy: string
  createdAt: Date
}

/**
 * One per slot: the ledger of its places, changed by single-document conditional updates (see ./ledger.ts). The
 * arrays are absent on slots written before the ledger; ./ledger.ts fills them from the bookings on first use.
 */
export interface SlotDoc extends SlotCounter {
  _id: string
  sessionId: string
  index: number
  startsAt: Date
  endsAt: Date
  /** Every booking round taken here, in order: a ticket's position is its booking number. */
  tickets?: string[]
  /** Tickets holding a place (confirmed = its length). */
  placed?: string[]
  /** Tickets waiting, in booking order (waiting = its length). */
  queue?: string[]
}

export interface BookingDoc {
  _id: string
  sessionId: string
  slotId: string
  slotIndex: number
  /** null for a 代预约 (the neighbour has no account). */
  openid: string | null
  householdId: string
  unit: number
  room: string
  proxy: { name: string; by: string } | null
  status: BookingStatus
  seq: number
  code: string
  /** The slot ledger's ticket this booking holds (`<_id>#<round>`); absent on bookings from before the ledger (round 1). */
  ticket?: string
  /** How many times this person has booked this slot (a booking again after cancelling is round 2 …). */
  round?: number
  /** Request ids that produced or re-produced this booking: a late retry of one of them changes nothing. */
  requestIds: string[]
  subscribe: { reminder: boolean; promotion: boolean }
  /** The reminder went out (WeChat took it). */
  reminded: boolean
  /** A reminder run's claim (lease) on sending it; null or absent when none holds it. */
  reminderClaimedUntil?: Date | null
  /** Runs that tried to send the reminder. */
  reminderAttempts?: number
  slotStartsAt: Date
  slotEndsAt: Date
  cancelDeadline: Date
  createdAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
  cancelReason: 'self' | 'manager' | 'session' | null
  checkedInAt: Date | null
  checkedInBy: string | null
}

/** Bookings of one household in one session that are not cancelled (the per-household cap), kept beside the slot counters. */
export interface QuotaDoc {
  _id: string
  sessionId: string
  householdId: string
  active: number
  /** The tickets counted (active = its length); absent on quotas from before the ledger. */
  tickets?: string[]
}

export interface ReadingDoc {
  _id: string
  openid: string
  bookingId: string
  sessionId: string
  systolic: number
  diastolic: number
  pulse: number | null
  place: string
  takenAt: Date
  takenBy: string
}

export const quotaId = (sessionId: string, householdId: string) => `${sessionId}:${householdId}`
export const readingId = (bookingId: string) => `bp-${bookingId}`
export const POLICY_DOC = 'no-show-policy'

export async function requireSession(ctx: Ctx, sessionId: string): Promise<SessionDoc> {
  const session = await findById<SessionDoc>(ctx, C.serviceSessions, sessionId)
  if (!session) throw new AppError('NOT_FOUND', '没有找到这场服务', 'sessionId')
  return session
}

export async function requireSlot(ctx: Ctx, slotId: string): Promise<SlotDoc> {
  const slot = await findById<SlotDoc>(ctx, C.serviceSlots, slotId)
  if (!slot) throw new AppError('NOT_FOUND', '没有找到这个时段', 'slotId')
  return slot
}

/**
 * Who runs a session: an admin, or the leader of its building — by a role held now, read on every call. Having created
 * the session gives nothing (`createdBy` is history): a leader whose role is revoked loses the roster, check-in,
 * readings and cancellation at once (docs/CONVENTIONS.md, "Authority").
 */
export async function canManageSession(ctx: Ctx, session: SessionDoc): Promise<boolean> {
  if (session.scope.kind !== 'building') return isAdmin(ctx)
  // Both roles that could run it, in one query.
  const held = await findByIds<RoleDoc>(ctx, C.roles, [roleId(ctx.openid, 'building_leader', session.scope.id), roleId(ctx.openid, 'admin', 'community')])
  return held.size > 0
}

export async function requireSessionManager(ctx: Ctx, session: SessionDoc): Promise<void> {
  if (!(await canManageSession(ctx, session))) throw new AppError('FORBIDDEN', '仅本场服务所在楼栋的楼组长或社区管理员可以进行此操作')
}

export async function loadPolicy(ctx: Ctx): Promise<NoShowPolicy> {
  const doc = await findById<NoShowPolicy & { _id: string }>(ctx, C.serviceSettings, POLICY_DOC)
  if (!doc) return DEFAULT_NO_SHOW_POLICY
  return { mode: doc.mode, threshold: doc.threshold, windowDays: doc.windowDays, holdDays: doc.holdDays }
}

/** Per-request caches: a listing describes many sessions of few types. */
export class Lookups {
  private types: Map<string, ServiceTypeDoc> | null = null
  private sessions = new Map<string, SessionDoc | null>()
  private slots = new Map<string, SlotDoc>()

  constructor(private readonly ctx: Ctx) {}

  async type(id: string): Promise<ServiceTypeDoc | null> {
    if (!this.types) {
      const docs = await findAll<ServiceTypeDoc>(this.ctx, C.services, {})
      this.types = new Map(docs.map((doc) => [doc._id, doc]))
    }
    return this.types.get(id) ?? null
  }

  async session(id: string): Promise<SessionDoc | null> {
    if (!this.sessions.has(id)) this.sessions.set(id, await findById<SessionDoc>(this.ctx, C.serviceSessions, id))
    return this.sessions.get(id) ?? null
  }

  remember(session: SessionDoc): void {
    this.sessions.set(session._id, session)
  }

  /** Slots this call has just read (for the places in line), so they are not read again. */
  rememberSlots(slots: SlotDoc[]): void {
    for (const slot of slots) this.slots.set(slot._id, slot)
  }

  slot(id: string): SlotDoc | undefined {
    return this.slots.get(id)
  }
}

export function toSlotView(slot: SlotDoc, session: SessionDoc, now: Date): SlotView {
  const times = session.slots.find((item) => item.index === slot.index)
  return {
    id: slot._id,
    index: slot.index,
    letter: slotLetter(slot.index),
    start: times?.start ?? '',
    end: times?.end ?? '',
    startsAt: iso(slot.startsAt),
    capacity: slot.capacity,
    confirmed: slot.confirmed,
    waiting: slot.waiting,
    phase: slotPhase(new Date(session.opensAt), new Date(slot.startsAt), now),
  }
}

export async function slotsOf(ctx: Ctx, sessionIds: string[]): Promise<SlotDoc[]> {
  if (sessionIds.length === 0) return []
  const slots = await findAll<SlotDoc>(ctx, C.serviceSlots, { sessionId: ctx.db.command.in(sessionIds) })
  return slots.sort((a, b) => a.index - b.index)
}

export async function summarize(_ctx: Ctx, lookups: Lookups, session: SessionDoc, slots: SlotDoc[], mine: number): Promise<SessionSummary> {
  const type = await lookups.type(session.typeId)
  const own = slots.filter((slot) => slot.sessionId === session._id)
  return {
    id: session._id,
    type: { id: session.typeId, key: type?.key ?? null, name: type?.name ?? { 'zh-CN': '' }, sensitive: type?.sensitive ?? false },
    scope: session.scope,
    scopeName: session.scopeName,
    place: session.place,
    note: session.note,
    day: session.day,
    startsAt: iso(session.startsAt),
    endsAt: iso(session.endsAt),
    opensAt: iso(session.opensAt),
    status: session.status,
    capacity: session.capacity,
    slotCount: session.slots.length,
    placesLeft: own.reduce((sum, slot) => sum + Math.max(0, slot.capacity - slot.confirmed), 0),
    waiting: own.reduce((sum, slot) => sum + slot.waiting, 0),
    mine,
    seriesId: session.seriesId,
  }
}

/** A waitlisted booking's place in line: how many still wait ahead of it, plus one (a count, not a read of rows). */
/** The ticket of a booking's round (the slot ledger's lists hold tickets, never openids). */
export const ticketFor = (bookingId: string, round: number): string => createHash('sha256').update(`${bookingId}#${round}`).digest('base64url').slice(0, 16)
/** The ticket a booking holds; a booking written before tickets existed holds round 1's. */
export const ticketOf = (booking: Pick<BookingDoc, '_id' | 'ticket'>): string => booking.ticket ?? ticketFor(booking._id, 1)

/**
 * A waiting booking's place in line. The slot's queue is the order of record: a booking document is written after its
 * ticket joins the queue, so counting documents could miss one still being written and give two people one number.
 * Slots from before the ledger have no queue: there the documents are counted.
 */
export async function waitlistPosition(ctx: Ctx, booking: Pick<BookingDoc, '_id' | 'ticket' | 'slotId' | 'seq' | 'status'>, read?: SlotDoc): Promise<number | null> {
  if (booking.status !== 'waitlisted') return null
  const slot = read ?? (await findById<SlotDoc>(ctx, C.serviceSlots, booking.slotId))
  const inQueue = slot?.queue?.indexOf(ticketOf(booking)) ?? -1
  if (inQueue >= 0) return inQueue + 1
  const { total } = await ctx.db.collection(C.bookings).where({ slotId: booking.slotId, status: 'waitlisted', seq: ctx.db.command.lt(booking.seq) }).count()
  return total + 1
}

export async function describeBooking(ctx: Ctx, lookups: Lookups, doc: BookingDoc, byManager: boolean): Promise<Booking> {
  const session = await lookups.session(doc.sessionId)
  const type = session ? await lookups.type(session.typeId) : null
  const deadline = doc.cancelDeadline ? new Date(doc.cancelDeadline) : cancelDeadline(new Date(doc.slotStartsAt), session?.cancelCutoffMinutes ?? 0)
  return {
    id: doc._id,
    sessionId: doc.sessionId,
    slotId: doc.slotId,
    slotIndex: doc.slotIndex,
    code: doc.code,
    qr: qrPayload(doc.sessionId, doc.code),
    status: doc.status,
    position: await waitlistPosition(ctx, doc, lookups.slot(doc.slotId)),
    proxy: doc.proxy ? { name: doc.proxy.name, unit: doc.unit, room: doc.room } : null,
    startsAt: iso(doc.slotStartsAt),
    endsAt: iso(doc.slotEndsAt),
    cancelDeadline: iso(deadline),
    canCancel: isActive(doc.status) && session?.status === 'open' && mayCancel(ctx.now, deadline, new Date(doc.slotStartsAt), byManager),
    subscribed: { reminder: doc.subscribe.reminder, promotion: doc.subscribe.promotion },
    promotedAt: doc.promotedAt ? iso(doc.promotedAt) : null,
    checkedInAt: doc.checkedInAt ? iso(doc.checkedInAt) : null,
    cancelReason: doc.cancelReason,
    session: {
      typeName: type?.name ?? { 'zh-CN': '' },
      typeKey: type?.key ?? null,
      sensitive: type?.sensitive ?? false,
      place: session?.place ?? '',
      day: session?.day ?? '',
      scopeName: session?.scopeName ?? '',
    },
  }
}

