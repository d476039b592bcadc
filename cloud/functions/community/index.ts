import { createHash, randomInt } from 'node:crypto'
import * as contract from '../../contracts/community'
import { AppError } from '../../contracts/envelope'
import type { AuditEntry, InviteCode, PendingResidency, ResidencySummary } from '../../contracts/model'
import { audit, auditIn } from '../../lib/audit'
import {
  canManageBuilding,
  canSeeBuilding,
  nicknamesOf,
  isAdmin,
  requireAdmin,
  requireBuildingManager,
  requireConsent,
  requireManagedRecord,
  residencyId,
  roleId,
  type ResidencyDoc,
  type RoleDoc,
  type UserDoc,
} from '../../lib/auth'
import { C } from '../../lib/collections'
import { describeResidencies, loadBuilding, scopeName, toBuilding, type AreaDoc, type BuildingDoc } from '../../lib/describe'
import { findAll, findById, iso } from '../../lib/docs'
import { keysetPage } from '../../lib/paging'
import { createFunction, handle, type Ctx } from '../../lib/router'
import { isDuplicateKey, runTransactionWithRetry } from '../../lib/transaction'
import { householdCount, parseHouseholdId, roomsOf } from '../../lib/structure'

interface InviteDoc {
  _id: string
  buildingId: string
  /** A household code's one household; null (or absent, for codes issued before) = a building code for empty rooms. */
  householdId?: string | null
  issuedBy: string
  createdAt: Date
  expiresAt: Date
  maxUses: number
  uses: number
  /** The tickets of the people counted in `uses` (inviteTicket: digests that name nobody); absent on older codes. */
  used?: string[]
  revoked: boolean
}

/** A person's ticket in a code's `used`: one use of a code per person, and a retry finds its use taken already. */
const inviteTicket = (code: string, openid: string): string => createHash('sha256').update(`${code}:${openid}`).digest('base64url').slice(0, 16)

interface AttemptDoc {
  _id: string
  openid: string
  failures: number
}

/** 30 symbols without look-alikes; 8 of them give 6.6 × 10^11 codes, and wrong guesses are rate-limited. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const MAX_FAILED_CODES_PER_HOUR = 5
/** Rows a paged list (the queue, invite codes) answers at a time. */
const PAGE = 50

function newCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

function toInvite(doc: InviteDoc): InviteCode {
  return { code: doc._id, buildingId: doc.buildingId, householdId: doc.householdId ?? null, expiresAt: iso(doc.expiresAt), maxUses: doc.maxUses, uses: doc.uses, revoked: doc.revoked }
}

async function requireBuilding(ctx: Ctx, buildingId: string) {
  const loaded = await loadBuilding(ctx, buildingId)
  if (!loaded) throw new AppError('NOT_FOUND', '没有找到这栋楼', 'buildingId')
  return loaded
}

/** Resolves a household id against its building's shape: ids that name no real room are refused. */
async function requireHousehold(ctx: Ctx, householdId: string) {
  const buildingId = householdId.split('-').slice(0, -2).join('-')
  const loaded = buildingId ? await loadBuilding(ctx, buildingId) : null
  const room = loaded ? parseHouseholdId(householdId, loaded.building) : null
  if (!loaded || !room) throw new AppError('NOT_FOUND', '没有找到这个房间', 'householdId')
  return { ...loaded, room }
}

async function refuseIfBound(ctx: Ctx, id: string, read?: ResidencyDoc | null): Promise<void> {
  const existing = read !== undefined ? read : await findById<ResidencyDoc>(ctx, C.residencies, id)
  if (existing?.status === 'verified') throw new AppError('CONFLICT', '您已绑定这个房间')
  if (existing?.status === 'pending') throw new AppError('CONFLICT', '这个房间的申请正在审核中')
}

function hourBucket(now: Date): string {
  return now.toISOString().slice(0, 13).replace(/[-T]/g, '')
}

