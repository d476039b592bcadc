import * as v from 'valibot'
import type { Audience, BookingStatus, NoShowPolicy, SessionScope } from '../domain/booking'
import { adminOnly, buildingManagers, everyone, ownOnly, ownRecord, roles } from './access'
import { daySchema, defineAction, idSchema, noInput, text } from './define'
import type { LocalizedText, ServiceType } from './model'
export { listServiceTypes, upcomingSessions } from './service.tabs'

export type { Audience, BookingStatus, NoShowPolicy, SessionScope }

/**
 * 便民服务预约: the catalogue, sessions with slots, bookings with a waitlist, check-in, and blood-pressure readings.
 * Wire types first, then one contract per action.
 */

/**
 * One-time subscribe message templates (订阅消息, 公共模板库: 预约提醒 / 候补成功通知). The ids and their keywords live in
 * the deploy configuration (linliting.config.json), injected at build time; the fields sent must be the template's
 * keywords. The app asks for exactly these on the person's tap, and the cloud sends with the same ids.
 */
export const SUBSCRIBE_TEMPLATES = {
  /** thing1 service, time2 slot time, thing3 place, thing4 note */
  reminder: SUBSCRIBE_TEMPLATE_IDS.serviceReminder,
  /** thing1 service, time2 slot time, phrase3 status, thing4 place */
  promotion: SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted,
} as const

export type SessionStatus = 'open' | 'cancelled' | 'closed'
export type SlotPhase = 'not_open' | 'open' | 'started'

export interface SessionType {
  id: string
  key: string | null
  name: LocalizedText
  sensitive: boolean
}

export interface SessionSummary {
  id: string
  type: SessionType
  scope: SessionScope
  /** '绿庭尚城 1号楼', '绿庭尚城', '全社区' … in Chinese, as the community names its places. */
  scopeName: string
  place: string
  note: string
  /** China day, 'YYYY-MM-DD'. */
  day: string
  startsAt: string
  endsAt: string
  opensAt: string
  status: SessionStatus
  capacity: number
  slotCount: number
  placesLeft: number
  waiting: number
  /** The caller's own active bookings in this session. */
  mine: number
  /** Set when the session belongs to a recurring series. */
  seriesId: string | null
}

export interface SlotView {
  id: string
  index: number
  letter: string
  start: string
  end: string
  startsAt: string
  capacity: number
  confirmed: number
  waiting: number
  phase: SlotPhase
}

export type BookRefusal = 'consent' | 'not_resident' | 'not_in_scope' | 'held' | 'closed'

export interface SessionDetail extends SessionSummary {
  description: LocalizedText
  bring: LocalizedText
  provider: LocalizedText
  slots: SlotView[]
  cancelCutoffMinutes: number
  audience: Audience
  householdCap: number
  /** Whether the caller may book now, and if not why (the page explains the way forward). */
  canBook: { ok: true; householdId: string } | { ok: false; reason: BookRefusal; until?: string }
  /** The caller runs this session (its building's leader, an admin, or whoever created it). */
  canManage: boolean
  /** A gentle note for someone who did not come last time. */
  noShowReminder: boolean
  myBookings: Booking[]
}

export interface Booking {
  id: string
  sessionId: string
  slotId: string
  slotIndex: number
  /** What the provider types or scans ("B12"). */
  code: string
  /** The QR code's content. */
  qr: string
  status: BookingStatus
  /** 1-based place on the waitlist, for waitlisted bookings. */
  position: number | null
  /** 代预约: made by a building leader for a neighbour without a smartphone. */
  proxy: { name: string; unit: number; room: string } | null
  startsAt: string
  endsAt: string
  cancelDeadline: string
  canCancel: boolean
  subscribed: { reminder: boolean; promotion: boolean }
  promotedAt: string | null
  checkedInAt: string | null
  /** Why it was cancelled, when it was: by the person, by a leader, or because the session was called off. */
  cancelReason: 'self' | 'manager' | 'session' | null
  session: { typeName: LocalizedText; typeKey: string | null; sensitive: boolean; place: string; day: string; scopeName: string }
}

export interface RosterEntry {
  bookingId: string
  code: string
  slotIndex: number
  /** Nickname, or the name the leader wrote for a 代预约. */
  name: string
  unit: number
  room: string
  proxy: boolean
  status: BookingStatus
  position: number | null
  checkedInAt: string | null
  /** Blood-pressure sessions only: the person has given separate health consent right now. */
  canRecordReading: boolean
  readingRecorded: boolean
}

export interface Roster {
  session: SessionSummary
  sensitive: boolean
  slots: { slot: SlotView; entries: RosterEntry[] }[]
}

export interface Reading {
  id: string
  systolic: number
  diastolic: number
  pulse: number | null
  takenAt: string
  place: string
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const hhmm = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/))
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))

