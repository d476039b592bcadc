import { createHash, randomBytes } from 'node:crypto'
import { POLICY_VERSIONS } from '../contracts/model'
import type { PartyStatus, PledgeCategory, Viewer } from '../domain/household'
import { isShown } from '../domain/household'
import { consentId, isAdmin, residencyId, type ConsentDoc, type ResidencyDoc, type RoleDoc } from './auth'
import { C } from './collections'
import { findAll, findById } from './docs'
import type { BuildingDoc } from './describe'
import type { Ctx } from './router'

/**
 * The party-member household (党员家庭) records, and what other functions need of them: who may see them, whether a
 * household is shown right now, and the person's share of them for data export and account deletion (PIPL Art. 45, 47).
 * The household feature owns these collections; the volunteer and service features reach them only through
 * addEvidencedFulfilment (fulfilment.ts).
 */

/** One per household: `_id` is the household id, so a second application for the same home is the same document. */
export interface PartyHouseholdDoc {
  _id: string
  buildingId: string
  areaId: string
  unit: number
  room: string
  status: PartyStatus
  displayName: string
  intro: string
  /** The household's own switch; shown also needs the publisher's consent, checked on every read. */
  published: boolean
  publishedBy: string | null
  publishedAt: Date | null
  /** Active pledges, kept by `_.inc` so that the per-household limit holds under concurrent adds. */
  activePledges: number
  appliedBy: string
  appliedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
}

export interface PledgeDoc {
  _id: string
  householdId: string
  buildingId: string
  category: PledgeCategory
  text: string
  status: 'active' | 'retired'
  createdBy: string
  createdAt: Date
  updatedAt: Date
  retiredAt: Date | null
  /** Earlier wordings, oldest first: an edited pledge keeps what it promised before. */
  revisions: { category: PledgeCategory; text: string; at: Date; by: string }[]
}

export interface FulfilmentDoc {
  _id: string
  householdId: string
  buildingId: string
  day: string
  note: string
  photos: string[]
  evidenced: boolean
  source: { kind: 'shift' | 'session'; refId: string } | null
  pledgeId: string | null
  thanks: number
  /** The tickets of the thanks `thanks` counts (thankTicket: digests that name nobody); absent before tickets existed. */
  counted?: string[]
  createdBy: string
  createdAt: Date
}

export interface ThankDoc {
  _id: string
  entryId: string
  householdId: string
  openid: string
  at: Date
  /** Its ticket, once the entry's count is kept with tickets (absent: counted with the thank, in one transaction). */
  ticket?: string
  /** The request that wrote it: its retry answers as the first try would have, not "already thanked". */
  requestId?: string
}

/** A thank's ticket in its entry's `counted`: a digest of the thank's id, so the entry names none of its thankers. */
export const thankTicket = (id: string): string => createHash('sha256').update(id).digest('base64url').slice(0, 16)

/** The household's own change history (what members did); admin decisions go to the audit log as well. */
export interface HouseholdLogDoc {
  _id: string
  householdId: string
  actor: string
  role: 'member' | 'admin' | 'system'
  action: string
  before: unknown
  after: unknown
  at: Date
}

export const HOUSEHOLD_SETTINGS_ID = 'household'

export interface HouseholdSettingsDoc {
  _id: string
  /** Residential areas whose party-member households every verified resident of the area may see. */
  areaWide: string[]
  updatedBy: string
  updatedAt: Date
}

// ---------------------------------------------------------------------------------------------------------------

let sequence = 0

/** Sortable ids (time, then a per-instance sequence), like the audit log's, so history reads in order. */
export function sortableId(now: Date): string {
  sequence = (sequence + 1) % 1_000_000
  return `${now.getTime().toString().padStart(15, '0')}${String(sequence).padStart(6, '0')}${randomBytes(3).toString('hex')}`
}

export async function logHousehold(ctx: Ctx, householdId: string, role: HouseholdLogDoc['role'], action: string, before: unknown, after: unknown): Promise<void> {
  const doc: HouseholdLogDoc = { _id: sortableId(ctx.now), householdId, actor: ctx.openid, role, action, before: before ?? null, after: after ?? null, at: ctx.now }
  await ctx.db.collection(C.householdLog).add({ data: doc })
}

/** Roles and verified homes of the caller: three reads, whatever the building. */
export async function loadViewer(ctx: Ctx): Promise<Viewer> {
  const admin = await isAdmin(ctx)
  const roles = await findAll<RoleDoc>(ctx, C.roles, { openid: ctx.openid, role: 'building_leader' })
  const leads: Viewer['leads'] = []
  for (const role of roles) {
    const building = await findById<BuildingDoc>(ctx, C.buildings, role.scope)
    if (building) leads.push({ buildingId: building._id, areaId: building.areaId })
  }
  const homes = await findAll<ResidencyDoc>(ctx, C.residencies, { openid: ctx.openid, status: 'verified' })
  return { admin, leads, homes: homes.map((home) => ({ householdId: home.householdId, buildingId: home.buildingId, areaId: home.areaId })) }
}

