import * as contract from '../../contracts/household'
import { AppError } from '../../contracts/envelope'
import type { BuildingCoverage, PendingHousehold, ShownHousehold } from '../../contracts/household'
import { addDays, chinaDay, fromChina } from '../../domain/time'
import {
  checkDisplayName,
  checkPublicText,
  fulfilmentDayProblem,
  isMemberOf,
  isPhotoOf,
  MAX_ACTIVE_PLEDGES,
  PLEDGE_CATEGORIES,
  thankId,
  visibleAs,
  type DisplayNameProblem,
  type PersonalDataKind,
} from '../../domain/household'
import { audit } from '../../lib/audit'
import { findUser, requireAdmin, requireConsent } from '../../lib/auth'
import { C } from '../../lib/collections'
import { checkText } from '../../lib/content'
import { loadBuilding, type AreaDoc, type BuildingDoc } from '../../lib/describe'
import { findAll, findById, iso } from '../../lib/docs'
import {
  areaWideAreas,
  HOUSEHOLD_SETTINGS_ID,
  loadViewer,
  logHousehold,
  shownAmong,
  sortableId,
  thankTicket,
  type FulfilmentDoc,
  type HouseholdSettingsDoc,
  type PartyHouseholdDoc,
  type PledgeDoc,
  type ThankDoc,
} from '../../lib/household'
import { keysetPage } from '../../lib/paging'
import { createFunction, handle, type Ctx } from '../../lib/router'
import { isDuplicateKey } from '../../lib/transaction'
import { householdCount } from '../../lib/structure'
import { requestImageCheck } from '../../lib/media'
import { requireStoredPhotos } from './photos'
import { isMember, myHousehold, pledgesOf, requireMember, requirePartyDoc, requireRoom, timelineOf, toPledge } from './read'

const NAME_PROBLEMS: Record<DisplayNameProblem, string> = {
  length: '名称请写 2 到 16 个字',
  phone: '名称里不能有电话号码',
  id_number: '名称里不能有证件号码',
  contact: '名称里不能有联系方式',
  full_name: '名称里不能写全名，请只写姓，如“502 王家”',
  not_household: '名称请写出门牌号或“家”，如“502 王家”',
}

const PERSONAL_PROBLEMS: Record<PersonalDataKind, string> = {
  phone: '不能写电话号码，邻居有事请当面联系',
  id_number: '不能写证件号码',
  contact: '不能写微信号、邮箱或链接等联系方式',
}

function requireDisplayName(raw: string): string {
  const checked = checkDisplayName(raw)
  if (!checked.ok) throw new AppError('INVALID_INPUT', NAME_PROBLEMS[checked.problem], 'displayName')
  return checked.value
}

function requireNoPersonalData(text: string, field: string): void {
  const found = checkPublicText(text)
  if (found) throw new AppError('INVALID_INPUT', PERSONAL_PROBLEMS[found], field)
}

/** Applications the review queue answers at a time. */
const QUEUE_PAGE = 50

function requireVerified(doc: PartyHouseholdDoc, what: string): void {
  if (doc.status !== 'verified') throw new AppError('CONFLICT', `社区审核通过后才能${what}`)
}

/** The caller may see this building's party-member households, or the request ends here with NOT_VISIBLE. */
async function requireVisible(ctx: Ctx, building: { id: string; areaId: string }) {
  const viewer = await loadViewer(ctx)
  const as = visibleAs(viewer, building, (await areaWideAreas(ctx)).includes(building.areaId))
  if (!as) throw new AppError('NOT_VISIBLE', '只有本楼已认证的居民、楼组长和社区管理员可以查看本楼的党员家庭')
  return { viewer, as }
}

async function describePending(ctx: Ctx, doc: PartyHouseholdDoc): Promise<PendingHousehold> {
  const loaded = await loadBuilding(ctx, doc.buildingId)
  const applicant = await findUser(ctx, doc.appliedBy)
  return {
    householdId: doc._id,
    areaName: loaded?.areaName ?? '',
    buildingName: loaded?.building.name ?? '',
    unit: doc.unit,
    room: doc.room,
    displayName: doc.displayName,
    intro: doc.intro,
    status: doc.status,
    applicant: applicant?.nickname ?? '',
    appliedAt: iso(doc.appliedAt),
  }
}

