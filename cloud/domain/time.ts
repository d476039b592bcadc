/**
 * China time, whatever the server's time zone: China Standard Time is UTC+8 all year (no daylight saving), so a
 * fixed offset is exact. Dates travel as ISO strings; a "day" in the community means a day in Shanghai.
 */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000

/** 'YYYY-MM-DD' of the given instant in China. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'HH:mm' of the given instant in China. */
export function chinaTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16)
}

/** The instant of a China wall-clock date and time ('2026-12-12', '09:30'). */
export function fromChina(day: string, time = '00:00'): Date {
  const instant = new Date(`${day}T${time}:00+08:00`)
  if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid China date/time: ${day} ${time}`)
  return instant
}

/** Day of week in China, 0 = Sunday. */
export function chinaWeekday(instant: Date): number {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCDay()
}

/** A real calendar day 'YYYY-MM-DD'. Date would read '2026-02-31' as 3 March and '9999-99-99' as nothing at all. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}
