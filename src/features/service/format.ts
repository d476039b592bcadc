import type { Locale } from '@contracts/model'
import { dayLabel, friendlyDay, momentLabel, timeRange, weekdayName as coreWeekdayName } from '@/core/dates'

/** Dates and times of sessions: the app's one helper (China time, each language's way of writing them). */
export { dayLabel, friendlyDay, momentLabel, timeRange }

/** The weekday as a repeat rule names it: '周六', 'Saturday', '토', '土' (ko and ja add 요일/曜日 in the sentence). */
export function weekdayName(weekday: number, locale: Locale): string {
  return coreWeekdayName(weekday, locale, locale === 'en')
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