/** `{ _id: key, n }` rows of an aggregate, as a map. */
function counts(list: Record<string, unknown>[]): Map<string, number> {
  return new Map(list.map((row) => [String(row._id), Number(row.n) || 0]))
}

export const routes = [
  handle(contract.buildingBadges, async (input, ctx) => {
    const loaded = await loadBuilding(ctx, input.buildingId)
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这栋楼', 'buildingId')
    const { as } = await requireVisible(ctx, loaded.building)
    const docs = await findAll<PartyHouseholdDoc>(ctx, C.partyHouseholds, { buildingId: loaded.building.id, status: 'verified', published: true })
    const shown = await shownAmong(ctx, docs)
    const households: ShownHousehold[] = docs
      .filter((doc) => shown.has(doc._id))
      .map((doc) => ({ householdId: doc._id, unit: doc.unit, floor: Math.floor(Number(doc.room) / 100), room: doc.room, displayName: doc.displayName }))
      .sort((a, b) => a.unit - b.unit || Number(a.room) - Number(b.room))
    return { buildingId: loaded.building.id, visibleAs: as, households }
  }),

  handle(contract.viewCard, async (input, ctx) => {
    const { building, areaName, room } = await requireRoom(ctx, input.householdId)
    const { viewer } = await requireVisible(ctx, building)
    const doc = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, input.householdId)
    const mine = isMemberOf(viewer, input.householdId)
    const shown = doc ? (await shownAmong(ctx, [doc])).has(doc._id) : false
    // A household that is not shown is, to its neighbours, simply not a party-member household on this app.
    if (!doc || (!shown && !mine)) throw new AppError('NOT_FOUND', '这户没有公开党员家庭身份', 'householdId')
    const pledges = await pledgesOf(ctx, doc._id)
    const { entries, more } = await timelineOf(ctx, doc._id, pledges, mine)
    return {
      householdId: doc._id,
      buildingId: building.id,
      areaName,
      buildingName: building.name,
      unit: room.unit,
      room: room.room,
      displayName: doc.displayName,
      intro: doc.intro,
      shown,
      isMine: mine,
      pledges: pledges.filter((pledge) => pledge.status === 'active').map((pledge) => toPledge(pledge, false)),
      timeline: entries,
      more,
    }
  }),

  handle(contract.mine, async (_input, ctx) => {
    const viewer = await loadViewer(ctx)
    const out = []
    for (const home of viewer.homes) out.push(await myHousehold(ctx, home.householdId))
    return out
  }),

  handle(contract.apply, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    const { building, room } = await requireRoom(ctx, input.householdId)
    await requireMember(ctx, input.householdId)
    // State first, content after: an application that cannot be made costs no content check (each is a paid call).
    const existing = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, input.householdId)
    if (existing?.status === 'pending') throw new AppError('CONFLICT', '本户的申请正在审核中')
    if (existing?.status === 'verified') throw new AppError('CONFLICT', '本户已经通过审核')
    const displayName = requireDisplayName(input.displayName)
    requireNoPersonalData(input.intro, 'intro')
    await checkText(ctx, displayName, 'displayName')
    await checkText(ctx, input.intro, 'intro')
    const fields = { status: 'pending' as const, displayName, intro: input.intro, published: false, appliedBy: ctx.openid, appliedAt: ctx.now, decidedBy: null, decidedAt: null }
    if (existing) {
      // A refused household may apply again; the guard makes two members' simultaneous re-applications one.
      const { stats } = await ctx.db.collection(C.partyHouseholds).where({ _id: existing._id, status: 'rejected' }).update({ data: fields })
      if (stats.updated === 0) throw new AppError('CONFLICT', '本户的申请刚刚有了变化，请刷新')
    } else {
      const doc: PartyHouseholdDoc = { _id: input.householdId, buildingId: building.id, areaId: building.areaId, unit: room.unit, room: room.room, publishedBy: null, publishedAt: null, activePledges: 0, ...fields }
      try {
        await ctx.db.collection(C.partyHouseholds).add({ data: doc })
      } catch (error) {
        if (isDuplicateKey(error)) throw new AppError('CONFLICT', '本户的家人刚刚已经提交了申请')
        throw error
      }
    }
    await logHousehold(ctx, input.householdId, 'member', 'apply', existing ? { status: existing.status } : null, { displayName, intro: input.intro })
    return myHousehold(ctx, input.householdId)
  }),

  handle(contract.updateProfile, async (input, ctx) => {
    await requireMember(ctx, input.householdId)
    const doc = await requirePartyDoc(ctx, input.householdId)
    const displayName = requireDisplayName(input.displayName)
    requireNoPersonalData(input.intro, 'intro')
    await checkText(ctx, displayName, 'displayName')
    await checkText(ctx, input.intro, 'intro')
    if (displayName !== doc.displayName || input.intro !== doc.intro) {
      await ctx.db.collection(C.partyHouseholds).doc(doc._id).update({ data: { displayName, intro: input.intro } })
      await logHousehold(ctx, doc._id, 'member', 'profile.update', { displayName: doc.displayName, intro: doc.intro }, { displayName, intro: input.intro })
    }
    return myHousehold(ctx, doc._id)
  }),

  handle(contract.publish, async (input, ctx) => {
    await requireMember(ctx, input.householdId)
    const doc = await requirePartyDoc(ctx, input.householdId)
    if (input.publish) {
      requireVerified(doc, '公开亮身份')
      // PIPL Art. 25: publishing needs the separate consent, recorded on the account; withdrawing never does.
      await requireConsent(ctx, 'publish_household')
      await ctx.db.collection(C.partyHouseholds).doc(doc._id).update({ data: { published: true, publishedBy: ctx.openid, publishedAt: ctx.now } })
    } else {
      await ctx.db.collection(C.partyHouseholds).doc(doc._id).update({ data: { published: false } })
    }
    if (doc.published !== input.publish || (input.publish && doc.publishedBy !== ctx.openid)) {
      await logHousehold(ctx, doc._id, 'member', input.publish ? 'publish' : 'withdraw', { published: doc.published }, { published: input.publish })
    }
    return myHousehold(ctx, doc._id)
  }),

  handle(contract.savePledge, async (input, ctx) => {
    await requireMember(ctx, input.householdId)
    const doc = await requirePartyDoc(ctx, input.householdId)
    requireVerified(doc, '发布承诺')
    requireNoPersonalData(input.text, 'text')
    await checkText(ctx, input.text, 'text')
    if (input.pledgeId) {
      // Ownership in the query: another household's pledge id matches nothing here.
      const existing = (await findAll<PledgeDoc>(ctx, C.pledges, { _id: input.pledgeId, householdId: input.householdId }))[0]
      if (!existing) throw new AppError('NOT_FOUND', '没有找到本户的这条承诺', 'pledgeId')
      if (existing.status !== 'active') throw new AppError('CONFLICT', '已收回的承诺不能再修改')
      if (existing.text === input.text && existing.category === input.category) return myHousehold(ctx, doc._id)
      const revision = { category: existing.category, text: existing.text, at: existing.updatedAt, by: existing.createdBy }
      await ctx.db
        .collection(C.pledges)
        .where({ _id: existing._id, householdId: input.householdId, status: 'active' })
        .update({ data: { category: input.category, text: input.text, updatedAt: ctx.now, revisions: ctx.db.command.push(revision) } })
      await logHousehold(ctx, doc._id, 'member', 'pledge.edit', { category: existing.category, text: existing.text }, { category: input.category, text: input.text })
      return myHousehold(ctx, doc._id)
    }
    // A retry of the same intent (same requestId) finds its own pledge instead of adding a second one.
    const _id = ctx.requestId ? `p-${input.householdId}-${ctx.requestId}` : sortableId(ctx.now)
    if (ctx.requestId && (await findById<PledgeDoc>(ctx, C.pledges, _id))) return myHousehold(ctx, doc._id)
    // The counter with a `where` guard is the limit, atomically: two members adding the fifth and sixth at once get one each.
    const _ = ctx.db.command
    const slot = await ctx.db.collection(C.partyHouseholds).where({ _id: doc._id, activePledges: _.lt(MAX_ACTIVE_PLEDGES) }).update({ data: { activePledges: _.inc(1) } })
    if (slot.stats.updated === 0) throw new AppError('CONFLICT', `每户最多 ${MAX_ACTIVE_PLEDGES} 条有效承诺，请先收回一条`)
    const pledge: PledgeDoc = {
      _id,
      householdId: input.householdId,
      buildingId: doc.buildingId,
      category: input.category,
      text: input.text,
      status: 'active',
      createdBy: ctx.openid,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      retiredAt: null,
      revisions: [],
    }
    try {
      await ctx.db.collection(C.pledges).add({ data: pledge })
    } catch (error) {
      // Not written after all: give the slot back.
      await ctx.db.collection(C.partyHouseholds).doc(doc._id).update({ data: { activePledges: _.inc(-1) } })
      if (!isDuplicateKey(error)) throw error
      return myHousehold(ctx, doc._id)
    }
    await logHousehold(ctx, doc._id, 'member', 'pledge.add', null, { category: input.category, text: input.text })
    return myHousehold(ctx, doc._id)
  }),

  handle(contract.retirePledge, async (input, ctx) => {
    await requireMember(ctx, input.householdId)
    const existing = (await findAll<PledgeDoc>(ctx, C.pledges, { _id: input.pledgeId, householdId: input.householdId }))[0]
    if (!existing) throw new AppError('NOT_FOUND', '没有找到本户的这条承诺', 'pledgeId')
    // Retired, not deleted: what a household once promised stays in its history.
    const { stats } = await ctx.db
      .collection(C.pledges)
      .where({ _id: existing._id, householdId: input.householdId, status: 'active' })
      .update({ data: { status: 'retired', retiredAt: ctx.now, updatedAt: ctx.now } })
    if (stats.updated > 0) {
      await ctx.db.collection(C.partyHouseholds).doc(input.householdId).update({ data: { activePledges: ctx.db.command.inc(-1) } })
      await logHousehold(ctx, input.householdId, 'member', 'pledge.retire', { status: 'active', text: existing.text }, { status: 'retired' })
    }
    return myHousehold(ctx, input.householdId)
  }),

  handle(contract.addFulfilment, async (input, ctx) => {
    await requireMember(ctx, input.householdId)
    const doc = await requirePartyDoc(ctx, input.householdId)
    requireVerified(doc, '记录践诺')
    const dayProblem = fulfilmentDayProblem(input.day, chinaDay(ctx.now))
    if (dayProblem) throw new AppError('INVALID_INPUT', dayProblem === 'future' ? '日期不能晚于今天' : dayProblem === 'too_old' ? '只能记录一年以内的践诺' : '日期不正确', 'day')
    requireNoPersonalData(input.note, 'note')
    if (input.photos.some((fileId) => !isPhotoOf(fileId, input.householdId))) throw new AppError('INVALID_INPUT', '照片不属于本户', 'photos')
    if (input.pledgeId) {
      const pledge = (await findAll<PledgeDoc>(ctx, C.pledges, { _id: input.pledgeId, householdId: input.householdId }))[0]
      if (!pledge) throw new AppError('NOT_FOUND', '没有找到本户的这条承诺', 'pledgeId')
    }
    await requireStoredPhotos(input.photos)
    await checkText(ctx, input.note, 'note')
    // Neighbours see each photo once WeChat's image check has passed it (its verdict is pushed later).
    for (const fileID of input.photos) await requestImageCheck(ctx, fileID, 'fulfilment')
    const entry: FulfilmentDoc = {
      _id: ctx.requestId ? `f-${input.householdId}-${ctx.requestId}` : sortableId(ctx.now),
      householdId: input.householdId,
      buildingId: doc.buildingId,
      day: input.day,
      note: input.note,
      photos: input.photos,
      evidenced: false,
      source: null,
      pledgeId: input.pledgeId,
      thanks: 0,
      createdBy: ctx.openid,
      createdAt: ctx.now,
    }
    try {
      await ctx.db.collection(C.fulfilments).add({ data: entry })
      await logHousehold(ctx, doc._id, 'member', 'fulfilment.add', null, { day: input.day, note: input.note, photos: input.photos.length })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
    return myHousehold(ctx, doc._id)
  }),

  handle(contract.thank, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    // One answer for every entry the caller may not thank: entry ids can be built (an evidenced one is
    // auto-<kind>-<work>-<household>), and a different answer for one that exists would tell anyone that a household
    // is a verified party-member household, shown or not.
    const notFound = new AppError('NOT_FOUND', '没有找到这条践诺记录', 'entryId')
    const entry = await findById<FulfilmentDoc>(ctx, C.fulfilments, input.entryId)
    if (!entry) throw notFound
    const { building } = await requireRoom(ctx, entry.householdId)
    const viewer = await loadViewer(ctx)
    if (!visibleAs(viewer, building, (await areaWideAreas(ctx)).includes(building.areaId))) throw notFound
    const party = await findById<PartyHouseholdDoc>(ctx, C.partyHouseholds, entry.householdId)
    if (!party || !(await shownAmong(ctx, [party])).has(party._id)) throw notFound
    if (isMemberOf(viewer, entry.householdId)) throw new AppError('FORBIDDEN', '不能感谢自己家的记录')
    const id = thankId(entry._id, ctx.openid)
    const ticket = thankTicket(id)
    const thank: ThankDoc = { _id: id, entryId: entry._id, householdId: entry.householdId, openid: ctx.openid, at: ctx.now, ticket, ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}) }
    // The thank's id makes a second tap a duplicate that adds nothing. The count moves by a single-document conditional
    // update that carries the thank's ticket into the entry: a crowd thanking one entry at once never conflicts (a
    // transaction over the thank and the counter did, past its retries: tests/cloudbase/crowd.ts), and a retry after a
    // lost answer or a killed instance counts a thank then, never twice.
    let added = true
    let stored: ThankDoc | null = thank
    try {
      await ctx.db.collection(C.fulfilmentThanks).add({ data: thank })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      added = false
      stored = await findById<ThankDoc>(ctx, C.fulfilmentThanks, id)
    }
    // A thank from before tickets was counted with it, in one transaction.
    const counts = stored?.ticket === ticket
    // This request wrote it (this call, or a try of it whose answer was lost): not "already".
    const mine = added || (ctx.requestId !== undefined && stored?.requestId === ctx.requestId)
    const _ = ctx.db.command
    const { stats } = counts
      ? await ctx.db
          .collection(C.fulfilments)
          .where({ _id: entry._id, counted: _.neq(ticket) })
          .update({ data: { thanks: _.inc(1), counted: _.push(ticket) } })
      : { stats: { updated: 0 } }
    const current = await findById<FulfilmentDoc>(ctx, C.fulfilments, entry._id)
    return { entryId: entry._id, thanks: current?.thanks ?? entry.thanks, thankedByMe: true as const, already: !mine && stats.updated === 0 }
  }),

  handle(contract.queue, async (input, ctx) => {
    await requireAdmin(ctx)
    // Oldest first, the household id breaking ties, paged by keyset: decisions taken while someone pages the queue
    // take rows out of it, and no application is then skipped or shown twice.
    const page = await keysetPage<PartyHouseholdDoc>(ctx, C.partyHouseholds, { status: 'pending' }, { field: 'appliedAt', direction: 'asc', idDirection: 'asc' }, input.cursor, QUEUE_PAGE)
    const items: PendingHousehold[] = []
    for (const doc of page.items) items.push(await describePending(ctx, doc))
    // Applicants' names and homes: every page read is on the record.
    await audit(ctx, { action: 'household.queue.read', target: 'household.queue', before: null, after: { cursor: input.cursor ?? null, rows: items.length } })
    return { items, next: page.next }
  }),

  handle(contract.decide, async (input, ctx) => {
    await requireAdmin(ctx)
    const doc = await requirePartyDoc(ctx, input.householdId)
    // Conflict of interest: an admin who lives in the household does not verify it (as a building leader does not
    // approve their own residency); another admin does. Refusing or withdrawing gives nobody anything and stays open.
    if (input.approve && (await isMember(ctx, doc._id))) {
      throw new AppError('FORBIDDEN', '不能审核自己家的党员家庭申请，请由其他社区管理员审核', 'own_household')
    }
    const _ = ctx.db.command
    const status = input.approve ? 'verified' : 'rejected'
    // Approving needs a pending application; refusing also withdraws an earlier verification (and hides the badge).
    const where = input.approve ? { _id: doc._id, status: 'pending' } : { _id: doc._id, status: _.in(['pending', 'verified']) }
    const change = input.approve ? { status, decidedBy: ctx.openid, decidedAt: ctx.now } : { status, published: false, decidedBy: ctx.openid, decidedAt: ctx.now }
    const { stats } = await ctx.db.collection(C.partyHouseholds).where(where).update({ data: change })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这条申请已经处理过了')
    const before = { status: doc.status, published: doc.published }
    const after = { status, published: input.approve ? doc.published : false, reason: input.reason }
    await audit(ctx, { action: 'household.decide', target: doc._id, before, after })
    await logHousehold(ctx, doc._id, 'admin', input.approve ? 'verify' : doc.status === 'verified' ? 'unverify' : 'reject', before, after)
    return describePending(ctx, { ...doc, status })
  }),

  handle(contract.coverage, async (_input, ctx) => {
    await requireAdmin(ctx)
    const $ = ctx.db.command.aggregate
    const _ = ctx.db.command
    const perBuilding = async (match: Record<string, unknown>) =>
      counts((await ctx.db.collection(C.partyHouseholds).aggregate().match(match).group({ _id: '$buildingId', n: $.sum(1) }).limit(1000).end()).list)
    const verified = await perBuilding({ status: 'verified' })
    const shown = await perBuilding({ status: 'verified', published: true })
    const pending = await perBuilding({ status: 'pending' })
    const areas = (await findAll<AreaDoc>(ctx, C.areas, {})).sort((a, b) => a.order - b.order)
    const areaOrder = new Map(areas.map((area, index) => [area._id, index]))
    const areaNames = new Map(areas.map((area) => [area._id, area.name]))
    const buildingDocs = (await findAll<BuildingDoc>(ctx, C.buildings, {})).sort((a, b) => (areaOrder.get(a.areaId) ?? 0) - (areaOrder.get(b.areaId) ?? 0) || a.order - b.order)
    const buildings: BuildingCoverage[] = buildingDocs.map((doc) => ({
      buildingId: doc._id,
      areaId: doc.areaId,
      areaName: areaNames.get(doc.areaId) ?? '',
      buildingName: doc.name,
      households: householdCount(doc),
      verified: verified.get(doc._id) ?? 0,
      shown: shown.get(doc._id) ?? 0,
      pending: pending.get(doc._id) ?? 0,
    }))
    const sum = (key: 'households' | 'verified' | 'shown' | 'pending') => buildings.reduce((total, row) => total + row[key], 0)

    const pledgeCounts = counts((await ctx.db.collection(C.pledges).aggregate().match({ status: 'active' }).group({ _id: '$category', n: $.sum(1) }).limit(100).end()).list)
    const since = addDays(chinaDay(ctx.now), -29)
    const recent = (await ctx.db.collection(C.fulfilments).aggregate().match({ day: _.gte(since) }).group({ _id: '$evidenced', n: $.sum(1) }).limit(10).end()).list
    const entries30d = recent.reduce((total, row) => total + (Number(row.n) || 0), 0)
    const evidenced30d = Number(recent.find((row) => row._id === true)?.n ?? 0)
    const { total: thanks30d } = await ctx.db.collection(C.fulfilmentThanks).where({ at: _.gte(fromChina(since)) }).count()
    const wide = new Set(await areaWideAreas(ctx))
    return {
      buildings,
      totals: { households: sum('households'), verified: sum('verified'), shown: sum('shown'), pending: sum('pending') },
      activity: { activePledges: PLEDGE_CATEGORIES.map((category) => ({ category, count: pledgeCounts.get(category) ?? 0 })), entries30d, evidenced30d, thanks30d },
      areas: areas.map((area) => ({ id: area._id, name: area.name, areaWide: wide.has(area._id) })),
    }
  }),

  handle(contract.setAreaWide, async (input, ctx) => {
    await requireAdmin(ctx)
    const area = await findById<AreaDoc>(ctx, C.areas, input.areaId)
    if (!area) throw new AppError('NOT_FOUND', '没有找到这个小区', 'areaId')
    const before = await areaWideAreas(ctx)
    const existing = await findById<HouseholdSettingsDoc>(ctx, C.communitySettings, HOUSEHOLD_SETTINGS_ID)
    if (!existing) {
      const doc: HouseholdSettingsDoc = { _id: HOUSEHOLD_SETTINGS_ID, areaWide: [], updatedBy: ctx.openid, updatedAt: ctx.now }
      await ctx.db.collection(C.communitySettings).add({ data: doc }).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error
      })
    }
    const _ = ctx.db.command
    await ctx.db
      .collection(C.communitySettings)
      .doc(HOUSEHOLD_SETTINGS_ID)
      .update({ data: { areaWide: input.areaWide ? _.addToSet(area._id) : _.pull(area._id), updatedBy: ctx.openid, updatedAt: ctx.now } })
    await audit(ctx, { action: 'household.settings.area', target: area._id, before: { areaWide: before.includes(area._id) }, after: { areaWide: input.areaWide } })
    return { id: area._id, name: area.name, areaWide: input.areaWide }
  }),
]

export const main = createFunction('household', routes)
