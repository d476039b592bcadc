/**
 * Shapes that cross the wire, in the community's words (glossary in README.md):
 * area 小区, building 楼栋, unit 单元, room 室, household 户, residency 居住登记, consent 同意.
 */
export const CONSENT_PURPOSES = ['app', 'publish_household', 'health'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

/** Bumped whenever the privacy text for a purpose changes; consent given to an older version must be asked again. */
export const POLICY_VERSIONS: Record<ConsentPurpose, string> = {
  app: '2026-11-27',
  publish_household: '2026-11-27',
  health: '2026-11-27',
}

export const ROLES = ['building_leader', 'team_leader', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const LOCALES = ['zh-CN', 'en', 'ko', 'ja'] as const
export type Locale = (typeof LOCALES)[number]

export interface ConsentState {
  purpose: ConsentPurpose
  granted: boolean
  version: string
  /** ISO time of the latest grant or withdrawal. */
  at: string
}

export interface RoleGrant {
  role: Role
  /** building id for building_leader, team id for team_leader, 'community' for admin. */
  scope: string
  scopeName: string
}

export type ResidencyStatus = 'pending' | 'verified' | 'rejected' | 'left'

export interface ResidencySummary {
  id: string
  householdId: string
  buildingId: string
  buildingName: string
  areaName: string
  unit: number
  room: string
  status: ResidencyStatus
}

/**
 * WeChat's verdict on one published image (security.mediaCheckAsync): `pending` until its push arrives; only `pass` is
 * shown to others. `label` is WeChat's category of a refusal (20002 色情, 20006 违法犯罪 …), for the owner's reason.
 */
export interface MediaReview {
  state: 'pending' | 'pass' | 'review' | 'risky'
  label: number | null
}

export interface Me {
  nickname: string
  /** A displayable link to the caller's own avatar (whatever its review), or ''. */
  avatarUrl: string
  /** The avatar's cloud file id, or ''. */
  avatarFileId: string
  /** The folder the app uploads a new avatar into (`avatars/<digest of the openid>/`): the only one profile.update accepts. */
  avatarFolder: string
  /** The image check of the current avatar; others see it only once it passed. */
  avatarReview: MediaReview | null
  locale: Locale | null
  elderMode: boolean
  consents: ConsentState[]
  roles: RoleGrant[]
  residencies: ResidencySummary[]
}

export interface Area {
  id: string
  name: string
  buildingCount: number
}

export interface Building {
  id: string
  areaId: string
  name: string
  units: number
  floors: number
  roomsPerFloor: number
}

export interface Room {
  householdId: string
  unit: number
  floor: number
  room: string
}

export interface BuildingView {
  building: Building
  areaName: string
  /** Units, each with floors top to bottom, each with its rooms. */
  units: { unit: number; floors: { floor: number; rooms: Room[] }[] }[]
  myHouseholdIds: string[]
  householdCount: number
  residentCount: number
}

export interface InviteCode {
  code: string
  buildingId: string
  /** The one household the code is for; null = a building code, which opens only rooms nobody lives in yet. */
  householdId: string | null
  expiresAt: string
  maxUses: number
  uses: number
  revoked: boolean
}

export interface PendingResidency {
  id: string
  nickname: string
  buildingName: string
  unit: number
  room: string
  requestedAt: string
  /** Joined with an invite code (and waits because the household has members, or the code was the joiner's own). */
  viaInvite: boolean
  /** The caller issued the code this join used: someone else must decide it. */
  issuedByMe: boolean
}

export interface AuditEntry {
  id: string
  actor: string
  actorName: string
  action: string
  target: string
  before: unknown
  after: unknown
  at: string
}

export interface Page<T> {
  items: T[]
  /** Pass back to get the next page; null at the end. */
  next: string | null
}

/** Text the community enters in Chinese, with translations where someone provided them. */
export interface LocalizedText {
  'zh-CN': string
  en?: string
  ko?: string
  ja?: string
}

export interface ServiceType {
  id: string
  /** A stable key for built-in types (knife, mending, blood_pressure …); null for ones an admin added. */
  key: string | null
  name: LocalizedText
  description: LocalizedText
  bring: LocalizedText
  provider: LocalizedText
  /** Blood pressure readings are sensitive personal information (PIPL Art. 28). */
  sensitive: boolean
}

export interface Team {
  id: string
  key: string | null
  name: LocalizedText
  purpose: LocalizedText
  leaderName: string
  memberCount: number
  /** Work that needs an insurance confirmation before signing up (night patrol). */
  risky: boolean
}
