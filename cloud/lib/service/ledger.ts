/**
 * Where places change hands. Each change is one transaction over the slot's counter document and the booking (and,
 * for new bookings, the household's quota document), so that under any number of simultaneous requests:
 * confirmed ≤ capacity, the household cap holds, and counters equal what the bookings say.
 * Transactions read and write single documents only (the cloud's rule); queries happen before, and every document a
 * decision rests on is re-read inside.
 */
import { AppError } from '../../contracts/envelope'
import {
  bookingCode,
  canPromote,
  cancelDeadline,
  householdAllows,
  isActive,
  placeBooking,
  promoteOne,
  releaseBooking,
  type ActiveStatus,
} from '../../domain/booking'
import { C } from '../collections'
import { findById } from '../docs'
import type { Ctx } from '../router'
import { runTransactionWithRetry } from '../transaction'
import type { Transaction } from '../../runtime/db'
import { quotaId, type BookingDoc, type QuotaDoc, type SessionDoc, type SlotDoc } from './docs'
import { sendPromotionNotice } from './notices'

/**
 * A popular slot opened to 500 households at once: contention is expected. With 20 instances on one slot a run wins about
 * one time in 7 (tests/cloudbase/burst.test.ts): 10 attempts left a quarter of 200 people with an error, 30 still some;
 * the function's time limit, not this count, is the real bound.
 */
const TX_ATTEMPTS = 100

async function txGet<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await t.collection(collection).doc(id).get()
    return (data as unknown as T | null) ?? null
  } catch (error) {
    if (error instanceof Error && /not exist|not found/i.test(error.message)) return null
    throw error
  }
}

/** Runs a transaction; a conflict that outlasts the retries becomes a CONFLICT the client may retry with the same requestId. */
async function transact<T>(ctx: Ctx, body: (t: Transaction) => Promise<T>): Promise<T> {
  try {
    return await runTransactionWithRetry(ctx.db, body, { attempts: TX_ATTEMPTS })
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Error && /conflict/i.test(error.message)) throw new AppError('CONFLICT', '预约的人太多了，请再试一次')
    throw error
  }
}

function counterOf(slot: SlotDoc) {
  return { capacity: slot.capacity, confirmed: slot.confirmed, waiting: slot.waiting, seq: slot.seq }
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
}

/**
 * Takes a place or a waitlist number. Idempotent: the same person in the same slot gets their existing booking back,
 * and a late retry of a request whose booking was cancelled since does not book again.
 */
export async function placeInSlot(ctx: Ctx, input: NewBooking): Promise<{ booking: BookingDoc; created: boolean }> {
  const { session, slot, bookingId } = input
  const quota = quotaId(session._id, input.householdId)
  const outcome = await transact(ctx, async (t) => {
    const counter = await txGet<SlotDoc>(t, C.serviceSlots, slot._id)
    if (!counter) throw new AppError('NOT_FOUND', '没有找到这个时段', 'slotId')
    const existing = await txGet<BookingDoc>(t, C.bookings, bookingId)
    if (existing && (isActive(existing.status) || (ctx.requestId !== undefined && existing.requestIds.includes(ctx.requestId)))) {
      return { booking: existing, created: false }
    }
    if (existing && existing.status !== 'cancelled') throw new AppError('CONFLICT', '这个时段的服务已经办理过了')
    const held = await txGet<QuotaDoc>(t, C.bookingQuotas, quota)
    if (!householdAllows(held?.active ?? 0, session.householdCap)) {
      throw new AppError('CONFLICT', `这一场每户最多预约 ${session.householdCap} 个名额，您家已经约满了`, 'householdCap')
    }
    const placed = placeBooking(counterOf(counter))
    const startsAt = new Date(counter.startsAt)
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
      requestIds: [...(existing?.requestIds ?? []), ...(ctx.requestId ? [ctx.requestId] : [])].slice(-5),
      subscribe: existing?.subscribe ?? { reminder: false, promotion: false },
      reminded: false,
      slotStartsAt: startsAt,
      slotEndsAt: new Date(counter.endsAt),
      cancelDeadline: cancelDeadline(startsAt, session.cancelCutoffMinutes),
      createdAt: ctx.now,
      promotedAt: null,
      cancelledAt: null,
      cancelReason: null,
      checkedInAt: null,
      checkedInBy: null,
    }
    await t.collection(C.serviceSlots).doc(slot._id).update({ data: { confirmed: placed.next.confirmed, waiting: placed.next.waiting, seq: placed.next.seq } })
    await t.collection(C.bookingQuotas).doc(quota).set({ data: { sessionId: session._id, householdId: input.householdId, active: (held?.active ?? 0) + 1 } })
    await t.collection(C.bookings).doc(bookingId).set({ data: strip(booking) })
    return { booking, created: true }
  })
  // A newcomer queued behind people already waiting for a freed place: hand that place on now.
  if (outcome.created) await fillSlot(ctx, slot._id)
  return outcome
}

