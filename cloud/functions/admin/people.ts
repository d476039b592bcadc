import * as contract from '../../contracts/admin'
import type { AuditActor, PersonRow, ResidentRow } from '../../contracts/admin'
import { AppError } from '../../contracts/envelope'
import type { RoleGrant } from '../../contracts/model'
import { audit } from '../../lib/audit'
import type { ResidencyDoc, RoleDoc, UserDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { describeResidencies, loadBuilding, scopeName } from '../../lib/describe'
import { findAll, findById, iso } from '../../lib/docs'
import { keysetPage } from '../../lib/paging'
import { handle, type Ctx } from '../../lib/router'
import { householdId, parseHouseholdId } from '../../lib/structure'
import { mayManageBuilding, offsetOf, pageOf, requireAdminScope, requireBuildingScope } from './scope'

const PAGE = 20

/** Nicknames of many people with one query per thousand (the query limit), never one per person. */
export async function nicknames(ctx: Ctx, openids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openids)]
  const out = new Map<string, string>()
  for (let i = 0; i < unique.length; i += 1000) {
    const { data } = await ctx.db.collection(C.users).where({ _id: ctx.db.command.in(unique.slice(i, i + 1000)) }).field({ nickname: true }).limit(1000).get()
    for (const user of data as unknown as Pick<UserDoc, '_id' | 'nickname'>[]) out.set(user._id, user.nickname)
  }
  return out
}

async function requireBuildingManaged(ctx: Ctx, buildingId: string) {
  const scope = await requireBuildingScope(ctx)
  const loaded = await loadBuilding(ctx, buildingId)
  if (!loaded) throw new AppError('NOT_FOUND', '没有找到这栋楼', 'buildingId')
  if (!mayManageBuilding(scope, buildingId)) throw new AppError('FORBIDDEN', '仅本楼楼组长或社区管理员可以进行此操作')
  return loaded
}

/**
 * People as an admin needs them to grant a role: homes and roles, no consents, no contact, no history. Two queries for
 * the whole page (homes and roles of all of them), not two per person.
 */
async function people(ctx: Ctx, found: { openid: string; nickname: string }[]): Promise<PersonRow[]> {
  if (found.length === 0) return []
  const _ = ctx.db.command
  const openids = found.map((item) => item.openid)
  const homes = await findAll<ResidencyDoc>(ctx, C.residencies, { openid: _.in(openids), status: _.in(['verified', 'pending']) })
  const described = await describeResidencies(ctx, homes)
  const roleDocs = await findAll<RoleDoc>(ctx, C.roles, { openid: _.in(openids) })
  const rows: PersonRow[] = []
  for (const { openid, nickname } of found) {
    const roles: RoleGrant[] = []
    for (const role of roleDocs) if (role.openid === openid) roles.push({ role: role.role, scope: role.scope, scopeName: await scopeName(ctx, role.role, role.scope) })
    rows.push({
      userId: openid,
      nickname,
      homes: described
        .filter((_home, index) => homes[index].openid === openid)
        .map((home) => ({ residencyId: home.id, buildingId: home.buildingId, areaName: home.areaName, buildingName: home.buildingName, unit: home.unit, room: home.room, status: home.status })),
      roles,
    })
  }
  return rows
}

/** A user search shows homes and roles: each page is on the record. The words searched for are not kept, only how many came back. */
async function auditSearch(ctx: Ctx, target: string, cursor: string | undefined, rows: number): Promise<void> {
  await audit(ctx, { action: 'users.search.read', target, before: null, after: { cursor: cursor ?? null, rows } })
}

