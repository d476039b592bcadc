/**
 * The demo community's history, relative to the clock the seed runs at: nothing in the seed names a date. People
 * joined the app, gave consent, were verified and were given roles this long ago, before the oldest record that
 * involves them (the first blood-pressure check, 112 days back; the household applications, 120 days back).
 */
export const HISTORY_DAYS = 180

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000)
}

/** When the demo's people joined: HISTORY_DAYS before `now`. */
export function joinedAt(now: Date): Date {
  return daysBefore(now, HISTORY_DAYS)
}
