import type { MyHousehold, Pledge } from '@contracts/household'
import { MAX_ACTIVE_PLEDGES } from '@domain/household'

/** Homes that can apply: verified homes with no application yet, or one that was refused. */
export function applicable(homes: MyHousehold[]): MyHousehold[] {
  return homes.filter((home) => home.party === null || home.party.status === 'rejected')
}

export type PublishStep = 'withdraw' | 'publish' | 'consent'

/**
 * What the household's one big button does now: withdraw while shown; publish when this member has consented;
 * otherwise ask for the separate consent first (and publish right after it, as the person asked). A household that is
 * published but hidden (its publisher withdrew consent or moved out) is offered publishing again, under this member.
 */
export function publishStep(party: Pick<NonNullable<MyHousehold['party']>, 'shown' | 'consent'>): PublishStep {
  if (party.shown) return 'withdraw'
  return party.consent ? 'publish' : 'consent'
}

export function activePledges(pledges: Pledge[]): Pledge[] {
  return pledges.filter((pledge) => pledge.status === 'active')
}

export function canAddPledge(pledges: Pledge[]): boolean {
  return activePledges(pledges).length < MAX_ACTIVE_PLEDGES
}

/** Replaces one home in the list with the fresh copy an action returned. */
export function replaceHome(homes: MyHousehold[], next: MyHousehold): MyHousehold[] {
  return homes.map((home) => (home.householdId === next.householdId ? next : home))
}
