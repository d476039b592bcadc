import * as contract from '../../contracts/volunteer'
import { AppError } from '../../contracts/envelope'
import type { Membership, MemberRow } from '../../contracts/volunteer'
import type { LanguageSkill, Training } from '../../domain/volunteer'
import { auditIn } from '../../lib/audit'
import { C } from '../../lib/collections'
import { findAll, findById, iso } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import { inTransaction, memberId, type MemberDoc, type ShiftDoc } from '../../lib/volunteer'
import { canLead, loadTeam, namesOf, requireLead, requireVolunteer, toShiftSummary, toTeam, type TeamDoc } from './common'

function toMembership(doc: MemberDoc): Membership {
  return { teamId: doc.teamId, status: doc.status, insuredUntil: doc.insuredUntil, trainings: doc.trainings as Training[] }
}

/** Member rows for a page of members: names and languages read once for the page, not once per row. */
async function memberRows(ctx: Ctx, docs: MemberDoc[]): Promise<MemberRow[]> {
  const { names, profiles } = await namesOf(ctx, docs.map((doc) => doc.openid))
  return docs.map((doc) => ({
    volunteerId: doc.openid,
    name: names.get(doc.openid) ?? '邻居',
    since: iso(doc.decidedAt ?? doc.requestedAt),
    insuredUntil: doc.insuredUntil,
    trainings: doc.trainings as Training[],
    languages: (profiles.get(doc.openid)?.languages ?? []) as LanguageSkill[],
  }))
}

/** Upcoming shifts, soonest first. A page of 100 is a month or more of any team's work; the list is for browsing. */
export async function upcoming(ctx: Ctx, teamId?: string): Promise<ShiftDoc[]> {
  const _ = ctx.db.command
  const where: Record<string, unknown> = { endAt: _.gt(ctx.now), cancelled: false }
  if (teamId) where.teamId = teamId
  const { data } = await ctx.db.collection(C.shifts).where(where).orderBy('startAt', 'asc').limit(100).get()
  return data as unknown as ShiftDoc[]
}

