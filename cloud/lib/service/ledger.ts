/**
 * Where places change hands — without transactions. In the cloud, transactions that write the same document conflict
 * at the write and the loser starts over; 200 people opening one slot at 08:00 made a storm of them that ran past the
 * function's time limit (tests/cloudbase/burst.test.ts). Every change here is instead a single-document conditional
 * update (`where({ _id, <guard> }).update`), which the database applies atomically and one at a time: it never
 * conflicts, and `stats.updated` says whether the guard held.
 *
 * The slot document is the ledger of its places. Besides the counters (capacity, confirmed, waiting, seq) it holds
 * - `tickets`: every booking round ever taken here, in order (append-only): a ticket's position gives its booking
 *   number (`seq`, the waitlist order and the code), and a ticket already there makes a retry change nothing;
 * - `placed`: the tickets holding a place (confirmed, attended, no-show), `confirmed` = its length, ≤ capacity;
 * - `queue`: the tickets waiting, in booking order, `waiting` = its length.
 * A ticket is a digest of `<bookingId>#<round>` (round 1, 2 … as a person books the same slot again after cancelling):
 * a retry computes the same one, and the slot names nobody (a booking id holds an openid; account deletion removes the
 * booking, and what stays in the slot no longer leads to the person). The booking stores its ticket. The
 * household's quota document holds the tickets counted against the cap the same way. Every update moves a ticket and
 * its counter together, guarded by the ticket being (or not being) where it is expected: each is idempotent, so a
 * retry after a lost answer or a killed instance finishes the work without counting twice.
 *
 * The booking document follows the ledger: it is written after the places are taken, and a mismatch left by a killed
 * instance (placed but still marked waiting, cancelled but still holding a place) is healed by the next `fillSlot` or
 * by the retry of the request that left it. Invariants: confirmed ≤ capacity; counters = the arrays = the bookings;
 * one booking per person per slot (its id); the household cap; the waitlist promoted in booking order.
 */
import { AppError } from '../../contracts/envelope'
import { bookingCode, cancelDeadline, isActive, type ActiveStatus } from '../../domain/booking'
import { C } from '../collections'
import { findAll, findById } from '../docs'
import type { Ctx } from '../router'
import { isDuplicateKey } from '../transaction'
import { quotaId, ticketFor, ticketOf, type BookingDoc, type QuotaDoc, type SessionDoc, type SlotDoc } from './docs'
import { sendPromotionNotice } from './notices'

type Ledger = SlotDoc & { placed: string[]; queue: string[]; tickets: string[] }

const roundOf = (booking: Pick<BookingDoc, 'round'>): number => booking.round ?? 1
const HOLDING = ['confirmed', 'attended', 'no_show']

/** A conditional update; answers how many documents it changed (0 or 1). ctx.db waits out the quota (cloud/lib/patience.ts). */
async function guarded(ctx: Ctx, collection: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  const { stats } = await ctx.db.collection(collection).where(where).update({ data })
  return stats.updated
}

/** Bookings from before the ledger get their round-1 ticket written, so a ticket always leads to its booking. */
async function giveTickets(ctx: Ctx, bookings: BookingDoc[]): Promise<void> {
  const _ = ctx.db.command
  for (const booking of bookings) {
    if (!booking.ticket) await guarded(ctx, C.bookings, { _id: booking._id, ticket: _.exists(false) }, { ticket: ticketOf(booking), round: 1 })
  }
}

/**
 * The slot's ledger. A slot written before the ledger existed (no arrays) gets them from its bookings first, once: the
 * guard `placed: exists(false)` lets only one writer do it, and nothing changes such a slot before it is done.
 */
const isLedger = (slot: SlotDoc): slot is Ledger => Array.isArray(slot.placed) && Array.isArray(slot.queue) && Array.isArray(slot.tickets)

async function readLedger(ctx: Ctx, slotId: string): Promise<Ledger | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const slot = await findById<SlotDoc>(ctx, C.serviceSlots, slotId)
    if (!slot) return null
    if (isLedger(slot)) return slot
    const _ = ctx.db.command
    const bookings = await findAll<BookingDoc>(ctx, C.bookings, { slotId, status: _.in([...HOLDING, 'waitlisted']) })
    await giveTickets(ctx, bookings)
    const placed = bookings.filter((booking) => booking.status !== 'waitlisted').map(ticketOf)
    const queue = bookings.filter((booking) => booking.status === 'waitlisted').sort((a, b) => a.seq - b.seq).map(ticketOf)
    await guarded(ctx, C.serviceSlots, { _id: slotId, placed: _.exists(false) }, { placed: _.set(placed), queue: _.set(queue), tickets: _.set([]), confirmed: placed.length, waiting: queue.length })
  }
  throw new Error(`the ledger of slot ${slotId} could not be read`)
}

