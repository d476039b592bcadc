/**
 * 志愿服务 rules, pure and shared by the `volunteer` cloud function and the app: service hours (志愿时长) and their
 * published rounding rule, shift overlap, places and the waitlist (候补), sign-up requirements and windows, the
 * cancellation deadline, 补录 caps, the rotating check-in code's arithmetic and the CSV for the national system.
 * Times are instants (ms since the epoch, or Date); "days" are China days (see ./time).
 */
import { formatHours } from './hours'
import { addDays, chinaDay, chinaTime, fromChina } from './time'

// ---------------------------------------------------------------------------------------------------------------
// Hours

/** The published rule: every full 15 minutes between check-in and check-out counts as 0.25 hours; the rest is not counted. */
export const QUARTER_MINUTES = 15
const MINUTE = 60_000

/** A shift's length in creditable minutes: its scheduled time, cut down to whole quarters. */
export function shiftMinutes(startAt: Date | number, endAt: Date | number): number {
  const raw = Math.floor((+endAt - +startAt) / MINUTE)
  return Math.max(0, raw - (raw % QUARTER_MINUTES))
}

/**
 * Minutes credited for one attendance: full quarters between check-in and check-out, never more than the shift's
 * length (nobody earns more than the shift asked of them; an early arrival or a late leave does not inflate the record).
 */
export function creditedMinutes(checkInAt: Date | number, checkOutAt: Date | number, lengthMinutes: number): number {
  const stayed = Math.floor((+checkOutAt - +checkInAt) / MINUTE)
  if (stayed <= 0) return 0
  return Math.min(stayed - (stayed % QUARTER_MINUTES), lengthMinutes)
}

// formatHours lives in ./hours: the 志愿 tab shows hours, and this file's China-time rules would bring dayjs into the
// weapp main package with it (issue 19).
export { formatHours }

export type ManualRefusal = 'not_quarter' | 'too_long' | 'not_started' | 'too_old'

/** How far back a 补录 may reach: a forgotten check-out is noticed within weeks, not rewritten a season later. */
export const MANUAL_HOURS_MAX_AGE_DAYS = 30

/**
 * 补录 (a leader records hours for someone whose check-in or check-out is missing): whole quarters only, and never more
 * than the shift's length, so a manual entry cannot certify time that the shift did not have; and only for shifts of
 * the last MANUAL_HOURS_MAX_AGE_DAYS days.
 */
export function manualHoursRefusal(minutes: number, lengthMinutes: number, startAt: Date | number, now: Date | number): ManualRefusal | null {
  if (+startAt > +now) return 'not_started'
  if (+now - +startAt > MANUAL_HOURS_MAX_AGE_DAYS * 86400_000) return 'too_old'
  if (!Number.isInteger(minutes) || minutes % QUARTER_MINUTES !== 0 || minutes < 0) return 'not_quarter'
  if (minutes > lengthMinutes) return 'too_long'
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// Overlap

export interface Held {
  shiftId: string
  startAt: number
  endAt: number
}

/** Half-open intervals: a shift ending at 10:00 and one starting at 10:00 do not overlap. */
export function overlaps(a: { startAt: number; endAt: number }, b: { startAt: number; endAt: number }): boolean {
  return a.startAt < b.endAt && b.startAt < a.endAt
}

/** The first shift the volunteer already holds (signed up or waitlisted) that overlaps this one, or null. */
export function findOverlap(held: readonly Held[], shift: Held): Held | null {
  return held.find((item) => item.shiftId !== shift.shiftId && overlaps(item, shift)) ?? null
}

/** Holdings that ended before `now` no longer matter for overlap: dropping them keeps the per-volunteer lock small. */
export function pruneHeld(held: readonly Held[], now: number): Held[] {
  return held.filter((item) => item.endAt > now)
}

// ---------------------------------------------------------------------------------------------------------------
// Places and the waitlist

/** How many may wait for a full shift: enough for a popular one, bounded so the queue lives in one document. */
export const MAX_WAITLIST = 200

export type Placement = 'confirmed' | 'waitlisted' | 'full'

export function placeFor(taken: number, capacity: number, waiting: number): Placement {
  if (taken < capacity) return 'confirmed'
  return waiting < MAX_WAITLIST ? 'waitlisted' : 'full'
}

/** When places free up, the earliest on the waitlist take them, in order. */
export function promote(waitlist: readonly string[], taken: number, capacity: number): { promoted: string[]; waitlist: string[] } {
  const free = Math.max(0, capacity - taken)
  return { promoted: waitlist.slice(0, free), waitlist: waitlist.slice(free) }
}

export type Staffing = 'full' | 'short' | 'short_soon'

/** How soon an understaffed shift counts as urgent for its leader. */
export const URGENT_WITHIN_MS = 48 * 3600 * 1000

/** Understaffed shifts are flagged to their leader; within 48 hours before the start the flag says it is urgent. */
export function staffing(taken: number, capacity: number, startAt: number, now: number): Staffing {
  if (taken >= capacity) return 'full'
  return startAt > now && startAt - now <= URGENT_WITHIN_MS ? 'short_soon' : 'short'
}

// ---------------------------------------------------------------------------------------------------------------
// Requirements and windows

export const LANGUAGE_SKILLS = ['en', 'ko', 'ja'] as const
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number]

