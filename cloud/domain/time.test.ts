import { addDays, chinaDay, chinaTime, chinaWeekday, fromChina } from './time'

describe('China time', () => {
  it('is UTC+8 whatever the server zone', () => {
    const instant = new Date('2026-12-11T17:30:00Z')
    expect(chinaDay(instant)).toBe('2026-12-12')
    expect(chinaTime(instant)).toBe('01:30')
    expect(chinaWeekday(instant)).toBe(6)
    expect(fromChina('2026-12-12', '01:30').toISOString()).toBe('2026-12-11T17:30:00.000Z')
  })

  it('adds days across month ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('refuses nonsense', () => {
    expect(() => fromChina('2026-13-45', '99:00')).toThrow(RangeError)
  })
})
