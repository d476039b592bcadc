import { POLICY_VERSIONS } from '../contracts/model'
import { addDays, chinaDay } from '../domain/time'
import { creditedMinutes, shiftMinutes, shiftTimes, type Held, type Requirements } from '../domain/volunteer'
import { consentId, roleId } from '../lib/auth'
import { C } from '../lib/collections'
import { hoursId, memberId, signupId, type HoursDoc, type MemberDoc, type ShiftDoc, type SignupDoc } from '../lib/volunteer'
import type { Database } from '../types/database'
import { joinedAt } from './seed-time'

/**
 * Demo 志愿服务: a leader for every team (role team_leader, scope = team id; demo-teamlead leads 夜走队), memberships,
 * shifts over the coming weeks (a night patrol that needs insurance, a Korean-speaking help desk, a full gate duty
 * with a waitlist, an understaffed patrol tomorrow) and a past for demo-volunteer (小陈): confirmed hours in 爱心帮扶队
 * and 夜走队, so the hours page and the certificate show real records. Everything is written the way the function
 * writes it — counters, locks and hours records agree with the sign-ups — and times are relative to `now`.
 */
const LEADERS: { openid: string; name: string; team: string }[] = [
  { openid: 'demo-lead-caring', name: '陈老师', team: 'caring' },
  { openid: 'demo-lead-clean-up', name: '黄阿姨', team: 'clean-up' },
  { openid: 'demo-lead-patrol', name: '赵师傅', team: 'patrol' },
  { openid: 'demo-lead-red-vest', name: '孙阿姨', team: 'red-vest' },
  { openid: 'demo-lead-languages', name: '朴老师', team: 'languages' },
]

/** Fictional neighbours who fill places (nicknames only). */
const NEIGHBOURS = ['seed-vol-1', 'seed-vol-2', 'seed-vol-3', 'seed-vol-4']
const NEIGHBOUR_NAMES = ['老周', '小吴', '郑阿姨', '钱师傅']

const NONE: Requirements = { language: null, training: null, insurance: false, ageHealth: false }

interface PlannedShift {
  id: string
  team: string
  title: string
  place: string
  /** Days from today (China); negative = past. */
  offset: number
  start: string
  end: string
  capacity: number
  requirements?: Partial<Requirements>
  /** Who holds a place (in order; beyond capacity they wait). */
  people?: string[]
  /** Past shifts: who attended, and whether the leader confirmed the hours yet. */
  attended?: { openid: string; lateMinutes?: number; earlyLeaveMinutes?: number; confirmed: boolean }[]
}