/** The household's quota document with its tickets (created, or given tickets from the bookings, on first use). */
async function readQuota(ctx: Ctx, sessionId: string, householdId: string, create: boolean): Promise<(QuotaDoc & { tickets: string[] }) | null> {
  const id = quotaId(sessionId, householdId)
  for (let attempt = 0; attempt < 3; attempt++) {
    const quota = await findById<QuotaDoc>(ctx, C.bookingQuotas, id)
    if (quota && Array.isArray(quota.tickets)) return quota as QuotaDoc & { tickets: string[] }
    const _ = ctx.db.command
    if (!quota) {
      if (!create) return null
      const fresh = { _id: id, sessionId, householdId, active: 0, tickets: [] as string[] }
      try {
        await ctx.db.collection(C.bookingQuotas).add({ data: fresh })
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        continue
      }
      // Written by this call as it stands: no need to read it back.
      return fresh
    }
    const bookings = await findAll<BookingDoc>(ctx, C.bookings, { sessionId, householdId, status: _.neq('cancelled') })
    await giveTickets(ctx, bookings)
    const tickets = bookings.map(ticketOf)
    await guarded(ctx, C.bookingQuotas, { _id: id, tickets: _.exists(false) }, { tickets: _.set(tickets), active: tickets.length })
  }
  throw new Error(`the quota ${id} could not be read`)
}

/** Counts a ticket against the household's cap, or refuses (before anything else is written). */
async function claimQuota(ctx: Ctx, session: SessionDoc, householdId: string, ticket: string): Promise<void> {
  const _ = ctx.db.command
  const id = quotaId(session._id, householdId)
  // The household's first booking in this session: its quota document is written with the ticket counted, in one
  // request (the cap is at least 1). If it exists already (another booking of the household, a retry), as before.
  if (session.householdCap >= 1) {
    try {
      await ctx.db.collection(C.bookingQuotas).add({ data: { _id: id, sessionId: session._id, householdId, active: 1, tickets: [ticket] } })
      return
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }
  const quota = await readQuota(ctx, session._id, householdId, true)
  if (quota?.tickets.includes(ticket)) return
  if (await guarded(ctx, C.bookingQuotas, { _id: id, active: _.lt(session.householdCap), tickets: _.neq(ticket) }, { active: _.inc(1), tickets: _.push(ticket) })) return
  // The guard failed: either a retry finds its ticket counted already, or the household is at its cap.
  if ((await readQuota(ctx, session._id, householdId, false))?.tickets.includes(ticket)) return
  throw new AppError('CONFLICT', `这一场每户最多预约 ${session.householdCap} 个名额，您家已经约满了`, 'householdCap')
}

/** A place if one is free and nobody waits, else the end of the waitlist: one conditional update each. */
async function takeTicket(ctx: Ctx, slotId: string, ticket: string, read?: SlotDoc): Promise<{ status: ActiveStatus; seq: number; ledger: Ledger }> {
  // The slot as this call read it already will do for the first look: every update below is guarded by the database.
  let ledger = read && isLedger(read) ? read : await readLedger(ctx, slotId)
  if (!ledger) throw new AppError('NOT_FOUND', '没有找到这个时段', 'slotId')
  if (!ledger.tickets.includes(ticket)) {
    const _ = ctx.db.command
    const placed = await guarded(
      ctx,
      C.serviceSlots,
      { _id: slotId, confirmed: _.lt(ledger.capacity), waiting: 0, tickets: _.neq(ticket) },
      { confirmed: _.inc(1), seq: _.inc(1), tickets: _.push(ticket), placed: _.push(ticket) },
    )
    if (!placed) await guarded(ctx, C.serviceSlots, { _id: slotId, tickets: _.neq(ticket) }, { waiting: _.inc(1), seq: _.inc(1), tickets: _.push(ticket), queue: _.push(ticket) })
    ledger = await readLedger(ctx, slotId)
    if (!ledger) throw new AppError('NOT_FOUND', '没有找到这个时段', 'slotId')
  }
  const index = ledger.tickets.indexOf(ticket)
  if (index < 0 || (!ledger.placed.includes(ticket) && !ledger.queue.includes(ticket))) throw new Error(`ticket ${ticket} is not held in slot ${slotId}`)
  // `seq` and `tickets` grow together; a slot that had bookings before its ledger started from its old seq.
  const seq = ledger.seq - ledger.tickets.length + index + 1
  return { status: ledger.placed.includes(ticket) ? 'confirmed' : 'waitlisted', seq, ledger }
}

/** Gives back what a cancelled booking's ticket holds (a place or a waitlist spot, and the household's count). Idempotent. */
export async function settleCancelled(ctx: Ctx, booking: BookingDoc): Promise<void> {
  if (booking.status !== 'cancelled') return
  const _ = ctx.db.command
  const ticket = ticketOf(booking)
  if (await readLedger(ctx, booking.slotId)) {
    // The queue first, then the places: a promotion moving the ticket between the two is caught by the second.
    await guarded(ctx, C.serviceSlots, { _id: booking.slotId, queue: ticket }, { waiting: _.inc(-1), queue: _.pull(ticket) })
    await guarded(ctx, C.serviceSlots, { _id: booking.slotId, placed: ticket }, { confirmed: _.inc(-1), placed: _.pull(ticket) })
  }
  const quota = await readQuota(ctx, booking.sessionId, booking.householdId, false)
  if (quota?.tickets.includes(ticket)) await guarded(ctx, C.bookingQuotas, { _id: quota._id, tickets: ticket }, { active: _.inc(-1), tickets: _.pull(ticket) })
}

function strip<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc
  return rest
}