/** Cancels an active booking and gives its place back; returns the booking as it is afterwards. */
export async function releasePlace(ctx: Ctx, bookingId: string, reason: 'self' | 'manager' | 'session'): Promise<BookingDoc> {
  const result = await transact(ctx, async (t) => {
    const booking = await txGet<BookingDoc>(t, C.bookings, bookingId)
    if (!booking) throw new AppError('NOT_FOUND', '没有找到这条预约', 'bookingId')
    if (!isActive(booking.status)) return { booking, freed: false }
    const slot = await txGet<SlotDoc>(t, C.serviceSlots, booking.slotId)
    const quota = await txGet<QuotaDoc>(t, C.bookingQuotas, quotaId(booking.sessionId, booking.householdId))
    if (slot) {
      const next = releaseBooking(counterOf(slot), booking.status as ActiveStatus)
      await t.collection(C.serviceSlots).doc(slot._id).update({ data: { confirmed: next.confirmed, waiting: next.waiting } })
    }
    if (quota) await t.collection(C.bookingQuotas).doc(quota._id).update({ data: { active: Math.max(0, quota.active - 1) } })
    const changes = { status: 'cancelled' as const, cancelledAt: ctx.now, cancelReason: reason }
    await t.collection(C.bookings).doc(bookingId).update({ data: changes })
    return { booking: { ...booking, ...changes }, freed: booking.status === 'confirmed' }
  })
  return result.booking
}

/**
 * Hands free places to the waitlist, first come first served, one transaction per promotion, until the slot is full
 * or nobody waits. Safe to call any time and from several requests at once; each promoted person is told.
 */
export async function fillSlot(ctx: Ctx, slotId: string): Promise<BookingDoc[]> {
  const promoted: BookingDoc[] = []
  for (let round = 0; round < 200; round++) {
    const slot = await findById<SlotDoc>(ctx, C.serviceSlots, slotId)
    if (!slot || !canPromote(counterOf(slot))) break
    const { data } = await ctx.db.collection(C.bookings).where({ slotId, status: 'waitlisted' }).orderBy('seq', 'asc').limit(5).get()
    const candidates = data as unknown as BookingDoc[]
    if (candidates.length === 0) break
    const outcome = await transact(ctx, async (t) => {
      const counter = await txGet<SlotDoc>(t, C.serviceSlots, slotId)
      if (!counter || !canPromote(counterOf(counter))) return 'done' as const
      // Candidates came in waitlist order; one that left the waitlist meanwhile is skipped, and nobody newer can be
      // ahead of the rest (numbers only grow).
      for (const candidate of candidates) {
        const current = await txGet<BookingDoc>(t, C.bookings, candidate._id)
        if (current?.status !== 'waitlisted') continue
        const next = promoteOne(counterOf(counter))
        await t.collection(C.serviceSlots).doc(slotId).update({ data: { confirmed: next.confirmed, waiting: next.waiting } })
        await t.collection(C.bookings).doc(current._id).update({ data: { status: 'confirmed', promotedAt: ctx.now } })
        return { ...current, status: 'confirmed' as const, promotedAt: ctx.now }
      }
      return 'again' as const
    })
    if (outcome === 'done') break
    if (outcome === 'again') continue
    promoted.push(outcome)
    await sendPromotionNotice(ctx, outcome)
  }
  return promoted
}
