import * as v from 'valibot'
import { LANGUAGE_SKILLS, TRAININGS, type CancelRefusal, type CheckinPhase, type LanguageSkill, type Requirements, type SignupRefusal, type Staffing, type Training } from '../domain/volunteer'
import { adminOnly, consented, everyone, ownOnly, roles, teamLeads } from './access'
import { daySchema, defineAction, idSchema, noInput, text } from './define'
import type { LocalizedText, Team } from './model'
export { myHours, upcomingShifts, listTeams } from './volunteer.tabs'

/**
 * 志愿服务: teams (队伍), memberships (入队), shifts (班次), sign-ups (报名, 候补 waitlist), check-in/out (签到/签退),
 * service hours (志愿时长), 补录 (manual additions), certificates (志愿服务记录证明) and the export.
 *
 * Refusals that a person must understand travel as the error's `field` with one of the stable keys below
 * (SignupRefusal, CancelRefusal, 'code', 'window' …), so the app can say exactly why in the person's language.
 */
export type { CancelRefusal, CheckinPhase, LanguageSkill, Requirements, SignupRefusal, Staffing, Training }

/**
 * One-time subscribe message template (订阅消息) for volunteers, like the service feature's SUBSCRIBE_TEMPLATES: its id
 * and keywords live in the deploy configuration (linliting.config.json, 公共模板库: 候补成功通知), injected at build
 * time. The shift page asks for it on the sign-up tap, and the cloud sends with the same id.
 */
export const VOLUNTEER_TEMPLATES = {
  /** thing1 shift, time2 start time, phrase3 status, thing4 place */
  promotion: SUBSCRIBE_TEMPLATE_IDS.volunteerWaitlistPromoted,
} as const

export type MembershipStatus = 'pending' | 'member' | 'left' | 'rejected'
export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled'
export type HoursStatus = 'recorded' | 'confirmed'
export type HoursSource = 'attendance' | 'manual'

export interface Membership {
  teamId: string
  status: MembershipStatus
  /** China day up to which the leader recorded accident insurance; null = none recorded. */
  insuredUntil: string | null
  trainings: Training[]
}

export interface ShiftSummary {
  id: string
  teamId: string
  teamName: LocalizedText
  title: string
  place: string
  startAt: string
  endAt: string
  capacity: number
  taken: number
  waiting: number
  requirements: Requirements
  signupOpensAt: string
  signupClosesAt: string
  cancelBefore: string
  cancelled: boolean
  staffing: Staffing
  /** Shifts created together as a weekly series share this. */
  seriesId: string | null
}

export interface MySignup {
  status: SignupStatus
  /** 1 = next to get a place. */
  waitPosition: number | null
  checkInAt: string | null
  checkOutAt: string | null
  /** Credited minutes once hours are recorded (whole quarters). */
  minutes: number | null
  hours: HoursStatus | null
}

export interface ShiftDetail {
  shift: ShiftSummary
  teamRisky: boolean
  mine: MySignup | null
  /** Why the caller cannot sign up now (empty = they can); computed by the same rule the cloud enforces. */
  refusals: SignupRefusal[]
  /** Why cancelling would be refused now, or null. */
  cancelRefusal: CancelRefusal | null
  checkin: CheckinPhase
  /** The caller leads this team (or is an admin). */
  canManage: boolean
  /** The caller's languages on their volunteer profile, so the app can offer to add the one this shift needs. */
  myLanguages: LanguageSkill[]
  verifiedResident: boolean
}

export interface TeamDetail {
  team: Team
  mine: Membership | null
  canManage: boolean
  upcoming: ShiftSummary[]
}

export interface JoinRequest {
  volunteerId: string
  name: string
  requestedAt: string
}

export interface MemberRow {
  volunteerId: string
  name: string
  since: string
  insuredUntil: string | null
  trainings: Training[]
  languages: LanguageSkill[]
}

export interface RosterRow {
  volunteerId: string
  name: string
  signup: SignupStatus | null
  waitPosition: number | null
  ageHealthConfirmed: boolean
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number | null
  hours: HoursStatus | null
  source: HoursSource | null
}

