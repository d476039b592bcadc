import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { buildSync } from 'esbuild'
import {
  bookingCode,
  bookingHome,
  cancelDeadline,
  canPromote,
  checkInOpen,
  DEFAULT_NO_SHOW_POLICY,
  evenSlots,
  householdAllows,
  mayCancel,
  nextInLine,
  noShowStanding,
  nthOf,
  nthWeekday,
  occurrences,
  parseCode,
  placeBooking,
  promoteOne,
  qrPayload,
  releaseBooking,
  reminderDue,
  scopeKeysFor,
  slotInstants,
  slotPhase,
  slotProblem,
  type SlotCounter,
} from './booking'

const at = (iso: string) => new Date(iso)

/**
 * The same rules in a Node process whose zone is New York (bundled with esbuild and run with TZ set, since a Jest
 * worker's zone cannot be changed from inside): every answer must equal the one computed here.
 */
function inZone(zone: string, expression: string): unknown {
  const bundle = buildSync({ entryPoints: [path.join(__dirname, 'booking.ts')], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' })
  const script = `const module = { exports: {} };\n${bundle.outputFiles[0].text}\nconst b = module.exports;\nprocess.stdout.write(JSON.stringify({ offset: new Date('2026-12-12T00:00:00Z').getTimezoneOffset(), value: ${expression} }))`
  const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone } }).toString()
  return JSON.parse(out) as unknown
}

describe('time zones: China time whatever the server zone', () => {
  const expression = `{
    slot: b.slotInstants('2026-12-12', { start: '09:00', end: '09:30' }).startsAt.toISOString(),
    opens: b.opensAtFor('2026-12-12', 7, '08:00').toISOString(),
    secondSaturdays: b.occurrences('2026-11-28', { kind: 'monthly', nth: 2, weekday: 6, count: 3 }),
    deadline: b.cancelDeadline(b.slotInstants('2026-12-13', { start: '01:30', end: '02:00' }).startsAt, 120).toISOString(),
    days: b.upcomingDays(new Date('2026-12-11T17:30:00Z'), 7),
  }`

  it('gives the same instants and days in New York, in UTC and in Shanghai', () => {
    const expected = {
      slot: '2026-12-12T01:00:00.000Z',
      opens: '2026-12-05T00:00:00.000Z',
      secondSaturdays: ['2026-12-12', '2027-01-09', '2027-02-13'],
      deadline: '2026-12-12T15:30:00.000Z',
      // 01:30 on 12 December in China is still 11 December in New York and in UTC.
      days: { from: '2026-12-12', to: '2026-12-19' },
    }
    const newYork = inZone('America/New_York', expression) as { offset: number; value: unknown }
    expect(newYork.offset).toBe(300)
    expect(newYork.value).toEqual(expected)
    expect((inZone('UTC', expression) as { value: unknown }).value).toEqual(expected)
    expect((inZone('Asia/Shanghai', expression) as { value: unknown }).value).toEqual(expected)
  })

  it('finds the nth weekday on the calendar, not on a clock', () => {
    expect(nthWeekday(2026, 12, 2, 6)).toBe('2026-12-12')
    expect(nthWeekday(2027, 1, 2, 6)).toBe('2027-01-09')
    expect(nthWeekday(2027, 2, -1, 0)).toBe('2027-02-28')
    expect(nthWeekday(2027, 2, 4, 0)).toBe('2027-02-28')
    expect(nthOf('2026-12-12')).toEqual({ nth: 2, weekday: 6 })
    expect(nthOf('2026-12-31')).toEqual({ nth: -1, weekday: 4 })
  })

  it('the cut-off of a 01:30 slot falls the evening before, to the second', () => {
    const start = slotInstants('2026-12-13', { start: '01:30', end: '02:00' }).startsAt
    const deadline = cancelDeadline(start, 120)
    expect(mayCancel(at('2026-12-12T15:29:59Z'), deadline, start, false)).toBe(true)
    expect(mayCancel(at('2026-12-12T15:30:00Z'), deadline, start, false)).toBe(false)
  })
})

