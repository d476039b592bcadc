/**
 * One rule for China time, two implementations: cloud/domain/time.ts (dayjs, for the cloud functions and the
 * subpackages) and cloud/domain/chinaTime.ts (no library, for the weapp main package, issue 19). They must give the
 * same answer everywhere: thousands of instants over 1970–2100 (every hour around midnight in China, month and year
 * ends, 29 February), every day of several years, rolled-over and malformed days, and strings with and without a zone.
 */
import * as light from '@domain/chinaTime'
import * as time from '@domain/time'

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

function instants(): Date[] {
  const next = random(19)
  const out: Date[] = []
  const from = Date.UTC(1970, 0, 1)
  const to = Date.UTC(2100, 0, 1)
  for (let i = 0; i < 3000; i++) out.push(new Date(Math.floor(from + next() * (to - from))))
  // Around China midnight (16:00 UTC) on month ends, year ends and leap days, minute by minute.
  for (const [y, m, d] of [[2026, 11, 31], [2028, 1, 28], [2028, 1, 29], [2029, 0, 31], [2100, 1, 28], [2024, 5, 30]]) {
    const midnight = Date.UTC(y, m, d, 16, 0)
    for (let minute = -3; minute <= 3; minute++) out.push(new Date(midnight + minute * 60_000))
  }
  // Every hour of a week that crosses a year end, and of the days when other zones change their clocks.
  for (const start of [Date.UTC(2028, 11, 28), Date.UTC(2026, 2, 6), Date.UTC(2026, 9, 30)]) {
    for (let h = 0; h < 7 * 24; h++) out.push(new Date(start + h * HOUR))
  }
  return out
}

function days(): string[] {
  const out: string[] = []
  for (let at = Date.UTC(2027, 0, 1); at < Date.UTC(2030, 0, 1); at += DAY) out.push(new Date(at).toISOString().slice(0, 10))
  out.push('2026-02-29', '2028-02-30', '2026-02-31', '2026-13-01', '2026-00-10', '2026-12-00', '2026-12-32', '9999-99-99', '0099-01-01', '1900-02-29')
  return out
}

describe('China time without dayjs agrees with cloud/domain/time.ts', () => {
  const all = instants()

  it('has one offset: UTC+8', () => {
    expect(light.CHINA_OFFSET_MINUTES).toBe(time.CHINA_OFFSET_MINUTES)
    expect(light.CHINA_OFFSET_MS).toBe(time.CHINA_OFFSET_MS)
  })

  it(`reads the China day, time and weekday of ${all.length} instants the same way`, () => {
    for (const at of all) {
      expect([at.toISOString(), light.chinaDay(at), light.chinaTime(at), light.chinaWeekday(at)]).toEqual([at.toISOString(), time.chinaDay(at), time.chinaTime(at), time.chinaWeekday(at)])
      const clock = time.chinaClock(at)
      expect(light.chinaParts(at)).toEqual({ year: clock.year(), month: clock.month() + 1, day: clock.date(), hour: clock.hour(), minute: clock.minute(), weekday: clock.day() })
    }
  })

  it('reads ISO strings, epoch milliseconds and zone-less strings as dayjs does in UTC mode', () => {
    const next = random(7)
    for (const at of all.slice(0, 500)) {
      const iso = at.toISOString()
      const offset = new Date(at.getTime() + 8 * HOUR).toISOString().replace('Z', '+08:00')
      const zoneless = iso.slice(0, 16)
      for (const value of [iso, offset, zoneless, iso.slice(0, 10), at.getTime(), `${zoneless.replace('T', ' ')}:${String(Math.floor(next() * 60)).padStart(2, '0')}`]) {
        const clock = time.chinaClock(value)
        expect([value, light.chinaParts(value)]).toEqual([value, { year: clock.year(), month: clock.month() + 1, day: clock.date(), hour: clock.hour(), minute: clock.minute(), weekday: clock.day() }])
      }
    }
    for (const value of ['', 'not a time', '2026-12-12T25:99:00Z']) {
      expect([value, light.chinaParts(value)]).toEqual([value, time.chinaClock(value).isValid() ? expect.anything() : null])
    }
    expect(light.chinaDay(new Date(NaN))).toBe(time.chinaDay(new Date(NaN)))
  })

  it('agrees on which days are real, their weekdays, the days around them and their instants', () => {
    for (const day of days()) {
      expect([day, light.isDay(day)]).toEqual([day, time.isDay(day)])
      if (!time.isDay(day)) {
        expect(() => light.fromChina(day)).toThrow(RangeError)
        continue
      }
      expect([day, light.weekdayOf(day)]).toEqual([day, time.weekdayOf(day)])
      for (const n of [-400, -31, -1, 0, 1, 2, 30, 366, 1.5]) expect([day, n, light.addDays(day, n)]).toEqual([day, n, time.addDays(day, n)])
      for (const clock of ['00:00', '07:59', '08:00', '23:59']) expect(light.fromChina(day, clock).getTime()).toBe(time.fromChina(day, clock).getTime())
      expect(light.dayParts(day)?.weekday).toBe(time.weekdayOf(day))
    }
    expect(() => light.fromChina('2026-12-12', '24:00')).toThrow(RangeError)
    expect(() => light.addDays('not a day', 1)).toThrow(RangeError)
    expect(() => time.addDays('not a day', 1)).toThrow(RangeError)
  })
})
