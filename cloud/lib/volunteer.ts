import { AppError } from '../contracts/envelope'
import { findOverlap, MAX_WAITLIST, pruneHeld, signupRefusals, type Held, type Requirements, type SignupFacts } from '../domain/volunteer'
import { C } from './collections'
import { findAll, findById } from './docs'
import type { Ctx } from './router'
import { isDuplicateKey, runTransactionWithRetry } from './transaction'
import type { Transaction } from '../types/database'

/**
 * Volunteer records shared by the `volunteer` function and account deletion (`account`): the documents' shapes, and
 * the one place where a shift's places are taken and released.
 *
 * Invariants, under simultaneous requests and retries:
 * - a shift never has more confirmed sign-ups than places: `taken`, `placed` and the waitlist live on the shift
 *   document and change only by single-document conditional updates guarded by the capacity and by the person being
 *   (or not being) in `placed` / `waitlist` — atomic, never a transaction conflict, and idempotent for retries;
 * - a volunteer never holds two overlapping shifts: every sign-up and cancellation of one person also rewrites that
 *   person's lock document (`volunteer_locks/<openid>`, the list of shifts they hold) in a transaction, so two
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
  /** openids holding a place (taken = its length); absent on shifts from before it, filled from the sign-ups on first use. */
  placed?: string[]
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
  /** Counts the changes of `held`: each is guarded by the count it read (absent on locks written before it). */
  version?: number
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

/** A conditional update; answers how many documents it changed (0 or 1). ctx.db waits out the quota (cloud/lib/patience.ts). */
async function guarded(ctx: Ctx, collection: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  const { stats } = await ctx.db.collection(collection).where(where).update({ data })
  return stats.updated
}

/** The lock must exist before a transaction reads it (a transaction cannot read a missing document in the cloud). */
async function ensureLock(ctx: Ctx, openid: string): Promise<void> {
  // Written straight away (one request either way): a lock there already answers a duplicate key, which is fine.
  try {
    await ctx.db.collection(C.volunteerLocks).add({ data: { _id: openid, held: [], updatedAt: ctx.now } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
}

/**
 * The person's own lock is still changed in a transaction (only their own simultaneous requests meet there); the
 * crowd's document, the shift, never is. ./transaction.ts retries conflicts until the call's deadline.
 */
export async function inTransaction<T>(ctx: Ctx, body: (t: Transaction) => Promise<T>): Promise<T> {
  try {
    return await runTransactionWithRetry(ctx.db, body)
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Error && error.message.includes('conflict')) throw new AppError('CONFLICT', '同时报名的人很多，请稍后再试一次', 'busy')
    throw error
  }
}

type ShiftLedger = ShiftDoc & { placed: string[] }

/**
 * The shift with `placed` (the openids holding its places; `taken` = its length). A shift written before `placed`
 * existed gets it from its confirmed sign-ups first, once (the guard lets one writer do it).
 */
async function readShift(ctx: Ctx, shiftId: string, read?: ShiftDoc): Promise<ShiftLedger | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // The shift as this call read it a moment ago will do for a first look: every change is guarded by the database.
    const shift = attempt === 0 && read ? read : await findById<ShiftDoc>(ctx, C.shifts, shiftId)
    if (!shift) return null
    if (Array.isArray(shift.placed)) return shift as ShiftLedger
    const _ = ctx.db.command
    const confirmed = await findAll<SignupDoc>(ctx, C.signups, { shiftId, status: 'confirmed' })
    const placed = confirmed.map((signup) => signup.openid)
    await guarded(ctx, C.shifts, { _id: shiftId, placed: _.exists(false) }, { placed: _.set(placed), taken: placed.length })
  }
  throw new Error(`shift ${shiftId} could not be read`)
}

/**
 * Changes the person's own lock (the times their shifts hold) by a conditional update on its version: only their own
 * simultaneous requests meet there, and the one that finds it changed reads it again. Not a transaction: at an opening
 * the quota refuses some request of nearly every transaction, which then starts over — or, its abort refused as well,
 * holds the lock until its 30 s lifetime ends (tests/cloudbase/burst-base-plan.test.ts). `change` answers the
 * new list (or none: nothing to write) and the result.
 */
