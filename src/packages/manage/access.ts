import type { RoleGrant } from '@contracts/model'

/**
 * What someone may manage here, read from their roles. The server checks every action again (auth.ts); this only
 * decides which doors to show, so that nobody is shown a door that will refuse them.
 */
export interface Access {
  admin: boolean
  /** Buildings the person leads, by id, with the name the server gave the scope. */
  leaderBuildings: { id: string; name: string }[]
  teamLeader: boolean
  /** Residency approvals: admins for everything, building leaders for their buildings. */
  canReview: boolean
  canInvite: boolean
  canAudit: boolean
}

export function accessOf(roles: readonly RoleGrant[]): Access {
  const admin = roles.some((grant) => grant.role === 'admin')
  const leaderBuildings = roles.filter((grant) => grant.role === 'building_leader').map((grant) => ({ id: grant.scope, name: grant.scopeName }))
  const manager = admin || leaderBuildings.length > 0
  return {
    admin,
    leaderBuildings,
    teamLeader: roles.some((grant) => grant.role === 'team_leader'),
    canReview: manager,
    canInvite: manager,
    canAudit: admin,
  }
}
