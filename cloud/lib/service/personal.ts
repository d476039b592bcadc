import { isActive } from '../../domain/booking'
import { C } from '../collections'
import { findAll } from '../docs'
import type { Ctx } from '../router'
import type { BookingDoc } from './docs'
import { fillSlot, releasePlace } from './ledger'

/** A person's own bookings and health readings, for 我的数据 (PIPL Art. 45). */
export async function serviceDataOf(ctx: Ctx, openid: string): Promise<Record<string, unknown[]>> {
  return {
    [C.bookings]: await findAll<Record<string, unknown>>(ctx, C.bookings, { openid }),
    [C.healthReadings]: await findAll<Record<string, unknown>>(ctx, C.healthReadings, { openid }),
  }
}

/**
 * Account deletion: places the person still holds go back through the ledger (so counters stay right and the
 * waitlist moves up), then their bookings and every health reading are removed. Nothing here needs keeping.
 */
export async function forgetServiceData(ctx: Ctx, openid: string): Promise<{ removed: Record<string, number>; promoted: number }> {
  const bookings = await findAll<BookingDoc>(ctx, C.bookings, { openid })
  let promoted = 0
  for (const booking of bookings.filter((item) => isActive(item.status))) {
    const released = await releasePlace(ctx, booking._id, 'self')
    if (released.status === 'cancelled') promoted += (await fillSlot(ctx, booking.slotId)).length
  }
  const removedBookings = await ctx.db.collection(C.bookings).where({ openid }).remove()
  const removedReadings = await ctx.db.collection(C.healthReadings).where({ openid }).remove()
  return { removed: { [C.bookings]: removedBookings.stats.removed, [C.healthReadings]: removedReadings.stats.removed }, promoted }
}