async function changeLock<T>(ctx: Ctx, openid: string, change: (held: Held[]) => { held?: Held[]; result: T }): Promise<T> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const lock = await findById<LockDoc>(ctx, C.volunteerLocks, openid)
    if (!lock) throw new Error(`the lock of ${openid} is missing`)
    const { held, result } = change(lock.held)
    if (!held) return result
    const guard = { _id: openid, version: lock.version ?? null }
    if (await guarded(ctx, C.volunteerLocks, guard, { held: ctx.db.command.set(held), version: (lock.version ?? 0) + 1, updatedAt: ctx.now })) return result
  }
  throw new AppError('CONFLICT', '同时报名的人很多，请稍后再试一次', 'busy')
}

async function setHeld(ctx: Ctx, openid: string, change: (held: Held[]) => Held[]): Promise<void> {
  await changeLock(ctx, openid, (held) => ({ held: change(held), result: undefined }))
}

export interface TakeFacts {
  languages: string[]
  membership: SignupFacts['membership']
  confirmedAgeHealth: boolean
  /** The person allowed the 候补成功 message on this tap. */
  subscribe: boolean
  /** Filled in: the shift as last read, when nothing changed it in this call after (for the answer). */
  seen?: { shift?: ShiftDoc }
}

/**
 * Signs the caller up: a place if one is free and nobody waits, else the waitlist. A repeat of the same request (a
 * retry, a double tap) changes nothing and answers with the current sign-up; a retry after a killed instance finishes
 * what it began. Refusals are thrown with the refusal's key as `field`.
 *
 * 1. The person's lock, by a versioned conditional update with the rules: a volunteer never holds two overlapping
 *    shifts.
 * 2. The shift, by single-document conditional updates: `taken < capacity` → a place (`placed` gains the openid),
 *    else the end of the waitlist while it has room; the openid being in neither is the guard, so a retry counts once.
 * 3. The sign-up document, as the shift says; then free places go to the waitlist (./fillShift).
 */
