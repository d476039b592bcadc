import * as v from 'valibot'
import { defineAction, idSchema, noInput } from './define'
import { ROLES, type Area, type AuditEntry, type Building, type BuildingView, type InviteCode, type Page, type PendingResidency, type ResidencySummary, type Room, type RoleGrant } from './model'

export const listAreas = defineAction<Area[]>()('community', 'areas.list', noInput)

export const listBuildings = defineAction<Building[]>()('community', 'buildings.list', v.object({ areaId: idSchema }))

export const listRooms = defineAction<Room[]>()(
  'community',
  'rooms.list',
  v.object({ buildingId: idSchema, unit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)) }),
)

export const viewBuilding = defineAction<BuildingView>()('community', 'building.view', v.object({ buildingId: idSchema }))

/** Invite codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/
const inviteCodeSchema = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(INVITE_CODE_PATTERN, '邀请码为 8 位字母或数字'))

export const joinWithCode = defineAction<ResidencySummary>()(
  'community',
  'residency.join',
  v.object({ householdId: idSchema, code: inviteCodeSchema }),
)

export const requestResidency = defineAction<ResidencySummary>()('community', 'residency.request', v.object({ householdId: idSchema }))

export const leaveResidency = defineAction<ResidencySummary>()('community', 'residency.leave', v.object({ residencyId: idSchema }))

export const issueInvite = defineAction<InviteCode>()(
  'community',
  'invite.issue',
  v.object({
    buildingId: idSchema,
    maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 10),
    days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)), 7),
  }),
)

export const revokeInvite = defineAction<InviteCode>()('community', 'invite.revoke', v.object({ code: inviteCodeSchema }))

export const listInvites = defineAction<InviteCode[]>()('community', 'invite.list', v.object({ buildingId: idSchema }))

export const residencyQueue = defineAction<PendingResidency[]>()('community', 'residency.queue', noInput)

export const decideResidency = defineAction<ResidencySummary>()(
  'community',
  'residency.decide',
  v.object({ residencyId: idSchema, approve: v.boolean() }),
)

export const grantRole = defineAction<RoleGrant>()(
  'community',
  'role.grant',
  v.object({ userId: idSchema, role: v.picklist(ROLES), scope: idSchema }),
)

export const revokeRole = defineAction<RoleGrant>()(
  'community',
  'role.revoke',
  v.object({ userId: idSchema, role: v.picklist(ROLES), scope: idSchema }),
)

export const listAudit = defineAction<Page<AuditEntry>>()(
  'community',
  'audit.list',
  v.object({
    actor: v.optional(idSchema),
    action: v.optional(v.pipe(v.string(), v.maxLength(40))),
    from: v.optional(v.pipe(v.string(), v.isoDate())),
    to: v.optional(v.pipe(v.string(), v.isoDate())),
    cursor: v.optional(v.pipe(v.string(), v.maxLength(40))),
  }),
)
