import { createHmac } from 'node:crypto'
import { fromChina } from './time'
import {
  cancelRefusal,
  checkinPayload,
  checkinPhase,
  creditedMinutes,
  csvCell,
  findOverlap,
  formatHours,
  hoursCsv,
  insuredFor,
  manualHoursRefusal,
  MAX_WAITLIST,
  normaliseCertCode,
  overlaps,
  parseCheckinPayload,
  placeFor,
  promote,
  pruneHeld,
  shiftMinutes,
  shiftPlanRefusal,
  shiftTimes,
  signupRefusals,
  staffing,
  truncateToCode,
  weeklyDays,
  type SignupFacts,
} from './volunteer'

const at = (day: string, time: string) => fromChina(day, time).getTime()
const MIN = 60_000

describe('hours: the published rounding rule', () => {
  const start = at('2026-12-05', '09:00')
  const length = shiftMinutes(start, at('2026-12-05', '11:00'))

  it('counts every full 15 minutes as 0.25 hours and drops the rest', () => {
    expect(creditedMinutes(start, start + 14 * MIN, length)).toBe(0)
    expect(creditedMinutes(start, start + 15 * MIN, length)).toBe(15)
    expect(creditedMinutes(start, start + 74 * MIN, length)).toBe(60)
    expect(creditedMinutes(start, start + 75 * MIN, length)).toBe(75)
    expect(creditedMinutes(start, start + 75 * MIN + 59_999, length)).toBe(75)
    expect(formatHours(75)).toBe('1.25')
    expect(formatHours(90)).toBe('1.5')
    expect(formatHours(60)).toBe('1')
    expect(formatHours(0)).toBe('0')
  })

  it('never credits more than the shift length, and nothing for a check-out before the check-in', () => {
    expect(creditedMinutes(start - 30 * MIN, start + 200 * MIN, length)).toBe(120)
    expect(creditedMinutes(start + 10 * MIN, start, length)).toBe(0)
  })

  it('a shift length is its scheduled time cut to whole quarters', () => {
    expect(shiftMinutes(start, start + 130 * MIN)).toBe(120)
    expect(shiftMinutes(start, start + 135 * MIN)).toBe(135)
    expect(shiftMinutes(start, start - MIN)).toBe(0)
  })
})

describe('补录 caps', () => {
  const start = at('2026-12-05', '09:00')
  const now = start + 3 * 60 * MIN
  it('allows whole quarters up to the shift length, after the shift started', () => {
    expect(manualHoursRefusal(120, 120, start, now)).toBeNull()
    expect(manualHoursRefusal(0, 120, start, now)).toBeNull()
    expect(manualHoursRefusal(135, 120, start, now)).toBe('too_long')
    expect(manualHoursRefusal(50, 120, start, now)).toBe('not_quarter')
    expect(manualHoursRefusal(60, 120, start, start - MIN)).toBe('not_started')
  })
})

describe('overlap', () => {
  const a = { shiftId: 'a', startAt: at('2026-12-05', '09:00'), endAt: at('2026-12-05', '11:00') }
  it('uses half-open intervals: back-to-back shifts do not overlap', () => {
    expect(overlaps(a, { startAt: a.endAt, endAt: a.endAt + 60 * MIN })).toBe(false)
    expect(overlaps(a, { startAt: a.endAt - MIN, endAt: a.endAt + 60 * MIN })).toBe(true)
    expect(overlaps(a, { startAt: a.startAt + MIN, endAt: a.endAt - MIN })).toBe(true)
  })
  it('finds the held shift in the way, ignoring the same shift', () => {
    expect(findOverlap([a], { ...a, shiftId: 'b' })?.shiftId).toBe('a')
    expect(findOverlap([a], a)).toBeNull()
  })
  it('forgets shifts that have ended', () => {
    expect(pruneHeld([a], a.endAt)).toEqual([])
    expect(pruneHeld([a], a.endAt - 1)).toEqual([a])
  })
})

