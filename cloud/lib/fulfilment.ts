import { C } from './collections'
import { findAll, findById } from './docs'
import type { FulfilmentDoc, PartyHouseholdDoc } from './household'
import type { Ctx } from './router'
import { isDuplicateKey } from './transaction'

/**
 * The link from the volunteer and service features to 亮身份: when a member of a verified party-member household
 * completes a shift or runs a service session, the household's fulfilment record (践诺) gains an evidenced entry.
 * Shared code bundled into each function that calls it; it writes the household feature's collections directly.
 */
export type { PartyHouseholdDoc }

export interface EvidencedWork {
  /** Whose work it was (their verified homes decide which households get the entry). */
  openid: string
  kind: 'shift' | 'session'
  refId: string
  /** China day of the work, 'YYYY-MM-DD'. */
  day: string
  note: string
}

/** The id of the automatic entry for one piece of work in one household: the same work never counts twice. */
export function evidencedEntryId(work: Pick<EvidencedWork, 'kind' | 'refId'>, householdId: string): string {
  return `auto-${work.kind}-${work.refId}-${householdId}`.slice(0, 120)
}

/**
 * Adds the entry to every verified party-member household the person lives in, whether or not it is published right
 * now (the record is the household's; publishing decides only who sees it). Returns how many entries were added.
 */
export async function addEvidencedFulfilment(ctx: Ctx, work: EvidencedWork): Promise<number> {
  const homes = await findAll<{ householdId: string; buildingId: string }>(ctx, C.residencies, { openid: work.openid, status: 'verified' })
  let added = 0
  for (const home of homes) {
    const household = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, home.householdId)
    if (household?.status !== 'verified') continue
    // A deterministic id makes the hook idempotent: a retried check-out adds nothing twice.
    const entry: FulfilmentDoc = {
      _id: evidencedEntryId(work, home.householdId),
      householdId: home.householdId,
      buildingId: home.buildingId,
      day: work.day,
      note: work.note.slice(0, 140),
      photos: [],
      evidenced: true,
      source: { kind: work.kind, refId: work.refId },
      pledgeId: null,
      thanks: 0,
      createdBy: work.openid,
      createdAt: ctx.now,
    }
    try {
      await ctx.db.collection(C.fulfilments).add({ data: entry })
      added++
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }
  return added
}