export interface Roster {
  shift: ShiftSummary
  rows: RosterRow[]
  /** Whole-quarter length of the shift: the cap for 补录. */
  lengthMinutes: number
  checkin: CheckinPhase
  /** By the server's clock (a phone's clock may be wrong): 补录 is possible once started; check-in ends with the shift. */
  started: boolean
  ended: boolean
}

export interface LeadOverview {
  teams: {
    team: Team
    pending: number
    shifts: ShiftSummary[]
    awaitingConfirmation: number
    /** Shifts that ended in the last 14 days (and older ones with hours still to confirm), latest first. */
    recent: (ShiftSummary & { toConfirm: number })[]
  }[]
  isAdmin: boolean
}

export interface CheckinCode {
  code: string
  /** What the QR encodes (the app scans it with Taro.scanCode on weapp). */
  payload: string
  validUntil: string
  /** Seconds until the code changes, by the server's clock: a phone with a wrong clock still refreshes on time. */
  secondsLeft: number
}

export interface HoursEntry {
  shiftId: string
  teamId: string
  teamName: LocalizedText
  title: string
  place: string
  day: string
  startAt: string
  endAt: string
  minutes: number
  status: HoursStatus
  source: HoursSource
}

export interface MyHours {
  name: string
  totalMinutes: number
  confirmedMinutes: number
  perTeam: { teamId: string; teamName: LocalizedText; minutes: number; shifts: number }[]
  history: HoursEntry[]
  upcoming: (ShiftSummary & { mine: MySignup })[]
  languages: LanguageSkill[]
}

export interface Certificate {
  code: string
  name: string
  totalMinutes: number
  perTeam: { teamName: LocalizedText; minutes: number; shifts: number; work: string[] }[]
  firstDay: string
  lastDay: string
  issuer: string
  issuedAt: string
  /** Set when the holder deleted their account: the hours stay certified, the name is gone. */
  holderDeleted: boolean
  /** Hours a leader added by hand (补录) that the total includes: when, how long, why, and who added them. */
  manual: { day: string; teamName: LocalizedText; minutes: number; reason: string; addedBy: string }[]
}

const shiftIdSchema = idSchema
const teamIdSchema = idSchema
const volunteerIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))
const clockSchema = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/))


export const viewTeam = defineAction<TeamDetail>()('volunteer', 'team.view', v.object({ teamId: teamIdSchema }), { roles: everyone, sample: (r) => ({ teamId: r.teamId }) })
/** A member asking again gets their membership back; anyone else with a verified home asks to join. */
/** Applications to join teams one person may have waiting at a time: each is a row in some team leader's queue. */
export const MAX_PENDING_TEAM_APPLICATIONS = 5
export const joinTeam = defineAction<Membership>()('volunteer', 'team.join', v.object({ teamId: teamIdSchema }), { roles: consented, sample: (r) => ({ teamId: r.teamId }) })
export const leaveTeam = defineAction<Membership>()('volunteer', 'team.leave', v.object({ teamId: teamIdSchema }), {
  // The volunteer and the team leader belong to the neighbour's team (夜走队) too.
  roles: roles(ownOnly('NOT_FOUND'), { newcomer: 'NOT_FOUND', volunteer: 'ok', teamLeader: 'ok' }),
  sample: (r) => ({ teamId: r.teamId }),
})
export const joinRequests = defineAction<JoinRequest[]>()('volunteer', 'team.requests', v.object({ teamId: teamIdSchema }), {
  roles: teamLeads(),
  sample: (r) => ({ teamId: r.teamId }),
})
export const decideJoin = defineAction<Membership>()('volunteer', 'team.decide', v.object({ teamId: teamIdSchema, volunteerId: volunteerIdSchema, approve: v.boolean() }), {
  roles: teamLeads(),
  sample: (r) => ({ teamId: r.teamId, volunteerId: r.joinerId, approve: true }),
})
export const listMembers = defineAction<MemberRow[]>()('volunteer', 'team.members', v.object({ teamId: teamIdSchema }), {
  roles: teamLeads(),
  sample: (r) => ({ teamId: r.teamId }),
})