describe('capacity and the waitlist', () => {
  it('gives places while there are some, then the waitlist, then nothing', () => {
    expect(placeFor(9, 10, 0)).toBe('confirmed')
    expect(placeFor(10, 10, 0)).toBe('waitlisted')
    expect(placeFor(10, 10, MAX_WAITLIST)).toBe('full')
  })
  it('promotes the earliest waiting into freed places', () => {
    expect(promote(['x', 'y', 'z'], 9, 10)).toEqual({ promoted: ['x'], waitlist: ['y', 'z'] })
    expect(promote(['x'], 10, 10)).toEqual({ promoted: [], waitlist: ['x'] })
    expect(promote([], 5, 10)).toEqual({ promoted: [], waitlist: [] })
  })
  it('flags understaffed shifts, urgently within 48 hours', () => {
    const start = at('2026-12-05', '09:00')
    expect(staffing(10, 10, start, start - 3600_000)).toBe('full')
    expect(staffing(3, 10, start, start - 72 * 3600_000)).toBe('short')
    expect(staffing(3, 10, start, start - 47 * 3600_000)).toBe('short_soon')
    expect(staffing(3, 10, start, start + 3600_000)).toBe('short')
  })
})

describe('sign-up requirements and windows', () => {
  const startAt = at('2026-12-05', '19:00')
  const base: SignupFacts = {
    now: at('2026-12-01', '10:00'),
    shift: {
      shiftId: 's1',
      startAt,
      endAt: at('2026-12-05', '21:30'),
      status: 'open',
      signupOpensAt: at('2026-11-28', '00:00'),
      signupClosesAt: startAt,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
      taken: 0,
      capacity: 6,
      waiting: 0,
    },
    languages: [],
    membership: null,
    confirmedAgeHealth: false,
    held: [],
  }
  const withReq = (requirements: Partial<SignupFacts['shift']['requirements']>, extra: Partial<SignupFacts> = {}): SignupFacts => ({ ...base, ...extra, shift: { ...base.shift, requirements: { ...base.shift.requirements, ...requirements } } })

  it('accepts a plain shift in its window', () => {
    expect(signupRefusals(base)).toEqual([])
  })

  it('checks each requirement', () => {
    expect(signupRefusals(withReq({ language: 'ko' }))).toEqual(['language'])
    expect(signupRefusals(withReq({ language: 'ko' }, { languages: ['ko'] }))).toEqual([])
    expect(signupRefusals(withReq({ training: 'patrol' }))).toEqual(['training'])
    expect(signupRefusals(withReq({ training: 'patrol' }, { membership: { insuredUntil: null, trainings: ['patrol'] } }))).toEqual([])
    expect(signupRefusals(withReq({ insurance: true }))).toEqual(['insurance'])
    expect(signupRefusals(withReq({ insurance: true }, { membership: { insuredUntil: '2026-12-04', trainings: [] } }))).toEqual(['insurance'])
    expect(signupRefusals(withReq({ insurance: true }, { membership: { insuredUntil: '2026-12-05', trainings: [] } }))).toEqual([])
    expect(signupRefusals(withReq({ ageHealth: true }))).toEqual(['age_health'])
    expect(signupRefusals(withReq({ ageHealth: true }, { confirmedAgeHealth: true }))).toEqual([])
  })

  it('refuses outside the window, overlapping shifts, a full waitlist and cancelled shifts', () => {
    expect(signupRefusals({ ...base, now: at('2026-11-27', '10:00') })).toEqual(['not_open'])
    expect(signupRefusals({ ...base, now: startAt })).toEqual(['closed'])
    expect(signupRefusals({ ...base, held: [{ shiftId: 'other', startAt: at('2026-12-05', '21:00'), endAt: at('2026-12-05', '22:00') }] })).toEqual(['overlap'])
    expect(signupRefusals({ ...base, shift: { ...base.shift, taken: 6, waiting: MAX_WAITLIST } })).toEqual(['waitlist_full'])
    expect(signupRefusals({ ...base, shift: { ...base.shift, status: 'cancelled' } })).toEqual(['cancelled'])
  })

  it('insurance covers shifts ending on or before its last day, in China time', () => {
    const endsAtMidnight = at('2026-12-06', '00:00')
    expect(insuredFor('2026-12-05', endsAtMidnight)).toBe(true)
    expect(insuredFor('2026-12-05', endsAtMidnight + MIN)).toBe(false)
    expect(insuredFor(null, endsAtMidnight)).toBe(false)
  })
})

describe('cancellation deadline', () => {
  it('is free before the deadline, refused after it and after the end', () => {
    const cancelBefore = at('2026-12-04', '19:00')
    const endAt = at('2026-12-05', '21:30')
    expect(cancelRefusal(cancelBefore - 1, cancelBefore, endAt)).toBeNull()
    expect(cancelRefusal(cancelBefore, cancelBefore, endAt)).toBe('deadline')
    expect(cancelRefusal(endAt, cancelBefore, endAt)).toBe('ended')
  })
})