const PLAN: PlannedShift[] = [
  // demo-volunteer's past: 爱心帮扶 visits and night patrols, confirmed; one patrol still waits for confirmation.
  { id: 'seed-caring-past-1', team: 'caring', title: '探望独居老人', place: '朗庭3号楼', offset: -56, start: '09:00', end: '11:00', capacity: 6, attended: [{ openid: 'demo-volunteer', confirmed: true }, { openid: 'seed-vol-1', confirmed: true }] },
  { id: 'seed-caring-past-2', team: 'caring', title: '代买代办', place: '朗庭1号楼', offset: -42, start: '09:00', end: '11:00', capacity: 6, attended: [{ openid: 'demo-volunteer', lateMinutes: 10, confirmed: true }] },
  { id: 'seed-caring-past-3', team: 'caring', title: '探望独居老人', place: '绿庭尚城2号楼', offset: -28, start: '09:00', end: '11:30', capacity: 6, attended: [{ openid: 'demo-volunteer', confirmed: true }] },
  { id: 'seed-night-past-1', team: 'night-walk', title: '夜间巡逻', place: '朗庭小区', offset: -20, start: '19:00', end: '21:30', capacity: 6, requirements: { insurance: true }, attended: [{ openid: 'demo-volunteer', confirmed: true }, { openid: 'demo-teamlead', confirmed: true }] },
  { id: 'seed-night-past-2', team: 'night-walk', title: '夜间巡逻', place: '朗庭小区', offset: -13, start: '19:00', end: '21:30', capacity: 6, requirements: { insurance: true }, attended: [{ openid: 'demo-volunteer', earlyLeaveMinutes: 20, confirmed: true }] },
  { id: 'seed-night-past-3', team: 'night-walk', title: '夜间巡逻', place: '贝尚湾小区', offset: -6, start: '19:00', end: '21:30', capacity: 6, requirements: { insurance: true }, attended: [{ openid: 'demo-volunteer', confirmed: false }, { openid: 'seed-vol-2', confirmed: false }] },
  { id: 'seed-red-vest-past-1', team: 'red-vest', title: '小区门岗值守', place: '绿庭尚城南门', offset: -3, start: '07:00', end: '09:00', capacity: 3, attended: [{ openid: 'demo-party', confirmed: false }, { openid: 'seed-vol-3', confirmed: true }] },

  // Coming weeks.
  { id: 'seed-caring-next-1', team: 'caring', title: '探望独居老人', place: '朗庭3号楼', offset: 3, start: '09:00', end: '11:00', capacity: 6, people: ['demo-volunteer', 'seed-vol-1'] },
  { id: 'seed-caring-next-2', team: 'caring', title: '探望独居老人', place: '朗庭3号楼', offset: 10, start: '09:00', end: '11:00', capacity: 6 },
  { id: 'seed-night-next-1', team: 'night-walk', title: '夜间巡逻', place: '朗庭小区', offset: 2, start: '19:00', end: '21:30', capacity: 6, requirements: { insurance: true, ageHealth: true }, people: ['demo-teamlead'] },
  { id: 'seed-night-next-2', team: 'night-walk', title: '夜间巡逻', place: '贝尚湾小区', offset: 9, start: '19:00', end: '21:30', capacity: 6, requirements: { insurance: true, ageHealth: true, training: 'patrol' } },
  { id: 'seed-patrol-next-1', team: 'patrol', title: '消防通道巡查', place: '绿庭尚城', offset: 1, start: '14:00', end: '16:00', capacity: 4, people: ['seed-vol-4'] },
  { id: 'seed-red-vest-next-1', team: 'red-vest', title: '小区门岗值守', place: '绿庭尚城南门', offset: 1, start: '07:00', end: '09:00', capacity: 3, people: ['seed-vol-1', 'seed-vol-2', 'seed-vol-3', 'seed-vol-4'] },
  { id: 'seed-clean-next-1', team: 'clean-up', title: '楼道堆物清理', place: '绿庭尚城1号楼', offset: 4, start: '08:30', end: '11:30', capacity: 10, requirements: { ageHealth: true } },
  { id: 'seed-languages-next-1', team: 'languages', title: '外籍居民咨询台（韩语）', place: '贝尚湾党群服务站', offset: 5, start: '14:00', end: '16:00', capacity: 2, requirements: { language: 'ko' } },
]

const MEMBERS: { openid: string; team: string; insuredUntilDays?: number; trainings?: string[] }[] = [
  { openid: 'demo-volunteer', team: 'caring' },
  { openid: 'demo-volunteer', team: 'night-walk', insuredUntilDays: 300, trainings: ['patrol'] },
  { openid: 'demo-teamlead', team: 'night-walk', insuredUntilDays: 300, trainings: ['patrol', 'first_aid'] },
  { openid: 'demo-party', team: 'red-vest' },
  { openid: 'demo-korean', team: 'languages' },
  ...NEIGHBOURS.map((openid) => ({ openid, team: 'caring' })),
  { openid: 'seed-vol-2', team: 'night-walk', insuredUntilDays: 200, trainings: ['patrol'] },
  { openid: 'seed-vol-3', team: 'red-vest' },
]

