import * as contract from '../../contracts/volunteer'
import { AppError } from '../../contracts/envelope'
import type { Membership, MemberRow } from '../../contracts/volunteer'
import type { LanguageSkill, Training } from '../../domain/volunteer'
import { audit } from '../../lib/audit'
import { C } from '../../lib/collections'
import { findAll, findById, iso } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import { memberId, type MemberDoc, type ProfileDoc, type ShiftDoc } from '../../lib/volunteer'
import { canLead, loadTeam, nameOf, requireLead, requireVolunteer, toShiftSummary, toTeam, type TeamDoc } from './common'

function toMembership(doc: MemberDoc): Membership {
  return { teamId: doc.teamId, status: doc.status, insuredUntil: doc.insuredUntil, trainings: doc.trainings as Training[] }
}

async function memberRow(ctx: Ctx, doc: MemberDoc): Promise<MemberRow> {
  const profile = await findById<ProfileDoc>(ctx, C.volunteerProfiles, doc.openid)
  return {
    volunteerId: doc.openid,
    name: await nameOf(ctx, doc.openid),
    since: iso(doc.decidedAt ?? doc.requestedAt),
    insuredUntil: doc.insuredUntil,
    trainings: doc.trainings as Training[],
    languages: (profile?.languages ?? []) as LanguageSkill[],
  }
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
    const out = []
    for (const doc of pending.sort((a, b) => +new Date(a.requestedAt) - +new Date(b.requestedAt))) {
      out.push({ volunteerId: doc.openid, name: await nameOf(ctx, doc.openid), requestedAt: iso(doc.requestedAt) })
    }
    return out
  }),

  handle(contract.decideJoin, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const id = memberId(input.teamId, input.volunteerId)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (!existing) throw new AppError('NOT_FOUND', '没有找到这份入队申请', 'volunteerId')
    const status = input.approve ? 'member' : 'rejected'
    const { stats } = await ctx.db.collection(C.teamMembers).where({ _id: id, status: 'pending' }).update({ data: { status, decidedAt: ctx.now, decidedBy: ctx.openid } })
    if (stats.updated === 0) throw new AppError('CONFLICT', '这份申请已经处理过了')
    if (input.approve) await ctx.db.collection(C.teams).doc(input.teamId).update({ data: { memberCount: ctx.db.command.inc(1) } })
    await audit(ctx, { action: 'team.decide', target: id, before: { status: existing.status }, after: { status } })
    return toMembership({ ...existing, status, decidedAt: ctx.now, decidedBy: ctx.openid })
  }),

  handle(contract.listMembers, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const members = await findAll<MemberDoc>(ctx, C.teamMembers, { teamId: input.teamId, status: 'member' })
    const out = []
    for (const doc of members) out.push(await memberRow(ctx, doc))
    return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }),

  handle(contract.qualifyMember, async (input, ctx) => {
    await loadTeam(ctx, input.teamId)
    await requireLead(ctx, input.teamId)
    const id = memberId(input.teamId, input.volunteerId)
    const existing = await findById<MemberDoc>(ctx, C.teamMembers, id)
    if (existing?.status !== 'member') throw new AppError('NOT_FOUND', '这位不是本队队员', 'volunteerId')
    const trainings = [...new Set(input.trainings)]
    await ctx.db.collection(C.teamMembers).doc(id).update({ data: { insuredUntil: input.insuredUntil, trainings: ctx.db.command.set(trainings) } })
    // Whoever records certifies (志愿服务条例): the leader's name stands behind each insurance and training entry.
    await audit(ctx, { action: 'member.qualify', target: id, before: { insuredUntil: existing.insuredUntil, trainings: existing.trainings }, after: { insuredUntil: input.insuredUntil, trainings } })
    return memberRow(ctx, { ...existing, insuredUntil: input.insuredUntil, trainings })
  }),
]
