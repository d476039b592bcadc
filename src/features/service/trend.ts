import type { Reading } from '@contracts/service'

/** The chart's scale in mmHg: wide enough for most readings; values outside are drawn at the edge. */
export const CHART_MIN = 50
export const CHART_MAX = 200
export const REFERENCE = { systolic: 140, diastolic: 90 }

/** Distance from the chart's top, in percent, of a value. */
export function fromTop(value: number): number {
  const clamped = Math.min(CHART_MAX, Math.max(CHART_MIN, value))
  return ((CHART_MAX - clamped) / (CHART_MAX - CHART_MIN)) * 100
}

export function isHigh(reading: Pick<Reading, 'systolic' | 'diastolic'>): boolean {
  return reading.systolic >= REFERENCE.systolic || reading.diastolic >= REFERENCE.diastolic
}

export interface TrendColumn {
  id: string
  top: number
  height: number
  high: boolean
}

/** The last `max` readings, oldest first, each as a bar from diastolic up to systolic. */
export function trendColumns(readings: Reading[], max = 10): TrendColumn[] {
  return readings.slice(-max).map((reading) => {
    const top = fromTop(reading.systolic)
    return { id: reading.id, top, height: Math.max(1, fromTop(reading.diastolic) - top), high: isHigh(reading) }
  })
}

/** How the latest upper value moved since the one before, for the sentence under the chart. */
export function latestChange(readings: Reading[]): { direction: 'up' | 'down' | 'same'; by: number } | null {
  if (readings.length < 2) return null
  const by = readings[readings.length - 1].systolic - readings[readings.length - 2].systolic
  return { direction: by > 0 ? 'up' : by < 0 ? 'down' : 'same', by: Math.abs(by) }
}