/** Trainings the community runs; a leader records who completed which. */
export const TRAININGS = ['patrol', 'first_aid', 'elder_care', 'fire_safety'] as const
export type Training = (typeof TRAININGS)[number]

export interface Requirements {
  /** The volunteer says they speak it (recorded on their volunteer profile). */
  language: LanguageSkill | null
  /** Recorded on their team membership by the team's leader. */
  training: Training | null
  /** Risky work (志愿服务条例 Art. 23): the leader recorded accident insurance covering the shift's day. */
  insurance: boolean
  /** Work that demands it: the volunteer confirms their age and health suit it, per sign-up. */
  ageHealth: boolean
}

export type SignupRefusal =
  | 'cancelled'
  | 'not_open'
  | 'closed'
  | 'overlap'
  | 'language'
  | 'training'
  | 'insurance'
  | 'age_health'
  | 'waitlist_full'

export interface SignupFacts {
  now: number
  shift: Held & { status: 'open' | 'cancelled'; signupOpensAt: number; signupClosesAt: number; requirements: Requirements; taken: number; capacity: number; waiting: number }
  languages: readonly string[]
  /** The volunteer's membership of the shift's team, if a current member. */
  membership: { insuredUntil: string | null; trainings: readonly string[] } | null
  confirmedAgeHealth: boolean
  held: readonly Held[]
}

/**
 * Every reason this person cannot take a place (or a waitlist place) on this shift, in the order a person should
 * hear them. Empty means yes. The same list tells the app what to say before the tap and the cloud what to refuse.
 */
export function signupRefusals(facts: SignupFacts): SignupRefusal[] {
  const { shift, now } = facts
  const out: SignupRefusal[] = []
  if (shift.status === 'cancelled') return ['cancelled']
  if (now < shift.signupOpensAt) out.push('not_open')
  if (now >= shift.signupClosesAt || now >= shift.endAt) out.push('closed')
  if (findOverlap(facts.held, shift)) out.push('overlap')
  const req = shift.requirements
  if (req.language && !facts.languages.includes(req.language)) out.push('language')
  if (req.training && !facts.membership?.trainings.includes(req.training)) out.push('training')
  if (req.insurance && !insuredFor(facts.membership?.insuredUntil ?? null, shift.endAt)) out.push('insurance')
  if (req.ageHealth && !facts.confirmedAgeHealth) out.push('age_health')
  if (placeFor(shift.taken, shift.capacity, shift.waiting) === 'full') out.push('waitlist_full')
  return out
}

/** Insurance recorded "until 2027-06-30" covers shifts that end on or before that China day. */
export function insuredFor(insuredUntil: string | null, endAt: number): boolean {
  return insuredUntil !== null && chinaDay(new Date(endAt - 1)) <= insuredUntil
}

export type CancelRefusal = 'deadline' | 'ended'

/** Cancelling is free until the deadline; after it the leader must hear it from the person (the place may go unfilled). */
export function cancelRefusal(now: number, cancelBefore: number, endAt: number): CancelRefusal | null {
  if (now >= endAt) return 'ended'
  return now >= cancelBefore ? 'deadline' : null
}

// ---------------------------------------------------------------------------------------------------------------
// Check-in

/** Check-in opens 30 minutes before the start; check-out is possible until 2 hours after the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MINUTE
export const CHECKOUT_CLOSES_AFTER_MS = 120 * MINUTE

export type CheckinPhase = 'early' | 'open' | 'closed'

export function checkinPhase(now: number, startAt: number, endAt: number): CheckinPhase {
  if (now < startAt - CHECKIN_OPENS_BEFORE_MS) return 'early'
  if (now > endAt + CHECKOUT_CLOSES_AFTER_MS) return 'closed'
  return 'open'
}

/** The rotating code changes every minute; the one just before is accepted too, so a code read at :59 still works. */
export const CODE_WINDOW_MS = 60_000
export const CODE_DIGITS = 6

