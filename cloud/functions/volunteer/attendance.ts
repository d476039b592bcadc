import { createHmac, randomBytes } from 'node:crypto'
import * as contract from '../../contracts/volunteer'
import { AppError } from '../../contracts/envelope'
import type { RosterRow, ShiftSummary } from '../../contracts/volunteer'
import { chinaDay } from '../../domain/time'
import { checkinPayload, checkinPhase, codeWindow, CODE_WINDOW_MS, creditedMinutes, formatHours, MANUAL_HOURS_MAX_AGE_DAYS, manualHoursRefusal, shiftMinutes, truncateToCode } from '../../domain/volunteer'
import { auditDoc, auditIn } from '../../lib/audit'
import { isAdmin } from '../../lib/auth'
import { C } from '../../lib/collections'
import { findAll, findById, findByIds, iso } from '../../lib/docs'
import { addEvidencedFulfilment } from '../../lib/fulfilment'
import { handle, type Ctx } from '../../lib/router'
import { hoursId, inTransaction, memberId, signupId, type HoursDoc, type MemberDoc, type ShiftDoc, type SignupDoc } from '../../lib/volunteer'
import { loadShift, loadTeam, namesOf, requireLead, toShiftSummary, toTeam, type TeamDoc } from './common'
import { shiftDetail } from './shifts'
import { isDuplicateKey } from '../../lib/transaction'

/** Wrong codes a person may try on one sign-up before we stop checking: 10 guesses of a million codes. */
const MAX_CODE_FAILURES = 10

/**
 * The key behind the rotating check-in codes: made once, kept in the database and never sent anywhere. Codes derived
 * from it cannot be predicted from earlier codes, so only someone standing in front of the leader's screen has one.
 */
