import { ACCESS_ROLES, type AccessRole, type Resources } from '../../cloud/contracts/define'
import { POLICY_VERSIONS, type InviteCode } from '../../cloud/contracts/model'
import type { Booking, SessionSummary } from '../../cloud/contracts/service'
import type { CheckinCode, ShiftSummary } from '../../cloud/contracts/volunteer'
import { chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import type { Change } from '../../cloud/cloudbase'
import { freshCommunity, ok } from './harness'

/**
 * The world the authorization matrix and the fuzz test call into: the demo community at a fixed instant, plus what
 * each role's person owns (a home, today's blood-pressure booking with a reading, a team with a shift about to start
 * that they signed up for, a certificate) and one "someone else" — the neighbour 陈家 of 绿庭尚城 1号楼 1单元 402, a
 * member of 夜走队 — whose things are the `other` resources of every cell (roles are described at ACCESS_ROLES).
 * Built through the real functions wherever they allow it at this instant; readings and certificates, which need a
 * past check-in or confirmed hours, are written directly.
 */

/** Friday 10:00 in Shanghai: sessions are this afternoon, shifts start within the check-in window. */
export const NOW = new Date('2026-11-27T02:00:00Z')
export const TODAY = chinaDay(NOW)

/** Stops the clock at NOW (Date only: timers and the event loop run as usual). Call in beforeAll, before buildWorld. */
export function stopClockAtNow(): void {
  jest.useFakeTimers({
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    now: NOW,
  })
}

/** Who plays each role ('' = no OPENID). */
export const ROLE_USERS: Record<AccessRole, string> = {
  anonymous: '',
  newcomer: 'demo-newcomer',
  resident: 'demo-resident',
  otherBuildingResident: 'demo-korean',
  partyMember: 'demo-party',
  volunteer: 'demo-volunteer',
  buildingLeader: 'demo-leader',
  otherBuildingLeader: 'matrix-leader',
  teamLeader: 'demo-teamlead',
  otherTeamLeader: 'demo-lead-caring',
  admin: 'demo-admin',
}

/** The "someone else": a seeded party-member household's member (seed-household.ts). */
export const NEIGHBOUR = 'seed-ltsc-1-1-402'

interface Person {
  openid: string
  home: string
  team: string
}

const buildingOf = (householdId: string) => householdId.split('-').slice(0, -2).join('-')

/** Everyone who owns things in the world. The first four of ltsc-1 share the neighbour's building. */
const PEOPLE: Person[] = [
  { openid: NEIGHBOUR, home: 'ltsc-1-1-402', team: 'night-walk' },
  { openid: 'demo-resident', home: 'ltsc-1-1-502', team: 'clean-up' },
  { openid: 'demo-party', home: 'ltsc-1-1-601', team: 'red-vest' },
  { openid: 'demo-leader', home: 'ltsc-1-1-301', team: 'clean-up' },
  { openid: 'demo-korean', home: 'bsw-2-1-2105', team: 'languages' },
  { openid: 'matrix-leader', home: 'bsw-2-1-3302', team: 'clean-up' },
  { openid: 'demo-volunteer', home: 'lt-3-2-1203', team: 'caring' },
  { openid: 'demo-lead-caring', home: 'lt-3-1-101', team: 'caring' },
  { openid: 'demo-teamlead', home: 'lt-1-2-401', team: 'night-walk' },
  { openid: 'demo-admin', home: 'lt-1-1-101', team: 'clean-up' },
]

const BUILDINGS = ['ltsc-1', 'bsw-2', 'lt-3', 'lt-1']
const AREA: Record<string, string> = { 'ltsc-1': 'ltsc', 'bsw-2': 'bsw', 'lt-3': 'lt', 'lt-1': 'lt' }
const SPARE: Record<string, string> = { 'ltsc-1': 'ltsc-1-1-101', 'bsw-2': 'bsw-2-1-101', 'lt-3': 'lt-3-1-102', 'lt-1': 'lt-1-1-102' }
const TEAMS = ['night-walk', 'clean-up', 'red-vest', 'languages', 'caring']
const TEAM_LEADER: Record<string, string> = {
  'night-walk': 'demo-teamlead',
  'clean-up': 'demo-lead-clean-up',
  'red-vest': 'demo-lead-red-vest',
  languages: 'demo-lead-languages',
  caring: 'demo-lead-caring',
}
/** People who ask for a home in each building, and to join each team, and wait. */
const APPLICANT = 'matrix-applicant'
const JOINER = 'matrix-joiner'

export interface World {
  own: Record<AccessRole, Resources>
  other: Resources
  /** The neighbour's world with every id that names a person's record (or is a secret) replaced by one that exists nowhere. */
  ghost: Resources
  /** Puts back every document written since the world was built (or last reset). */
  reset(): void
  /** The documents that differ from the built world now: collection, id, and the document before and after (null = absent). */
  changes(): Change[]
}

async function newcomer(openid: string, home: string, invite: string): Promise<void> {
  await ok('account', openid, 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
  await ok('community', openid, 'residency.join', { householdId: home, code: invite })
}

/** Builds the world on a fresh in-memory community. The clock must already read NOW (jest fake timers). */
export async function buildWorld(): Promise<World> {
  if (Date.now() !== NOW.getTime()) throw new Error('buildWorld needs the fake clock at NOW')
  const cloud = await freshCommunity(NOW)
  const { db } = cloud

  const invites: Record<string, string> = {}
  for (const building of BUILDINGS) invites[building] = (await ok<InviteCode>('community', 'demo-admin', 'invite.issue', { buildingId: building, maxUses: 50, days: 30 })).code

  // Homes for those the seed left without one; the other building's leader is made so by the admin.
  await newcomer('matrix-leader', 'bsw-2-1-3302', invites['bsw-2'])
  await ok('community', 'demo-admin', 'role.grant', { userId: 'matrix-leader', role: 'building_leader', scope: 'bsw-2' })
  await newcomer('demo-lead-caring', 'lt-3-1-101', invites['lt-3'])
  // The admin joins with a code of their own: that join waits for someone else (issue 20), and no other manager of
  // lt-1 exists in the demo community, so it is decided here directly.
  await ok('community', 'demo-admin', 'residency.join', { householdId: 'lt-1-1-101', code: invites['lt-1'] })
  await db.collection(C.residencies).doc('demo-admin:lt-1-1-101').update({ data: { status: 'verified', decidedAt: NOW, decidedBy: 'matrix-world' } })
  await newcomer(JOINER, 'lt-1-2-102', invites['lt-1'])
  await ok('account', APPLICANT, 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
  const pending: Record<string, string> = {}
  for (const building of BUILDINGS) pending[building] = (await ok<{ id: string }>('community', APPLICANT, 'residency.request', { householdId: `${building}-1-202` })).id

  // Today's blood-pressure session in each building; everybody books their own.
  const sessions: Record<string, SessionSummary> = {}
  for (const building of BUILDINGS) {
    const [session] = await ok<SessionSummary[]>('service', 'demo-admin', 'session.create', {
      typeId: 'blood-pressure',
      scope: { kind: 'building', id: building },
      place: '党群服务站',
      day: TODAY,
      slots: [{ start: '14:00', end: '14:30' }],
      capacity: 20,
    })
    sessions[building] = session
  }
  const bookings: Record<string, Booking> = {}
  for (const person of PEOPLE) {
    const session = sessions[buildingOf(person.home)]
    bookings[person.openid] = await ok<Booking>('service', person.openid, 'booking.create', { slotId: `${session.id}-1` })
    await db.collection(C.healthReadings).add({
      data: { _id: `bp-${bookings[person.openid].id}`, openid: person.openid, bookingId: bookings[person.openid].id, sessionId: session.id, systolic: 126, diastolic: 80, pulse: 72, place: '党群服务站', takenAt: new Date(NOW.getTime() - 7 * 86400_000), takenBy: 'demo-admin' },
    })
  }

  // Teams: memberships the seed does not have, a shift of each team starting within the check-in window, sign-ups.
  for (const person of PEOPLE) {
    const { status } = await ok<{ status: string }>('volunteer', person.openid, 'team.join', { teamId: person.team })
    if (status === 'pending') await ok('volunteer', 'demo-admin', 'team.decide', { teamId: person.team, volunteerId: person.openid, approve: true })
  }
  await ok('volunteer', 'demo-admin', 'member.qualify', { teamId: 'night-walk', volunteerId: NEIGHBOUR, insuredUntil: '2027-12-31', trainings: ['patrol'] })
  for (const team of TEAMS) await ok('volunteer', JOINER, 'team.join', { teamId: team })
  const shifts: Record<string, string> = {}
  const codes: Record<string, string> = {}
  for (const team of TEAMS) {
    // The neighbour's patrol ends as the other shifts begin: the volunteer can hold one of each.
    const [start, end] = team === 'night-walk' ? ['10:05', '10:25'] : ['10:25', '11:25']
    const [shift] = await ok<ShiftSummary[]>('volunteer', 'demo-admin', 'shift.create', {
      teamId: team,
      title: '值守',
      place: '小区门口',
      day: TODAY,
      start,
      end,
      capacity: 10,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
      cancelHours: 0,
    })
    shifts[team] = shift.id
    codes[team] = (await ok<CheckinCode>('volunteer', 'demo-admin', 'checkin.code', { shiftId: shift.id })).code
  }
  for (const person of PEOPLE) await ok('volunteer', person.openid, 'signup.create', { shiftId: shifts[person.team], confirmAgeHealth: true })

  // Certificates, as if each had confirmed hours once.
  const certificates: Record<string, string> = {}
  for (const [index, person] of PEOPLE.entries()) {
    const code = `MATR${'23456789AB'[index]}-CERTS`
    certificates[person.openid] = code
    await db.collection(C.certificates).add({
      data: { _id: code, openid: person.openid, name: '邻居', totalMinutes: 120, perTeam: [{ teamId: person.team, minutes: 120, shifts: 1, work: ['值守'] }], firstDay: TODAY, lastDay: TODAY, issuer: '九里亭街道社区志愿服务站', issuedAt: NOW, holderDeleted: false },
    })
  }

  const partyRecord = async (householdId: string) => {
    const { data: pledges } = await db.collection(C.pledges).where({ householdId, status: 'active' }).limit(1).get()
    const { data: entries } = await db.collection(C.fulfilments).where({ householdId, evidenced: false }).limit(1).get()
    return { pledgeId: String(pledges[0]?._id ?? 'none-pledge'), entryId: String(entries[0]?._id ?? 'none-entry') }
  }

  const resourcesOf = async (person: Person): Promise<Resources> => {
    const building = buildingOf(person.home)
    const booking = bookings[person.openid]
    return {
      openid: person.openid,
      today: TODAY,
      areaId: AREA[building],
      buildingId: building,
      householdId: person.home,
      residencyId: `${person.openid}:${person.home}`,
      spareHouseholdId: SPARE[building],
      inviteCode: invites[building],
      pendingResidencyId: pending[building],
      ...(await partyRecord(person.home)),
      sessionId: sessions[building].id,
      slotId: `${sessions[building].id}-1`,
      bookingId: booking.id,
      bookingCode: booking.code,
      readingId: `bp-${booking.id}`,
      teamId: person.team,
      teamLeaderId: TEAM_LEADER[person.team],
      joinerId: JOINER,
      shiftId: shifts[person.team],
      checkinCode: codes[person.team],
      certificateCode: certificates[person.openid],
    }
  }

  const other = await resourcesOf(PEOPLE[0])
  // Places (buildings, sessions, slots, teams, shifts) are public; these name a person's record, or are secrets.
  const ghost: Resources = {
    ...other,
    residencyId: 'none-residency',
    pendingResidencyId: 'none-pending',
    inviteCode: 'ZZZZZZZZ',
    pledgeId: 'none-pledge',
    entryId: 'none-entry',
    bookingId: 'none-booking',
    bookingCode: 'Z99',
    readingId: 'none-reading',
    certificateCode: 'ZZZZZ-ZZZZZ',
  }
  const own = {} as Record<AccessRole, Resources>
  for (const role of ACCESS_ROLES) {
    const person = PEOPLE.find((item) => item.openid === ROLE_USERS[role])
    // Nobody's (anonymous, the newcomer): places are the neighbour's, their own records exist nowhere.
    own[role] = person ? await resourcesOf(person) : { ...ghost, openid: ROLE_USERS[role] || 'nobody', householdId: 'ltsc-1-9-999', inviteCode: other.inviteCode, pendingResidencyId: other.pendingResidencyId }
  }

  const built = cloud.cloudbase.checkpoint()
  return {
    own,
    other,
    ghost,
    reset: () => cloud.cloudbase.rollback(built),
    changes: () => cloud.cloudbase.changesSince(built),
  }
}
