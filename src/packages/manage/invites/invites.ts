import type { InviteCode } from '@contracts/model'

/** revoked beats used up beats expired: the strongest reason a code no longer works is the one to tell. */
export type InviteStatus = 'active' | 'used_up' | 'expired' | 'revoked'

export function inviteStatus(invite: Pick<InviteCode, 'revoked' | 'uses' | 'maxUses' | 'expiresAt'>, now: Date): InviteStatus {
  if (invite.revoked) return 'revoked'
  if (invite.uses >= invite.maxUses) return 'used_up'
  return new Date(invite.expiresAt).getTime() <= now.getTime() ? 'expired' : 'active'
}

/** Two groups of four, the way a code is read aloud over the phone or at the door: "K7HM Q2WX". */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}

/** Codes that still work first, then the rest; newest expiry first within each. */
export function sortInvites(invites: readonly InviteCode[], now: Date): InviteCode[] {
  const active = (invite: InviteCode) => (inviteStatus(invite, now) === 'active' ? 0 : 1)
  return [...invites].sort((a, b) => active(a) - active(b) || b.expiresAt.localeCompare(a.expiresAt))
}

/** Preset choices, big enough to tap; the server allows 1–200 uses and 1–30 days (contracts/community.ts). */
export const USES_CHOICES = [1, 5, 10, 20, 50] as const
export const DAYS_CHOICES = [1, 3, 7, 14, 30] as const
export const DEFAULT_USES = 10
export const DEFAULT_DAYS = 7

/**
 * The household a code is for, as the building's own words say it (unit and room), read from its id
 * (`<buildingId>-<unit>-<room>`, cloud/domain/household.ts); null for a building code or an id of another shape.
 */
export function householdOf(invite: Pick<InviteCode, 'buildingId' | 'householdId'>): { unit: number; room: string } | null {
  if (!invite.householdId || !invite.householdId.startsWith(`${invite.buildingId}-`)) return null
  const match = /^(\d+)-([^-]+)$/.exec(invite.householdId.slice(invite.buildingId.length + 1))
  return match ? { unit: Number(match[1]), room: match[2] } : null
}

/** A household code is for a family: a few uses at most (MAX_HOUSEHOLD_CODE_USES on the server). */
export function usesChoicesFor(kind: 'building' | 'household', max: number): readonly number[] {
  return kind === 'household' ? USES_CHOICES.filter((n) => n <= max) : USES_CHOICES
}
