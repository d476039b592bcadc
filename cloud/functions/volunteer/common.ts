import { AppError } from '../../contracts/envelope'
import type { LocalizedText, Team } from '../../contracts/model'
import type { HoursStatus, MySignup, ShiftSummary } from '../../contracts/volunteer'
import { staffing } from '../../domain/volunteer'
import { findUser, requireConsent, roleId, verifiedResidencies, type RoleDoc, type UserDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { findById, findByIds, iso } from '../../lib/docs'
import type { Ctx } from '../../lib/router'
import type { HoursDoc, ProfileDoc, ShiftDoc, SignupDoc } from '../../lib/volunteer'

/** Who issues certificates and whose name stands in the export's 组织名称 column. */
export const ISSUER = '九里亭街道社区志愿服务站'

export interface TeamDoc extends Omit<Team, 'id' | 'leaderName'> {
  _id: string
  order: number
  leaderName: string
}

export function toTeam({ _id, key, name, purpose, leaderName, memberCount, risky }: TeamDoc): Team {
  return { id: _id, key, name, purpose, leaderName, memberCount, risky }
}

export async function loadTeam(ctx: Ctx, teamId: string): Promise<TeamDoc> {
  const team = await findById<TeamDoc>(ctx, C.teams, teamId)
  if (!team) throw new AppError('NOT_FOUND', '没有找到这支队伍', 'teamId')
  return team
}

export async function loadShift(ctx: Ctx, shiftId: string): Promise<ShiftDoc> {
  const shift = await findById<ShiftDoc>(ctx, C.shifts, shiftId)
  if (!shift) throw new AppError('NOT_FOUND', '没有找到这个班次', 'shiftId')
  return shift
}

/** A team's leader (role team_leader with the team as scope) or a community admin. */
export async function canLead(ctx: Ctx, teamId: string): Promise<boolean> {
  // Both roles that could lead it, in one query.
  const held = await findByIds<RoleDoc>(ctx, C.roles, [roleId(ctx.openid, 'team_leader', teamId), roleId(ctx.openid, 'admin', 'community')])
  return held.size > 0
}

export async function requireLead(ctx: Ctx, teamId: string): Promise<void> {
  if (!(await canLead(ctx, teamId))) throw new AppError('FORBIDDEN', '仅本队队长或社区管理员可以进行此操作')
}

/** Joining a team or signing up needs the app consent and a verified home in the community. */
export async function requireVolunteer(ctx: Ctx): Promise<void> {
  await requireConsent(ctx, 'app')
  if ((await verifiedResidencies(ctx)).length === 0) throw new AppError('NOT_RESIDENT', '请先绑定并认证您在社区的住址')
}

/** The name on certificates, rosters and the export: the one the volunteer gave, else their nickname. */
export async function nameOf(ctx: Ctx, openid: string): Promise<string> {
  const profile = await findById<ProfileDoc>(ctx, C.volunteerProfiles, openid)
  if (profile?.name) return profile.name
  return (await findUser(ctx, openid))?.nickname ?? '邻居'
}

/**
 * `nameOf` for a page of people at once: their volunteer profiles in one query per 100, then the nicknames of those
 * who gave no name in one more. Also the profiles, for the rows that show languages.
 */
export async function namesOf(ctx: Ctx, openids: Iterable<string>): Promise<{ names: Map<string, string>; profiles: Map<string, ProfileDoc> }> {
  const ids = [...new Set(openids)]
  const profiles = await findByIds<ProfileDoc>(ctx, C.volunteerProfiles, ids)
  const unnamed = ids.filter((openid) => !profiles.get(openid)?.name)
  const users = await findByIds<UserDoc>(ctx, C.users, unnamed)
  const names = new Map(ids.map((openid) => [openid, profiles.get(openid)?.name || users.get(openid)?.nickname || '邻居']))
  return { names, profiles }
}

/** Team names for many rows with one read per team. */
export function teamNames(ctx: Ctx): (teamId: string) => Promise<LocalizedText> {
  const cache = new Map<string, Promise<LocalizedText>>()
  return (teamId) => {
    let name = cache.get(teamId)
    if (!name) {
      name = findById<TeamDoc>(ctx, C.teams, teamId).then((team) => team?.name ?? { 'zh-CN': teamId })
      cache.set(teamId, name)
    }
    return name
  }
}

export function toShiftSummary(shift: ShiftDoc, teamName: LocalizedText, now: Date): ShiftSummary {
  return {
    id: shift._id,
    teamId: shift.teamId,
    teamName,
    title: shift.title,
    place: shift.place,
    startAt: iso(shift.startAt),
    endAt: iso(shift.endAt),
    capacity: shift.capacity,
    taken: shift.taken,
    waiting: shift.waitlist.length,
    requirements: shift.requirements,
    signupOpensAt: iso(shift.signupOpensAt),
    signupClosesAt: iso(shift.signupClosesAt),
    cancelBefore: iso(shift.cancelBefore),
    cancelled: shift.cancelled,
    staffing: staffing(shift.taken, shift.capacity, new Date(shift.startAt).getTime(), now.getTime()),
    seriesId: shift.seriesId,
  }
}

export function toMySignup(signup: SignupDoc, shift: Pick<ShiftDoc, 'waitlist'>, hours: HoursDoc | null): MySignup {
  const position = shift.waitlist.indexOf(signup.openid)
  return {
    status: signup.status,
    waitPosition: signup.status === 'waitlisted' && position >= 0 ? position + 1 : null,
    checkInAt: signup.checkInAt ? iso(signup.checkInAt) : null,
    checkOutAt: signup.checkOutAt ? iso(signup.checkOutAt) : null,
    minutes: hours?.minutes ?? null,
    hours: (hours?.status as HoursStatus | undefined) ?? null,
  }
}
