import { C } from '../../cloud/lib/collections'
import { addDays, chinaDay } from '../../cloud/domain/time'
import { HISTORY_DAYS } from '../../cloud/runtime/seed-time'
import { documents, freshCommunity } from './harness'

/**
 * The demo community is written relative to the clock it is seeded at: no fixed date stays in the data, and what the
 * data says happened, happened before that clock. Seeded at the test's clock (the real one, or the clock matrix's)
 * and at two chosen instants far from any date someone might have typed into the seed.
 */
const DAY_MS = 86_400_000
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Fields that record when something happened: none may lie after the clock the seed ran at. */
const HAPPENED = new Set(['createdAt', 'updatedAt', 'requestedAt', 'decidedAt', 'grantedAt', 'at', 'takenAt', 'checkedInAt', 'checkInAt', 'checkOutAt', 'confirmedAt', 'recordedAt', 'promotedAt', 'cancelledAt', 'appliedAt', 'thankedAt', 'publishedAt', 'ageHealthConfirmedAt'])

interface Found {
  where: string
  key: string
  value: Date | string
}

function datesIn(value: unknown, where: string, key = '', out: Found[] = []): Found[] {
  if (value instanceof Date) out.push({ where, key, value })
  else if (typeof value === 'string' && DAY.test(value)) out.push({ where, key, value })
  else if (Array.isArray(value)) value.forEach((item, index) => datesIn(item, `${where}[${index}]`, key, out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) datesIn(v, `${where}.${k}`, k, out)
  return out
}

async function seededAt(now: Date) {
  // Seeded through the real SDK at `now` (a seed of the same China day within ten minutes is put back instead).
  await freshCommunity(now)
  const docs = Object.values(C).flatMap((collection) => documents(collection).map((doc) => ({ collection, doc })))
  return { docs, dates: docs.flatMap(({ collection, doc }) => datesIn(doc, `${collection}/${String(doc._id)}`)) }
}

const clocks: [string, () => Date][] = [
  ['the test clock', () => new Date()],
  ['2031-06-15 23:59 China', () => new Date('2031-06-15T15:59:00Z')],
  ['2024-02-29 00:00 China', () => new Date('2024-02-28T16:00:00Z')],
]

describe.each(clocks)('the demo seed at %s', (_, clock) => {
  it('holds no date outside the community history around the clock', async () => {
    const now = clock()
    const { dates } = await seededAt(now)
    expect(dates.length).toBeGreaterThan(100)
    const first = now.getTime() - (HISTORY_DAYS + 1) * DAY_MS
    const last = now.getTime() + 400 * DAY_MS
    // A policy version is named by the day it was written (POLICY_VERSIONS), not a date in the community's history.
    const outside = dates.filter(({ key, value }) => {
      const time = value instanceof Date ? value.getTime() : Date.parse(`${value}T12:00:00+08:00`)
      return key !== 'version' && (time < first || time > last)
    })
    expect(outside).toEqual([])
  })

  it('records nothing as having happened after the clock', async () => {
    const now = clock()
    const { dates } = await seededAt(now)
    const future = dates.filter(({ key, value }) => HAPPENED.has(key) && value instanceof Date && value.getTime() > now.getTime())
    expect(future).toEqual([])
  })

  it('books past sessions before they took place, by people who had joined by then', async () => {
    const now = clock()
    const { docs } = await seededAt(now)
    const joined = new Map(docs.filter(({ collection }) => collection === C.users).map(({ doc }) => [String(doc._id), (doc.createdAt as Date).getTime()]))
    const bookings = docs.filter(({ collection }) => collection === C.bookings).map(({ doc }) => doc)
    expect(bookings.length).toBeGreaterThan(10)
    for (const booking of bookings) {
      const created = (booking.createdAt as Date).getTime()
      if ((booking.slotStartsAt as Date).getTime() < now.getTime()) expect(created).toBeLessThan((booking.slotStartsAt as Date).getTime())
      if (booking.openid) expect(joined.get(String(booking.openid))).toBeLessThanOrEqual(created)
    }
  })

  it('puts past services in the past and the day\'s services ahead of the clock', async () => {
    const now = clock()
    const today = chinaDay(now)
    const { docs } = await seededAt(now)
    const sessions = new Map(docs.filter(({ collection }) => collection === C.serviceSessions).map(({ doc }) => [String(doc._id), doc]))
    for (const id of ['seed-bp-past-1', 'seed-bp-past-2', 'seed-bp-past-3', 'seed-bp-past-4']) expect(String(sessions.get(id)?.day) < today).toBe(true)
    const soon = sessions.get('seed-bp-today')
    expect([today, addDays(today, 1)]).toContain(soon?.day)
    expect((soon?.startsAt as Date).getTime()).toBeGreaterThan(now.getTime())
    expect(String(sessions.get('seed-knife')?.day) > today).toBe(true)
  })
})
