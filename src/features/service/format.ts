import type { Locale } from '@contracts/model'
import { addDays, chinaDay, chinaTime } from '@domain/time'

/**
 * Dates as people in each language write them. Days and times are China time on purpose: the service happens in the
 * stairwell in Shanghai, so a Korean neighbour's phone shows the same 09:00 as the notice on the door.
 */
const WEEKDAYS: Record<Locale, string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ko: ['일', '월', '화', '수', '목', '금', '토'],
  ja: ['日', '月', '火', '水', '木', '金', '土'],
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const WEEKDAYS_EN_FULL = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** The weekday as a repeat rule names it: '周六', 'Saturday', '토', '土' (ko and ja add 요일/曜日 in the sentence). */
export function weekdayName(weekday: number, locale: Locale): string {
  return locale === 'en' ? WEEKDAYS_EN_FULL[weekday] : WEEKDAYS[locale][weekday]
}

/** '12月12日 周六', 'Sat 12 Dec', '12월 12일 (토)', '12月12日(土)'. */
export function dayLabel(day: string, locale: Locale): string {
  const month = Number(day.slice(5, 7))
  const date = Number(day.slice(8, 10))
  const weekday = WEEKDAYS[locale][new Date(`${day}T00:00:00Z`).getUTCDay()]
  switch (locale) {
    case 'en':
      return `${weekday} ${date} ${MONTHS_EN[month - 1]}`
    case 'ko':
      return `${month}월 ${date}일 (${weekday})`
    case 'ja':
      return `${month}月${date}日(${weekday})`
    default:
      return `${month}月${date}日 ${weekday}`
  }
}

const RELATIVE: Record<Locale, [string, string]> = {
  'zh-CN': ['今天', '明天'],
  en: ['Today', 'Tomorrow'],
  ko: ['오늘', '내일'],
  ja: ['今日', '明日'],
}

/** 'Today' and 'Tomorrow' where they apply, else the day. */
export function friendlyDay(day: string, locale: Locale, now = new Date()): string {
  const today = chinaDay(now)
  if (day === today) return `${RELATIVE[locale][0]} · ${dayLabel(day, locale)}`
  if (day === addDays(today, 1)) return `${RELATIVE[locale][1]} · ${dayLabel(day, locale)}`
  return dayLabel(day, locale)
}

/** An instant as a China day and time, e.g. for when booking opens or the cancellation cut-off. */
export function momentLabel(iso: string, locale: Locale, now = new Date()): string {
  const instant = new Date(iso)
  return `${friendlyDay(chinaDay(instant), locale, now)} ${chinaTime(instant)}`
}

export function timeRange(start: string, end: string): string {
  return `${start}–${end}`
}

/** A picture-like glyph per built-in service, so the list is recognisable before it is read. */
export function serviceGlyph(key: string | null): string {
  switch (key) {
    case 'knife':
      return '🔪'
    case 'mending':
      return '🧵'
    case 'blood_pressure':
      return '🩺'
    case 'haircut':
      return '💇'
    case 'appliance':
      return '🔧'
    default:
      return '🛎️'
  }
}