export async function seedVolunteer(db: Database, now = new Date()): Promise<void> {
  const today = chinaDay(now)
  const joined = joinedAt(now)
  for (const leader of LEADERS) {
    await db.collection(C.users).add({ data: { _id: leader.openid, nickname: leader.name, avatarUrl: '', locale: null, elderMode: false, createdAt: joined } })
    const entry = { granted: true, version: POLICY_VERSIONS.app, at: joined }
    await db.collection(C.consents).add({ data: { _id: consentId(leader.openid, 'app'), openid: leader.openid, purpose: 'app', ...entry, history: [entry] } })
    await db.collection(C.roles).add({ data: { _id: roleId(leader.openid, 'team_leader', leader.team), openid: leader.openid, role: 'team_leader', scope: leader.team, grantedBy: 'seed', grantedAt: joined } })
  }
  for (const [index, openid] of NEIGHBOURS.entries()) {
    await db.collection(C.users).add({ data: { _id: openid, nickname: NEIGHBOUR_NAMES[index], avatarUrl: '', locale: null, elderMode: false, createdAt: joined } })
  }
  await db.collection(C.volunteerProfiles).add({ data: { _id: 'demo-volunteer', openid: 'demo-volunteer', name: '陈晓', languages: ['en'], updatedAt: joined } })
  await db.collection(C.volunteerProfiles).add({ data: { _id: 'demo-korean', openid: 'demo-korean', name: '', languages: ['ko'], updatedAt: joined } })

  for (const member of MEMBERS) {
    const doc: MemberDoc = {
      _id: memberId(member.team, member.openid),
      teamId: member.team,
      openid: member.openid,
      status: 'member',
      insuredUntil: member.insuredUntilDays ? addDays(today, member.insuredUntilDays) : null,
      trainings: member.trainings ?? [],
      requestedAt: joined,
      decidedAt: joined,
      decidedBy: 'seed',
    }
    await db.collection(C.teamMembers).add({ data: doc })
  }

  const held = new Map<string, Held[]>()
  for (const plan of PLAN) {
    const day = addDays(today, plan.offset)
    const times = shiftTimes(day, plan.start, plan.end, 0, 24)
    const people = plan.people ?? []
    const placed = people.slice(0, plan.capacity)
    const waiting = people.slice(plan.capacity)
    const attended = plan.attended ?? []
    const shift: ShiftDoc = {
      _id: plan.id,
      teamId: plan.team,
      title: plan.title,
      place: plan.place,
      startAt: new Date(times.startAt),
      endAt: new Date(times.endAt),
      signupOpensAt: new Date(Math.min(times.startAt - 14 * 86400_000, now.getTime())),
      signupClosesAt: new Date(times.signupClosesAt),
      cancelBefore: new Date(times.cancelBefore),
      capacity: plan.capacity,
      taken: placed.length + attended.length,
      // The ledger of places as the functions keep it (cloud/lib/volunteer.ts), so no first sign-up has to build it.
      placed: [...placed, ...attended.map((person) => person.openid)],
      waitlist: waiting,
      requirements: { ...NONE, ...plan.requirements, insurance: Boolean(plan.requirements?.insurance) || plan.team === 'night-walk' },
      cancelled: false,
      seriesId: null,
      createdBy: LEADERS.find((leader) => leader.team === plan.team)?.openid ?? 'demo-teamlead',
      createdAt: new Date(Math.min(times.startAt - 14 * 86400_000, now.getTime())),
    }
    await db.collection(C.shifts).add({ data: shift })

    const base = { shiftId: shift._id, teamId: shift.teamId, startAt: shift.startAt, endAt: shift.endAt, codeFailures: 0, createdAt: shift.createdAt, updatedAt: shift.createdAt }
    for (const [index, openid] of [...placed, ...waiting].entries()) {
      const signup: SignupDoc = { ...base, _id: signupId(shift._id, openid), openid, status: index < plan.capacity ? 'confirmed' : 'waitlisted', ageHealthConfirmedAt: shift.requirements.ageHealth ? shift.createdAt : null, checkInAt: null, checkOutAt: null, checkInBy: null, checkOutBy: null }
      await db.collection(C.signups).add({ data: signup })
      held.set(openid, [...(held.get(openid) ?? []), { shiftId: shift._id, startAt: times.startAt, endAt: times.endAt }])
    }
    for (const person of attended) {
      const checkInAt = new Date(times.startAt - 5 * 60_000 + (person.lateMinutes ?? 0) * 60_000)
      const checkOutAt = new Date(times.endAt + 3 * 60_000 - (person.earlyLeaveMinutes ?? 0) * 60_000)
      const signup: SignupDoc = { ...base, _id: signupId(shift._id, person.openid), openid: person.openid, status: 'confirmed', ageHealthConfirmedAt: null, checkInAt, checkOutAt, checkInBy: 'code', checkOutBy: 'code' }
      await db.collection(C.signups).add({ data: signup })
      const minutes = creditedMinutes(checkInAt, checkOutAt, shiftMinutes(shift.startAt, shift.endAt))
      const hours: HoursDoc = {
        _id: hoursId(shift._id, person.openid),
        shiftId: shift._id,
        teamId: shift.teamId,
        openid: person.openid,
        title: shift.title,
        place: shift.place,
        day,
        startAt: shift.startAt,
        endAt: shift.endAt,
        checkInAt,
        checkOutAt,
        minutes,
        status: person.confirmed ? 'confirmed' : 'recorded',
        source: 'attendance',
        reason: null,
        recordedBy: person.openid,
        recordedAt: checkOutAt,
        confirmedBy: person.confirmed ? shift.createdBy : null,
        confirmedAt: person.confirmed ? new Date(checkOutAt.getTime() + 3600_000) : null,
      }
      await db.collection(C.volunteerHours).add({ data: hours })
    }
  }
  for (const [openid, items] of held) {
    await db.collection(C.volunteerLocks).add({ data: { _id: openid, held: items, updatedAt: now } })
  }
}