describe('shift planning', () => {
  it('reads an end at or before the start as the next day', () => {
    const times = shiftTimes('2026-12-05', '22:00', '01:00', 0, 24)
    expect(new Date(times.endAt).toISOString()).toBe('2026-12-05T17:00:00.000Z')
    expect(times.cancelBefore).toBe(at('2026-12-04', '22:00'))
    expect(shiftTimes('2026-12-05', '09:00', '11:00', 2, 0).signupClosesAt).toBe(at('2026-12-05', '07:00'))
  })
  it('repeats weekly on the same weekday', () => {
    expect(weeklyDays('2026-12-26', 3)).toEqual(['2026-12-26', '2027-01-02', '2027-01-09'])
  })
  it('refuses shifts in the past, too short, too long', () => {
    const now = at('2026-12-01', '10:00')
    expect(shiftPlanRefusal(shiftTimes('2026-12-01', '09:00', '11:00', 0, 24), now)).toBe('in_past')
    expect(shiftPlanRefusal(shiftTimes('2026-12-05', '09:00', '09:10', 0, 24), now)).toBe('too_short')
    expect(shiftPlanRefusal(shiftTimes('2026-12-05', '06:00', '19:00', 0, 24), now)).toBe('too_long')
    expect(shiftPlanRefusal(shiftTimes('2026-12-05', '09:00', '11:00', 0, 24), now)).toBeNull()
  })
})

describe('check-in', () => {
  const startAt = at('2026-12-05', '09:00')
  const endAt = at('2026-12-05', '11:00')
  it('opens 30 minutes before the start and closes 2 hours after the end', () => {
    expect(checkinPhase(startAt - 31 * MIN, startAt, endAt)).toBe('early')
    expect(checkinPhase(startAt - 30 * MIN, startAt, endAt)).toBe('open')
    expect(checkinPhase(endAt + 120 * MIN, startAt, endAt)).toBe('open')
    expect(checkinPhase(endAt + 121 * MIN, startAt, endAt)).toBe('closed')
  })
  it('truncates an HMAC the way RFC 4226 does (its published test vectors)', () => {
    const hotp = (counter: number) => {
      const message = Buffer.alloc(8)
      message.writeBigUInt64BE(BigInt(counter))
      return truncateToCode(createHmac('sha1', '12345678901234567890').update(message).digest())
    }
    expect([0, 1, 2, 9].map(hotp)).toEqual(['755224', '287082', '359152', '520489'])
  })
  it('reads back what the QR carries, and nothing else', () => {
    expect(parseCheckinPayload(checkinPayload('caring-20261205-0900-ab12cd', '012345'))).toEqual({ shiftId: 'caring-20261205-0900-ab12cd', code: '012345' })
    expect(parseCheckinPayload('https://example.com')).toBeNull()
    expect(parseCheckinPayload('linliting:checkin:x:12345')).toBeNull()
  })
})

describe('export for the national volunteer information system', () => {
  it('writes the columns it imports, without ID numbers, with a BOM and CRLF', () => {
    const csv = hoursCsv(
      [{ name: '陈晓', day: '2026-12-05', startAt: at('2026-12-05', '19:00'), endAt: at('2026-12-05', '21:30'), minutes: 135, project: '夜间巡逻', team: '夜走队', place: '朗庭小区' }],
      '九里亭街道社区志愿服务站',
    )
    expect(csv.startsWith('\uFEFF姓名,服务日期,开始时间,结束时间,服务时长（小时）,项目名称,组织名称,服务地点\r\n')).toBe(true)
    expect(csv).toContain('陈晓,2026-12-05,19:00,21:30,2.25,夜走队·夜间巡逻,九里亭街道社区志愿服务站,朗庭小区\r\n')
    expect(csv).not.toMatch(/证件/)
  })
  it('quotes and defuses cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('-1')).toBe("'-1")
  })
})

describe('certificate codes', () => {
  it('normalises what people type', () => {
    expect(normaliseCertCode(' abcde fghjk ')).toBe('ABCDE-FGHJK')
    expect(normaliseCertCode('ABCDE-FGHJK')).toBe('ABCDE-FGHJK')
  })
})
