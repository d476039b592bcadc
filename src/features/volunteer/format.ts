import type { Locale } from '@contracts/model'
import { dayLabel, timeLabel, whenLabel } from '@/core/dates'

/** A China day as people say it in their language: '12月5日 周六', 'Sat 5 Dec'. */
export function dayText(locale: Locale, instant: string | Date): string {
  return dayLabel(instant, locale)
}

/** '12月5日 周六 09:00–11:00'; a shift past midnight keeps its end time ('22:00–01:00'). */
export function whenText(locale: Locale, startAt: string, endAt: string): string {
  return whenLabel(startAt, endAt, locale)
}

export function clockText(instant: string | Date): string {
  return timeLabel(instant)
}
