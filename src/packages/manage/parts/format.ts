import { chinaClock } from '@domain/time'

export { chinaDay } from '@domain/time'

/** A time as the community writes it (2026-11-27 14:05), in China time, the same in every language. */
export function formatTime(iso: string): string {
  const clock = chinaClock(iso)
  return iso && clock.isValid() ? clock.format('YYYY-MM-DD HH:mm') : ''
}
