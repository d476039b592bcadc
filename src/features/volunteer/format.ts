import { chinaDay, chinaTime, chinaWeekday } from '@domain/time'
import type { T } from '@/core/i18n'
import type { DateKey } from './sectionMessages'

/** A China day as people say it in their language: "12月5日（周六）", "Sat 5 Dec". */
export function dayText(t: T<DateKey>, instant: string | Date): string {
  const date = new Date(instant)
  const [, month, day] = chinaDay(date).split('-').map(Number)
  return t('date', { month, monthName: t(`month${month}` as DateKey), day, weekday: t(`wd${chinaWeekday(date)}` as DateKey) })
}

/** "12月5日（周六）09:00–11:00"; a shift past midnight keeps its end time ("22:00–01:00"). */
export function whenText(t: T<DateKey>, startAt: string, endAt: string): string {
  return t('when', { date: dayText(t, startAt), start: chinaTime(new Date(startAt)), end: chinaTime(new Date(endAt)) })
}

export function clockText(instant: string | Date): string {
  return chinaTime(new Date(instant))
}