export const peopleRoutes = [
  handle(contract.listResidents, async (input, ctx) => {
    const { building } = await requireBuildingManaged(ctx, input.buildingId)
    // Keyset paging: people moving in or out while a leader pages the list neither repeat nor drop a row.
    const page = await keysetPage<ResidencyDoc>(ctx, C.residencies, { buildingId: building.id, status: input.status }, { field: 'householdId', direction: 'asc', idDirection: 'asc' }, input.cursor, PAGE)
    const names = await nicknames(ctx, page.items.map((doc) => doc.openid))
    const items: ResidentRow[] = page.items.map((doc) => {
      const room = parseHouseholdId(doc.householdId, building)
      return {
        residencyId: doc._id,
        nickname: names.get(doc.openid) ?? '',
        unit: room?.unit ?? 0,
        room: room?.room ?? '',
        status: doc.status as ResidentRow['status'],
        since: iso(doc.decidedAt ?? doc.requestedAt),
      }
    })
    // Every page of names and rooms a leader reads is on the record (issue 20), with no more than who, where and how many.
    await audit(ctx, { action: 'residents.list.read', target: building.id, before: null, after: { status: input.status, cursor: input.cursor ?? null, rows: items.length } })
    return { items, next: page.next }
  }),

  handle(contract.removeResidency, async (input, ctx) => {
    // Whether the caller manages any building is asked first: to anyone else, no residency id says whether it exists.
    const scope = await requireBuildingScope(ctx)
    const doc = await findById<ResidencyDoc>(ctx, C.residencies, input.residencyId)
    // A leader of another building is told the same as for an id that does not exist: a residency id is person + home.
    if (!doc || !mayManageBuilding(scope, doc.buildingId)) throw new AppError('NOT_FOUND', '没有找到这条居住登记', 'residencyId')
    // The status is part of the condition: a residency someone else removed (or its owner left) a moment ago is not removed twice.
    const { stats } = await ctx.db
      .collection(C.residencies)
      .where({ _id: doc._id, status: ctx.db.command.in(['verified', 'pending']) })
      .update({ data: { status: 'left', decidedAt: ctx.now, decidedBy: ctx.openid, removedReason: input.reason } })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这条居住登记已经不在了')
    await audit(ctx, { action: 'residency.remove', target: doc._id, before: { status: doc.status }, after: { status: 'left', reason: input.reason } })
    return { residencyId: doc._id, status: 'left' as const }
  }),

  handle(contract.searchUsers, async (input, ctx) => {
    await requireAdminScope(ctx)
    const _ = ctx.db.command
    if (input.by === 'nickname') {
      // "Starts with" as a range: the cloud database has no index-friendly contains, and a name is typed from its start.
      const range = { nickname: _.gte(input.text).and(_.lt(`${input.text}\uffff`)) }
      const page = await keysetPage<Pick<UserDoc, '_id' | 'nickname'>>(ctx, C.users, range, { field: 'nickname', direction: 'asc', idDirection: 'asc' }, input.cursor, PAGE, { nickname: true })
      const items = await people(ctx, page.items.map((user) => ({ openid: user._id, nickname: user.nickname })))
      await auditSearch(ctx, 'users', input.cursor, items.length)
      return { items, next: page.next }
    }
    const loaded = await loadBuilding(ctx, input.buildingId)
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这栋楼', 'buildingId')
    const households: string[] = []
    for (let unit = 1; unit <= loaded.building.units; unit++) {
      const id = householdId(loaded.building.id, unit, input.room)
      if (parseHouseholdId(id, loaded.building)) households.push(id)
    }
    if (households.length === 0) {
      await auditSearch(ctx, loaded.building.id, input.cursor, 0)
      return { items: [], next: null }
    }
    const where = { householdId: _.in(households), status: _.in(['verified', 'pending']) }
    const page = await keysetPage<ResidencyDoc>(ctx, C.residencies, where, { field: 'householdId', direction: 'asc', idDirection: 'asc' }, input.cursor, PAGE)
    const names = await nicknames(ctx, page.items.map((doc) => doc.openid))
    const openids = [...new Set(page.items.map((doc) => doc.openid))]
    const items = await people(ctx, openids.map((openid) => ({ openid, nickname: names.get(openid) ?? '' })))
    await auditSearch(ctx, loaded.building.id, input.cursor, items.length)
    return { items, next: page.next }
  }),

  handle(contract.auditActors, async (input, ctx) => {
    await requireAdminScope(ctx)
    const $ = ctx.db.command.aggregate
    const offset = offsetOf(input.cursor)
    const { list } = await ctx.db
      .collection(C.audit)
      .aggregate()
      .group({ _id: '$actor', n: $.sum(1) })
      .sort({ n: -1, _id: 1 })
      .skip(offset)
      .limit(PAGE + 1)
      .end()
    const page = pageOf(list, offset, PAGE)
    const names = await nicknames(ctx, page.items.map((row) => String(row._id)))
    const items: AuditActor[] = page.items.map((row) => ({ actor: String(row._id), name: names.get(String(row._id)) ?? '', entries: Number(row.n) || 0 }))
    return { items, next: page.next }
  }),
]