/** The leader records what they checked: insurance cover (risky work) and completed trainings. */
export const qualifyMember = defineAction<MemberRow>()(
  'volunteer',
  'member.qualify',
  v.object({
    teamId: teamIdSchema,
    volunteerId: volunteerIdSchema,
    insuredUntil: v.nullable(daySchema),
    trainings: v.pipe(v.array(v.picklist(TRAININGS)), v.maxLength(TRAININGS.length)),
  }),
  { roles: teamLeads(), sample: (r) => ({ teamId: r.teamId, volunteerId: r.openid, insuredUntil: '2027-06-30', trainings: ['first_aid'] }) },
)

export const viewShift = defineAction<ShiftDetail>()('volunteer', 'shift.view', v.object({ shiftId: shiftIdSchema }), { roles: everyone, sample: (r) => ({ shiftId: r.shiftId }) })

export const createShifts = defineAction<ShiftSummary[]>()(
  'volunteer',
  'shift.create',
  v.object({
    teamId: teamIdSchema,
    title: text(30),
    place: text(40),
    day: daySchema,
    start: clockSchema,
    end: clockSchema,
    capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
    requirements: v.object({
      language: v.nullable(v.picklist(LANGUAGE_SKILLS)),
      training: v.nullable(v.picklist(TRAININGS)),
      insurance: v.boolean(),
      ageHealth: v.boolean(),
    }),
    /** 1 = one-off; n = the same time on the same weekday for n weeks. */
    weeks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)), 1),
    /** Sign-up closes this many hours before the start (0 = at the start). */
    closeHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(168)), 0),
    /** Cancelling is free until this many hours before the start. */
    cancelHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(168)), 24),
  }),
  {
    roles: teamLeads(),
    sample: (r) => ({
      teamId: r.teamId,
      title: '楼道清扫',
      place: '1号楼',
      day: r.today,
      start: '19:00',
      end: '20:00',
      capacity: 4,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
    }),
  },
)

export const signUp = defineAction<ShiftDetail>()(
  'volunteer',
  'signup.create',
  v.object({
    shiftId: shiftIdSchema,
    /** The person ticked "my age and health suit this work" on this shift. */
    confirmAgeHealth: v.optional(v.boolean(), false),
    /** The person ticked "I speak the language this shift needs": added to their volunteer profile. */
    confirmLanguage: v.optional(v.boolean(), false),
    /** The person allowed the 候补成功 message (wx.requestSubscribeMessage answered on their sign-up tap). */
    subscribe: v.optional(v.boolean(), false),
  }),
  {
    // Own shift: the place the caller holds comes back. The neighbour's is a night patrol: insurance on record needed.
    roles: roles(ownOnly('CONFLICT'), { newcomer: 'CONSENT_REQUIRED', volunteer: 'ok', teamLeader: 'ok' }),
    sample: (r) => ({ shiftId: r.shiftId, confirmAgeHealth: true }),
  },
)
export const cancelSignup = defineAction<ShiftDetail>()('volunteer', 'signup.cancel', v.object({ shiftId: shiftIdSchema }), {
  roles: roles(ownOnly('NOT_FOUND'), { newcomer: 'NOT_FOUND', teamLeader: 'ok' }),
  sample: (r) => ({ shiftId: r.shiftId }),
})

export const updateProfile = defineAction<{ name: string; languages: LanguageSkill[] }>()(
  'volunteer',
  'profile.update',
  v.object({ name: v.optional(text(20)), languages: v.optional(v.pipe(v.array(v.picklist(LANGUAGE_SKILLS)), v.maxLength(LANGUAGE_SKILLS.length))) }),
  { roles: consented, sample: () => ({ name: '小王', languages: ['en', 'ko'] }) },
)

