import dayjs from 'dayjs'

/** A time as the community writes it (2026-11-27 14:05), the same in every language; local time. */
export function formatTime(iso: string): string {
  const time = dayjs(iso)
  return time.isValid() ? time.format('YYYY-MM-DD HH:mm') : ''
}
