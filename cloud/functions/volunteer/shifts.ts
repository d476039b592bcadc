import { createHash, randomBytes } from 'node:crypto'
import * as contract from '../../contracts/volunteer'
import { AppError } from '../../contracts/envelope'
import type { LanguageSkill, ShiftDetail } from '../../contracts/volunteer'
import { cancelRefusal, checkinPhase, pruneHeld, shiftPlanRefusal, shiftTimes, signupRefusals, weeklyDays, type ShiftPlanRefusal } from '../../domain/volunteer'
import { chinaDay, chinaTime } from '../../domain/time'
import { audit } from '../../lib/audit'
import { verifiedResidencies } from '../../lib/auth'
import { C } from '../../lib/collections'
import { checkText } from '../../lib/content'
import { findById } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import { tellPromoted } from '../../lib/volunteer-notices'
import { hoursId, memberId, releasePlace, signupId, takePlace, type HoursDoc, type LockDoc, type MemberDoc, type ProfileDoc, type ShiftDoc, type SignupDoc } from '../../lib/volunteer'
import { canLead, loadShift, loadTeam, requireLead, requireVolunteer, teamNames, toMySignup, toShiftSummary } from './common'
import { upcoming } from './teams'
import { isDuplicateKey } from '../../lib/transaction'

async function currentMember(ctx: Ctx, teamId: string): Promise<MemberDoc | null> {
  const doc = await findById<MemberDoc>(ctx, C.teamMembers, memberId(teamId, ctx.openid))
  return doc?.status === 'member' ? doc : null
}

async function languagesOf(ctx: Ctx): Promise<LanguageSkill[]> {
  return ((await findById<ProfileDoc>(ctx, C.volunteerProfiles, ctx.openid))?.languages ?? []) as LanguageSkill[]
}

/** What the calling action has just read or written itself, so the page is not read for it again. */
export interface KnownForDetail {
  /** The caller's sign-up as this call wrote it: only a confirmed one (nothing else changes it while it stands). */
  signup?: SignupDoc
  languages?: LanguageSkill[]
  /** This call found the caller a verified resident. */
  verifiedResident?: boolean
  /** The shift as this call last read it, when nothing changed it since in this call. */
  shift?: ShiftDoc
}

/** Everything the shift page needs for the caller, with the same refusal rule the sign-up enforces. */
export async function shiftDetail(ctx: Ctx, shiftId: string, known: KnownForDetail = {}): Promise<ShiftDetail> {
  const shift = known.shift ?? (await loadShift(ctx, shiftId))
  const team = await loadTeam(ctx, shift.teamId)
  const signup = known.signup?.status === 'confirmed' ? known.signup : await findById<SignupDoc>(ctx, C.signups, signupId(shift._id, ctx.openid))
  const hours = await findById<HoursDoc>(ctx, C.volunteerHours, hoursId(shift._id, ctx.openid))
  const languages = known.languages ?? (await languagesOf(ctx))
  const now = ctx.now.getTime()
  const startAt = new Date(shift.startAt).getTime()
  const endAt = new Date(shift.endAt).getTime()
  const holding = signup !== null && signup.status !== 'cancelled'
  // The lock and the membership only decide refusals, which a standing sign-up does not have: read only without one.
  const lock = holding ? null : await findById<LockDoc>(ctx, C.volunteerLocks, ctx.openid)
  const membership = holding ? null : await currentMember(ctx, shift.teamId)
  const refusals = holding
    ? []
    : signupRefusals({
        now,
        shift: {
          shiftId: shift._id,
          startAt,
          endAt,
          status: shift.cancelled ? 'cancelled' : 'open',
          signupOpensAt: new Date(shift.signupOpensAt).getTime(),
          signupClosesAt: new Date(shift.signupClosesAt).getTime(),
          requirements: shift.requirements,
          taken: shift.taken,
          capacity: shift.capacity,
          waiting: shift.waitlist.length,
        },
        languages,
        membership,
        // Ticked on the sign-up itself; the page shows the tick box instead of a refusal.
        confirmedAgeHealth: true,
        held: pruneHeld(lock?.held ?? [], now),
      })
  return {
    shift: toShiftSummary(shift, team.name, ctx.now),
    teamRisky: team.risky,
    mine: signup ? toMySignup(signup, shift, hours) : hours ? { status: 'confirmed', waitPosition: null, checkInAt: null, checkOutAt: null, minutes: hours.minutes, hours: hours.status } : null,
    refusals,
    cancelRefusal: signup?.status === 'confirmed' ? cancelRefusal(now, new Date(shift.cancelBefore).getTime(), endAt) : null,
    checkin: checkinPhase(now, startAt, endAt),
    canManage: await canLead(ctx, shift.teamId),
    myLanguages: languages,
    verifiedResident: known.verifiedResident ?? (await verifiedResidencies(ctx)).length > 0,
  }
}

const PLAN_FIELDS: Record<ShiftPlanRefusal, { field: string; message: string }> = {
  in_past: { field: 'day', message: '班次的开始时间已经过去' },
  too_short: { field: 'end', message: '班次至少 15 分钟' },
  too_long: { field: 'end', message: '一个班次最长 12 小时，请分成几个班次' },
  close_after_start: { field: 'closeHours', message: '报名截止时间不能晚于开始时间' },
}

/** Ids carry team, day and time so they read well in logs; a retried request (same requestId) makes the same ids. */
function shiftIds(ctx: Ctx, teamId: string, days: string[], start: string): string[] {
  const seed = ctx.requestId ? createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 6) : randomBytes(3).toString('hex')
  return days.map((day) => `${teamId}-${day.replace(/-/g, '')}-${start.replace(':', '')}-${seed}`)
}