describe('booking windows and cut-offs', () => {
  const opensAt = at('2026-12-05T00:00:00Z')
  const start = at('2026-12-12T01:00:00Z')

  it('is not open before opensAt, open until the slot starts, then closed', () => {
    expect(slotPhase(opensAt, start, at('2026-12-04T23:59:59Z'))).toBe('not_open')
    expect(slotPhase(opensAt, start, opensAt)).toBe('open')
    expect(slotPhase(opensAt, start, at('2026-12-12T00:59:59Z'))).toBe('open')
    expect(slotPhase(opensAt, start, start)).toBe('started')
  })

  it('a resident cancels before the cut-off; a leader until the start; nobody after', () => {
    const deadline = cancelDeadline(start, 120)
    const late = at('2026-12-12T00:00:00Z')
    expect(mayCancel(late, deadline, start, false)).toBe(false)
    expect(mayCancel(late, deadline, start, true)).toBe(true)
    expect(mayCancel(start, deadline, start, true)).toBe(false)
  })

  it('check-in is open on the day only', () => {
    const end = at('2026-12-12T03:00:00Z')
    expect(checkInOpen(start, end, at('2026-12-11T12:59:00Z'))).toBe(false)
    expect(checkInOpen(start, end, at('2026-12-12T00:30:00Z'))).toBe(true)
    expect(checkInOpen(start, end, at('2026-12-12T15:01:00Z'))).toBe(false)
  })

  it('reminders are due within the lead time and before the start', () => {
    expect(reminderDue(start, at('2026-12-11T00:59:00Z'), 24)).toBe(false)
    expect(reminderDue(start, at('2026-12-11T01:00:00Z'), 24)).toBe(true)
    expect(reminderDue(start, start, 24)).toBe(false)
  })
})

describe('slots of a day', () => {
  it('refuses bad, reversed and overlapping slots', () => {
    expect(slotProblem([{ start: '9:00', end: '09:30' }])).toBe('format')
    expect(slotProblem([{ start: '09:30', end: '09:30' }])).toBe('order')
    expect(slotProblem([{ start: '09:00', end: '10:00' }, { start: '09:30', end: '10:30' }])).toBe('overlap')
    expect(slotProblem(evenSlots('09:00', 30, 4))).toBeNull()
  })

  it('makes even slots and stops before midnight', () => {
    expect(evenSlots('09:00', 30, 3)).toEqual([
      { start: '09:00', end: '09:30' },
      { start: '09:30', end: '10:00' },
      { start: '10:00', end: '10:30' },
    ])
    expect(evenSlots('22:30', 60, 5)).toHaveLength(1)
  })
})

describe('places, waitlist and promotion', () => {
  const empty: SlotCounter = { capacity: 2, confirmed: 0, waiting: 0, seq: 0 }

  it('confirms up to capacity, then hands out waitlist positions in order', () => {
    let counter = empty
    const outcomes = []
    for (let i = 0; i < 5; i++) {
      const placed = placeBooking(counter)
      outcomes.push([placed.status, placed.position, placed.seq])
      counter = placed.next
    }
    expect(outcomes).toEqual([
      ['confirmed', null, 1],
      ['confirmed', null, 2],
      ['waitlisted', 1, 3],
      ['waitlisted', 2, 4],
      ['waitlisted', 3, 5],
    ])
    expect(counter).toEqual({ capacity: 2, confirmed: 2, waiting: 3, seq: 5 })
  })

  it('a newcomer does not jump the queue when a freed place is about to be handed on', () => {
    const freed = releaseBooking({ capacity: 2, confirmed: 2, waiting: 1, seq: 3 }, 'confirmed')
    expect(canPromote(freed)).toBe(true)
    expect(placeBooking(freed).status).toBe('waitlisted')
  })

  it('cancel and promotion keep the counters equal to the bookings', () => {
    let counter: SlotCounter = { capacity: 1, confirmed: 1, waiting: 2, seq: 3 }
    counter = releaseBooking(counter, 'confirmed')
    counter = promoteOne(counter)
    expect(counter).toEqual({ capacity: 1, confirmed: 1, waiting: 1, seq: 3 })
    counter = releaseBooking(counter, 'waitlisted')
    expect(counter).toEqual({ capacity: 1, confirmed: 1, waiting: 0, seq: 3 })
    expect(canPromote(counter)).toBe(false)
    expect(() => promoteOne(counter)).toThrow(RangeError)
  })

  it('promotes the lowest number still waiting', () => {
    const next = nextInLine([
      { id: 'c', status: 'waitlisted' as const, seq: 7 },
      { id: 'a', status: 'cancelled' as const, seq: 3 },
      { id: 'b', status: 'waitlisted' as const, seq: 5 },
      { id: 'd', status: 'confirmed' as const, seq: 1 },
    ])
    expect(next?.id).toBe('b')
    expect(nextInLine([{ status: 'confirmed' as const, seq: 1 }])).toBeNull()
  })

  it('the household cap counts bookings already held', () => {
    expect(householdAllows(0, 1)).toBe(true)
    expect(householdAllows(1, 1)).toBe(false)
    expect(householdAllows(1, 2)).toBe(true)
  })
})

