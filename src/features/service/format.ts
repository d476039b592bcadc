import type { Locale } from '@contracts/model'
import * as icons from '@/ui/icons'
import { dayLabel, friendlyDay, momentLabel, timeRange, weekdayName as coreWeekdayName } from '@/core/dates'

/** Dates and times of sessions: the app's one helper (China time, each language's way of writing them). */
export { dayLabel, friendlyDay, momentLabel, timeRange }

/** The weekday as a repeat rule names it: '周六', 'Saturday', '토', '土' (ko and ja add 요일/曜日 in the sentence). */
export function weekdayName(weekday: number, locale: Locale): string {
  return coreWeekdayName(weekday, locale, locale === 'en')
}

/** An icon (src/ui/icons.ts) per built-in service, so the list is recognisable before it is read. */
export function serviceIcon(key: string | null): string {
  switch (key) {
    case 'knife':
      return icons.knife
    case 'mending':
      return icons.thread
    case 'blood_pressure':
      return icons.pulse
    case 'haircut':
      return icons.comb
    case 'appliance':
      return icons.wrench
    default:
      return icons.bell
  }
}