export interface NewBooking {
  session: SessionDoc
  slot: SlotDoc
  bookingId: string
  openid: string | null
  householdId: string
  unit: number
  room: string
  proxy: { name: string; by: string } | null
  /** The booking document as this call read it already (null: none), so it is not read again. */
  existing?: BookingDoc | null
}

/**
 * Takes a place or a waitlist number. Idempotent: the same person in the same slot gets their existing booking back,
 * a late retry of a request whose booking was cancelled since does not book again, and a retry after a killed
 * instance takes the same ticket, so it finishes the booking instead of taking a second place.
 */
export async function placeInSlot(ctx: Ctx, input: NewBooking): Promise<{ booking: BookingDoc; created: boolean; seen?: SlotDoc }> {
  const { session, slot, bookingId } = input
  const existing = input.existing !== undefined ? input.existing : await findById<BookingDoc>(ctx, C.bookings, bookingId)
  if (existing && (isActive(existing.status) || (ctx.requestId !== undefined && existing.requestIds.includes(ctx.requestId)))) {
    return { booking: existing, created: false }
  }
  if (existing && existing.status !== 'cancelled') throw new AppError('CONFLICT', '这个时段的服务已经办理过了')
  // The previous round gave everything back (a cancellation killed half-way is finished here).
  if (existing) await settleCancelled(ctx, existing)
  const round = existing ? roundOf(existing) + 1 : 1
  const ticket = ticketFor(bookingId, round)
  await claimQuota(ctx, session, input.householdId, ticket)
  const placed = await takeTicket(ctx, slot._id, ticket, slot)
  const startsAt = new Date(slot.startsAt)
  const booking: BookingDoc = {
    _id: bookingId,
    sessionId: session._id,
    slotId: slot._id,
    slotIndex: slot.index,
    openid: input.openid,
    householdId: input.householdId,
    unit: input.unit,
    room: input.room,
    proxy: input.proxy,
    status: placed.status,
    seq: placed.seq,
    code: bookingCode(slot.index, placed.seq),
    ticket,
    round,
    requestIds: [...(existing?.requestIds ?? []), ...(ctx.requestId ? [ctx.requestId] : [])].slice(-5),
    subscribe: existing?.subscribe ?? { reminder: false, promotion: false },
    reminded: false,
    slotStartsAt: startsAt,
    slotEndsAt: new Date(slot.endsAt),
    cancelDeadline: cancelDeadline(startsAt, session.cancelCutoffMinutes),
    createdAt: ctx.now,
    promotedAt: null,
    cancelledAt: null,
    cancelReason: null,
    checkedInAt: null,
    checkedInBy: null,
  }
  await ctx.db.collection(C.bookings).doc(bookingId).set({ data: strip(booking) })
  // A newcomer queued behind people already waiting for a freed place: hand that place on now (and heal the booking
  // if a promotion reached its ticket before it was written). A booking placed in a free place needs no healing of its
  // own, so the ledger read after its ticket will do for the first look; a waiting one needs the ledger as it is now.
  const seen: FillSeen = {}
  await fillSlot(ctx, slot._id, placed.status === 'confirmed' ? placed.ledger : undefined, seen)
  // The fill read the ledger after the booking was written and changed nothing: if the ticket still waited then, the
  // booking is as written and its place in line is in that ledger (`seen`), with nothing to read again.
  if (placed.status === 'waitlisted' && seen.quiet && seen.quiet.queue.includes(ticket)) return { booking, created: true, seen: seen.quiet }
  return { booking, created: true }
}