describe('who may book', () => {
  const home = { householdId: 'ltsc-1-1-502', buildingId: 'ltsc-1', areaId: 'ltsc' }
  const elsewhere = { householdId: 'bsw-2-1-2105', buildingId: 'bsw-2', areaId: 'bsw' }

  it('a building session takes residents of that building; a community audience takes anyone verified', () => {
    expect(bookingHome({ kind: 'building', id: 'ltsc-1' }, 'scope', [home])).toBe(home)
    expect(bookingHome({ kind: 'building', id: 'ltsc-1' }, 'scope', [elsewhere])).toBeNull()
    expect(bookingHome({ kind: 'area', id: 'ltsc' }, 'scope', [elsewhere, home])).toBe(home)
    expect(bookingHome({ kind: 'area', id: 'ltsc' }, 'community', [elsewhere])).toBe(elsewhere)
    expect(bookingHome({ kind: 'community' }, 'scope', [])).toBeNull()
  })

  it('lists the scopes of a resident’s homes', () => {
    expect(scopeKeysFor([home]).sort()).toEqual(['area:ltsc', 'building:ltsc-1', 'community'])
  })
})

describe('recurring sessions', () => {
  it('every second Saturday of the month, starting from the first one on or after the first day', () => {
    expect(occurrences('2026-11-28', { kind: 'monthly', nth: 2, weekday: 6, count: 4 })).toEqual(['2026-12-12', '2027-01-09', '2027-02-13', '2027-03-13'])
    expect(occurrences('2026-12-12', { kind: 'monthly', nth: 2, weekday: 6, count: 1 })).toEqual(['2026-12-12'])
  })

  it('the last Sunday of the month, and every other week across a month end', () => {
    expect(occurrences('2026-12-01', { kind: 'monthly', nth: -1, weekday: 0, count: 2 })).toEqual(['2026-12-27', '2027-01-31'])
    expect(occurrences('2026-12-24', { kind: 'weekly', every: 2, count: 3 })).toEqual(['2026-12-24', '2027-01-07', '2027-01-21'])
  })

  it('never makes more than twelve at once', () => {
    expect(occurrences('2026-12-01', { kind: 'weekly', every: 1, count: 99 })).toHaveLength(12)
    expect(occurrences('2026-12-01', { kind: 'none' })).toEqual(['2026-12-01'])
  })
})

describe('booking codes', () => {
  it('letter of the slot and number of the booking; typed or scanned', () => {
    expect(bookingCode(2, 12)).toBe('B12')
    expect(parseCode(' b-12 ', 's1')).toEqual({ code: 'B12' })
    expect(parseCode('B 012', 's1')).toEqual({ code: 'B12' })
    expect(parseCode(qrPayload('s1', 'B12'), 's1')).toEqual({ code: 'B12' })
    expect(parseCode(qrPayload('s2', 'B12'), 's1')).toEqual({ error: 'other_session' })
    expect(parseCode('12', 's1')).toEqual({ error: 'format' })
  })
})

describe('no-shows: gentle by default', () => {
  const now = at('2026-12-12T00:00:00Z')
  const twice = [at('2026-11-01T01:00:00Z'), at('2026-12-05T01:00:00Z'), at('2026-12-10T01:00:00Z')]

  it('the default policy reminds and never holds', () => {
    expect(noShowStanding([], DEFAULT_NO_SHOW_POLICY, now)).toEqual({ remind: false, heldUntil: null })
    expect(noShowStanding(twice, DEFAULT_NO_SHOW_POLICY, now)).toEqual({ remind: true, heldUntil: null })
  })

  it('a hold, when an admin chooses it, lasts holdDays after the latest no-show in the window', () => {
    const policy = { mode: 'hold' as const, threshold: 3, windowDays: 60, holdDays: 14 }
    expect(noShowStanding(twice, policy, now).heldUntil?.toISOString()).toBe('2026-12-24T01:00:00.000Z')
    expect(noShowStanding(twice.slice(1), policy, now).heldUntil).toBeNull()
    expect(noShowStanding(twice, policy, at('2026-12-25T00:00:00Z')).heldUntil).toBeNull()
  })
})
