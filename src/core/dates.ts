import type { Locale } from '@contracts/model'
import { addDays, calendarDay, chinaClock, chinaDay, isDay } from '@domain/time'
import type { Dayjs } from 'dayjs'

/**
 * Dates and times as people write them in each language, always in China time: the service happens in the
 * stairwell in Shanghai, so a Korean neighbour's phone shows the same 09:00 as the notice on the door.
 *
 * dayjs writes them with a format per language; Intl is not used because its time zones and CJK date patterns are not
 * available on every WeChat JavaScript engine. English names come with dayjs. The other three languages need only
 * their short weekday, here in three lines: dayjs's zh-cn, ko and ja locale files say the same in 3.3 KB of the weapp
 * main package (measured), most of it relative-time words and formats this app does not use.
 */

const WEEKDAYS: Record<Exclude<Locale, 'en'>, readonly string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  ko: ['일', '월', '화', '수', '목', '금', '토'],
  ja: ['日', '月', '火', '水', '木', '金', '土'],
}

/** Each language's day: '12月12日 周六', 'Sat 12 Dec', '12월 12일 (토)', '12月12日(土)', with or without year and weekday. */
const DAY_FORMAT: Record<Locale, (year: boolean, weekday: string) => string> = {
  'zh-CN': (year, weekday) => `${year ? 'YYYY年' : ''}M月D日${weekday ? ` [${weekday}]` : ''}`,
  en: (year, weekday) => `${weekday ? `[${weekday}] ` : ''}D MMM${year ? ' YYYY' : ''}`,
  ko: (year, weekday) => `${year ? 'YYYY년 ' : ''}M월 D일${weekday ? ` ([${weekday}])` : ''}`,
  ja: (year, weekday) => `${year ? 'YYYY年' : ''}M月D日${weekday ? `([${weekday}])` : ''}`,
}

/** dayjs has no words for these without its calendar plugin and a format per language: four short lines do. */
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
 * nothing rather than "Invalid Date" or a rolled-over '2026-02-31'; dayjs would read a missing value as now).
 */
function toDay(value: DateInput): Dayjs | null {
  if (!value) return null
  if (typeof value === 'string' && DAY.test(value)) return isDay(value) ? calendarDay(value) : null
  const clock = chinaClock(value)
  return clock.isValid() ? clock : null
}

function toClock(value: DateInput): Dayjs | null {
  if (!value) return null
  const clock = chinaClock(value)
  return clock.isValid() ? clock : null
}

function writeDay(day: Dayjs, locale: Locale, { year = false, weekday = !year }: DayOptions): string {
  return day.format(DAY_FORMAT[locale](year, weekday ? nameOf(day.day(), locale, false) : ''))
}

/** A Sunday: dayjs names the English weekdays from the week that starts there. */
const SUNDAY = '2026-01-04'

function nameOf(weekday: number, locale: Locale, long: boolean): string {
  if (locale === 'en') return calendarDay(SUNDAY).add(weekday, 'day').format(long ? 'dddd' : 'ddd')
  return WEEKDAYS[locale][weekday]
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
  return clock ? clock.format('HH:mm') : ''
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
  return `${writeDay(clock, locale, options)}${locale === 'en' ? ',' : ''} ${clock.format('HH:mm')}`
}

/** When something happens from start to end: '12月12日 周六 09:00–11:00', 'Sat 12 Dec, 09:00–11:00' … */
export function whenLabel(startAt: DateInput, endAt: DateInput, locale: Locale): string {
  const start = toClock(startAt)
  const end = toClock(endAt)
  if (!start || !end) return ''
  return `${writeDay(start, locale, {})}${locale === 'en' ? ',' : ''} ${timeRange(start.format('HH:mm'), end.format('HH:mm'), locale)}`
}

/** 'Today · Sat 12 Dec' and 'Tomorrow · …' where they apply (yesterday too), else the day. */
export function friendlyDay(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const found = toDay(value)
  if (!found) return ''
  const day = found.format('YYYY-MM-DD')
  const today = chinaDay(now)
  const words = RELATIVE[locale]
  const relative = day === today ? words.today : day === addDays(today, 1) ? words.tomorrow : day === addDays(today, -1) ? words.yesterday : null
  return relative ? `${relative} · ${writeDay(found, locale, {})}` : writeDay(found, locale, {})
}

/** An instant as a friendly China day and time, e.g. when booking opens or the cancellation cut-off. */
export function momentLabel(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const clock = toClock(value)
  return clock ? `${friendlyDay(value, locale, now)} ${clock.format('HH:mm')}` : ''
}