export const leadOverview = defineAction<LeadOverview>()('volunteer', 'lead.overview', noInput, {
  roles: roles('FORBIDDEN', { teamLeader: 'ok', otherTeamLeader: 'ok', admin: 'ok' }),
  sample: () => ({}),
})
export const viewRoster = defineAction<Roster>()('volunteer', 'roster.view', v.object({ shiftId: shiftIdSchema }), { roles: teamLeads(), sample: (r) => ({ shiftId: r.shiftId }) })
export const checkinCode = defineAction<CheckinCode>()('volunteer', 'checkin.code', v.object({ shiftId: shiftIdSchema }), { roles: teamLeads(), sample: (r) => ({ shiftId: r.shiftId }) })

export const checkWithCode = defineAction<ShiftDetail>()(
  'volunteer',
  'checkin.byCode',
  v.object({ shiftId: shiftIdSchema, code: v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, '签到码为 6 位数字')), mode: v.picklist(['in', 'out']) }),
  // Only someone holding a place checks in: on the neighbour's shift that is the team leader, signed up too.
  { roles: roles(ownOnly('CONFLICT'), { newcomer: 'CONFLICT', teamLeader: 'ok' }), sample: (r) => ({ shiftId: r.shiftId, code: r.checkinCode, mode: 'in' }) },
)

/**
 * The leader checks someone in or out from the roster, at the time they say (default now). Checking in someone who is
 * checked in already, or out someone who is checked out already (a double tap, or a retry after a lost answer),
 * answers the row as it is, with `already: true`.
 */
export const markRoster = defineAction<RosterRow & { already?: boolean }>()(
  'volunteer',
  'roster.mark',
  v.object({ shiftId: shiftIdSchema, volunteerId: volunteerIdSchema, mode: v.picklist(['in', 'out']) }),
  { roles: teamLeads(), sample: (r) => ({ shiftId: r.shiftId, volunteerId: r.openid, mode: 'in' }) },
)

export const confirmHours = defineAction<{ confirmed: number }>()('volunteer', 'hours.confirm', v.object({ shiftId: shiftIdSchema }), {
  roles: teamLeads(),
  sample: (r) => ({ shiftId: r.shiftId }),
})

/** 补录: only a leader of the team or an admin; capped at the shift's length; audited with the reason. */
export const addManualHours = defineAction<RosterRow>()(
  'volunteer',
  'hours.manual',
  v.object({
    shiftId: shiftIdSchema,
    volunteerId: volunteerIdSchema,
    minutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
    reason: text(60, 2),
  }),
  // The matrix's shifts have not started: whoever may add hours is told so (CONFLICT) — except for their own hours,
  // which nobody adds for themselves (FORBIDDEN): the sample names the caller.
  {
    roles: roles('FORBIDDEN', { teamLeader: { own: 'FORBIDDEN', other: 'CONFLICT' }, otherTeamLeader: 'FORBIDDEN', admin: { own: 'FORBIDDEN', other: 'CONFLICT' } }),
    sample: (r) => ({ shiftId: r.shiftId, volunteerId: r.openid, minutes: 60, reason: '忘记签到' }),
  },
)

/** Needs hours a leader confirmed: of the matrix's callers, the volunteer and the team leader have some. */
export const issueCertificate = defineAction<Certificate>()('volunteer', 'certificate.issue', noInput, {
  roles: roles('CONFLICT', { newcomer: 'CONSENT_REQUIRED', volunteer: 'ok', teamLeader: 'ok' }),
  sample: () => ({}),
})
export const verifyCertificate = defineAction<Certificate>()(
  'volunteer',
  'certificate.verify',
  v.object({ code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[2-9A-HJKMNP-Z]{5}-?[2-9A-HJKMNP-Z]{5}$/, '核验码为 10 位字母或数字')) }),
  { roles: adminOnly, sample: (r) => ({ code: r.certificateCode }) },
)

export const exportHours = defineAction<{ csv: string; rows: number; fileName: string }>()(
  'volunteer',
  'hours.export',
  v.object({ from: daySchema, to: daySchema }),
  { roles: adminOnly, sample: (r) => ({ from: r.today, to: r.today }) },
)
