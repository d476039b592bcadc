/**
 * The rules of 便民服务预约 (service booking), as pure functions shared by the `service` cloud function and the app.
 * Every instant is a Date (or ISO string on the wire); every "day" and wall-clock time is China time (./time), so the
 * answers are the same whatever time zone the server or the phone is in.
 *
 * Glossary: session 场次 (one service on one day at one place), slot 时段 (a time range of a session with its own
 * places), booking 预约, waitlist 候补, household 户, cut-off 取消截止, no-show 爽约/未到.
 */
import { addDays, calendarDay, chinaDay, fromChina, weekdayOf } from './time'

// ---------------------------------------------------------------------------------------------------------------
// Who may book

export type SessionScope = { kind: 'building'; id: string } | { kind: 'area'; id: string } | { kind: 'community' }

/** 'scope': verified residents of the session's building/area; 'community': any verified resident of the sub-district. */
export type Audience = 'scope' | 'community'

export interface Home {
  householdId: string
  buildingId: string
  areaId: string
}

/** One key per scope, so that "sessions for my homes" is a single `in` query. */
export function scopeKey(scope: SessionScope): string {
  return scope.kind === 'community' ? 'community' : `${scope.kind}:${scope.id}`
}

/** The scopes whose sessions a resident with these homes sees: each home's building and area, and the community. */
export function scopeKeysFor(homes: Pick<Home, 'buildingId' | 'areaId'>[]): string[] {
  const keys = new Set<string>(['community'])
  for (const home of homes) {
    keys.add(scopeKey({ kind: 'building', id: home.buildingId }))
    keys.add(scopeKey({ kind: 'area', id: home.areaId }))
  }
  return [...keys]
}

export function homeInScope(scope: SessionScope, home: Home): boolean {
  if (scope.kind === 'community') return true
  return scope.kind === 'building' ? home.buildingId === scope.id : home.areaId === scope.id
}

/**
 * The household a booking counts against (for the per-household cap), or null if none of the person's verified homes
 * may book. A home inside the session's scope is preferred even when anyone in the community may book.
 */
export function bookingHome(scope: SessionScope, audience: Audience, homes: Home[]): Home | null {
  const inside = homes.find((home) => homeInScope(scope, home))
  if (inside) return inside
  return audience === 'community' ? (homes[0] ?? null) : null
}

export function householdAllows(activeBookings: number, cap: number): boolean {
  return activeBookings < cap
}

// ---------------------------------------------------------------------------------------------------------------
// Windows and cut-offs

export type SlotPhase = 'not_open' | 'open' | 'started'

/** Booking opens at `opensAt` and closes when the slot starts. */
export function slotPhase(opensAt: Date, slotStartsAt: Date, now: Date): SlotPhase {
  if (now.getTime() < opensAt.getTime()) return 'not_open'
  if (now.getTime() >= slotStartsAt.getTime()) return 'started'
  return 'open'
}

/** When a session opens for booking: `daysBefore` days before its day, at a China wall-clock time. */
export function opensAtFor(day: string, daysBefore: number, time: string): Date {
  return fromChina(addDays(day, -daysBefore), time)
}

/** The last moment a resident may cancel a booking themselves. */
export function cancelDeadline(slotStartsAt: Date, cutoffMinutes: number): Date {
  return new Date(slotStartsAt.getTime() - cutoffMinutes * 60_000)
}

/** Before the cut-off the resident cancels; after it only a leader can (the neighbour phoned to say she is ill). */
export function mayCancel(now: Date, deadline: Date, slotStartsAt: Date, byManager: boolean): boolean {
  if (now.getTime() >= slotStartsAt.getTime()) return false
  return byManager || now.getTime() < deadline.getTime()
}

/** The provider checks people in on the day: from 12 hours before the first slot to 12 hours after the last. */
export function checkInOpen(firstStartsAt: Date, lastEndsAt: Date, now: Date): boolean {
  const margin = 12 * 3600_000
  return now.getTime() >= firstStartsAt.getTime() - margin && now.getTime() <= lastEndsAt.getTime() + margin
}

/** A reminder is due once the slot is within `leadHours` and has not started. */
export function reminderDue(slotStartsAt: Date, now: Date, leadHours: number): boolean {
  const start = slotStartsAt.getTime()
  return now.getTime() < start && now.getTime() >= start - leadHours * 3600_000
}

// ---------------------------------------------------------------------------------------------------------------
// Slots of a day

