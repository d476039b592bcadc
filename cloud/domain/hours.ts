/** Hours as people read them: 75 minutes → "1.25", 60 → "1", 90 → "1.5". Minutes are whole quarters, so this is exact. */
export function formatHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100)
}
