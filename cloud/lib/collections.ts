/** Collection names, one place. The cloud database's access rules (cloud/database-rules.json) deny clients all of them. */
export const C = {
  users: 'users',
  consents: 'consents',
  roles: 'roles',
  areas: 'areas',
  buildings: 'buildings',
  /** One per CSV import of buildings: what it wrote, so a failed import can be taken back completely. */
  buildingImports: 'building_imports',
  households: 'households',
  residencies: 'residencies',
  invites: 'invites',
  inviteAttempts: 'invite_attempts',
  audit: 'audit_log',
  services: 'services',
  teams: 'teams',
  // 挂牌亮身份
  partyHouseholds: 'party_households',
  fulfilments: 'fulfilments',
  pledges: 'pledges',
  fulfilmentThanks: 'fulfilment_thanks',
  householdLog: 'household_log',
  communitySettings: 'community_settings',
  // 志愿服务
  teamMembers: 'team_members',
  shifts: 'shifts',
  signups: 'shift_signups',
  volunteerHours: 'volunteer_hours',
  volunteerLocks: 'volunteer_locks',
  volunteerProfiles: 'volunteer_profiles',
  certificates: 'volunteer_certificates',
  volunteerSecrets: 'volunteer_secrets',
  // 便民服务预约
  serviceSessions: 'service_sessions',
  serviceSlots: 'service_slots',
  bookings: 'service_bookings',
  bookingQuotas: 'service_booking_quotas',
  serviceSettings: 'service_settings',
  healthReadings: 'health_readings',
  // 内容安全：每张发布的图片一次异步检查（security.mediaCheckAsync），按 trace_id
  mediaChecks: 'media_checks',
} as const