export const shiftRoutes = [
  handle(contract.upcomingShifts, async (input, ctx) => {
    const names = teamNames(ctx)
    const out = []
    for (const shift of await upcoming(ctx, input.teamId)) out.push(toShiftSummary(shift, await names(shift.teamId), ctx.now))
    return out
  }),

  handle(contract.viewShift, async (input, ctx) => shiftDetail(ctx, input.shiftId)),

  handle(contract.createShifts, async (input, ctx) => {
    const team = await loadTeam(ctx, input.teamId)
    await requireLead(ctx, team._id)
    const days = weeklyDays(input.day, input.weeks)
    const plans = days.map((day) => shiftTimes(day, input.start, input.end, input.closeHours, input.cancelHours))
    for (const times of plans) {
      const refusal = shiftPlanRefusal(times, ctx.now.getTime())
      if (refusal) throw new AppError('INVALID_INPUT', PLAN_FIELDS[refusal].message, PLAN_FIELDS[refusal].field)
    }
    // Risky teams' work needs insurance whatever the form said (志愿服务条例 Art. 23).
    const requirements = { ...input.requirements, insurance: input.requirements.insurance || team.risky }
    await checkText(ctx, `${input.title}\n${input.place}`, 'title')
    const ids = shiftIds(ctx, team._id, days, input.start)
    const seriesId = ids.length > 1 ? `series-${ids[0]}` : null
    const created: ShiftDoc[] = []
    for (const [index, times] of plans.entries()) {
      const doc: ShiftDoc = {
        _id: ids[index],
        teamId: team._id,
        title: input.title,
        place: input.place,
        startAt: new Date(times.startAt),
        endAt: new Date(times.endAt),
        signupOpensAt: ctx.now,
        signupClosesAt: new Date(times.signupClosesAt),
        cancelBefore: new Date(times.cancelBefore),
        capacity: input.capacity,
        taken: 0,
        // The ledger of places from the start (a shift without it gets it from its sign-ups on first use).
        placed: [],
        waitlist: [],
        requirements,
        cancelled: false,
        seriesId,
        createdBy: ctx.openid,
        createdAt: ctx.now,
      }
      try {
        await ctx.db.collection(C.shifts).add({ data: doc })
      } catch (error) {
        // The same request retried: the shift exists already.
        if (!isDuplicateKey(error)) throw error
      }
      created.push((await findById<ShiftDoc>(ctx, C.shifts, doc._id)) ?? doc)
    }
    await audit(ctx, {
      action: 'shift.create',
      target: team._id,
      before: null,
      after: { ids, title: input.title, place: input.place, start: input.start, end: input.end, days, capacity: input.capacity, requirements },
    })
    return created.map((shift) => toShiftSummary(shift, team.name, ctx.now))
  }),

  handle(contract.signUp, async (input, ctx) => {
    await requireVolunteer(ctx)
    const shift = await loadShift(ctx, input.shiftId)
    let languages = await languagesOf(ctx)
    const needed = shift.requirements.language
    if (needed && input.confirmLanguage && !languages.includes(needed)) {
      languages = [...languages, needed]
      const profile = await findById<ProfileDoc>(ctx, C.volunteerProfiles, ctx.openid)
      await ctx.db.collection(C.volunteerProfiles).doc(ctx.openid).set({ data: { openid: ctx.openid, name: profile?.name ?? '', languages, updatedAt: ctx.now } })
    }
    const membership = await currentMember(ctx, shift.teamId)
    const seen: { shift?: ShiftDoc } = {}
    const signup = await takePlace(ctx, shift._id, { languages, membership, confirmedAgeHealth: input.confirmAgeHealth, subscribe: input.subscribe, seen }, shift)
    // requireVolunteer found a verified home; the languages are as just read (and written); the shift as the sign-up
    // last read it.
    return shiftDetail(ctx, shift._id, { signup, languages: languages as LanguageSkill[], verifiedResident: true, shift: seen.shift })
  }),

  handle(contract.cancelSignup, async (input, ctx) => {
    const shift = await loadShift(ctx, input.shiftId)
    const signup = await findById<SignupDoc>(ctx, C.signups, signupId(shift._id, ctx.openid))
    if (!signup) throw new AppError('NOT_FOUND', '您没有报名这个班次', 'shiftId')
    // Cancelled already: a phone retrying after a lost answer, or a second tap, gets the state it asked for.
    if (signup.status === 'cancelled') return shiftDetail(ctx, shift._id)
    if (signup.checkInAt) throw new AppError('CONFLICT', '您已经签到，不能再取消报名', 'checked_in')
    // Leaving the waitlist costs nobody a place, so only a confirmed place is bound by the deadline.
    if (signup.status === 'confirmed') {
      const refusal = cancelRefusal(ctx.now.getTime(), new Date(shift.cancelBefore).getTime(), new Date(shift.endAt).getTime())
      if (refusal === 'deadline') throw new AppError('CONFLICT', `已过取消截止时间（${chinaDay(new Date(shift.cancelBefore))} ${chinaTime(new Date(shift.cancelBefore))}），如不能参加，请直接联系队长`, 'deadline')
      if (refusal === 'ended') throw new AppError('CONFLICT', '班次已经结束', 'ended')
    }
    const promoted = await releasePlace(ctx, shift._id, ctx.openid)
    // The freed place went to the first on the waitlist: they are told, if they allowed it.
    await tellPromoted(ctx, shift._id, promoted ?? [])
    return shiftDetail(ctx, shift._id)
  }),
]