const scopeSchema = v.variant('kind', [
  v.object({ kind: v.literal('building'), id: idSchema }),
  v.object({ kind: v.literal('area'), id: idSchema }),
  v.object({ kind: v.literal('community') }),
])

const recurrenceSchema = v.variant('kind', [
  v.object({ kind: v.literal('none') }),
  v.object({ kind: v.literal('weekly'), every: v.picklist([1, 2]), count: int(1, 12) }),
  v.object({ kind: v.literal('monthly'), nth: v.picklist([1, 2, 3, 4, -1]), weekday: int(0, 6), count: int(1, 12) }),
])

const localizedSchema = (max: number, min = 1) =>
  v.object({ 'zh-CN': text(max, min), en: v.optional(text(max, 0)), ko: v.optional(text(max, 0)), ja: v.optional(text(max, 0)) })

/** A booking is its owner's, and visible to whoever runs its session (the leader of its building, admins). */
const ownerOrManager = roles(ownOnly('NOT_FOUND'), { newcomer: 'NOT_FOUND', buildingLeader: 'ok', admin: 'ok' })

// ---------------------------------------------------------------------------------------------------------------
// Catalogue


/** Admin: add a type (no id) or edit one. */
export const saveServiceType = defineAction<ServiceType>()(
  'service',
  'types.save',
  v.object({
    id: v.optional(idSchema),
    name: localizedSchema(20),
    description: localizedSchema(120),
    bring: localizedSchema(60, 0),
    provider: localizedSchema(40),
    sensitive: v.optional(v.boolean(), false),
  }),
  {
    roles: adminOnly,
    sample: () => ({ name: { 'zh-CN': '修伞' }, description: { 'zh-CN': '修雨伞、换伞骨' }, bring: { 'zh-CN': '' }, provider: { 'zh-CN': '志愿者师傅' } }),
  },
)

/** Admin: a retired type is no longer offered for new sessions; existing sessions keep it. */
export const retireServiceType = defineAction<{ id: string; retired: true }>()('service', 'types.retire', v.object({ id: idSchema }), {
  roles: adminOnly,
  sample: () => ({ id: 'haircut' }),
})

// ---------------------------------------------------------------------------------------------------------------
// Sessions


/** Anyone may look at a session (a card shared in the group chat opens it); booking is what needs a home. */
export const getSession = defineAction<SessionDetail>()('service', 'session.get', v.object({ sessionId: idSchema }), {
  roles: everyone,
  sample: (r) => ({ sessionId: r.sessionId }),
})

/** Building leader (for their building) or admin: one session, or a series from a recurrence rule. */
export const createSessions = defineAction<SessionSummary[]>()(
  'service',
  'session.create',
  v.object({
    typeId: idSchema,
    scope: scopeSchema,
    place: text(30),
    note: v.optional(text(60, 0), ''),
    day: daySchema,
    slots: v.pipe(v.array(v.object({ start: hhmm, end: hhmm })), v.minLength(1), v.maxLength(12)),
    capacity: int(1, 200),
    opensDaysBefore: v.optional(int(0, 30), 7),
    opensTime: v.optional(hhmm, '08:00'),
    cancelCutoffMinutes: v.optional(int(0, 2880), 120),
    audience: v.optional(v.picklist(['scope', 'community']), 'scope'),
    householdCap: v.optional(int(1, 10), 1),
    recurrence: v.optional(recurrenceSchema, { kind: 'none' }),
  }),
  {
    roles: buildingManagers(),
    sample: (r) => ({ typeId: 'knife', scope: { kind: 'building', id: r.buildingId }, place: '楼道', day: r.today, slots: [{ start: '20:00', end: '20:30' }], capacity: 5 }),
  },
)

/** Calls a session off: every active booking is cancelled (and shows so in 我的预约). */
export const cancelSession = defineAction<SessionSummary>()('service', 'session.cancel', v.object({ sessionId: idSchema }), {
  roles: buildingManagers(),
  sample: (r) => ({ sessionId: r.sessionId }),
})

/** After the session: confirmed bookings nobody checked in become no-shows; the session is closed. */
export const closeSession = defineAction<{ noShows: number; attended: number }>()('service', 'session.close', v.object({ sessionId: idSchema }), {
  // The matrix's sessions start this afternoon: whoever may close one is told it has not started (CONFLICT).
  roles: buildingManagers('CONFLICT'),
  sample: (r) => ({ sessionId: r.sessionId }),
})

// ---------------------------------------------------------------------------------------------------------------
// Bookings (send a requestId: a retried request yields the same booking)

export const book = defineAction<Booking>()('service', 'booking.create', v.object({ slotId: idSchema }), {
  // Own slot: the booking the caller holds comes back. The neighbour's is in their building's session: for its residents.
  roles: roles({ own: 'ok', other: 'NOT_RESIDENT' }, { newcomer: 'CONSENT_REQUIRED', resident: 'ok', partyMember: 'ok', buildingLeader: 'ok' }),
  sample: (r) => ({ slotId: r.slotId }),
})

