import type { Reading } from '@contracts/service'
import { fromTop, isHigh, latestChange, trendColumns } from './trend'

const reading = (id: string, systolic: number, diastolic: number): Reading => ({ id, systolic, diastolic, pulse: null, takenAt: '2026-11-27T01:00:00.000Z', place: '楼道' })

describe('blood-pressure trend', () => {
  it('scales values into the chart and clamps the extremes', () => {
    expect(fromTop(200)).toBe(0)
    expect(fromTop(50)).toBe(100)
    expect(fromTop(260)).toBe(0)
    expect(fromTop(125)).toBe(50)
  })

  it('draws a bar from the lower to the upper value, oldest first, at most ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => reading(`r${i}`, 120 + i, 80))
    const columns = trendColumns(many)
    expect(columns).toHaveLength(10)
    expect(columns[0].id).toBe('r2')
    expect(columns[0].top).toBeCloseTo(fromTop(122))
    expect(columns[0].top + columns[0].height).toBeCloseTo(fromTop(80))
  })

  it('marks readings at or above 140/90 and says how the last one moved', () => {
    expect(isHigh({ systolic: 140, diastolic: 70 })).toBe(true)
    expect(isHigh({ systolic: 130, diastolic: 90 })).toBe(true)
    expect(isHigh({ systolic: 130, diastolic: 85 })).toBe(false)
    expect(latestChange([reading('a', 136, 86), reading('b', 132, 84)])).toEqual({ direction: 'down', by: 4 })
    expect(latestChange([reading('a', 136, 86)])).toBeNull()
  })
})
