import type { RoleGrant } from '@contracts/model'

/**
 * What someone may manage here, read from their roles. The server checks every action again (cloud/functions/admin
 * scope.ts, cloud/lib/auth.ts); this only decides which doors to show, so that nobody is shown a door that will refuse them.
 */
export interface Access {
  admin: boolean
  /** Buildings the person leads, by id, with the name the server gave the scope. */
  leaderBuildings: { id: string; name: string }[]
  teamLeader: boolean
  /** Any management role: the hub's "waiting for you", the dashboard and exports answer within it. */
  manager: boolean
  /** Residency approvals: admins for everything, building leaders for their buildings. */
  canReview: boolean
  canInvite: boolean
  /** Buildings, occupancy and residents: admins, and leaders for their buildings. */
  canBuildings: boolean
  /** Creating areas and buildings, CSV import, people and roles, 亮身份 verification: admins. */
  canImport: boolean
  canPeople: boolean
  canAudit: boolean
}

export function accessOf(roles: readonly RoleGrant[]): Access {
  const admin = roles.some((grant) => grant.role === 'admin')
  const leaderBuildings = roles.filter((grant) => grant.role === 'building_leader').map((grant) => ({ id: grant.scope, name: grant.scopeName }))
  const teamLeader = roles.some((grant) => grant.role === 'team_leader')
  const buildings = admin || leaderBuildings.length > 0
  return {
    admin,
    leaderBuildings,
    teamLeader,
    manager: buildings || teamLeader,
    canReview: buildings,
    canInvite: buildings,
    canBuildings: buildings,
    canImport: admin,
    canPeople: admin,
    canAudit: admin,
  }
}
