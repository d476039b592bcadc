/**
 * China time without a date library, for the weapp main package (issue 19: dayjs and its utc plugin are ≈9 KB there).
 * The rule is time.ts's: China Standard Time is UTC+8 all year (no daylight saving), so an instant's Shanghai wall
 * clock is its UTC reading 8 hours on, and a day is written 'YYYY-MM-DD'. time.ts takes the offset from here and keeps
 * the dayjs words the cloud functions and the subpackages use; tests/app/china-time.test.ts holds the two to the same
 * answers on thousands of instants and days.
 */

export const CHINA_OFFSET_MINUTES = 8 * 60
export const CHINA_OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000

/** The Shanghai wall clock at an instant, field by field (month 1–12, weekday 0 = Sunday). */
export interface ChinaParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/
/** How dayjs reads a string without a zone (in UTC mode: as UTC), so that both read the same instant. */
const LOCAL_PATTERN = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/

/** The instant of a Date, an ISO string or epoch milliseconds; NaN for something that is not one. */
export function instantOf(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' && !/Z$/i.test(value)) {
    const m = LOCAL_PATTERN.exec(value)
    if (m) {
      const ms = (m[7] || '0').substring(0, 3)
      return Date.UTC(Number(m[1]), Number(m[2] || 1) - 1, Number(m[3] || 1), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0), Number(ms))
    }
  }
  return new Date(value).getTime()
}

function partsAt(ms: number): ChinaParts | null {
  if (Number.isNaN(ms)) return null
  const at = new Date(ms)
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), weekday: at.getUTCDay() }
}

/** The Shanghai wall clock at an instant; null for something that is not an instant. */
export function chinaParts(instant: Date | string | number): ChinaParts | null {
  const ms = instantOf(instant)
  return partsAt(ms + CHINA_OFFSET_MS)
}

/** A China day 'YYYY-MM-DD' (rolled over as the calendar does: '2026-02-31' is 3 March); null if not of that shape. */
function dayMs(day: string): number {
  if (!DAY_PATTERN.test(day)) return NaN
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
}

/** The fields of a real China day 'YYYY-MM-DD' (its weekday too); null for anything else. */
export function dayParts(day: string): ChinaParts | null {
  return isDay(day) ? partsAt(dayMs(day)) : null
}

const two = (n: number) => String(n).padStart(2, '0')

function writeDay(parts: ChinaParts): string {
  return `${String(parts.year).padStart(4, '0')}-${two(parts.month)}-${two(parts.day)}`
}

/** 'YYYY-MM-DD' of the given instant in China. */
export function chinaDay(instant: Date): string {
  const parts = chinaParts(instant)
  return parts ? writeDay(parts) : 'Invalid Date'
}

/** 'HH:mm' of the given instant in China. */
export function chinaTime(instant: Date): string {
  const parts = chinaParts(instant)
  return parts ? `${two(parts.hour)}:${two(parts.minute)}` : 'Invalid Date'
}

/** Day of week in China, 0 = Sunday. */
export function chinaWeekday(instant: Date): number {
  return chinaParts(instant)?.weekday ?? NaN
}

/** A real calendar day 'YYYY-MM-DD'. Date would read '2026-02-31' as 3 March and '9999-99-99' as nothing at all. */
export function isDay(text: string): boolean {
  const ms = dayMs(text)
  const parts = partsAt(ms)
  return parts !== null && writeDay(parts) === text
}

/** The instant of a China wall-clock date and time ('2026-12-12', '09:30'); a RangeError for a day or time that is not real. */
export function fromChina(day: string, time = '00:00'): Date {
  if (!isDay(day) || !CLOCK_PATTERN.test(time)) throw new RangeError(`invalid China date/time: ${day} ${time}`)
  return new Date(dayMs(day) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) - CHINA_OFFSET_MINUTES) * 60_000)
}

/** The China day `days` after (or before) a China day 'YYYY-MM-DD'. */
export function addDays(day: string, days: number): string {
  // dayjs's add rounds a fraction of a day the same way.
  const parts = partsAt(dayMs(day) + Math.round(days) * 86_400_000)
  if (!parts) throw new RangeError(`invalid China day: ${day}`)
  return writeDay(parts)
}

/** Day of week of a China day, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return partsAt(dayMs(day))?.weekday ?? NaN
}
