/** China Standard Time is UTC+8 all year: the community's clock, whatever time zone a phone is set to. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000

/** A time as the community writes it (2026-11-27 14:05), in China time, the same in every language. */
export function formatTime(iso: string): string {
  const instant = new Date(iso)
  if (!iso || Number.isNaN(instant.getTime())) return ''
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** 'YYYY-MM-DD' of an instant in China. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}
