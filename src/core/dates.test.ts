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

  it('writes the last minute of a year and the first of the next by the China clock', () => {
    expect(dateTimeLabel('2026-12-31T15:59:00.000Z', 'en', { year: true })).toBe('31 Dec 2026, 23:59')
    expect(dateTimeLabel('2026-12-31T16:00:00.000Z', 'en', { year: true })).toBe('1 Jan 2027, 00:00')
    expect(dateTimeLabel('2026-12-31T16:00:00.000Z', 'zh-CN')).toBe('1月1日 周五 00:00')
    expect(dayLabel('2026-12-31T16:00:00.000Z', 'ja', { year: true })).toBe('2027年1月1日')
    const newYear = new Date('2026-12-31T16:00:00.000Z') // Friday 1 January 2027 00:00 in China, still 31 December in UTC
    expect(friendlyDay('2027-01-01', 'en', newYear)).toBe('Today · Fri 1 Jan')
    expect(friendlyDay('2026-12-31', 'ko', newYear)).toBe('어제 · 12월 31일 (목)')
    expect(friendlyDay('2027-01-02', 'ja', new Date('2026-12-31T15:59:00.000Z'))).toBe('1月2日(土)')
    expect(momentLabel('2026-12-31T15:59:00.000Z', 'zh-CN', newYear)).toBe('昨天 · 12月31日 周四 23:59')
  })

  it('writes the leap day and month ends in every language', () => {
    expect(dayLabel('2028-02-29', 'zh-CN')).toBe('2月29日 周二')
    expect(dayLabel('2028-02-29', 'en')).toBe('Tue 29 Feb')
    expect(dayLabel('2028-02-29', 'ko')).toBe('2월 29일 (화)')
    expect(dayLabel('2028-02-29', 'ja')).toBe('2月29日(火)')
    expect(friendlyDay('2028-03-01', 'en', new Date('2028-02-29T12:00:00.000Z'))).toBe('Tomorrow · Wed 1 Mar')
    expect(friendlyDay('2028-02-28', 'zh-CN', new Date('2028-02-29T12:00:00.000Z'))).toBe('昨天 · 2月28日 周一')
    expect(dayLabel('2026-04-30T16:00:00.000Z', 'en')).toBe('Fri 1 May')
  })

  it('shows nothing for a day that does not exist rather than the day it would roll over to', () => {
    expect(dayLabel('2026-02-31', 'zh-CN')).toBe('')
    expect(dayLabel('2026-02-29', 'en')).toBe('')
    expect(friendlyDay('2026-13-01', 'ko')).toBe('')
    expect(weekdayName(7, 'en')).toBe('')
  })

  it('names all seven weekdays from Sunday', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => weekdayName(day, 'zh-CN')).join('')).toBe('周日周一周二周三周四周五周六')
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => weekdayName(day, 'en', true))).toEqual(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])
    expect([0, 6].map((day) => weekdayName(day, 'en'))).toEqual(['Sun', 'Sat'])
  })
})