export function codeWindow(now: number): number {
  return Math.floor(now / CODE_WINDOW_MS)
}

/** RFC 4226 dynamic truncation of an HMAC into a 6-digit code (as authenticator apps do). */
export function truncateToCode(mac: Uint8Array): string {
  const offset = mac[mac.length - 1] & 0x0f
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(binary % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, '0')
}

/** What a check-in QR carries, and how a scan is read back; a typed code is the same six digits. */
export function checkinPayload(shiftId: string, code: string): string {
  return `linliting:checkin:${shiftId}:${code}`
}

export function parseCheckinPayload(text: string): { shiftId: string; code: string } | null {
  const match = /^linliting:checkin:([A-Za-z0-9_.:-]+):(\d{6})$/.exec(text.trim())
  return match ? { shiftId: match[1], code: match[2] } : null
}

// ---------------------------------------------------------------------------------------------------------------
// Shifts: times, recurrence

export interface ShiftTimes {
  startAt: number
  endAt: number
  signupClosesAt: number
  cancelBefore: number
}

export const MAX_SHIFT_MINUTES = 12 * 60

/**
 * A shift from a China day and wall-clock times. An end at or before the start means the next day (a night patrol
 * 22:00–01:00). Sign-ups close `closeHours` before the start (0 = at the start); cancelling is free until
 * `cancelHours` before the start.
 */
export function shiftTimes(day: string, start: string, end: string, closeHours: number, cancelHours: number): ShiftTimes {
  const startAt = fromChina(day, start).getTime()
  let endAt = fromChina(day, end).getTime()
  if (endAt <= startAt) endAt = fromChina(addDays(day, 1), end).getTime()
  return { startAt, endAt, signupClosesAt: startAt - closeHours * 3600_000, cancelBefore: startAt - cancelHours * 3600_000 }
}

/** Weekly repeats: the first day and the same weekday in each following week. */
export function weeklyDays(firstDay: string, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, index) => addDays(firstDay, index * 7))
}

export type ShiftPlanRefusal = 'in_past' | 'too_long' | 'too_short' | 'close_after_start'

export function shiftPlanRefusal(times: ShiftTimes, now: number): ShiftPlanRefusal | null {
  if (times.startAt <= now) return 'in_past'
  const minutes = (times.endAt - times.startAt) / MINUTE
  if (minutes < QUARTER_MINUTES) return 'too_short'
  if (minutes > MAX_SHIFT_MINUTES) return 'too_long'
  if (times.signupClosesAt > times.startAt) return 'close_after_start'
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// Export for the national volunteer information system

export interface ExportRow {
  name: string
  day: string
  startAt: number
  endAt: number
  minutes: number
  project: string
  team: string
  place: string
}

/**
 * The CSV an admin imports into 全国志愿服务信息系统 (chinavolunteer.mca.gov.cn) as a batch of service hours.
 * That system identifies a volunteer by ID number (证件类型 + 证件号码) when one is given; we collect no ID numbers
 * (PIPL minimum necessary: a knife sharpening or a night patrol needs none), so those two columns are left out and the
 * organisation matches the 姓名 column to the volunteers registered under it — the system's import by name within an
 * organisation. The organisation is the community's registered one; each team's shift is a project (项目) under it.
 * Hours use its unit (小时, two decimals at most). A UTF-8 BOM lets Excel open the Chinese correctly.
 */
export const EXPORT_COLUMNS = ['姓名', '服务日期', '开始时间', '结束时间', '服务时长（小时）', '项目名称', '组织名称', '服务地点'] as const

/** One row's cells in EXPORT_COLUMNS order (also used by the management console's paged export). */
export function hoursCells(row: ExportRow, organisation: string): string[] {
  return [row.name, row.day, chinaTime(new Date(row.startAt)), chinaTime(new Date(row.endAt)), formatHours(row.minutes), `${row.team}·${row.project}`, organisation, row.place]
}

export function hoursCsv(rows: readonly ExportRow[], organisation: string): string {
  const lines = [EXPORT_COLUMNS.join(',')]
  for (const row of rows) lines.push(hoursCells(row, organisation).map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Quotes a CSV cell, and defuses text that a spreadsheet would run as a formula (=, +, -, @ at the start). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

// ---------------------------------------------------------------------------------------------------------------
// Certificates

/** Certificate verification codes: 10 symbols without look-alikes, shown as two groups of five. */
export const CERT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CERT_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{5}-?[2-9A-HJKMNP-Z]{5}$/

export function normaliseCertCode(input: string): string {
  const plain = input.trim().toUpperCase().replace(/[\s-]/g, '')
  return plain.length === 10 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain
}
