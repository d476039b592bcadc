/** Collection names, one place. The cloud database's access rules (cloud/database-rules.json) deny clients all of them. */
export const C = {
  users: 'users',
  consents: 'consents',
  roles: 'roles',
  areas: 'areas',
  buildings: 'buildings',
  households: 'households',
  residencies: 'residencies',
  invites: 'invites',
  inviteAttempts: 'invite_attempts',
  audit: 'audit_log',
  services: 'services',
  teams: 'teams',
  partyHouseholds: 'party_households',
  fulfilments: 'fulfilments',
} as const
