import type { PledgeCategory } from '@contracts/household'
import { addDays, chinaDay } from '@domain/chinaTime'
import type { DisplayNameProblem, PersonalDataKind } from '@domain/household'
import type { HouseholdKey } from './messages'

/**
 * A mark beside each category's words, so a list of pledges can be scanned before it is read: typographic shapes every
 * font has, not emoji (those differ between phones and draw as empty boxes where there is no emoji font).
 */
export const CATEGORY_GLYPHS: Record<PledgeCategory, string> = {
  mutual_aid: '◆',
  environment: '▲',
  family_virtue: '■',
  volunteering: '●',
  other: '✦',
}

export function categoryKey(category: PledgeCategory): HouseholdKey {
  return `cat_${category}`
}

const ACTIONS = new Set([
  'apply',
  'verify',
  'reject',
  'unverify',
  'publish',
  'withdraw',
  'consent.withdraw',
  'profile.update',
  'pledge.add',
  'pledge.edit',
  'pledge.retire',
  'fulfilment.add',
])

/** A history entry's words; an action this version does not know yet still reads as a change. */
export function actionKey(action: string): HouseholdKey {
  return ACTIONS.has(action) ? (`action_${action}` as HouseholdKey) : 'action_other'
}

export function nameProblemKey(problem: DisplayNameProblem): HouseholdKey {
  return `problem_${problem}`
}

export function personalKey(kind: PersonalDataKind): HouseholdKey {
  return `personal_${kind}`
}

/** 'YYYY-MM-DD' of a day relative to today, in China time (the phone may be set to another zone). */
export function chinaDayFromNow(offsetDays: number, now = new Date()): string {
  return addDays(chinaDay(now), offsetDays)
}

/**
 * Taro's H5 Button renders `disabled={false}` as the attribute disabled="false", which `[disabled]` styles (ours and
 * Taro's own) read as disabled: faded, white text on white. Pass the attribute only when it is true.
 */
export function disabledIf(condition: boolean): true | undefined {
  return condition ? true : undefined
}
