import type { Locale } from '@contracts/model'
import { addDays, chinaDay, chinaTime } from '@domain/time'

/**
 * Dates and times as people write them in each language, always in China time: the service happens in the
 * stairwell in Shanghai, so a Korean neighbour's phone shows the same 09:00 as the notice on the door.
 *
 * Written out by hand rather than with dayjs locales or Intl: dayjs with a time-zone plugin and three locales would
 * add ~12 KB to the main package (its budget is 455 KB), and Intl's time zones and CJK date patterns are not
 * available on every WeChat JavaScript engine. Four languages and one time zone fit in a page of tables.
 */

const WEEKDAYS: Record<Locale, readonly string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ko: ['일', '월', '화', '수', '목', '금', '토'],
  ja: ['日', '月', '火', '水', '木', '金', '土'],
}

/** Only English names a repeating weekday in full ("every Saturday"); the others say 周六 / 토요일 / 土曜日 from the short form. */
const WEEKDAYS_EN_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const RELATIVE: Record<Locale, { today: string; tomorrow: string; yesterday: string }> = {
  'zh-CN': { today: '今天', tomorrow: '明天', yesterday: '昨天' },
  en: { today: 'Today', tomorrow: 'Tomorrow', yesterday: 'Yesterday' },
  ko: { today: '오늘', tomorrow: '내일', yesterday: '어제' },
  ja: { today: '今日', tomorrow: '明日', yesterday: '昨日' },
}

/** An instant (ISO string or Date), or a China day written 'YYYY-MM-DD'. */
export type DateInput = string | Date

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The China day of a value; null for something that is not a date (shown as nothing rather than "NaN"). */
function toDay(value: DateInput): string | null {
  if (typeof value === 'string' && DAY.test(value)) return value
  const instant = new Date(value)
  return Number.isNaN(instant.getTime()) ? null : chinaDay(instant)
}

function toInstant(value: DateInput): Date | null {
  const instant = new Date(value)
  return Number.isNaN(instant.getTime()) ? null : instant
}

/** The weekday (0 = Sunday): '周六' / 'Sat' / '토' / '土'; with `long`, English writes it out ('Saturday'). */
export function weekdayName(weekday: number, locale: Locale, long = false): string {
  return (long && locale === 'en' ? WEEKDAYS_EN_LONG : WEEKDAYS[locale])[weekday] ?? ''
}

export interface DayOptions {
  /** Add the year: for records that may be older than this year. */
  year?: boolean
  /** Add the weekday: by default for days ahead (people plan by it), not for dated records (with the year). */
  weekday?: boolean
}

/** '12月12日 周六', 'Sat 12 Dec', '12월 12일 (토)', '12月12日(土)'; with the year '2026年12月12日' … */
export function dayLabel(value: DateInput, locale: Locale, { year = false, weekday = !year }: DayOptions = {}): string {
  const day = toDay(value)
  if (!day) return ''
  const [y, m, d] = day.split('-').map(Number)
  const wd = weekday ? WEEKDAYS[locale][new Date(`${day}T00:00:00Z`).getUTCDay()] : ''
  switch (locale) {
    case 'en':
      return `${wd ? `${wd} ` : ''}${d} ${MONTHS_EN[m - 1]}${year ? ` ${y}` : ''}`
    case 'ko':
      return `${year ? `${y}년 ` : ''}${m}월 ${d}일${wd ? ` (${wd})` : ''}`
    case 'ja':
      return `${year ? `${y}年` : ''}${m}月${d}日${wd ? `(${wd})` : ''}`
    default:
      return `${year ? `${y}年` : ''}${m}月${d}日${wd ? ` ${wd}` : ''}`
  }
}

/** 'HH:mm' in China, 24-hour in every language (as notices in the community are written). */
export function timeLabel(value: DateInput): string {
  const instant = toInstant(value)
  return instant ? chinaTime(instant) : ''
}

/** Word joiners: a line may break before or after a time range, never inside it ("09:00–" / "10:00"). */
const JOIN = '\u2060'

/** '09:00–11:00' ('09:00～11:00' in Japanese); a shift past midnight keeps its end ('22:00–01:00'). */
export function timeRange(start: string, end: string, locale: Locale): string {
  return `${start}${JOIN}${locale === 'ja' ? '～' : '–'}${JOIN}${end}`
}

/** A day and a time: '12月12日 周六 09:30', 'Sat 12 Dec, 09:30' … */
export function dateTimeLabel(value: DateInput, locale: Locale, options: DayOptions = {}): string {
  const instant = toInstant(value)
  if (!instant) return ''
  return `${dayLabel(instant, locale, options)}${locale === 'en' ? ',' : ''} ${chinaTime(instant)}`
}

/** When something happens from start to end: '12月12日 周六 09:00–11:00', 'Sat 12 Dec, 09:00–11:00' … */
export function whenLabel(startAt: DateInput, endAt: DateInput, locale: Locale): string {
  const start = toInstant(startAt)
  const end = toInstant(endAt)
  if (!start || !end) return ''
  return `${dayLabel(start, locale)}${locale === 'en' ? ',' : ''} ${timeRange(chinaTime(start), chinaTime(end), locale)}`
}

/** 'Today · Sat 12 Dec' and 'Tomorrow · …' where they apply (yesterday too), else the day. */
export function friendlyDay(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const day = toDay(value)
  if (!day) return ''
  const today = chinaDay(now)
  const words = RELATIVE[locale]
  const relative = day === today ? words.today : day === addDays(today, 1) ? words.tomorrow : day === addDays(today, -1) ? words.yesterday : null
  return relative ? `${relative} · ${dayLabel(day, locale)}` : dayLabel(day, locale)
}

/** An instant as a friendly China day and time, e.g. when booking opens or the cancellation cut-off. */
export function momentLabel(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const instant = toInstant(value)
  return instant ? `${friendlyDay(instant, locale, now)} ${chinaTime(instant)}` : ''
}