async function checkinKey(ctx: Ctx): Promise<Buffer> {
  const found = await findById<{ key: string }>(ctx, C.volunteerSecrets, 'checkin')
  if (found) return Buffer.from(found.key, 'hex')
  try {
    await ctx.db.collection(C.volunteerSecrets).add({ data: { _id: 'checkin', key: randomBytes(32).toString('hex'), createdAt: ctx.now } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  const made = await findById<{ key: string }>(ctx, C.volunteerSecrets, 'checkin')
  if (!made) throw new AppError('INTERNAL', '签到码暂时不可用')
  return Buffer.from(made.key, 'hex')
}

function codeFor(key: Buffer, shiftId: string, window: number): string {
  return truncateToCode(createHmac('sha256', key).update(`${shiftId}:${window}`).digest())
}

async function requireShiftLead(ctx: Ctx, shiftId: string): Promise<ShiftDoc> {
  const shift = await loadShift(ctx, shiftId)
  await requireLead(ctx, shift.teamId)
  return shift
}

function phaseOf(shift: ShiftDoc, now: Date) {
  return checkinPhase(now.getTime(), new Date(shift.startAt).getTime(), new Date(shift.endAt).getTime())
}

/**
 * Checks a volunteer in, with its audit entry in the same transaction. False when they were checked in already (a
 * double tap, or a retry of a request that went through).
 */
async function checkIn(ctx: Ctx, shiftId: string, openid: string, by: string): Promise<boolean> {
  const id = signupId(shiftId, openid)
  return inTransaction(ctx, async (t) => {
    const signup = (await t.collection(C.signups).doc(id).get()).data as unknown as SignupDoc
    if (signup.status !== 'confirmed' || signup.checkInAt) return false
    await t.collection(C.signups).doc(id).update({ data: { checkInAt: ctx.now, checkInBy: by, updatedAt: ctx.now } })
    // A check-in by the volunteer's own code is theirs; one from the roster is the leader's act, and audited.
    if (by !== 'code') await t.collection(C.audit).add({ data: auditDoc(ctx, { action: 'roster.checkin', target: id, before: null, after: { checkInAt: iso(ctx.now) } }) })
    return true
  })
}

/**
 * Checks a volunteer out and writes the hours it earns under the published rule (status 'recorded', for the leader to
 * confirm), with the audit entries, in ONE transaction: a crash between a check-out and its hours would leave a
 * check-out that no retry could give hours to (the retry finds the person checked out already). Every write of hours
 * has its audit entry: the record is only as good as its trail. False when they were checked out already.
 */
async function checkOut(ctx: Ctx, shift: ShiftDoc, openid: string, by: string): Promise<boolean> {
  const id = signupId(shift._id, openid)
  const hid = hoursId(shift._id, openid)
  const before = await findById<HoursDoc>(ctx, C.volunteerHours, hid)
  return inTransaction(ctx, async (t) => {
    const signup = (await t.collection(C.signups).doc(id).get()).data as unknown as SignupDoc
    if (!signup.checkInAt || signup.checkOutAt) return false
    const checkInAt = new Date(signup.checkInAt)
    const minutes = creditedMinutes(checkInAt, ctx.now, shiftMinutes(new Date(shift.startAt), new Date(shift.endAt)))
    const doc: Omit<HoursDoc, '_id'> = {
      shiftId: shift._id,
      teamId: shift.teamId,
      openid,
      title: shift.title,
      place: shift.place,
      day: chinaDay(new Date(shift.startAt)),
      startAt: shift.startAt,
      endAt: shift.endAt,
      checkInAt,
      checkOutAt: ctx.now,
      minutes,
      status: 'recorded',
      source: 'attendance',
      reason: null,
      recordedBy: ctx.openid,
      recordedAt: ctx.now,
      confirmedBy: null,
      confirmedAt: null,
    }
    await t.collection(C.signups).doc(id).update({ data: { checkOutAt: ctx.now, checkOutBy: by, updatedAt: ctx.now } })
    await t.collection(C.volunteerHours).doc(hid).set({ data: doc })
    if (by !== 'code') await t.collection(C.audit).add({ data: auditDoc(ctx, { action: 'roster.checkout', target: id, before: null, after: { checkOutAt: iso(ctx.now) } }) })
    const entry = { action: 'hours.record', target: hid, before: before ? { minutes: before.minutes, status: before.status } : null, after: { minutes, checkInAt: iso(checkInAt), checkOutAt: iso(ctx.now) } }
    await t.collection(C.audit).add({ data: auditDoc(ctx, entry) })
    return true
  })
}

/** A confirmed record is certified: a late check-out cannot overwrite it (a correction is a 补录, with a reason). */
async function refuseIfConfirmed(ctx: Ctx, shiftId: string, openid: string): Promise<void> {
  const existing = await findById<HoursDoc>(ctx, C.volunteerHours, hoursId(shiftId, openid))
  if (existing?.status === 'confirmed') throw new AppError('CONFLICT', '这次服务的时长已由队长确认', 'confirmed')
}

/** The 亮身份 link: certified work of a party-member household's member becomes an evidenced fulfilment (践诺). */
async function linkFulfilment(ctx: Ctx, doc: Pick<HoursDoc, 'openid' | 'shiftId' | 'day' | 'title' | 'minutes'>, teamName: string): Promise<void> {
  if (doc.minutes <= 0) return
  await addEvidencedFulfilment(ctx, { openid: doc.openid, kind: 'shift', refId: doc.shiftId, day: doc.day, note: `志愿服务：${teamName}·${doc.title}（${formatHours(doc.minutes)}小时）` })
}

/**
 * Roster rows for some of a shift's people. The sign-ups and hours the caller read already are passed in; the rest,
 * and the names, are read once for all the rows (one query per 100 people), never once per row.
 */
async function rosterRows(ctx: Ctx, shift: ShiftDoc, openids: string[], read?: { signups: SignupDoc[]; hours: HoursDoc[] }): Promise<RosterRow[]> {
  const signups = read ? new Map(read.signups.map((doc) => [doc.openid, doc])) : mapBy(await findByIds<SignupDoc>(ctx, C.signups, openids.map((openid) => signupId(shift._id, openid))))
  const hoursOf = read ? new Map(read.hours.map((doc) => [doc.openid, doc])) : mapBy(await findByIds<HoursDoc>(ctx, C.volunteerHours, openids.map((openid) => hoursId(shift._id, openid))))
  const { names } = await namesOf(ctx, openids)
  return openids.map((openid) => {
    const signup = signups.get(openid)
    const hours = hoursOf.get(openid)
    const position = shift.waitlist.indexOf(openid)
    return {
      volunteerId: openid,
      name: names.get(openid) ?? '邻居',
      signup: signup?.status ?? null,
      waitPosition: signup?.status === 'waitlisted' && position >= 0 ? position + 1 : null,
      ageHealthConfirmed: Boolean(signup?.ageHealthConfirmedAt),
      checkInAt: signup?.checkInAt ? iso(signup.checkInAt) : (hours?.checkInAt ? iso(hours.checkInAt) : null),
      checkOutAt: signup?.checkOutAt ? iso(signup.checkOutAt) : (hours?.checkOutAt ? iso(hours.checkOutAt) : null),
      minutes: hours?.minutes ?? null,
      hours: hours?.status ?? null,
      source: hours?.source ?? null,
    }
  })
}

function mapBy<T extends { openid: string }>(byId: Map<string, T>): Map<string, T> {
  return new Map([...byId.values()].map((doc) => [doc.openid, doc]))
}

async function rosterRow(ctx: Ctx, shift: ShiftDoc, openid: string): Promise<RosterRow> {
  return (await rosterRows(ctx, shift, [openid]))[0]
}

const RECENT_DAYS = 14

/** Where a leader confirms hours and does 补录: shifts that just ended, and any older one with hours still to confirm. */
async function recentShifts(ctx: Ctx, teamId: string, teamName: TeamDoc['name']): Promise<(ShiftSummary & { toConfirm: number })[]> {
  const _ = ctx.db.command
  const since = new Date(ctx.now.getTime() - RECENT_DAYS * 86400_000)
  const { data } = await ctx.db.collection(C.shifts).where({ teamId, endAt: _.gt(since).and(_.lte(ctx.now)), cancelled: false }).orderBy('startAt', 'desc').limit(50).get()
  const shifts = new Map((data as unknown as ShiftDoc[]).map((shift) => [shift._id, shift]))
  const waiting = await findAll<HoursDoc>(ctx, C.volunteerHours, { teamId, status: 'recorded' })
  const toConfirm = new Map<string, number>()
  for (const doc of waiting) toConfirm.set(doc.shiftId, (toConfirm.get(doc.shiftId) ?? 0) + 1)
  const older = await findByIds<ShiftDoc>(ctx, C.shifts, [...toConfirm.keys()].filter((shiftId) => !shifts.has(shiftId)))
  for (const shift of older.values()) shifts.set(shift._id, shift)
  return [...shifts.values()]
    .sort((a, b) => +new Date(b.startAt) - +new Date(a.startAt))
    .map((shift) => ({ ...toShiftSummary(shift, teamName, ctx.now), toConfirm: toConfirm.get(shift._id) ?? 0 }))
}

export const attendanceRoutes = [
  handle(contract.leadOverview, async (_input, ctx) => {
    const admin = await isAdmin(ctx)
    const roles = await findAll<{ scope: string }>(ctx, C.roles, { openid: ctx.openid, role: 'team_leader' })
    let teamIds = roles.map((role) => role.scope)
    if (admin) teamIds = (await findAll<{ _id: string; order: number }>(ctx, C.teams, {})).sort((a, b) => a.order - b.order).map((team) => team._id)
    if (teamIds.length === 0) throw new AppError('FORBIDDEN', '仅志愿队长或社区管理员可以使用队长工作台')
    const _ = ctx.db.command
    const teams = []
    for (const teamId of teamIds) {
      const team = await findById<TeamDoc>(ctx, C.teams, teamId)
      if (!team) continue
      const { total: pending } = await ctx.db.collection(C.teamMembers).where({ teamId, status: 'pending' }).count()
      const { total: awaitingConfirmation } = await ctx.db.collection(C.volunteerHours).where({ teamId, status: 'recorded' }).count()
      const { data } = await ctx.db.collection(C.shifts).where({ teamId, endAt: _.gt(ctx.now), cancelled: false }).orderBy('startAt', 'asc').limit(20).get()
      teams.push({
        team: toTeam(team),
        pending,
        awaitingConfirmation,
        shifts: (data as unknown as ShiftDoc[]).map((shift) => toShiftSummary(shift, team.name, ctx.now)),
        recent: await recentShifts(ctx, teamId, team.name),
      })
    }
    return { teams, isAdmin: admin }
  }),

  handle(contract.viewRoster, async (input, ctx) => {
    const shift = await requireShiftLead(ctx, input.shiftId)
    const team = await loadTeam(ctx, shift.teamId)
    const signups = await findAll<SignupDoc>(ctx, C.signups, { shiftId: shift._id })
    const hours = await findAll<HoursDoc>(ctx, C.volunteerHours, { shiftId: shift._id })
    const people = new Set<string>()
    for (const signup of signups) if (signup.status !== 'cancelled') people.add(signup.openid)
    // People with hours but no current sign-up (a 补录 for someone who came without signing up) belong on the roster too.
    for (const doc of hours) people.add(doc.openid)
    const rows = await rosterRows(ctx, shift, [...people], { signups, hours })
    const order = { confirmed: 0, waitlisted: 1, cancelled: 2 }
    rows.sort((a, b) => (a.signup ? order[a.signup] : 3) - (b.signup ? order[b.signup] : 3) || (a.waitPosition ?? 0) - (b.waitPosition ?? 0) || a.name.localeCompare(b.name, 'zh-CN'))
    // Volunteers' names and attendance: every roster read by staff is on the record.
    await ctx.db.collection(C.audit).add({ data: auditDoc(ctx, { action: 'volunteer.roster.read', target: shift._id, before: null, after: { rows: rows.length } }) })
    return { shift: toShiftSummary(shift, team.name, ctx.now), rows, lengthMinutes: shiftMinutes(new Date(shift.startAt), new Date(shift.endAt)), checkin: phaseOf(shift, ctx.now), started: ctx.now >= new Date(shift.startAt), ended: ctx.now > new Date(shift.endAt) }
  }),

  handle(contract.checkinCode, async (input, ctx) => {
    const shift = await requireShiftLead(ctx, input.shiftId)
    if (phaseOf(shift, ctx.now) !== 'open') throw new AppError('CONFLICT', '签到码在班次开始前 30 分钟到结束后 2 小时内可用', 'window')
    const window = codeWindow(ctx.now.getTime())
    const code = codeFor(await checkinKey(ctx), shift._id, window)
    const validUntil = (window + 1) * CODE_WINDOW_MS
    return { code, payload: checkinPayload(shift._id, code), validUntil: new Date(validUntil).toISOString(), secondsLeft: Math.ceil((validUntil - ctx.now.getTime()) / 1000) }
  }),

  handle(contract.checkWithCode, async (input, ctx) => {
    const shift = await loadShift(ctx, input.shiftId)
    const id = signupId(shift._id, ctx.openid)
    const signup = await findById<SignupDoc>(ctx, C.signups, id)
    if (signup?.status !== 'confirmed') throw new AppError('CONFLICT', '您没有这个班次的名额，不能签到', 'not_signed_up')
    const phase = phaseOf(shift, ctx.now)
    if (phase === 'early') throw new AppError('CONFLICT', '还没到签到时间（开始前 30 分钟可以签到）', 'early')
    if (phase === 'closed' || (input.mode === 'in' && ctx.now > new Date(shift.endAt))) throw new AppError('CONFLICT', '已过签到时间，请联系队长补录', 'window')
    // Checked in (or out) already: a retry after a lost answer, or a second tap. The first time stands and the answer is
    // the one the lost request would have had — without the code, which may have changed since, and writing nothing.
    if (input.mode === 'in' ? signup.checkInAt : signup.checkOutAt) return shiftDetail(ctx, shift._id)
    if (signup.codeFailures >= MAX_CODE_FAILURES) throw new AppError('RATE_LIMITED', '签到码错误次数过多，请让队长在名单上为您签到')

    const window = codeWindow(ctx.now.getTime())
    const key = await checkinKey(ctx)
    if (input.code !== codeFor(key, shift._id, window) && input.code !== codeFor(key, shift._id, window - 1)) {
      await ctx.db.collection(C.signups).doc(id).update({ data: { codeFailures: ctx.db.command.inc(1) } })
      throw new AppError('CODE_INVALID', '签到码不对，或已过期，请看队长屏幕上最新的号码', 'code')
    }

    // Requests at the same moment: the first time is recorded, the others find it done.
    if (input.mode === 'in') await checkIn(ctx, shift._id, ctx.openid, 'code')
    else {
      if (!signup.checkInAt) throw new AppError('CONFLICT', '您还没有签到，请先签到', 'not_checked_in')
      await refuseIfConfirmed(ctx, shift._id, ctx.openid)
      await checkOut(ctx, shift, ctx.openid, 'code')
    }
    return shiftDetail(ctx, shift._id)
  }),

  handle(contract.markRoster, async (input, ctx) => {
    const shift = await requireShiftLead(ctx, input.shiftId)
    const id = signupId(shift._id, input.volunteerId)
    const signup = await findById<SignupDoc>(ctx, C.signups, id)
    if (signup?.status !== 'confirmed') throw new AppError('NOT_FOUND', '这位志愿者没有这个班次的名额', 'volunteerId')
    if (phaseOf(shift, ctx.now) !== 'open') throw new AppError('CONFLICT', '现在不在签到时间内，请用补录', 'window')
    if (input.mode === 'in') {
      if (!(await checkIn(ctx, shift._id, input.volunteerId, ctx.openid))) {
        // Checked in before this call: the first time stands, and the answer is the one the lost request would have had.
        const current = await findById<SignupDoc>(ctx, C.signups, id)
        if (current?.status !== 'confirmed' || !current.checkInAt) throw new AppError('CONFLICT', '这位志愿者的名额刚刚有了变化，请刷新', 'volunteerId')
        return { ...(await rosterRow(ctx, shift, input.volunteerId)), already: true }
      }
    } else {
      // Checked out before this call (a retry after a lost answer, a double tap): the first time and its hours stand,
      // even if confirmed since, and the answer is the one the lost request would have had.
      if (signup.checkOutAt) return { ...(await rosterRow(ctx, shift, input.volunteerId)), already: true }
      if (!signup.checkInAt) throw new AppError('CONFLICT', '这位志愿者还没有签到', 'not_checked_in')
      await refuseIfConfirmed(ctx, shift._id, input.volunteerId)
      if (!(await checkOut(ctx, shift, input.volunteerId, ctx.openid))) {
        // Another request checked them out meanwhile.
        const current = await findById<SignupDoc>(ctx, C.signups, id)
        if (current?.status !== 'confirmed' || !current.checkOutAt) throw new AppError('CONFLICT', '这位志愿者的名额刚刚有了变化，请刷新', 'volunteerId')
        return { ...(await rosterRow(ctx, shift, input.volunteerId)), already: true }
      }
    }
    return { ...(await rosterRow(ctx, shift, input.volunteerId)), already: false }
  }),

  handle(contract.confirmHours, async (input, ctx) => {
    const shift = await requireShiftLead(ctx, input.shiftId)
    const team = await loadTeam(ctx, shift.teamId)
    const recorded = await findAll<HoursDoc>(ctx, C.volunteerHours, { shiftId: shift._id, status: 'recorded' })
    let confirmed = 0
    for (const doc of recorded) {
      // Nobody certifies themselves: a leader's own hours wait for another leader of the team or an admin.
      if (doc.openid === ctx.openid) continue
      // The confirmation and its audit entry together; only the minutes the leader saw are confirmed.
      const done = await inTransaction(ctx, async (t) => {
        const current = (await t.collection(C.volunteerHours).doc(doc._id).get()).data as unknown as HoursDoc
        if (current.status !== 'recorded' || current.minutes !== doc.minutes) return false
        await t.collection(C.volunteerHours).doc(doc._id).update({ data: { status: 'confirmed', confirmedBy: ctx.openid, confirmedAt: ctx.now } })
        const entry = { action: 'hours.confirm', target: doc._id, before: { status: 'recorded', minutes: doc.minutes }, after: { status: 'confirmed', minutes: doc.minutes } }
        await t.collection(C.audit).add({ data: auditDoc(ctx, entry) })
        return true
      })
      if (done) confirmed++
    }
    // Every certified attendance of the shift gets its 践诺 entry; the entry's id makes this idempotent, so a
    // confirmation whose function died before this point is completed by the next one.
    for (const doc of await findAll<HoursDoc>(ctx, C.volunteerHours, { shiftId: shift._id, status: 'confirmed', source: 'attendance' })) await linkFulfilment(ctx, doc, team.name['zh-CN'])
    return { confirmed }
  }),

  handle(contract.addManualHours, async (input, ctx) => {
    const shift = await requireShiftLead(ctx, input.shiftId)
    // Nobody certifies themselves: a leader's own hours are added by another leader of the team or an admin.
    if (input.volunteerId === ctx.openid) throw new AppError('FORBIDDEN', '不能为自己补录志愿时长，请由本队其他队长或社区管理员补录', 'self')
    const team = await loadTeam(ctx, shift.teamId)
    const length = shiftMinutes(new Date(shift.startAt), new Date(shift.endAt))
    const refusal = manualHoursRefusal(input.minutes, length, new Date(shift.startAt), ctx.now)
    if (refusal === 'not_started') throw new AppError('CONFLICT', '班次还没有开始，不能补录', 'not_started')
    if (refusal === 'not_quarter') throw new AppError('INVALID_INPUT', '补录时长以 15 分钟为单位', 'minutes')
    if (refusal === 'too_long') throw new AppError('INVALID_INPUT', `补录时长不能超过班次时长（${formatHours(length)} 小时）`, 'minutes')
    if (refusal === 'too_old') throw new AppError('INVALID_INPUT', `只能补录 ${MANUAL_HOURS_MAX_AGE_DAYS} 天以内的班次`, 'too_old')
    // Only for someone who signed up for this shift or belongs to the team (who came without signing up).
    const signup = await findById<SignupDoc>(ctx, C.signups, signupId(shift._id, input.volunteerId))
    const member = await findById<MemberDoc>(ctx, C.teamMembers, memberId(shift.teamId, input.volunteerId))
    if (!signup && member?.status !== 'member') throw new AppError('NOT_FOUND', '只能为报名了本班次的志愿者或本队队员补录', 'volunteerId')
    const id = hoursId(shift._id, input.volunteerId)
    const before = await findById<HoursDoc>(ctx, C.volunteerHours, id)
    const doc: Omit<HoursDoc, '_id'> = {
      shiftId: shift._id,
      teamId: shift.teamId,
      openid: input.volunteerId,
      title: shift.title,
      place: shift.place,
      day: chinaDay(new Date(shift.startAt)),
      startAt: shift.startAt,
      endAt: shift.endAt,
      checkInAt: signup?.checkInAt ?? before?.checkInAt ?? null,
      checkOutAt: signup?.checkOutAt ?? before?.checkOutAt ?? null,
      minutes: input.minutes,
      // Whoever records certifies: a leader's 补录 is confirmed by that leader, and the audit entry names them.
      status: 'confirmed',
      source: 'manual',
      reason: input.reason,
      recordedBy: ctx.openid,
      recordedAt: ctx.now,
      confirmedBy: ctx.openid,
      confirmedAt: ctx.now,
    }
    // The certified hours and the audit entry that names who certified them, together.
    await inTransaction(ctx, async (t) => {
      await t.collection(C.volunteerHours).doc(id).set({ data: doc })
      await auditIn(t, ctx, {
        action: 'hours.manual',
        target: id,
        before: before ? { minutes: before.minutes, status: before.status, source: before.source } : null,
        after: { minutes: input.minutes, status: 'confirmed', source: 'manual', reason: input.reason },
      })
    })
    await linkFulfilment(ctx, { ...doc }, team.name['zh-CN'])
    return rosterRow(ctx, shift, input.volunteerId)
  }),
]

