import { AppError } from '../contracts/envelope'
import { findOverlap, pruneHeld, promote, signupRefusals, type Held, type Requirements, type SignupFacts } from '../domain/volunteer'
import { C } from './collections'
import { findAll, findById } from './docs'
import type { Ctx } from './router'
import { runTransactionWithRetry } from './transaction'
import type { Transaction } from '../runtime/db'

/**
 * Volunteer records shared by the `volunteer` function and account deletion (`account`): the documents' shapes, and
 * the one place where a shift's places are taken and released.
 *
 * Invariants, under simultaneous requests and retries:
 * - a shift never has more confirmed sign-ups than places: `taken` and the waitlist live on the shift document and
 *   change only inside a transaction that read them;
 * - a volunteer never holds two overlapping shifts: every sign-up and cancellation of one person also rewrites that
 *   person's lock document (`volunteer_locks/<openid>`, the list of shifts they hold) in the same transaction, so two
 *   requests by the same person conflict and run one after the other, each seeing what the other took.
 */
export interface ShiftDoc {
  _id: string
  teamId: string
  title: string
  place: string
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelBefore: Date
  capacity: number
  taken: number
  /** openids in the order they joined the waitlist. */
  waitlist: string[]
  requirements: Requirements
  cancelled: boolean
  seriesId: string | null
  createdBy: string
  createdAt: Date
}

export interface SignupDoc {
  _id: string
  shiftId: string
  teamId: string
  openid: string
  status: 'confirmed' | 'waitlisted' | 'cancelled'
  startAt: Date
  endAt: Date
  ageHealthConfirmedAt: Date | null
  checkInAt: Date | null
  checkOutAt: Date | null
  checkInBy: string | null
  checkOutBy: string | null
  codeFailures: number
  /** The person allowed the one-time 候补成功 message on their sign-up tap (absent on rows from before: not allowed). */
  subscribe?: boolean
  createdAt: Date
  updatedAt: Date
}

export interface LockDoc {
  _id: string
  held: Held[]
  updatedAt: Date
}

export interface MemberDoc {
  _id: string
  teamId: string
  openid: string
  status: 'pending' | 'member' | 'left' | 'rejected'
  insuredUntil: string | null
  trainings: string[]
  requestedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
}

export interface ProfileDoc {
  _id: string
  openid: string
  /** The name printed on certificates and in the export; the nickname until the person sets it. */
  name: string
  languages: string[]
  updatedAt: Date
}

/** One per (shift, volunteer): a person's hours for a shift can be recorded once, then corrected, never doubled. */
export interface HoursDoc {
  _id: string
  shiftId: string
  teamId: string
  openid: string
  title: string
  place: string
  day: string
  startAt: Date
  endAt: Date
  checkInAt: Date | null
  checkOutAt: Date | null
  minutes: number
  status: 'recorded' | 'confirmed'
  source: 'attendance' | 'manual'
  reason: string | null
  recordedBy: string
  recordedAt: Date
  confirmedBy: string | null
  confirmedAt: Date | null
}

export interface CertificateDoc {
  _id: string
  openid: string
  name: string
  totalMinutes: number
  perTeam: { teamId: string; minutes: number; shifts: number; work: string[] }[]
  firstDay: string
  lastDay: string
  issuer: string
  issuedAt: Date
  holderDeleted: boolean
  /** The 补录 behind the total, each with who added it and why (absent on certificates issued before this was kept). */
  manual?: { day: string; teamId: string; minutes: number; reason: string; addedBy: string }[]
}

export const signupId = (shiftId: string, openid: string) => `${shiftId}:${openid}`
export const memberId = (teamId: string, openid: string) => `${teamId}:${openid}`
export const hoursId = (shiftId: string, openid: string) => `${shiftId}:${openid}`

/** The cloud's transactions conflict at the write: a crowd on one shift retries (see TX_ATTEMPTS in lib/service/ledger.ts). */
const TRANSACTION_ATTEMPTS = 100

function isDuplicate(error: unknown): boolean {
  return error instanceof Error && error.message.includes('duplicate')
}

/** The lock must exist before a transaction reads it (a transaction cannot read a missing document in the cloud). */
async function ensureLock(ctx: Ctx, openid: string): Promise<void> {
  if (await findById<LockDoc>(ctx, C.volunteerLocks, openid)) return
  try {
    await ctx.db.collection(C.volunteerLocks).add({ data: { _id: openid, held: [], updatedAt: ctx.now } })
  } catch (error) {
    if (!isDuplicate(error)) throw error
  }
}

export async function inTransaction<T>(ctx: Ctx, body: (t: Transaction) => Promise<T>): Promise<T> {
  try {
    return await runTransactionWithRetry(ctx.db, body, { attempts: TRANSACTION_ATTEMPTS })
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Error && error.message.includes('conflict')) throw new AppError('CONFLICT', '同时报名的人很多，请稍后再试一次', 'busy')
    throw error
  }
}

