import { ACCESS_ROLES, type AccessRole, type Expected, type Outcome, type RoleOutcomes } from './define'

/**
 * Short ways to say who may call an action (the roles are described at ACCESS_ROLES in ./define). Each contract
 * states its outcomes with these next to its schema; tests/cloud/matrix.test.ts holds every handler to them.
 */

/** `base` for every role, except anonymous callers (refused by the router before any handler) and the exceptions given. */
export function roles(base: Expected, exceptions: Partial<Record<AccessRole, Expected>> = {}): RoleOutcomes {
  const out = {} as Record<AccessRole, Expected>
  for (const role of ACCESS_ROLES) out[role] = base
  return { ...out, anonymous: 'UNAUTHENTICATED', ...exceptions }
}

/** Works on the caller's own resource; someone else's is refused with `other`. */
export const ownOnly = (other: Outcome): Expected => ({ own: 'ok', other })

/** Anyone who is signed in: public reading, and actions on the caller's own account. */
export const everyone = roles('ok')

/** Anyone who agreed to the privacy summary (PIPL: nothing personal before it). */
export const consented = roles('ok', { newcomer: 'CONSENT_REQUIRED' })

export const adminOnly = roles('FORBIDDEN', { admin: 'ok' })

/**
 * Building leaders for their own building, and admins: `allowed` is what they get (an action that passes the check and
 * then refuses for another reason says so), everyone else FORBIDDEN.
 */
export function buildingManagers(allowed: Outcome = 'ok'): RoleOutcomes {
  return roles('FORBIDDEN', { buildingLeader: allowed, otherBuildingLeader: { own: allowed, other: 'FORBIDDEN' }, admin: allowed })
}

/**
 * Like buildingManagers, for a building's record named by an id (a residency, an invite code): a leader of another
 * building is told NOT_FOUND, so that nobody learns whether such an id exists (see requireManagedRecord).
 */
export function buildingRecords(allowed: Outcome = 'ok'): RoleOutcomes {
  return roles('FORBIDDEN', { buildingLeader: allowed, otherBuildingLeader: { own: allowed, other: 'NOT_FOUND' }, admin: allowed })
}

/** Team leaders for their own team, and admins, like buildingManagers. */
export function teamLeads(allowed: Outcome = 'ok'): RoleOutcomes {
  return roles('FORBIDDEN', { teamLeader: allowed, otherTeamLeader: { own: allowed, other: 'FORBIDDEN' }, admin: allowed })
}

/** What only a building's verified residents (and its leader, and admins) may see: anyone else is told NOT_VISIBLE. */
export const buildingResidents = roles(ownOnly('NOT_VISIBLE'), { newcomer: 'NOT_VISIBLE', resident: 'ok', partyMember: 'ok', buildingLeader: 'ok', admin: 'ok' })

/** A person's own record: someone else's is NOT_FOUND, never FORBIDDEN (that would say it exists). */
export const ownRecord = roles(ownOnly('NOT_FOUND'), { newcomer: 'NOT_FOUND' })
