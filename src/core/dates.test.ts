import { dateTimeLabel, dayLabel, friendlyDay, momentLabel, timeLabel, timeRange, weekdayName, whenLabel } from './dates'

/** What a person sees: the word joiners that keep a time range on one line are invisible. */
const visible = (text: string) => text.replace(/\u2060/g, '')

// 2026-12-11T17:30Z is Saturday 12 December 01:30 in Shanghai: the day the community sees, whatever the phone's zone.
const LATE = '2026-12-11T17:30:00.000Z'

describe('dates in four languages, in China time', () => {
  it('writes a day as each language does', () => {
    expect(dayLabel('2026-12-12', 'zh-CN')).toBe('12月12日 周六')
    expect(dayLabel('2026-12-12', 'en')).toBe('Sat 12 Dec')
    expect(dayLabel('2026-12-12', 'ko')).toBe('12월 12일 (토)')
    expect(dayLabel('2026-12-12', 'ja')).toBe('12月12日(土)')
  })

  it('adds the year for older records and can leave out the weekday', () => {
    expect(dayLabel('2026-12-12', 'zh-CN', { year: true })).toBe('2026年12月12日')
    expect(dayLabel('2026-12-12', 'en', { year: true })).toBe('12 Dec 2026')
    expect(dayLabel('2026-12-12', 'ko', { year: true })).toBe('2026년 12월 12일')
    expect(dayLabel('2026-12-12', 'ja', { year: true, weekday: true })).toBe('2026年12月12日(土)')
    expect(dayLabel('2026-12-12', 'en', { weekday: false })).toBe('12 Dec')
  })

  it('reads instants in China time, not the phone’s', () => {
    expect(dayLabel(LATE, 'en')).toBe('Sat 12 Dec')
    expect(timeLabel(LATE)).toBe('01:30')
    expect(dateTimeLabel(LATE, 'en')).toBe('Sat 12 Dec, 01:30')
    expect(dateTimeLabel(LATE, 'ko', { year: true })).toBe('2026년 12월 12일 01:30')
  })

  it('writes time ranges, Japanese with its wave dash, and never lets a line break inside one', () => {
    expect(timeRange('22:00', '01:00', 'zh-CN')).toBe('22:00\u2060–\u206001:00')
    expect(visible(timeRange('09:00', '11:00', 'ja'))).toBe('09:00～11:00')
    expect(visible(whenLabel('2026-12-12T01:00:00.000Z', '2026-12-12T03:00:00.000Z', 'en'))).toBe('Sat 12 Dec, 09:00–11:00')
    expect(visible(whenLabel('2026-12-12T01:00:00.000Z', '2026-12-12T03:00:00.000Z', 'ja'))).toBe('12月12日(土) 09:00～11:00')
  })

  it('says today, tomorrow and yesterday by the China day', () => {
    const now = new Date('2026-12-11T17:00:00.000Z') // Saturday 01:00 in China
    expect(friendlyDay('2026-12-12', 'zh-CN', now)).toBe('今天 · 12月12日 周六')
    expect(friendlyDay('2026-12-13', 'ko', now)).toBe('내일 · 12월 13일 (일)')
    expect(friendlyDay('2026-12-11', 'ja', now)).toBe('昨日 · 12月11日(金)')
    expect(friendlyDay('2026-12-20', 'en', now)).toBe('Sun 20 Dec')
    expect(momentLabel('2026-12-12T04:00:00.000Z', 'en', now)).toBe('Today · Sat 12 Dec 12:00')
  })

  it('names weekdays short, and in full in English', () => {
    expect(weekdayName(6, 'en', true)).toBe('Saturday')
    expect(weekdayName(6, 'ko')).toBe('토')
    expect(weekdayName(0, 'ja', true)).toBe('日')
  })

  it('shows nothing rather than "Invalid Date" for a missing time', () => {
    expect(dayLabel('', 'en')).toBe('')
    expect(dateTimeLabel('not a time', 'zh-CN')).toBe('')
    expect(timeLabel('')).toBe('')
  })
})