export interface TakeFacts {
  languages: string[]
  membership: SignupFacts['membership']
  confirmedAgeHealth: boolean
  /** The person allowed the 候补成功 message on this tap. */
  subscribe: boolean
}

/**
 * Signs the caller up: a place if one is free, else the waitlist. A repeat of the same request (a retry, a double tap)
 * changes nothing and answers with the current sign-up. Refusals are thrown with the refusal's key as `field`.
 */
export async function takePlace(ctx: Ctx, shiftId: string, facts: TakeFacts): Promise<SignupDoc> {
  const openid = ctx.openid
  const id = signupId(shiftId, openid)
  await ensureLock(ctx, openid)
  const existed = (await findById<SignupDoc>(ctx, C.signups, id)) !== null
  return inTransaction(ctx, async (t) => {
    const shift = (await t.collection(C.shifts).doc(shiftId).get()).data as unknown as ShiftDoc
    const lock = (await t.collection(C.volunteerLocks).doc(openid).get()).data as unknown as LockDoc
    const now = ctx.now.getTime()
    const held = pruneHeld(lock.held, now)
    if (held.some((item) => item.shiftId === shiftId)) {
      return (await t.collection(C.signups).doc(id).get()).data as unknown as SignupDoc
    }
    const target: Held = { shiftId, startAt: new Date(shift.startAt).getTime(), endAt: new Date(shift.endAt).getTime() }
    const refusals = signupRefusals({
      now,
      shift: {
        ...target,
        status: shift.cancelled ? 'cancelled' : 'open',
        signupOpensAt: new Date(shift.signupOpensAt).getTime(),
        signupClosesAt: new Date(shift.signupClosesAt).getTime(),
        requirements: shift.requirements,
        taken: shift.taken,
        capacity: shift.capacity,
        waiting: shift.waitlist.length,
      },
      languages: facts.languages,
      membership: facts.membership,
      confirmedAgeHealth: facts.confirmedAgeHealth,
      held,
    })
    if (refusals.length > 0) throw refusalError(refusals[0], findOverlap(held, target))

    const confirmed = shift.taken < shift.capacity
    const signup: SignupDoc = {
      _id: id,
      shiftId,
      teamId: shift.teamId,
      openid,
      status: confirmed ? 'confirmed' : 'waitlisted',
      startAt: shift.startAt,
      endAt: shift.endAt,
      ageHealthConfirmedAt: facts.confirmedAgeHealth ? ctx.now : null,
      checkInAt: null,
      checkOutAt: null,
      checkInBy: null,
      checkOutBy: null,
      codeFailures: 0,
      subscribe: facts.subscribe,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    const { _id, ...body } = signup
    void _id
    if (existed) await t.collection(C.signups).doc(id).set({ data: body })
    else await t.collection(C.signups).add({ data: signup })
    const _ = ctx.db.command
    await t.collection(C.shifts).doc(shiftId).update({ data: confirmed ? { taken: shift.taken + 1 } : { waitlist: _.set([...shift.waitlist, openid]) } })
    await t.collection(C.volunteerLocks).doc(openid).update({ data: { held: _.set([...held, target]), updatedAt: ctx.now } })
    return signup
  })
}

/**
 * Gives up the caller's place or waitlist spot (or, for account deletion, anyone's). A freed place goes to the first on
 * the waitlist in the same transaction. Returns the openids promoted, or null when the person held nothing here; the
 * caller tells them once this has returned (`tellPromoted` in ./volunteer-notices, kept apart from this file, which the
 * local runtime's seed bundles without the SDK).
 */
export async function releasePlace(ctx: Ctx, shiftId: string, openid: string): Promise<string[] | null> {
  await ensureLock(ctx, openid)
  return inTransaction(ctx, async (t) => {
    const lock = (await t.collection(C.volunteerLocks).doc(openid).get()).data as unknown as LockDoc
    if (!lock.held.some((item) => item.shiftId === shiftId)) return null
    const shift = (await t.collection(C.shifts).doc(shiftId).get()).data as unknown as ShiftDoc
    const signup = (await t.collection(C.signups).doc(signupId(shiftId, openid)).get()).data as unknown as SignupDoc
    const _ = ctx.db.command
    let taken = shift.taken
    let waitlist = shift.waitlist.filter((item) => item !== openid)
    let promoted: string[] = []
    if (signup.status === 'confirmed') {
      taken -= 1
      const next = promote(waitlist, taken, shift.capacity)
      promoted = next.promoted
      waitlist = next.waitlist
      taken += promoted.length
    }
    for (const other of promoted) {
      await t.collection(C.signups).doc(signupId(shiftId, other)).update({ data: { status: 'confirmed', updatedAt: ctx.now } })
    }
    await t.collection(C.signups).doc(signupId(shiftId, openid)).update({ data: { status: 'cancelled', updatedAt: ctx.now } })
    await t.collection(C.shifts).doc(shiftId).update({ data: { taken, waitlist: _.set(waitlist) } })
    await t.collection(C.volunteerLocks).doc(openid).update({ data: { held: _.set(lock.held.filter((item) => item.shiftId !== shiftId)), updatedAt: ctx.now } })
    return promoted
  })
}

const REFUSAL_MESSAGES: Record<string, string> = {
  cancelled: '这个班次已取消',
  not_open: '报名还没有开始',
  closed: '报名已经截止',
  overlap: '您在这个时间已有其他班次，同一时间只能参加一个班次',
  language: '这个班次需要会相应的外语',
  training: '这个班次需要先参加相应的培训，请联系队长',
  insurance: '这个班次有风险，需要队长登记您已投保意外险后才能报名',
  age_health: '请先确认您的年龄和身体状况适合这项服务',
  waitlist_full: '名额和候补都已满',
}

export function refusalError(key: string, overlap?: Held | null): AppError {
  const detail = key === 'overlap' && overlap ? `（${overlap.shiftId}）` : ''
  return new AppError(key === 'cancelled' ? 'NOT_FOUND' : 'CONFLICT', `${REFUSAL_MESSAGES[key] ?? '暂时不能报名'}${detail}`, key)
}

/**
 * Account deletion (PIPL Art. 47) for volunteer records: upcoming places are given back (the waitlist moves up),
 * memberships, profile, lock and sign-ups are removed; certified hours and certificates are kept for the record
 * (志愿服务条例: records are truthful and complete) but no longer name the person.
 */
export async function forgetVolunteer(
  ctx: Ctx,
  anonymous: string,
): Promise<{ removed: Record<string, number>; anonymised: Record<string, number>; promoted: { shiftId: string; openids: string[] }[] }> {
  const openid = ctx.openid
  const lock = await findById<LockDoc>(ctx, C.volunteerLocks, openid)
  // Who got the freed places, for the caller to tell (never for the answer: these are other people).
  const promoted: { shiftId: string; openids: string[] }[] = []
  for (const item of lock?.held ?? []) {
    if (item.endAt <= ctx.now.getTime()) continue
    const openids = await releasePlace(ctx, item.shiftId, openid)
    if (openids?.length) promoted.push({ shiftId: item.shiftId, openids })
  }
  const members = await findAll<MemberDoc>(ctx, C.teamMembers, { openid })
  for (const member of members) {
    if (member.status === 'member') await ctx.db.collection(C.teams).doc(member.teamId).update({ data: { memberCount: ctx.db.command.inc(-1) } })
  }
  const removed: Record<string, number> = {}
  for (const [collection, field] of [
    [C.teamMembers, 'openid'],
    [C.signups, 'openid'],
    [C.volunteerProfiles, '_id'],
    [C.volunteerLocks, '_id'],
  ] as const) {
    removed[collection] = (await ctx.db.collection(collection).where({ [field]: openid }).remove()).stats.removed
  }
  // An hours record's id names its person, so it moves to an id under the anonymous name.
  const hours = await findAll<HoursDoc>(ctx, C.volunteerHours, { openid })
  for (const doc of hours) {
    const { _id, ...body } = doc
    try {
      await ctx.db.collection(C.volunteerHours).add({ data: { ...body, _id: hoursId(doc.shiftId, anonymous), openid: anonymous } })
    } catch (error) {
      if (!isDuplicate(error)) throw error
    }
    await ctx.db.collection(C.volunteerHours).doc(_id).remove()
  }
  const certificates = await ctx.db.collection(C.certificates).where({ openid }).update({ data: { openid: anonymous, name: '', holderDeleted: true } })
  return { removed, anonymised: { [C.volunteerHours]: hours.length, [C.certificates]: certificates.stats.updated }, promoted }
}

/** The volunteer records that name the person, for their data export (PIPL Art. 45). The rotating-code key is no one's. */
export async function volunteerDataOf(ctx: Ctx, openid: string): Promise<Record<string, unknown[]>> {
  return {
    [C.teamMembers]: await findAll(ctx, C.teamMembers, { openid }),
    [C.signups]: await findAll(ctx, C.signups, { openid }),
    [C.volunteerHours]: await findAll(ctx, C.volunteerHours, { openid }),
    [C.volunteerProfiles]: await findAll(ctx, C.volunteerProfiles, { _id: openid }),
    [C.certificates]: await findAll(ctx, C.certificates, { openid }),
  }
}
