import * as v from 'valibot'
import { adminOnly, buildingManagers, buildingRecords, consented, everyone, ownRecord, roles } from './access'
import { daySchema, defineAction, idSchema, noInput, pageCursor, SAMPLE_CURSOR } from './define'
import { ROLES, type Area, type AuditEntry, type Building, type InviteCode, type Page, type PendingResidency, type ResidencySummary, type Room, type RoleGrant } from './model'
export { viewBuilding, householdRequests } from './community.tabs'

// Where people live is public (the binding page needs it before anyone is verified); who lives there is not.
export const listAreas = defineAction<Area[]>()('community', 'areas.list', noInput, { roles: everyone, sample: () => ({}) })

export const listBuildings = defineAction<Building[]>()('community', 'buildings.list', v.object({ areaId: idSchema }), {
  roles: everyone,
  sample: (r) => ({ areaId: r.areaId }),
})

export const listRooms = defineAction<Room[]>()(
  'community',
  'rooms.list',
  v.object({ buildingId: idSchema, unit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)) }),
  { roles: everyone, sample: (r) => ({ buildingId: r.buildingId, unit: 1 }) },
)


/** A household code is for a family: a few people at most. */
export const MAX_HOUSEHOLD_CODE_USES = 10
/** Requests (pending residencies) one person may have waiting at a time. */
export const MAX_PENDING_RESIDENCIES = 5

/** Invite codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/
const inviteCodeSchema = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(INVITE_CODE_PATTERN, '邀请码为 8 位字母或数字'))

export const joinWithCode = defineAction<ResidencySummary>()(
  'community',
  'residency.join',
  v.object({ householdId: idSchema, code: inviteCodeSchema }),
  // A code opens one household (a household code) or rooms nobody lives in yet (a building code). A join into a
  // household with verified members, or with a code the joiner issued, stays pending until someone else decides it.
  { roles: consented, sample: (r) => ({ householdId: r.spareHouseholdId, code: r.inviteCode }) },
)

export const requestResidency = defineAction<ResidencySummary>()('community', 'residency.request', v.object({ householdId: idSchema }), {
  // Asking for one's own home again is a CONFLICT; asking for a neighbour's room is a request like any other.
  roles: roles({ own: 'CONFLICT', other: 'ok' }, { newcomer: 'CONSENT_REQUIRED' }),
  sample: (r) => ({ householdId: r.householdId }),
})

export const leaveResidency = defineAction<ResidencySummary>()('community', 'residency.leave', v.object({ residencyId: idSchema }), {
  roles: ownRecord,
  sample: (r) => ({ residencyId: r.residencyId }),
})

export const issueInvite = defineAction<InviteCode>()(
  'community',
  'invite.issue',
  v.object({
    buildingId: idSchema,
    /** A code for this one household (few uses: MAX_HOUSEHOLD_CODE_USES); without it, a building code for empty rooms. */
    householdId: v.optional(idSchema),
    maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 10),
    days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)), 7),
  }),
  { roles: buildingManagers(), sample: (r) => ({ buildingId: r.buildingId, maxUses: 5, days: 3 }) },
)

export const revokeInvite = defineAction<InviteCode>()('community', 'invite.revoke', v.object({ code: inviteCodeSchema }), {
  roles: buildingRecords(),
  sample: (r) => ({ code: r.inviteCode }),
})

/** Newest first, 50 a page: a building that hands out codes for years has more than one query returns. */
export const listInvites = defineAction<Page<InviteCode>>()('community', 'invite.list', v.object({ buildingId: idSchema, cursor: pageCursor }), {
  roles: buildingManagers(),
  sample: (r) => ({ buildingId: r.buildingId, cursor: SAMPLE_CURSOR }),
})

/** Leaders see their own buildings' requests, admins all of them. */
/** Oldest first, 50 a page: a community of 10,000 households can have more waiting than one query returns. */
export const residencyQueue = defineAction<Page<PendingResidency>>()(
  'community',
  'residency.queue',
  v.optional(v.object({ cursor: pageCursor }), {}),
  { roles: roles('FORBIDDEN', { buildingLeader: 'ok', otherBuildingLeader: 'ok', admin: 'ok' }), sample: () => ({}) },
)


/** By a building's leader or an admin (not the code's issuer for a join with a code), or by a verified member of the household. */
export const decideResidency = defineAction<ResidencySummary>()(
  'community',
  'residency.decide',
  v.object({ residencyId: idSchema, approve: v.boolean() }),
  { roles: buildingRecords(), sample: (r) => ({ residencyId: r.pendingResidencyId, approve: true }) },
)

export const grantRole = defineAction<RoleGrant>()(
  'community',
  'role.grant',
  v.object({ userId: idSchema, role: v.picklist(ROLES), scope: idSchema }),
  { roles: adminOnly, sample: (r) => ({ userId: r.openid, role: 'team_leader', scope: r.teamId }) },
)

export const revokeRole = defineAction<RoleGrant>()(
  'community',
  'role.revoke',
  v.object({ userId: idSchema, role: v.picklist(ROLES), scope: idSchema }),
  { roles: adminOnly, sample: (r) => ({ userId: r.teamLeaderId, role: 'team_leader', scope: r.teamId }) },
)

export const listAudit = defineAction<Page<AuditEntry>>()(
  'community',
  'audit.list',
  v.object({
    actor: v.optional(idSchema),
    action: v.optional(v.pipe(v.string(), v.maxLength(40))),
    from: v.optional(daySchema),
    to: v.optional(daySchema),
    cursor: pageCursor,
  }),
  { roles: adminOnly, sample: (r) => ({ from: r.today, to: r.today }) },
)
