import { addDays, chinaDay, chinaTime, chinaWeekday, fromChina, isDay, weekdayOf } from './time'

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

  it('turns the day at midnight China time, eight hours before UTC does', () => {
    // Thursday 31 December 2026 23:59 and Friday 1 January 2027 00:00 in Shanghai: the year ends in China first.
    const last = new Date('2026-12-31T15:59:00Z')
    const first = new Date('2026-12-31T16:00:00Z')
    expect([chinaDay(last), chinaTime(last), chinaWeekday(last)]).toEqual(['2026-12-31', '23:59', 4])
    expect([chinaDay(first), chinaTime(first), chinaWeekday(first)]).toEqual(['2027-01-01', '00:00', 5])
    expect(fromChina('2027-01-01')).toEqual(first)
    expect(fromChina('2026-12-31', '23:59')).toEqual(last)
    // Sunday 23:59 → Monday 00:00.
    expect(chinaWeekday(new Date('2026-12-13T15:59:00Z'))).toBe(0)
    expect(chinaWeekday(new Date('2026-12-13T16:00:00Z'))).toBe(1)
    // A UTC midnight is already 08:00 in China, on the same day.
    expect([chinaDay(new Date('2026-12-12T00:00:00Z')), chinaTime(new Date('2026-12-12T00:00:00Z'))]).toEqual(['2026-12-12', '08:00'])
  })

  it('counts days over month ends, a leap day and the year end', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01')
    expect(addDays('2026-04-30', 1)).toBe('2026-05-01')
    expect(addDays('2026-03-31', -31)).toBe('2026-02-28')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addDays('2028-02-29', 366)).toBe('2029-03-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
    expect(addDays('2026-12-12', 0)).toBe('2026-12-12')
    expect(weekdayOf('2028-02-29')).toBe(2)
    expect(fromChina('2028-02-29', '00:00').toISOString()).toBe('2028-02-28T16:00:00.000Z')
    expect(chinaDay(new Date('2028-02-29T15:59:59Z'))).toBe('2028-02-29')
    expect(chinaDay(new Date('2028-02-29T16:00:00Z'))).toBe('2028-03-01')
    // The last day of February and of the month in China while UTC is still on the day before.
    expect(chinaDay(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01')
  })

  it('refuses days and times that do not exist instead of rolling them over', () => {
    for (const day of ['2026-02-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-32', '20261212', '']) {
      expect(isDay(day)).toBe(false)
      expect(() => fromChina(day)).toThrow(RangeError)
    }
    for (const time of ['24:00', '23:60', '9:30', '09:30:00', '']) expect(() => fromChina('2026-12-12', time)).toThrow(RangeError)
    expect(() => addDays('not a day', 1)).toThrow(RangeError)
  })

  it('gives the same answers in a server zone with daylight saving', () => {
    // A zone is read once per process (Jest's process.env is a copy): run this module in a Node that lives in New York.
    // 02:30 on 8 March 2026 in Shanghai is the hour New York skips; an offset computed through the host zone says 03:30.
    const { buildSync } = require('esbuild') as typeof import('esbuild')
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process')
    const bundle = buildSync({ entryPoints: [require.resolve('./time')], bundle: true, format: 'cjs', platform: 'node', write: false }).outputFiles[0].text
    const probe = `
      const m = {}; new Function('module', 'exports', 'require', ${JSON.stringify(bundle)})(m, m.exports = {}, require)
      const { chinaDay, chinaTime, chinaWeekday, fromChina, addDays } = m.exports
      const instant = new Date('2026-03-07T18:30:00Z')
      console.log(JSON.stringify([new Date(2026, 2, 8, 12).getTimezoneOffset(), chinaDay(instant), chinaTime(instant), chinaWeekday(instant), fromChina('2026-03-08', '02:30').toISOString(), addDays('2026-03-07', 1), addDays('2026-11-01', 1)]))`
    const out = execFileSync(process.execPath, ['-e', probe], { env: { ...process.env, TZ: 'America/New_York' }, cwd: __dirname, encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual([240, '2026-03-08', '02:30', 0, '2026-03-07T18:30:00.000Z', '2026-03-08', '2026-11-02'])
  })
})
