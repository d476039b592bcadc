import { C } from './collections'
import { findAll } from './docs'
import type { Ctx } from './router'

/**
 * Account deletion leaves no identifier (issue 20): wherever another record names the person — as the one who decided,
 * checked in, took a reading, granted a role, issued a code, recorded or confirmed hours, created a session — the
 * openid is replaced by the one pseudonym the deletion uses everywhere, so tallies ("how many did this leader decide")
 * and history stay consistent while nobody can be found by it. Audit targets that are ids built from the openid
 * (a residency `openid:home`, a booking or sign-up `…:openid`, a role `role:scope:openid`) are rewritten the same way.
 */
const BY_FIELDS: [string, string][] = [
  [C.bookings, 'checkedInBy'],
  [C.bookings, 'proxy.by'],
  [C.healthReadings, 'takenBy'],
  [C.residencies, 'decidedBy'],
  [C.residencies, 'inviteIssuedBy'],
  [C.roles, 'grantedBy'],
  [C.invites, 'issuedBy'],
  [C.partyHouseholds, 'decidedBy'],
  [C.volunteerHours, 'recordedBy'],
  [C.volunteerHours, 'confirmedBy'],
  [C.signups, 'checkInBy'],
  [C.signups, 'checkOutBy'],
  [C.teamMembers, 'decidedBy'],
  [C.serviceSessions, 'createdBy'],
  [C.shifts, 'createdBy'],
  [C.buildings, 'createdBy'],
  [C.areas, 'createdBy'],
  [C.buildingImports, 'by'],
  [C.communitySettings, 'updatedBy'],
  [C.serviceSettings, 'updatedBy'],
  [C.audit, 'actor'],
]

/** The ids built from the person's openid that audit entries may name, read before the records themselves go. */
export async function identifiersOf(ctx: Ctx, openid: string): Promise<string[]> {
  const ids = new Set<string>([openid])
  for (const collection of [C.residencies, C.roles, C.consents, C.bookings, C.signups, C.volunteerHours, C.teamMembers, C.healthReadings]) {
    for (const doc of await findAll<{ _id: string }>(ctx, collection, { openid })) ids.add(doc._id)
  }
  return [...ids].filter((id) => id.includes(openid))
}

export async function pseudonymise(ctx: Ctx, openid: string, anonymous: string, targets: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const [collection, field] of BY_FIELDS) {
    const { stats } = await ctx.db.collection(collection).where({ [field]: openid }).update({ data: { [field]: anonymous } })
    if (stats.updated > 0) out[`${collection}.${field}`] = stats.updated
  }
  let retargeted = 0
  for (const target of targets) {
    const { stats } = await ctx.db.collection(C.audit).where({ target }).update({ data: { target: target.split(openid).join(anonymous) } })
    retargeted += stats.updated
  }
  if (retargeted > 0) out[`${C.audit}.target`] = retargeted
  return out
}