async function recordFailedCode(ctx: Ctx, attemptId: string): Promise<void> {
  const { stats } = await ctx.db.collection(C.inviteAttempts).doc(attemptId).update({ data: { failures: ctx.db.command.inc(1) } })
  if (stats.updated === 0) {
    await ctx.db.collection(C.inviteAttempts).add({ data: { _id: attemptId, openid: ctx.openid, failures: 1, at: ctx.now } }).catch(async () => {
      // Another request created it first: count this failure on that document.
      await ctx.db.collection(C.inviteAttempts).doc(attemptId).update({ data: { failures: ctx.db.command.inc(1) } })
    })
  }
}

/** Requests one person has waiting: each is a row in some leader's queue, so they are capped (and checked first, cheaply). */
async function refuseIfTooManyPending(ctx: Ctx): Promise<void> {
  const { total } = await ctx.db.collection(C.residencies).where({ openid: ctx.openid, status: 'pending' }).count()
  if (total >= contract.MAX_PENDING_RESIDENCIES) throw new AppError('RATE_LIMITED', `您已有 ${contract.MAX_PENDING_RESIDENCIES} 条居住登记在等待审核，请等审核后再申请`)
}

/** A verified member of the household now (the caller's own residency, by its id). */
async function isVerifiedMember(ctx: Ctx, householdId: string): Promise<boolean> {
  const home = await findById<ResidencyDoc>(ctx, C.residencies, residencyId(ctx.openid, householdId))
  return home?.status === 'verified'
}

/** Rows of a list of waiting requests: buildings and nicknames read once for the page. */
async function pendingRows(ctx: Ctx, pending: ResidencyDoc[]): Promise<PendingResidency[]> {
  const described = await describeResidencies(ctx, pending)
  const nicknames = await nicknamesOf(ctx, pending.map((doc) => doc.openid))
  return pending.map((doc, index) => {
    const item = described[index]
    return {
      id: doc._id,
      nickname: nicknames.get(doc.openid) ?? '',
      buildingName: `${item.areaName} ${item.buildingName}`,
      unit: item.unit,
      room: item.room,
      requestedAt: iso(doc.requestedAt),
      viaInvite: doc.via === 'invite',
      issuedByMe: doc.via === 'invite' && doc.inviteIssuedBy === ctx.openid,
    }
  })
}

async function summary(ctx: Ctx, id: string): Promise<ResidencySummary> {
  const doc = await findById<ResidencyDoc>(ctx, C.residencies, id)
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条居住登记')
  return (await describeResidencies(ctx, [doc]))[0]
}