export async function areaWideAreas(ctx: Ctx): Promise<string[]> {
  return (await findById<HouseholdSettingsDoc>(ctx, C.communitySettings, HOUSEHOLD_SETTINGS_ID))?.areaWide ?? []
}

/**
 * Which of these households are shown right now. The consent and residency of each publisher are read fresh, in two
 * batched queries: withdrawing consent (here or on the privacy page) or moving out hides the badge at once.
 */
export async function shownAmong(ctx: Ctx, docs: PartyHouseholdDoc[]): Promise<Set<string>> {
  const candidates = docs.filter((doc) => doc.status === 'verified' && doc.published && doc.publishedBy)
  if (candidates.length === 0) return new Set()
  const _ = ctx.db.command
  const consentIds = [...new Set(candidates.map((doc) => consentId(doc.publishedBy as string, 'publish_household')))]
  const consents = await findAll<ConsentDoc>(ctx, C.consents, { _id: _.in(consentIds), granted: true, version: POLICY_VERSIONS.publish_household })
  const consenting = new Set(consents.map((consent) => consent.openid))
  const homeIds = candidates.map((doc) => residencyId(doc.publishedBy as string, doc._id))
  const homes = await findAll<ResidencyDoc>(ctx, C.residencies, { _id: _.in(homeIds), status: 'verified' })
  const living = new Set(homes.map((home) => home._id))
  const shown = new Set<string>()
  for (const doc of candidates) {
    const publisher = doc.publishedBy as string
    if (isShown({ status: doc.status, published: doc.published, publisherConsents: consenting.has(publisher), publisherLivesThere: living.has(residencyId(publisher, doc._id)) })) {
      shown.add(doc._id)
    }
  }
  return shown
}

// ---------------------------------------------------------------------------------------------------------------
// For the account function: a person's share of the household records

/** What the person wrote or did in the household records, for "export my data". */
export async function householdDataOf(ctx: Ctx, openid: string): Promise<Record<string, unknown[]>> {
  return {
    [C.partyHouseholds]: await findAll(ctx, C.partyHouseholds, { appliedBy: openid }),
    [C.pledges]: await findAll(ctx, C.pledges, { createdBy: openid }),
    // Without the tickets of the neighbours' thanks: they are not the person's data.
    [C.fulfilments]: (await findAll<FulfilmentDoc>(ctx, C.fulfilments, { createdBy: openid })).map(({ counted: _counted, ...entry }) => entry),
    [C.fulfilmentThanks]: await findAll(ctx, C.fulfilmentThanks, { openid }),
    [C.householdLog]: await findAll(ctx, C.householdLog, { actor: openid }),
  }
}

/**
 * On account deletion: the person's thanks go (each neighbour's "thank you" is theirs); what the household published
 * stays the household's, with the person's id replaced by `anonymous`. A household the person published is hidden
 * by itself: their consent is deleted, and shown needs the publisher's consent.
 */
export async function forgetHouseholdData(ctx: Ctx, openid: string, anonymous: string): Promise<{ removed: Record<string, number>; anonymised: Record<string, number> }> {
  const thanks = await ctx.db.collection(C.fulfilmentThanks).where({ openid }).remove()
  const anonymised: Record<string, number> = {}
  const renames: [string, string][] = [
    [C.partyHouseholds, 'appliedBy'],
    [C.partyHouseholds, 'publishedBy'],
    [C.pledges, 'createdBy'],
    [C.fulfilments, 'createdBy'],
    [C.householdLog, 'actor'],
  ]
  for (const [collection, field] of renames) {
    const { stats } = await ctx.db.collection(collection).where({ [field]: openid }).update({ data: { [field]: anonymous } })
    anonymised[`${collection}.${field}`] = stats.updated
  }
  return { removed: { [C.fulfilmentThanks]: thanks.stats.removed }, anonymised }
}

/**
 * On withdrawal of the publish_household consent from the privacy page: the households this person published are
 * switched off too, so the admin's coverage counts agree with what neighbours see (reads check the consent anyway).
 */
export async function unpublishFor(ctx: Ctx, openid: string): Promise<number> {
  const published = await findAll<PartyHouseholdDoc>(ctx, C.partyHouseholds, { publishedBy: openid, published: true })
  for (const doc of published) {
    await ctx.db.collection(C.partyHouseholds).where({ _id: doc._id, publishedBy: openid, published: true }).update({ data: { published: false } })
    await logHousehold(ctx, doc._id, 'member', 'consent.withdraw', { published: true }, { published: false })
  }
  return published.length
}
