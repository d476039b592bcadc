import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { CHINA_OFFSET_MINUTES } from './chinaTime'

/**
 * China time, whatever the server's or the phone's time zone: China Standard Time is UTC+8 all year (no daylight
 * saving), so a fixed offset is exact. Dates travel as ISO strings; a "day" in the community means a day in Shanghai,
 * written 'YYYY-MM-DD'. The domain's words for it, on dayjs.
 *
 * The China clock is held in a UTC-mode dayjs moved 8 hours on, not in `utcOffset(480)`: the plugin computes that
 * offset through the host zone and reads 02:30 as 03:30 on a daylight-saving night there (America/New_York, 8 March).
 */
dayjs.extend(utc)

// The offset is chinaTime.ts's, which the weapp main package reads China time with (no dayjs there, issue 19).
export { CHINA_OFFSET_MINUTES, CHINA_OFFSET_MS } from './chinaTime'

/** An instant: a Date, an ISO string or epoch milliseconds. */
export type Instant = Date | string | number

const DAY = 'YYYY-MM-DD'
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * The Shanghai wall clock at an instant, for reading (`format`, `day()`, `hour()`…) and calendar arithmetic. Its
 * `valueOf()`/`toDate()` are 8 hours off the instant: turn a China wall time back into an instant with `fromChina`.
 * Invalid for something that is not an instant.
 */
export function chinaClock(instant: Instant): Dayjs {
  return dayjs.utc(instant).add(CHINA_OFFSET_MINUTES, 'minute')
}

/** A China day 'YYYY-MM-DD' on the calendar (midnight in a UTC-mode dayjs): its weekday, month, the days around it. */
export function calendarDay(day: string): Dayjs {
  return dayjs.utc(day)
}

/** 'YYYY-MM-DD' of the given instant in China. */
export function chinaDay(instant: Date): string {
  return chinaClock(instant).format(DAY)
}

/** 'HH:mm' of the given instant in China. */
export function chinaTime(instant: Date): string {
  return chinaClock(instant).format('HH:mm')
}

/** Day of week in China, 0 = Sunday. */
export function chinaWeekday(instant: Date): number {
  return chinaClock(instant).day()
}

/** A real calendar day 'YYYY-MM-DD'. Date would read '2026-02-31' as 3 March and '9999-99-99' as nothing at all. */
export function isDay(text: string): boolean {
  return DAY_PATTERN.test(text) && calendarDay(text).format(DAY) === text
}

/** The instant of a China wall-clock date and time ('2026-12-12', '09:30'); a RangeError for a day or time that is not real. */
export function fromChina(day: string, time = '00:00'): Date {
  if (!isDay(day) || !CLOCK_PATTERN.test(time)) throw new RangeError(`invalid China date/time: ${day} ${time}`)
  return dayjs.utc(`${day}T${time}`).subtract(CHINA_OFFSET_MINUTES, 'minute').toDate()
}

/** The China day `days` after (or before) a China day. */
export function addDays(day: string, days: number): string {
  const next = calendarDay(day).add(days, 'day')
  if (!next.isValid()) throw new RangeError(`invalid China day: ${day}`)
  return next.format(DAY)
}

/** Day of week of a China day, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return calendarDay(day).day()
}