/** Cancels an active booking and gives its place back; returns the booking as it is afterwards. */
export async function releasePlace(ctx: Ctx, bookingId: string, reason: 'self' | 'manager' | 'session'): Promise<BookingDoc> {
  const booking = await findById<BookingDoc>(ctx, C.bookings, bookingId)
  if (!booking) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
  let after = booking
  if (isActive(booking.status)) {
    const changes = { status: 'cancelled' as const, cancelledAt: ctx.now, cancelReason: reason }
    const _ = ctx.db.command
    const changed = await guarded(ctx, C.bookings, { _id: bookingId, status: _.in(['confirmed', 'waitlisted']) }, changes)
    after = changed ? { ...booking, ...changes } : ((await findById<BookingDoc>(ctx, C.bookings, bookingId)) ?? booking)
  }
  await settleCancelled(ctx, after)
  return after
}

/** The booking that holds a ticket, if its document has been written. */
async function bookingWith(ctx: Ctx, slotId: string, ticket: string): Promise<BookingDoc | null> {
  const { data } = await ctx.db.collection(C.bookings).where({ slotId, ticket }).limit(1).get()
  return (data[0] as unknown as BookingDoc | undefined) ?? null
}

/** The booking behind a promoted ticket moves to confirmed; answers it when this call moved it (and so tells the person). */
async function confirmPromoted(ctx: Ctx, slotId: string, ticket: string): Promise<BookingDoc | null> {
  const booking = await bookingWith(ctx, slotId, ticket)
  // Not written yet: the request placing it reads the ledger after this and writes it as it finds it.
  if (!booking) return null
  if (await guarded(ctx, C.bookings, { _id: booking._id, ticket, status: 'waitlisted' }, { status: 'confirmed', promotedAt: ctx.now })) {
    return { ...booking, status: 'confirmed', promotedAt: ctx.now }
  }
  // Cancelled while the place was handed to it: the place goes back.
  const latest = await findById<BookingDoc>(ctx, C.bookings, booking._id)
  if (latest?.status === 'cancelled' && ticketOf(latest) === ticket) await settleCancelled(ctx, latest)
  return null
}

/** Bookings whose ticket holds a place but whose document says otherwise (an instance killed between the two writes). */
async function heal(ctx: Ctx, ledger: Ledger): Promise<BookingDoc[] & { odd?: number }> {
  if (ledger.placed.length === 0) return []
  const _ = ctx.db.command
  const odd = await findAll<BookingDoc>(ctx, C.bookings, { slotId: ledger._id, status: _.in(['waitlisted', 'cancelled']), ticket: _.in(ledger.placed) })
  const promoted: BookingDoc[] & { odd?: number } = []
  promoted.odd = odd.length
  for (const doc of odd) {
    if (doc.status === 'cancelled') {
      await settleCancelled(ctx, doc)
      continue
    }
    const done = await confirmPromoted(ctx, ledger._id, ticketOf(doc))
    if (done) promoted.push(done)
  }
  return promoted
}

/**
 * Hands free places to the waitlist, first come first served, one conditional update per promotion, until the slot is
 * full or nobody waits. Safe to call any time and from several requests at once: each ticket is promoted once, and the
 * person whose booking this call promoted is told.
 */
/** What a fill saw: `quiet`, the ledger it read itself when it then changed nothing at all. */
export interface FillSeen {
  quiet?: Ledger
}

export async function fillSlot(ctx: Ctx, slotId: string, read?: Ledger, seen?: FillSeen): Promise<BookingDoc[]> {
  const promoted: BookingDoc[] = []
  const _ = ctx.db.command
  for (let round = 0; round < 200; round++) {
    const ledger = round === 0 && read ? read : await readLedger(ctx, slotId)
    if (!ledger) break
    let healed = 0
    if (round === 0) {
      const found = await heal(ctx, ledger)
      healed = found.odd ?? 0
      for (const booking of found) {
        promoted.push(booking)
        await sendPromotionNotice(ctx, booking)
      }
    }
    if (ledger.confirmed >= ledger.capacity || ledger.queue.length === 0) {
      if (seen && round === 0 && !read && healed === 0) seen.quiet = ledger
      break
    }
    const first = ledger.queue[0]
    // Only the first in line, and only while a place is free: of simultaneous callers exactly one moves it.
    const moved = await guarded(ctx, C.serviceSlots, { _id: slotId, queue: first, confirmed: _.lt(ledger.capacity) }, { confirmed: _.inc(1), waiting: _.inc(-1), queue: _.pull(first), placed: _.push(first) })
    if (!moved) continue
    const booking = await confirmPromoted(ctx, slotId, first)
    if (!booking) continue
    promoted.push(booking)
    await sendPromotionNotice(ctx, booking)
  }
  return promoted
}