export const routes = [
  handle(contract.listAreas, async (_input, ctx) => {
    const { data } = await ctx.db.collection(C.areas).orderBy('order', 'asc').limit(100).get()
    const areas = data as unknown as AreaDoc[]
    const out = []
    for (const area of areas) {
      const { total } = await ctx.db.collection(C.buildings).where({ areaId: area._id }).count()
      out.push({ id: area._id, name: area.name, buildingCount: total })
    }
    return out
  }),

  handle(contract.listBuildings, async (input, ctx) => {
    const docs = await findAll<BuildingDoc>(ctx, C.buildings, { areaId: input.areaId })
    return docs.sort((a, b) => a.order - b.order).map(toBuilding)
  }),

  handle(contract.listRooms, async (input, ctx) => {
    const { building } = await requireBuilding(ctx, input.buildingId)
    if (input.unit > building.units) throw new AppError('NOT_FOUND', '这栋楼没有这个单元', 'unit')
    return roomsOf(building, input.unit)
  }),

  handle(contract.viewBuilding, async (input, ctx) => {
    const { building, areaName } = await requireBuilding(ctx, input.buildingId)
    if (!(await canSeeBuilding(ctx, building.id))) {
      throw new AppError('NOT_VISIBLE', '只有本楼已认证的居民、楼组长和社区管理员可以查看本楼信息')
    }
    const units = []
    for (let unit = 1; unit <= building.units; unit++) {
      const rooms = roomsOf(building, unit)
      const floors = []
      for (let floor = building.floors; floor >= 1; floor--) floors.push({ floor, rooms: rooms.filter((room) => room.floor === floor) })
      units.push({ unit, floors })
    }
    const mine = await findAll<ResidencyDoc>(ctx, C.residencies, { openid: ctx.openid, buildingId: building.id, status: 'verified' })
    const { total } = await ctx.db.collection(C.residencies).where({ buildingId: building.id, status: 'verified' }).count()
    return { building, areaName, units, myHouseholdIds: mine.map((item) => item.householdId), householdCount: householdCount(building), residentCount: total }
  }),

  handle(contract.joinWithCode, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    const { building } = await requireHousehold(ctx, input.householdId)
    const attemptId = `${ctx.openid}:${hourBucket(ctx.now)}`
    const attempts = await findById<AttemptDoc>(ctx, C.inviteAttempts, attemptId)
    if ((attempts?.failures ?? 0) >= MAX_FAILED_CODES_PER_HOUR) throw new AppError('RATE_LIMITED', '尝试次数过多，请一小时后再试，或联系楼组长')
    const id = residencyId(ctx.openid, input.householdId)
    // A retry of a join that went through (its answer lost, or the instance stopped after writing) answers with it.
    const written = await findById<ResidencyDoc>(ctx, C.residencies, id)
    if (written && ctx.requestId !== undefined && written.requestId === ctx.requestId) return summary(ctx, id)
    await refuseIfBound(ctx, id, written)
    await refuseIfTooManyPending(ctx)

    const invite = await findById<InviteDoc>(ctx, C.invites, input.code)
    // A household code opens its one household; a code of another building, or another household's, is simply wrong.
    if (!invite || invite.buildingId !== building.id || (invite.householdId && invite.householdId !== input.householdId)) {
      await recordFailedCode(ctx, attemptId)
      throw new AppError('CODE_INVALID', '邀请码不正确，请核对后再试', 'code')
    }
    if (invite.revoked || new Date(invite.expiresAt) <= ctx.now) throw new AppError('CODE_EXPIRED', '邀请码已失效，请向楼组长索取新的邀请码', 'code')
    // A code carries its issuer's authority, which lasts only while they hold the role: a revoked leader's codes are dead.
    if (!(await canManageBuilding(ctx, building.id, invite.issuedBy))) throw new AppError('CODE_EXPIRED', '邀请码已失效，请向楼组长索取新的邀请码', 'code')
    // Decided, not assumed: a household whose members are verified is not entered on a code alone — an existing member
    // (or a leader other than the issuer) approves; nor does the issuer let themselves in with their own code.
    const { total: members } = await ctx.db.collection(C.residencies).where({ householdId: input.householdId, status: 'verified' }).count()
    const status: ResidencyDoc['status'] = members > 0 || invite.issuedBy === ctx.openid ? 'pending' : 'verified'

    // A use of the code is taken with one conditional update, not inside the transaction: a building's group joining on
    // one code at once would otherwise all write the code's document and conflict (-501001) past any retry. Only an
    // unrevoked code with a use left is counted, so the last use goes to exactly one person; the person's ticket goes
    // with it, so a retry after a stopped instance finds its use taken instead of taking a second.
    const _ = ctx.db.command
    const ticket = inviteTicket(invite._id, ctx.openid)
    const { stats } = await ctx.db
      .collection(C.invites)
      .where({ _id: invite._id, revoked: false, uses: _.lt(invite.maxUses), used: _.neq(ticket) })
      .update({ data: { uses: _.inc(1), used: _.push(ticket) } })
    if (stats.updated === 0 && !(await findById<InviteDoc>(ctx, C.invites, invite._id))?.used?.includes(ticket)) {
      throw new AppError('CODE_EXPIRED', '邀请码已用完或已撤销，请向楼组长索取新的邀请码', 'code')
    }
    try {
      await runTransactionWithRetry(ctx.db, async (t) => {
        const residency: Omit<ResidencyDoc, '_id'> = {
          openid: ctx.openid,
          householdId: input.householdId,
          buildingId: building.id,
          areaId: building.areaId,
          status,
          via: 'invite',
          inviteIssuedBy: invite.issuedBy,
          ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}),
          requestedAt: ctx.now,
          ...(status === 'verified' ? { decidedAt: ctx.now, decidedBy: `invite:${invite._id}` } : {}),
        }
        await t.collection(C.residencies).doc(id).set({ data: residency })
        await auditIn(t, ctx, { action: 'residency.join', target: id, before: null, after: { status, code: invite._id, householdId: input.householdId } })
      })
    } catch (error) {
      // Nothing was written: the use goes back.
      await ctx.db
        .collection(C.invites)
        .where({ _id: invite._id, used: ticket })
        .update({ data: { uses: _.inc(-1), used: _.pull(ticket) } })
      throw error
    }
    return summary(ctx, id)
  }),

  handle(contract.requestResidency, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    const { building } = await requireHousehold(ctx, input.householdId)
    const id = residencyId(ctx.openid, input.householdId)
    await refuseIfBound(ctx, id)
    await refuseIfTooManyPending(ctx)
    const residency: Omit<ResidencyDoc, '_id'> = {
      openid: ctx.openid,
      householdId: input.householdId,
      buildingId: building.id,
      areaId: building.areaId,
      status: 'pending',
      via: 'approval',
      requestedAt: ctx.now,
    }
    await ctx.db.collection(C.residencies).doc(id).set({ data: residency })
    return summary(ctx, id)
  }),

  handle(contract.leaveResidency, async (input, ctx) => {
    // Ownership is part of the query: a residency id of someone else's matches nothing.
    const { stats } = await ctx.db
      .collection(C.residencies)
      .where({ _id: input.residencyId, openid: ctx.openid, status: ctx.db.command.in(['verified', 'pending']) })
      .update({ data: { status: 'left', decidedAt: ctx.now } })
    if (stats.updated === 0) throw new AppError('NOT_FOUND', '没有找到您的这条居住登记', 'residencyId')
    return summary(ctx, input.residencyId)
  }),

  handle(contract.issueInvite, async (input, ctx) => {
    const { building } = await requireBuilding(ctx, input.buildingId)
    await requireBuildingManager(ctx, input.buildingId)
    const householdId = input.householdId ?? null
    if (householdId && !parseHouseholdId(householdId, building)) throw new AppError('NOT_FOUND', '这栋楼没有这个房间', 'householdId')
    if (householdId && input.maxUses > contract.MAX_HOUSEHOLD_CODE_USES) throw new AppError('INVALID_INPUT', `一户的邀请码最多可用 ${contract.MAX_HOUSEHOLD_CODE_USES} 次`, 'maxUses')
    const expiresAt = new Date(ctx.now.getTime() + input.days * 24 * 3600 * 1000)
    for (let tries = 0; tries < 5; tries++) {
      const doc: InviteDoc = { _id: newCode(), buildingId: input.buildingId, householdId, issuedBy: ctx.openid, createdAt: ctx.now, expiresAt, maxUses: input.maxUses, uses: 0, revoked: false }
      try {
        await ctx.db.collection(C.invites).add({ data: doc })
      } catch (error) {
        if (isDuplicateKey(error)) continue
        throw error
      }
      await audit(ctx, { action: 'invite.issue', target: householdId ?? input.buildingId, before: null, after: { code: doc._id, maxUses: doc.maxUses, expiresAt: iso(expiresAt) } })
      return toInvite(doc)
    }
    throw new AppError('INTERNAL', '生成邀请码失败，请重试')
  }),

  handle(contract.revokeInvite, async (input, ctx) => {
    const invite = await requireManagedRecord(ctx, await findById<InviteDoc>(ctx, C.invites, input.code), new AppError('NOT_FOUND', '没有找到这个邀请码', 'code'))
    await ctx.db.collection(C.invites).doc(invite._id).update({ data: { revoked: true } })
    await audit(ctx, { action: 'invite.revoke', target: invite._id, before: { revoked: invite.revoked }, after: { revoked: true } })
    return toInvite({ ...invite, revoked: true })
  }),

  handle(contract.listInvites, async (input, ctx) => {
    await requireBuilding(ctx, input.buildingId)
    await requireBuildingManager(ctx, input.buildingId)
    // Newest first, the code itself breaking ties (codes issued in the same instant), paged by keyset: a code issued
    // while someone pages does not push a row onto the next page twice.
    const page = await keysetPage<InviteDoc>(ctx, C.invites, { buildingId: input.buildingId }, { field: 'createdAt', direction: 'desc', idDirection: 'asc' }, input.cursor, PAGE)
    return { items: page.items.map(toInvite), next: page.next }
  }),

  handle(contract.residencyQueue, async (input, ctx) => {
    const _ = ctx.db.command
    let where: Record<string, unknown> = { status: 'pending' }
    if (!(await isAdmin(ctx))) {
      const led = await findAll<RoleDoc>(ctx, C.roles, { openid: ctx.openid, role: 'building_leader' })
      if (led.length === 0) throw new AppError('FORBIDDEN', '仅楼组长或社区管理员可以查看审核队列')
      where = { status: 'pending', buildingId: _.in(led.map((role) => role.scope)) }
    }
    // Keyset paging: requests decided while someone pages leave the queue without shifting the next page.
    const page = await keysetPage<ResidencyDoc>(ctx, C.residencies, where, { field: 'requestedAt', direction: 'asc', idDirection: 'asc' }, input.cursor, PAGE)
    const pending = page.items
    // Who asks to live where is personal data: every page a leader reads is on the record.
    await audit(ctx, { action: 'residency.queue.read', target: 'residency.queue', before: null, after: { cursor: input.cursor ?? null, rows: pending.length } })
    return { items: await pendingRows(ctx, pending), next: page.next }
  }),

  handle(contract.householdRequests, async (_input, ctx) => {
    const _ = ctx.db.command
    const homes = await findAll<ResidencyDoc>(ctx, C.residencies, { openid: ctx.openid, status: 'verified' })
    if (homes.length === 0) return []
    const waiting = await findAll<ResidencyDoc>(ctx, C.residencies, { householdId: _.in(homes.map((home) => home.householdId)), status: 'pending' })
    const others = waiting.filter((doc) => doc.openid !== ctx.openid).sort((a, b) => +new Date(a.requestedAt) - +new Date(b.requestedAt))
    return pendingRows(ctx, others)
  }),

  handle(contract.decideResidency, async (input, ctx) => {
    const found = await findById<ResidencyDoc>(ctx, C.residencies, input.residencyId)
    // An existing verified member of the household decides who joins it, as a leader does; anyone else is answered as
    // requireManagedRecord answers (the same whether or not the request exists).
    const byMember = found !== null && found.openid !== ctx.openid && (await isVerifiedMember(ctx, found.householdId))
    const doc = byMember && found ? found : await requireManagedRecord(ctx, found, new AppError('NOT_FOUND', '没有找到这条申请', 'residencyId'))
    // A leader approving their own request could make themselves a member of any household of their building (and so
    // manage its party-member record): someone else decides, as for everybody.
    if (doc.openid === ctx.openid) throw new AppError('FORBIDDEN', '不能审核自己的居住登记，请由社区管理员或其他楼组长审核', 'residencyId')
    // Nor does the leader who issued the code decide the join it made: that would be letting someone in alone.
    if (!byMember && doc.via === 'invite' && doc.inviteIssuedBy === ctx.openid) {
      throw new AppError('FORBIDDEN', '用您发的邀请码加入的申请，需由这户的家人、其他楼组长或社区管理员审核', 'residencyId')
    }
    const status = input.approve ? 'verified' : 'rejected'
    const { stats } = await ctx.db
      .collection(C.residencies)
      .where({ _id: doc._id, status: 'pending' })
      .update({ data: { status, decidedAt: ctx.now, decidedBy: ctx.openid } })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这条申请已经处理过了')
    await audit(ctx, { action: 'residency.decide', target: doc._id, before: { status: doc.status }, after: { status, as: byMember ? 'member' : 'manager' } })
    return summary(ctx, doc._id)
  }),

  handle(contract.grantRole, async (input, ctx) => {
    await requireAdmin(ctx)
    const user = await findById<UserDoc>(ctx, C.users, input.userId)
    if (!user) throw new AppError('NOT_FOUND', '没有找到这位用户', 'userId')
    if (input.role === 'admin' && input.scope !== 'community') throw new AppError('INVALID_INPUT', '管理员的范围只能是 community', 'scope')
    if (input.role === 'building_leader') await requireBuilding(ctx, input.scope)
    if (input.role === 'team_leader' && !(await findById(ctx, C.teams, input.scope))) throw new AppError('NOT_FOUND', '没有找到这支队伍', 'scope')
    const id = roleId(input.userId, input.role, input.scope)
    const before = await findById<RoleDoc>(ctx, C.roles, id)
    const doc: Omit<RoleDoc, '_id'> = { openid: input.userId, role: input.role, scope: input.scope, grantedBy: ctx.openid, grantedAt: ctx.now }
    await ctx.db.collection(C.roles).doc(id).set({ data: doc })
    await audit(ctx, { action: 'role.grant', target: input.userId, before: before ? { role: before.role, scope: before.scope } : null, after: { role: input.role, scope: input.scope } })
    return { role: input.role, scope: input.scope, scopeName: await scopeName(ctx, input.role, input.scope) }
  }),

  handle(contract.revokeRole, async (input, ctx) => {
    await requireAdmin(ctx)
    const id = roleId(input.userId, input.role, input.scope)
    const before = await findById<RoleDoc>(ctx, C.roles, id)
    if (!before) throw new AppError('NOT_FOUND', '这位用户没有这个角色')
    await ctx.db.collection(C.roles).doc(id).remove()
    await audit(ctx, { action: 'role.revoke', target: input.userId, before: { role: before.role, scope: before.scope }, after: null })
    return { role: input.role, scope: input.scope, scopeName: await scopeName(ctx, input.role, input.scope) }
  }),

  handle(contract.listAudit, async (input, ctx) => {
    await requireAdmin(ctx)
    const _ = ctx.db.command
    const where: Record<string, unknown> = {}
    if (input.actor) where.actor = input.actor
    if (input.action) where.action = input.action
    if (input.from && input.to) where.at = _.gte(new Date(`${input.from}T00:00:00+08:00`)).and(_.lt(new Date(new Date(`${input.to}T00:00:00+08:00`).getTime() + 86400000)))
    else if (input.from) where.at = _.gte(new Date(`${input.from}T00:00:00+08:00`))
    else if (input.to) where.at = _.lt(new Date(new Date(`${input.to}T00:00:00+08:00`).getTime() + 86400000))
    // Newest first and written all the time: keyset paging, so entries written meanwhile do not repeat rows on page 2.
    const page = await keysetPage<{ _id: string; actor: string; action: string; target: string; before: unknown; after: unknown; at: Date }>(ctx, C.audit, where, { field: 'at', direction: 'desc', idDirection: 'desc' }, input.cursor, 50)
    const rows = page.items
    const nicknames = await nicknamesOf(ctx, rows.map((row) => row.actor))
    const items: AuditEntry[] = []
    for (const row of rows) {
      items.push({ id: row._id, actor: row.actor, actorName: nicknames.get(row.actor) ?? '', action: row.action, target: row.target, before: row.before, after: row.after, at: iso(row.at) })
    }
    return { items, next: page.next }
  }),
]

export const main = createFunction('community', routes)