export interface SlotTime {
  start: string
  end: string
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

/** Slots must be real times, each start before its end, in order and not overlapping. Returns a reason or null. */
export function slotProblem(slots: SlotTime[]): 'format' | 'order' | 'overlap' | null {
  for (const slot of slots) if (!HHMM.test(slot.start) || !HHMM.test(slot.end)) return 'format'
  for (const slot of slots) if (slot.start >= slot.end) return 'order'
  for (let i = 1; i < slots.length; i++) if (slots[i].start < slots[i - 1].end) return 'overlap'
  return null
}

/** Evenly spaced slots, as the leader's form offers them: first start, minutes each, how many. */
export function evenSlots(firstStart: string, minutes: number, count: number): SlotTime[] {
  const [h, m] = firstStart.split(':').map(Number)
  const out: SlotTime[] = []
  for (let i = 0; i < count; i++) {
    const from = h * 60 + m + i * minutes
    const to = from + minutes
    if (to > 24 * 60 - 1) break
    out.push({ start: clock(from), end: clock(to) })
  }
  return out
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function slotInstants(day: string, slot: SlotTime): { startsAt: Date; endsAt: Date } {
  return { startsAt: fromChina(day, slot.start), endsAt: fromChina(day, slot.end) }
}

/** Slot 1 is A, slot 2 is B …: the letter starts each booking code, so the provider sees the time at a glance. */
export function slotLetter(index: number): string {
  return String.fromCharCode(64 + index)
}

// ---------------------------------------------------------------------------------------------------------------
// Places and the waitlist. One counter per slot, changed only inside a transaction together with the booking.

export interface SlotCounter {
  capacity: number
  /** Bookings holding a place: confirmed, attended or no-show. Never above capacity. */
  confirmed: number
  /** Bookings on the waitlist now. */
  waiting: number
  /** Booking numbers issued in this slot (for codes and waitlist order); never reused. */
  seq: number
}

export type ActiveStatus = 'confirmed' | 'waitlisted'
export type BookingStatus = ActiveStatus | 'cancelled' | 'attended' | 'no_show'

export function isActive(status: BookingStatus): status is ActiveStatus {
  return status === 'confirmed' || status === 'waitlisted'
}

/**
 * A new booking gets a place only while places are free and nobody is waiting: when somebody waits (a promotion is
 * about to happen), a newcomer queues behind them instead of jumping ahead.
 */
export function placeBooking(counter: SlotCounter): { status: ActiveStatus; seq: number; position: number | null; next: SlotCounter } {
  const seq = counter.seq + 1
  if (counter.confirmed < counter.capacity && counter.waiting === 0) {
    return { status: 'confirmed', seq, position: null, next: { ...counter, confirmed: counter.confirmed + 1, seq } }
  }
  return { status: 'waitlisted', seq, position: counter.waiting + 1, next: { ...counter, waiting: counter.waiting + 1, seq } }
}

/** A cancelled booking gives back what it held. */
export function releaseBooking(counter: SlotCounter, status: ActiveStatus): SlotCounter {
  return status === 'confirmed' ? { ...counter, confirmed: Math.max(0, counter.confirmed - 1) } : { ...counter, waiting: Math.max(0, counter.waiting - 1) }
}

export function canPromote(counter: SlotCounter): boolean {
  return counter.confirmed < counter.capacity && counter.waiting > 0
}

export function promoteOne(counter: SlotCounter): SlotCounter {
  if (!canPromote(counter)) throw new RangeError('nothing to promote')
  return { ...counter, confirmed: counter.confirmed + 1, waiting: counter.waiting - 1 }
}

/** Waitlist order is booking order: the lowest number still waiting goes first. */
export function nextInLine<B extends { status: BookingStatus; seq: number }>(bookings: B[]): B | null {
  let best: B | null = null
  for (const booking of bookings) if (booking.status === 'waitlisted' && (!best || booking.seq < best.seq)) best = booking
  return best
}

// ---------------------------------------------------------------------------------------------------------------
// Booking codes (what the provider scans or types)

/** e.g. "B12": slot B, booking number 12. Unique in a session, short enough to read out and type. */
export function bookingCode(slotIndex: number, seq: number): string {
  return `${slotLetter(slotIndex)}${seq}`
}

export const QR_PREFIX = 'LLT'

/** What the booking's QR code holds: the session too, so a code from another session is not checked in by mistake. */
export function qrPayload(sessionId: string, code: string): string {
  return `${QR_PREFIX}:${sessionId}:${code}`
}

/** Reads a scanned payload or a typed code ("b12", "B-12", "B 12"). */
export function parseCode(text: string, sessionId: string): { code: string } | { error: 'format' | 'other_session' } {
  let raw = text.trim()
  if (raw.toUpperCase().startsWith(`${QR_PREFIX}:`)) {
    const parts = raw.split(':')
    if (parts.length !== 3) return { error: 'format' }
    if (parts[1] !== sessionId) return { error: 'other_session' }
    raw = parts[2]
  }
  const match = /^([A-Za-z])[\s-]*(\d{1,4})$/.exec(raw)
  if (!match) return { error: 'format' }
  return { code: `${match[1].toUpperCase()}${Number(match[2])}` }
}

// ---------------------------------------------------------------------------------------------------------------
// Recurring sessions

export type Recurrence =
  | { kind: 'none' }
  /** Every week (every: 1) or every other week (every: 2) on the first session's weekday. */
  | { kind: 'weekly'; every: 1 | 2; count: number }
  /** 每月第N个周X: nth 1–4, or -1 for the last one of the month; weekday 0 = Sunday. */
  | { kind: 'monthly'; nth: 1 | 2 | 3 | 4 | -1; weekday: number; count: number }

function daysInMonth(year: number, month: number): number {
  return calendarDay(dayString(year, month, 1)).daysInMonth()
}

function dayString(year: number, month: number, date: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`
}

/** The nth given weekday of a month ('2026-12', 2nd Saturday → '2026-12-12'), or null if the month has none. */
export function nthWeekday(year: number, month: number, nth: 1 | 2 | 3 | 4 | -1, weekday: number): string | null {
  const total = daysInMonth(year, month)
  if (nth === -1) {
    const lastWeekday = weekdayOf(dayString(year, month, total))
    return dayString(year, month, total - ((lastWeekday - weekday + 7) % 7))
  }
  const first = weekdayOf(dayString(year, month, 1))
  const date = 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7
  return date <= total ? dayString(year, month, date) : null
}

/** Which 'nth' a day is in its month (for the form's "每月第二个周六" from a chosen date); 5th weekdays count as last. */
export function nthOf(day: string): { nth: 1 | 2 | 3 | 4 | -1; weekday: number } {
  const date = Number(day.slice(8, 10))
  const nth = Math.ceil(date / 7)
  return { nth: nth >= 5 ? -1 : (nth as 1 | 2 | 3 | 4), weekday: weekdayOf(day) }
}

export const MAX_OCCURRENCES = 12

/** The days of a series starting at `firstDay` (included when it fits the rule). */
export function occurrences(firstDay: string, rule: Recurrence): string[] {
  if (rule.kind === 'none') return [firstDay]
  const count = Math.min(Math.max(1, rule.count), MAX_OCCURRENCES)
  const out: string[] = []
  if (rule.kind === 'weekly') {
    for (let i = 0; i < count; i++) out.push(addDays(firstDay, i * 7 * rule.every))
    return out
  }
  let year = Number(firstDay.slice(0, 4))
  let month = Number(firstDay.slice(5, 7))
  for (let guard = 0; out.length < count && guard < count * 2 + 2; guard++) {
    const day = nthWeekday(year, month, rule.nth, rule.weekday)
    if (day && day >= firstDay) out.push(day)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// No-shows: a gentle policy by default

export interface NoShowPolicy {
  /** 'remind': a friendly note when booking again. 'hold': after `threshold` no-shows, no booking for `holdDays`. */
  mode: 'remind' | 'hold'
  threshold: number
  windowDays: number
  holdDays: number
}

export const DEFAULT_NO_SHOW_POLICY: NoShowPolicy = { mode: 'remind', threshold: 3, windowDays: 90, holdDays: 14 }

export interface NoShowStanding {
  /** Show the gentle reminder (cancel in time so a neighbour can have the place). */
  remind: boolean
  /** Set only under the 'hold' policy: no new booking before this instant. */
  heldUntil: Date | null
}

/** `noShows`: when each of the person's no-shows happened (slot start), any order. */
export function noShowStanding(noShows: Date[], policy: NoShowPolicy, now: Date): NoShowStanding {
  const since = now.getTime() - policy.windowDays * 86400_000
  const recent = noShows.filter((at) => at.getTime() >= since && at.getTime() <= now.getTime()).sort((a, b) => a.getTime() - b.getTime())
  if (recent.length === 0) return { remind: false, heldUntil: null }
  if (policy.mode === 'hold' && recent.length >= policy.threshold) {
    const until = new Date(recent[recent.length - 1].getTime() + policy.holdDays * 86400_000)
    return { remind: true, heldUntil: until.getTime() > now.getTime() ? until : null }
  }
  return { remind: true, heldUntil: null }
}

/** The first day of the listing window and its last, China days. */
export function upcomingDays(now: Date, days: number): { from: string; to: string } {
  const from = chinaDay(now)
  return { from, to: addDays(from, days) }
}
