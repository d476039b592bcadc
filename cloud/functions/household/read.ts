import { AppError } from '../../contracts/envelope'
import type { FulfilmentEntry, HouseholdChange, MyHousehold, Pledge } from '../../contracts/household'
import { hasConsent, residencyId } from '../../lib/auth'
import { C } from '../../lib/collections'
import { loadBuilding } from '../../lib/describe'
import { findAll, findById, iso } from '../../lib/docs'
import { shownAmong, type FulfilmentDoc, type HouseholdLogDoc, type PartyHouseholdDoc, type PledgeDoc, type ThankDoc } from '../../lib/household'
import type { Ctx } from '../../lib/router'
import { imageReviews, passed } from '../../lib/media'
import { sdk } from '../../lib/sdk'
import { parseHouseholdId } from '../../lib/structure'
import { thankId } from '../../domain/household'

/** What one card or management page carries of the timeline; older entries stay stored. */
export const TIMELINE_LIMIT = 50
const HISTORY_LIMIT = 30
/** WeChat's getTempFileURL takes at most 50 files per call. */
const TEMP_URL_BATCH = 50

/** A household id names a room of a real building, or the request is refused before anything else is read. */
export async function requireRoom(ctx: Ctx, householdId: string) {
  const buildingId = householdId.split('-').slice(0, -2).join('-')
  const loaded = buildingId ? await loadBuilding(ctx, buildingId) : null
  const room = loaded ? parseHouseholdId(householdId, loaded.building) : null
  if (!loaded || !room) throw new AppError('NOT_FOUND', '没有找到这个房间', 'householdId')
  return { ...loaded, room }
}

/** Membership is the caller's own verified residency of that household, read by its id (ownership in the query). */
export async function isMember(ctx: Ctx, householdId: string): Promise<boolean> {
  const { total } = await ctx.db.collection(C.residencies).where({ _id: residencyId(ctx.openid, householdId), status: 'verified' }).count()
  return total > 0
}

export async function requireMember(ctx: Ctx, householdId: string): Promise<void> {
  if (!(await isMember(ctx, householdId))) throw new AppError('FORBIDDEN', '只有本户已认证的居民可以管理本户的亮身份信息', 'householdId')
}

export async function requirePartyDoc(ctx: Ctx, householdId: string): Promise<PartyHouseholdDoc> {
  const doc = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, householdId)
  if (!doc) throw new AppError('NOT_FOUND', '这户还没有申请党员家庭亮身份', 'householdId')
  return doc
}

export function toPledge(doc: PledgeDoc, withRevisions: boolean): Pledge {
  return {
    id: doc._id,
    category: doc.category,
    text: doc.text,
    status: doc.status,
    since: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
    revisions: withRevisions ? doc.revisions.map((revision) => ({ category: revision.category, text: revision.text, at: iso(revision.at) })) : [],
  }
}

export async function pledgesOf(ctx: Ctx, householdId: string): Promise<PledgeDoc[]> {
  const docs = await findAll<PledgeDoc>(ctx, C.pledges, { householdId })
  // Active first, then newest: the order a neighbour reads a plaque in.
  return docs.sort((a, b) => (a.status === b.status ? new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() : a.status === 'active' ? -1 : 1))
}

async function photoUrls(fileIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (let start = 0; start < fileIds.length; start += TEMP_URL_BATCH) {
    const { fileList } = await sdk.getTempFileURL({ fileList: fileIds.slice(start, start + TEMP_URL_BATCH) })
    for (const file of fileList) if (file.status === 0) out.set(file.fileID, file.tempFileURL)
  }
  return out
}

/**
 * The latest entries, newest day first, with the caller's own thanks marked and photos as displayable links. Neighbours
 * (`own` false) get only the photos WeChat's image check passed; the household's own view gets every photo with its review.
 */
export async function timelineOf(ctx: Ctx, householdId: string, pledges: PledgeDoc[], own: boolean): Promise<{ entries: FulfilmentEntry[]; more: boolean }> {
  const { data } = await ctx.db.collection(C.fulfilments).where({ householdId }).orderBy('day', 'desc').orderBy('createdAt', 'desc').limit(TIMELINE_LIMIT + 1).get()
  const docs = (data as unknown as FulfilmentDoc[]).slice(0, TIMELINE_LIMIT)
  const _ = ctx.db.command
  const mine = docs.length ? await findAll<ThankDoc>(ctx, C.fulfilmentThanks, { _id: _.in(docs.map((doc) => thankId(doc._id, ctx.openid))) }) : []
  const thanked = new Set(mine.map((thank) => thank.entryId))
  const reviews = await imageReviews(ctx, docs.flatMap((doc) => doc.photos))
  const shown = (doc: FulfilmentDoc) => (own ? doc.photos : doc.photos.filter((fileId) => passed(reviews, fileId)))
  const urls = await photoUrls(docs.flatMap(shown))
  const categories = new Map(pledges.map((pledge) => [pledge._id, pledge.category]))
  const entries = docs.map((doc) => ({
    id: doc._id,
    day: doc.day,
    note: doc.note,
    photos: shown(doc).filter((fileId) => urls.has(fileId)).map((fileId) => urls.get(fileId) as string),
    ...(own ? { photoReviews: shown(doc).filter((fileId) => urls.has(fileId)).map((fileId) => reviews.get(fileId) ?? { state: 'pending' as const, label: null }) } : {}),
    evidenced: doc.evidenced,
    source: doc.source?.kind ?? null,
    pledgeId: doc.pledgeId,
    pledgeCategory: doc.pledgeId ? (categories.get(doc.pledgeId) ?? null) : null,
    thanks: doc.thanks,
    thankedByMe: thanked.has(doc._id),
  }))
  return { entries, more: data.length > TIMELINE_LIMIT }
}

async function historyOf(ctx: Ctx, householdId: string): Promise<HouseholdChange[]> {
  const { data } = await ctx.db.collection(C.householdLog).where({ householdId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(HISTORY_LIMIT).get()
  return (data as unknown as HouseholdLogDoc[]).map((doc) => ({ id: doc._id, action: doc.action, by: doc.role, at: iso(doc.at) }))
}

/** One of the caller's homes with its whole party-household record: for the household's own members only. */
export async function myHousehold(ctx: Ctx, householdId: string): Promise<MyHousehold> {
  const { building, areaName, room } = await requireRoom(ctx, householdId)
  const base = { householdId, buildingId: building.id, areaName, buildingName: building.name, unit: room.unit, room: room.room }
  const doc = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, householdId)
  if (!doc) return { ...base, party: null }
  const pledges = await pledgesOf(ctx, householdId)
  const { entries } = await timelineOf(ctx, householdId, pledges, true)
  return {
    ...base,
    party: {
      status: doc.status,
      displayName: doc.displayName,
      intro: doc.intro,
      published: doc.published,
      consent: await hasConsent(ctx, 'publish_household'),
      shown: (await shownAmong(ctx, [doc])).has(doc._id),
      appliedAt: iso(doc.appliedAt),
      decidedAt: iso(doc.decidedAt),
      pledges: pledges.map((pledge) => toPledge(pledge, true)),
      timeline: entries,
      history: await historyOf(ctx, householdId),
    },
  }
}