/** 代预约: a building leader books for a neighbour without a smartphone. Name and room only. */
export const bookForNeighbour = defineAction<Booking>()(
  'service',
  'booking.proxy',
  v.object({ slotId: idSchema, name: text(10), householdId: idSchema }),
  { roles: buildingManagers(), sample: (r) => ({ slotId: r.slotId, name: '陈奶奶', householdId: r.spareHouseholdId }) },
)

export const cancelBooking = defineAction<Booking>()('service', 'booking.cancel', v.object({ bookingId: idSchema }), {
  roles: ownerOrManager,
  sample: (r) => ({ bookingId: r.bookingId }),
})

export const getBooking = defineAction<Booking>()('service', 'booking.get', v.object({ bookingId: idSchema }), {
  roles: ownerOrManager,
  sample: (r) => ({ bookingId: r.bookingId }),
})

/** Records which one-time subscribe messages the person allowed (wx.requestSubscribeMessage answered on their tap). */
export const subscribeBooking = defineAction<Booking>()(
  'service',
  'booking.subscribe',
  v.object({ bookingId: idSchema, reminder: v.boolean(), promotion: v.boolean() }),
  // Only the person who tapped "allow" can say so: not even the session's manager.
  { roles: ownRecord, sample: (r) => ({ bookingId: r.bookingId, reminder: true, promotion: true }) },
)

export const myBookings = defineAction<Booking[]>()('service', 'bookings.mine', noInput, { roles: everyone, sample: () => ({}) })

// ---------------------------------------------------------------------------------------------------------------
// The provider's side

export const getRoster = defineAction<Roster>()('service', 'roster.get', v.object({ sessionId: idSchema }), {
  roles: buildingManagers(),
  sample: (r) => ({ sessionId: r.sessionId }),
})

/**
 * By the code the resident shows (scanned or typed), or from the roster. `undo` takes a mistaken check-in back.
 * Idempotent: a booking already in the asked-for state (a second scan, or a retry after a lost answer) is answered as it
 * is, with `already: true`, and nothing is written.
 */
export const checkIn = defineAction<RosterEntry & { already?: boolean }>()(
  'service',
  'booking.checkin',
  v.object({ sessionId: idSchema, code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)), undo: v.optional(v.boolean(), false) }),
  { roles: buildingManagers(), sample: (r) => ({ sessionId: r.sessionId, code: r.bookingCode }) },
)

/** Admin: the no-show policy (a reminder, not a ban, by default). Everyone may read it: the app explains it. */
export const getNoShowPolicy = defineAction<NoShowPolicy>()('service', 'policy.get', noInput, { roles: everyone, sample: () => ({}) })
export const setNoShowPolicy = defineAction<NoShowPolicy>()(
  'service',
  'policy.set',
  v.object({ mode: v.picklist(['remind', 'hold']), threshold: int(1, 10), windowDays: int(7, 365), holdDays: int(1, 90) }),
  { roles: adminOnly, sample: () => ({ mode: 'hold', threshold: 3, windowDays: 90, holdDays: 14 }) },
)

/** Admin, or the hourly timer trigger (cloud/functions/service/config.json): reminders for slots in the next hours. */
export const sendReminders = defineAction<{ sent: number; failed: number }>()(
  'service',
  'reminders.send',
  v.optional(v.object({ leadHours: v.optional(int(1, 48), 24) }), {}),
  { roles: adminOnly, sample: () => ({ leadHours: 6 }) },
)

// ---------------------------------------------------------------------------------------------------------------
// Blood-pressure readings: sensitive personal information (PIPL Art. 28–29)

/** The provider, at check-in, with the person's separate health consent. Answers with no reading data. */
export const recordReading = defineAction<{ recorded: true }>()(
  'service',
  'reading.record',
  v.object({ bookingId: idSchema, systolic: int(60, 260), diastolic: int(30, 160), pulse: v.optional(int(30, 220)) }),
  {
    // The session's manager, and only once the person is checked in: the matrix's bookings are not yet (CONFLICT).
    // To anyone else a booking is NOT_FOUND: whether someone booked a blood-pressure check is nobody else's business.
    roles: roles('NOT_FOUND', { buildingLeader: 'CONFLICT', otherBuildingLeader: { own: 'CONFLICT', other: 'NOT_FOUND' }, admin: 'CONFLICT' }),
    sample: (r) => ({ bookingId: r.bookingId, systolic: 128, diastolic: 82, pulse: 70 }),
  },
)

/** The only action that returns readings, and only the caller's own. */
export const myReadings = defineAction<Reading[]>()('service', 'readings.mine', noInput, { roles: everyone, sample: () => ({}) })

export const deleteReading = defineAction<{ deleted: true }>()('service', 'reading.delete', v.object({ readingId: idSchema }), {
  roles: ownRecord,
  sample: (r) => ({ readingId: r.readingId }),
})
