import { C } from './collections'
import { findAll, findById } from './docs'
import type { Ctx } from './router'

/**
 * The link from the volunteer and service features to 亮身份: when a member of a verified party-member household
 * completes a shift or runs a service session, the household's fulfilment record (践诺) gains an evidenced entry.
 * Shared code bundled into each function that calls it; it writes the household feature's collections directly.
 */
export interface PartyHouseholdDoc {
  _id: string
  buildingId: string
  areaId: string
  status: 'pending' | 'verified' | 'rejected'
}

export interface EvidencedWork {
  /** Whose work it was (their verified homes decide which households get the entry). */
  openid: string
  kind: 'shift' | 'session'
  refId: string
  /** China day of the work, 'YYYY-MM-DD'. */
  day: string
  note: string
}

export async function addEvidencedFulfilment(ctx: Ctx, work: EvidencedWork): Promise<number> {
  const homes = await findAll<{ householdId: string; buildingId: string }>(ctx, C.residencies, { openid: work.openid, status: 'verified' })
  let added = 0
  for (const home of homes) {
    const household = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, home.householdId)
    if (household?.status !== 'verified') continue
    // A deterministic id makes the hook idempotent: a retried check-out adds nothing twice.
    const _id = `auto-${work.kind}-${work.refId}-${home.householdId}`.slice(0, 120)
    try {
      await ctx.db.collection(C.fulfilments).add({
        data: { _id, householdId: home.householdId, buildingId: home.buildingId, day: work.day, note: work.note, photos: [], evidenced: true, source: { kind: work.kind, refId: work.refId }, pledgeId: null, thanks: 0, createdBy: work.openid, createdAt: ctx.now },
      })
      added++
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('duplicate'))) throw error
    }
  }
  return added
}