export async function takePlace(ctx: Ctx, shiftId: string, facts: TakeFacts, read?: ShiftDoc): Promise<SignupDoc> {
  const openid = ctx.openid
  const id = signupId(shiftId, openid)
  await ensureLock(ctx, openid)
  const before = await findById<SignupDoc>(ctx, C.signups, id)
  // The shift as the caller read it a moment ago will do for the rules: its places are taken below by guarded updates.
  const shift = read ?? (await findById<ShiftDoc>(ctx, C.shifts, shiftId))
  if (!shift) throw refusalError('cancelled')
  const target = await changeLock(ctx, openid, (lockHeld) => {
    const now = ctx.now.getTime()
    const held = pruneHeld(lockHeld, now)
    const mine: Held = { shiftId, startAt: new Date(shift.startAt).getTime(), endAt: new Date(shift.endAt).getTime() }
    if (held.some((item) => item.shiftId === shiftId)) return { result: { held: true, mine, shift } }
    const refusals = signupRefusals({
      now,
      shift: {
        ...mine,
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
    if (refusals.length > 0) throw refusalError(refusals[0], findOverlap(held, mine))
    return { held: [...held, mine], result: { held: false, mine, shift } }
  })
  // A repeat whose sign-up stands: nothing to do.
  if (target.held && before && before.status !== 'cancelled') return before

  const _ = ctx.db.command
  let ledger = await readShift(ctx, shiftId, { ...target.shift, _id: shiftId })
  if (!ledger) throw refusalError('cancelled')
  if (!ledger.placed.includes(openid) && !ledger.waitlist.includes(openid)) {
    const free = await guarded(
      ctx,
      C.shifts,
      { _id: shiftId, cancelled: false, taken: _.lt(ledger.capacity), placed: _.neq(openid), waitlist: _.neq(openid), 'waitlist.0': _.exists(false) },
      { taken: _.inc(1), placed: _.push(openid) },
    )
    if (!free) {
      await guarded(
        ctx,
        C.shifts,
        { _id: shiftId, cancelled: false, placed: _.neq(openid), waitlist: _.neq(openid), [`waitlist.${MAX_WAITLIST - 1}`]: _.exists(false) },
        { waitlist: _.push(openid) },
      )
    }
    ledger = (await readShift(ctx, shiftId)) as ShiftLedger
  }
  const status = ledger.placed.includes(openid) ? 'confirmed' : ledger.waitlist.includes(openid) ? 'waitlisted' : null
  if (!status) {
    // Full while we looked (or cancelled): the hold on the person's time goes again.
    await setHeld(ctx, openid, (held) => held.filter((item) => item.shiftId !== shiftId))
    throw refusalError(ledger.cancelled ? 'cancelled' : 'waitlist_full')
  }
  const signup: SignupDoc = {
    _id: id,
    shiftId,
    teamId: ledger.teamId,
    openid,
    status,
    startAt: ledger.startAt,
    endAt: ledger.endAt,
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
  await ctx.db.collection(C.signups).doc(id).set({ data: body })
  // Free places go to whoever waits (and a promotion that reached this person before the write is recorded).
  // A place taken needs no healing of its own: the shift read after taking it will do for the first look.
  const promoted = await fillShift(ctx, shiftId, status === 'confirmed' ? ledger : undefined, facts.seen)
  if (promoted.includes(openid)) return { ...signup, status: 'confirmed' }
  return signup
}

/**
 * Hands a shift's free places to its waitlist in order, one conditional update each, and records promotions a killed
 * instance left unrecorded. Answers the openids this call promoted (each is told once, by the caller).
 */
export async function fillShift(ctx: Ctx, shiftId: string, read?: ShiftLedger, seen?: { shift?: ShiftDoc }): Promise<string[]> {
  const _ = ctx.db.command
  const promoted: string[] = []
  const confirm = async (openid: string) => {
    if (await guarded(ctx, C.signups, { _id: signupId(shiftId, openid), status: 'waitlisted' }, { status: 'confirmed', updatedAt: ctx.now })) promoted.push(openid)
  }
  for (let round = 0; round < 200; round++) {
    const shift = round === 0 && read ? read : await readShift(ctx, shiftId)
    if (!shift) break
    if (round === 0 && shift.placed.length > 0) {
      const odd = await findAll<SignupDoc>(ctx, C.signups, { shiftId, status: 'waitlisted', openid: _.in(shift.placed) })
      for (const signup of odd) await confirm(signup.openid)
    }
    if (shift.cancelled || shift.taken >= shift.capacity || shift.waitlist.length === 0) {
      // Nothing moved on the shift in this call since that read (healing writes sign-ups only).
      if (seen && round === 0) seen.shift = shift
      break
    }
    const first = shift.waitlist[0]
    if (!(await guarded(ctx, C.shifts, { _id: shiftId, waitlist: first, taken: _.lt(shift.capacity) }, { taken: _.inc(1), waitlist: _.pull(first), placed: _.push(first) }))) continue
    await confirm(first)
  }
  return promoted
}

/**
 * Gives up the caller's place or waitlist spot (or, for account deletion, anyone's), and hands a freed place to the
 * first on the waitlist. Returns the openids promoted, or null when the person held nothing here; the caller tells
 * them once this has returned (`tellPromoted` in ./volunteer-notices, kept apart from this file, which the local
 * runtime's seed bundles without the SDK). The lock is released last, so a retry after a killed instance finds the
 * hold and finishes: the waitlist spot and then the place (in that order, so a promotion between the two is caught),
 * the sign-up, the lock.
 */
export async function releasePlace(ctx: Ctx, shiftId: string, openid: string): Promise<string[] | null> {
  await ensureLock(ctx, openid)
  const lock = await findById<LockDoc>(ctx, C.volunteerLocks, openid)
  if (!lock?.held.some((item) => item.shiftId === shiftId)) return null
  const _ = ctx.db.command
  if (await readShift(ctx, shiftId)) {
    await guarded(ctx, C.shifts, { _id: shiftId, waitlist: openid }, { waitlist: _.pull(openid) })
    await guarded(ctx, C.shifts, { _id: shiftId, placed: openid }, { taken: _.inc(-1), placed: _.pull(openid) })
  }
  await guarded(ctx, C.signups, { _id: signupId(shiftId, openid), status: _.in(['confirmed', 'waitlisted']) }, { status: 'cancelled', updatedAt: ctx.now })
  await setHeld(ctx, openid, (held) => held.filter((item) => item.shiftId !== shiftId))
  return fillShift(ctx, shiftId)
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
      if (!isDuplicateKey(error)) throw error
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
