import { addDays, chinaDay, chinaTime, chinaWeekday, fromChina, isDay } from './time'

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

  it('knows a real day from one Date would roll over', () => {
    expect(['2026-02-28', '2028-02-29', '9999-12-31'].every(isDay)).toBe(true)
    expect(['2026-02-29', '2026-02-31', '2026-13-01', '9999-99-99', '0000-00-00', '2026-1-01', ' 2026-01-01'].some(isDay)).toBe(false)
  })
})