export const teamRoutes = [
  // The team list is public, like the catalogue: joining one comes after binding a home.
  handle(contract.listTeams, async (_input, ctx) => {
    const docs = await findAll<TeamDoc>(ctx, C.teams, {})
    return docs.sort((a, b) => a.order - b.order).map(toTeam)
  }),

  handle(contract.viewTeam, async (input, ctx) => {
    const team = await loadTeam(ctx, input.teamId)
    const mine = await findById<MemberDoc>(ctx, C.teamMembers, memberId(team._id, ctx.openid))
    const shifts = await upcoming(ctx, team._id)
    return {
      team: toTeam(team),
      mine: mine ? toMembership(mine) : null,
      canManage: await canLead(ctx, team._id),
      upcoming: shifts.map((shift) => toShiftSummary(shift, team.name, ctx.now)),
    }
  }),

  handle(contract.joinTeam, async (input, ctx) => {
    await requireVolunteer(ctx)
    const team = await loadTeam(ctx, input.teamId)
    const id = memberId(team._id, ctx.openid)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (existing && (existing.status === 'member' || existing.status === 'pending')) return toMembership(existing)
    const { total: waiting } = await ctx.db.collection(C.teamMembers).where({ openid: ctx.openid, status: 'pending' }).count()
    if (waiting >= contract.MAX_PENDING_TEAM_APPLICATIONS) {
      throw new AppError('RATE_LIMITED', `您已有 ${contract.MAX_PENDING_TEAM_APPLICATIONS} 份入队申请在等待队长处理，请等处理后再申请`)
    }
    const doc: Omit<MemberDoc, '_id'> = {
      teamId: team._id,
      openid: ctx.openid,
      status: 'pending',
      insuredUntil: existing?.insuredUntil ?? null,
      trainings: existing?.trainings ?? [],
      requestedAt: ctx.now,
      decidedAt: null,
      decidedBy: null,
    }
    await ctx.db.collection(C.teamMembers).doc(id).set({ data: doc })
    return toMembership({ _id: id, ...doc })
  }),

  handle(contract.leaveTeam, async (input, ctx) => {
    const id = memberId(input.teamId, ctx.openid)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (!existing || (existing.status !== 'member' && existing.status !== 'pending')) throw new AppError('NOT_FOUND', '您不是这支队伍的队员', 'teamId')
    // Guarded by the status read: of two simultaneous leaves only one counts the member out.
    const { stats } = await ctx.db.collection(C.teamMembers).where({ _id: id, openid: ctx.openid, status: existing.status }).update({ data: { status: 'left', decidedAt: ctx.now } })
    if (stats.updated === 1 && existing.status === 'member') {
      await ctx.db.collection(C.teams).doc(input.teamId).update({ data: { memberCount: ctx.db.command.inc(-1) } })
    }
    return toMembership({ ...existing, status: 'left' })
  }),

  handle(contract.joinRequests, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const pending = await findAll<MemberDoc>(ctx, C.teamMembers, { teamId: input.teamId, status: 'pending' })
    const { names } = await namesOf(ctx, pending.map((doc) => doc.openid))
    return pending
      .sort((a, b) => +new Date(a.requestedAt) - +new Date(b.requestedAt))
      .map((doc) => ({ volunteerId: doc.openid, name: names.get(doc.openid) ?? '邻居', requestedAt: iso(doc.requestedAt) }))
  }),

  handle(contract.decideJoin, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const id = memberId(input.teamId, input.volunteerId)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (!existing) throw new AppError('NOT_FOUND', '没有找到这份入队申请', 'volunteerId')
    const status = input.approve ? 'member' : 'rejected'
    // The decision, the team's count and the audit entry in one transaction: two leaders deciding at once conflict,
    // and the second finds it decided.
    await inTransaction(ctx, async (t) => {
      const current = (await t.collection(C.teamMembers).doc(id).get()).data as unknown as MemberDoc
      if (current.status !== 'pending') throw new AppError('CONFLICT', '这份申请已经处理过了')
      await t.collection(C.teamMembers).doc(id).update({ data: { status, decidedAt: ctx.now, decidedBy: ctx.openid } })
      if (input.approve) await t.collection(C.teams).doc(input.teamId).update({ data: { memberCount: ctx.db.command.inc(1) } })
      await auditIn(t, ctx, { action: 'team.decide', target: id, before: { status: current.status }, after: { status } })
    })
    return toMembership({ ...existing, status, decidedAt: ctx.now, decidedBy: ctx.openid })
  }),

  handle(contract.listMembers, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const members = await findAll<MemberDoc>(ctx, C.teamMembers, { teamId: input.teamId, status: 'member' })
    return (await memberRows(ctx, members)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }),

  handle(contract.qualifyMember, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const id = memberId(input.teamId, input.volunteerId)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (existing?.status !== 'member') throw new AppError('NOT_FOUND', '这位不是本队队员', 'volunteerId')
    const trainings = [...new Set(input.trainings)]
    // Whoever records certifies (志愿服务条例): the leader's name stands behind each insurance and training entry, so
    // the entry and its audit line are written together, with "before" as the transaction read it.
    const before = await inTransaction(ctx, async (t) => {
      const current = (await t.collection(C.teamMembers).doc(id).get()).data as unknown as MemberDoc
      if (current.status !== 'member') throw new AppError('NOT_FOUND', '这位不是本队队员', 'volunteerId')
      await t.collection(C.teamMembers).doc(id).update({ data: { insuredUntil: input.insuredUntil, trainings: ctx.db.command.set(trainings) } })
      await auditIn(t, ctx, { action: 'member.qualify', target: id, before: { insuredUntil: current.insuredUntil, trainings: current.trainings }, after: { insuredUntil: input.insuredUntil, trainings } })
      return current
    })
    return (await memberRows(ctx, [{ ...before, insuredUntil: input.insuredUntil, trainings }]))[0]
  }),
]
