import type { Locale } from '@contracts/model'
import { addDays, chinaDay, chinaParts, dayParts, type ChinaParts } from '@domain/chinaTime'

/**
 * Dates and times as people write them in each language, always in China time: the service happens in the
 * stairwell in Shanghai, so a Korean neighbour's phone shows the same 09:00 as the notice on the door.
 *
 * Written field by field from the China wall clock (@domain/chinaTime: UTC+8, no date library — dayjs and its utc
 * plugin were ≈9 KB of the weapp main package, issue 19). Intl is not used because its time zones and CJK date
 * patterns are not available on every WeChat JavaScript engine. Each language needs only its short weekday, and
 * English its month and weekday names.
 */

const WEEKDAYS: Record<Locale, readonly string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ko: ['일', '월', '화', '수', '목', '금', '토'],
  ja: ['日', '月', '火', '水', '木', '金', '土'],
}
const EN_WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Each language's day: '12月12日 周六', 'Sat 12 Dec', '12월 12일 (토)', '12月12日(土)', with or without year and weekday. */
const DAY_FORMAT: Record<Locale, (d: ChinaParts, year: string, weekday: string) => string> = {
  'zh-CN': (d, year, weekday) => `${year ? `${year}年` : ''}${d.month}月${d.day}日${weekday ? ` ${weekday}` : ''}`,
  en: (d, year, weekday) => `${weekday ? `${weekday} ` : ''}${d.day} ${EN_MONTHS[d.month - 1]}${year ? ` ${year}` : ''}`,
  ko: (d, year, weekday) => `${year ? `${year}년 ` : ''}${d.month}월 ${d.day}일${weekday ? ` (${weekday})` : ''}`,
  ja: (d, year, weekday) => `${year ? `${year}年` : ''}${d.month}月${d.day}日${weekday ? `(${weekday})` : ''}`,
}

/** Four short lines for the days around today. */
const RELATIVE: Record<Locale, { today: string; tomorrow: string; yesterday: string }> = {
  'zh-CN': { today: '今天', tomorrow: '明天', yesterday: '昨天' },
  en: { today: 'Today', tomorrow: 'Tomorrow', yesterday: 'Yesterday' },
  ko: { today: '오늘', tomorrow: '내일', yesterday: '어제' },
  ja: { today: '今日', tomorrow: '明日', yesterday: '昨日' },
}

/** An instant (ISO string or Date), or a China day written 'YYYY-MM-DD'. */
export type DateInput = string | Date

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * A China day on the calendar, or the China clock at an instant; null for something that is not a date (shown as
 * nothing rather than "Invalid Date" or a rolled-over '2026-02-31').
 */
function toDay(value: DateInput): ChinaParts | null {
  if (!value) return null
  if (typeof value === 'string' && DAY.test(value)) return dayParts(value)
  return chinaParts(value)
}

function toClock(value: DateInput): ChinaParts | null {
  return value ? chinaParts(value) : null
}

const two = (n: number) => String(n).padStart(2, '0')
const hhmm = (clock: ChinaParts) => `${two(clock.hour)}:${two(clock.minute)}`
const ymd = (day: ChinaParts) => `${String(day.year).padStart(4, '0')}-${two(day.month)}-${two(day.day)}`

function writeDay(day: ChinaParts, locale: Locale, { year = false, weekday = !year }: DayOptions): string {
  return DAY_FORMAT[locale](day, year ? String(day.year).padStart(4, '0') : '', weekday ? nameOf(day.weekday, locale, false) : '')
}

function nameOf(weekday: number, locale: Locale, long: boolean): string {
  return locale === 'en' && long ? EN_WEEKDAYS_LONG[weekday] : WEEKDAYS[locale][weekday]
}

/** The weekday (0 = Sunday): '周六' / 'Sat' / '토' / '土'; with `long`, English writes it out ('Saturday'). */
export function weekdayName(weekday: number, locale: Locale, long = false): string {
  return Number.isInteger(weekday) && weekday >= 0 && weekday <= 6 ? nameOf(weekday, locale, long) : ''
}

export interface DayOptions {
  /** Add the year: for records that may be older than this year. */
  year?: boolean
  /** Add the weekday: by default for days ahead (people plan by it), not for dated records (with the year). */
  weekday?: boolean
}

/** '12月12日 周六', 'Sat 12 Dec', '12월 12일 (토)', '12月12日(土)'; with the year '2026年12月12日' … */
export function dayLabel(value: DateInput, locale: Locale, options: DayOptions = {}): string {
  const day = toDay(value)
  return day ? writeDay(day, locale, options) : ''
}

/** 'HH:mm' in China, 24-hour in every language (as notices in the community are written). */
export function timeLabel(value: DateInput): string {
  const clock = toClock(value)
  return clock ? hhmm(clock) : ''
}

/** Word joiners: a line may break before or after a time range, never inside it ("09:00–" / "10:00"). */
const JOIN = '\u2060'

/** '09:00–11:00' ('09:00～11:00' in Japanese); a shift past midnight keeps its end ('22:00–01:00'). */
export function timeRange(start: string, end: string, locale: Locale): string {
  return `${start}${JOIN}${locale === 'ja' ? '～' : '–'}${JOIN}${end}`
}

/** A day and a time: '12月12日 周六 09:30', 'Sat 12 Dec, 09:30' … */
export function dateTimeLabel(value: DateInput, locale: Locale, options: DayOptions = {}): string {
  const clock = toClock(value)
  if (!clock) return ''
  return `${writeDay(clock, locale, options)}${locale === 'en' ? ',' : ''} ${hhmm(clock)}`
}

/** When something happens from start to end: '12月12日 周六 09:00–11:00', 'Sat 12 Dec, 09:00–11:00' … */
export function whenLabel(startAt: DateInput, endAt: DateInput, locale: Locale): string {
  const start = toClock(startAt)
  const end = toClock(endAt)
  if (!start || !end) return ''
  return `${writeDay(start, locale, {})}${locale === 'en' ? ',' : ''} ${timeRange(hhmm(start), hhmm(end), locale)}`
}

/** 'Today · Sat 12 Dec' and 'Tomorrow · …' where they apply (yesterday too), else the day. */
export function friendlyDay(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const found = toDay(value)
  if (!found) return ''
  const day = ymd(found)
  const today = chinaDay(now)
  const words = RELATIVE[locale]
  const relative = day === today ? words.today : day === addDays(today, 1) ? words.tomorrow : day === addDays(today, -1) ? words.yesterday : null
  return relative ? `${relative} · ${writeDay(found, locale, {})}` : writeDay(found, locale, {})
}

/** An instant as a friendly China day and time, e.g. when booking opens or the cancellation cut-off. */
export function momentLabel(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const clock = toClock(value)
  return clock ? `${friendlyDay(value, locale, now)} ${hhmm(clock)}` : ''
}
