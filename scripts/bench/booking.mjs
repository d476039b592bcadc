// Booking through the local runtime's HTTP interface at 50 concurrent clients: 200 verified residents each book a
// place in each of ten slots (2,000 bookings, mostly waitlisted once the 20 places of a slot are gone), as the H5 app does.
// Every call is a transaction over the slot's counter; this measures what a popular session's opening feels like.
import { startRuntime } from '../../tests/e2e/harness.mjs'
import { load } from './runtime.mjs'

const PEOPLE = 200
const SLOTS = 10

function chinaDay(offsetDays) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
}

async function must(rt, openid, fn, action, input) {
  const result = await rt.call(openid, fn, action, input)
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(result.error)}`)
  return result.data
}

export default async function booking() {
  const rt = await startRuntime()
  try {
    const people = Array.from({ length: PEOPLE }, (_, i) => `bench-${String(i + 1).padStart(3, '0')}`)
    const invite = await must(rt, 'demo-admin', 'community', 'invite.issue', { buildingId: 'bsw-2', maxUses: PEOPLE })
    const rooms = []
    for (let floor = 1; rooms.length < PEOPLE; floor++) for (let pos = 1; pos <= 8; pos++) if (`${floor}0${pos}` !== '2105') rooms.push(`${floor}0${pos}`)
    for (let i = 0; i < PEOPLE; i += 25) {
      await Promise.all(
        people.slice(i, i + 25).map(async (openid, j) => {
          await must(rt, openid, 'account', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
          const joined = await must(rt, openid, 'community', 'residency.join', { householdId: `bsw-2-1-${rooms[i + j]}`, code: invite.code })
          // A room the seed's party-member household lives in: its member lets the newcomer in (issue 20).
          if (joined.status === 'pending') await must(rt, `seed-bsw-2-1-${rooms[i + j]}`, 'community', 'residency.decide', { residencyId: joined.id, approve: true })
        }),
      )
    }
    const create = (day, slotCount) =>
      must(rt, 'demo-admin', 'service', 'session.create', {
        typeId: 'blood-pressure',
        scope: { kind: 'building', id: 'bsw-2' },
        place: '2号楼 一楼大厅',
        day,
        slots: Array.from({ length: slotCount }, (_, i) => ({ start: `${String(8 + i).padStart(2, '0')}:00`, end: `${String(8 + i).padStart(2, '0')}:30` })),
        capacity: 20,
        householdCap: Math.max(1, slotCount),
      })
    // A first session warms the runtime up; the measured one has ten slots, and each resident books every slot.
    const [warm] = await create(chinaDay(2), 1)
    const [measured] = await create(chinaDay(3), SLOTS)
    const slots = [`${warm.id}-1`, ...Array.from({ length: SLOTS }, (_, i) => `${measured.id}-${i + 1}`)]
    const bookAt = (offset) => (_client, index) =>
      rt.call(people[index % PEOPLE], 'service', 'booking.create', { slotId: slots[offset + Math.floor(index / PEOPLE)] }, `bench-${offset}-${index}`)
    await load(bookAt(0), { clients: 10, total: PEOPLE })
    const fifty = await load(bookAt(1), { clients: 50, total: PEOPLE * SLOTS })
    const roster = await must(rt, 'demo-admin', 'service', 'roster.get', { sessionId: measured.id })
    for (const { slot } of roster.slots) {
      if (slot.confirmed !== 20 || slot.waiting !== PEOPLE - 20) throw new Error(`oversold or lost bookings: ${slot.confirmed} confirmed, ${slot.waiting} waiting`)
    }
    return {
      'booking p50, 50 clients': { value: fifty.p50, unit: 'ms' },
      'booking p99, 50 clients': { value: fifty.p99, unit: 'ms', budget: 'bookingP99Ms50' },
      'booking throughput, 50 clients': { value: fifty.throughput, unit: 'bookings/s' },
    }
  } finally {
    await rt.stop()
  }
}
