import { AppError } from '../contracts/envelope'
import { POLICY_VERSIONS, type ConsentPurpose, type Role } from '../contracts/model'
import { C } from './collections'
import { findById } from './docs'
import type { Ctx } from './router'

export interface UserDoc {
  _id: string
  nickname: string
  /** Unused since issue 19 (an avatar is a file of our storage: avatarFileId); kept empty. */
  avatarUrl: string
  avatarFileId?: string
  locale: string | null
  elderMode: boolean
  createdAt: Date
}

export interface ConsentDoc {
  _id: string
  openid: string
  purpose: ConsentPurpose
  granted: boolean
  version: string
  at: Date
  history: { granted: boolean; version: string; at: Date }[]
}

export interface RoleDoc {
  _id: string
  openid: string
  role: Role
  scope: string
  grantedBy: string
  grantedAt: Date
}

export interface ResidencyDoc {
  _id: string
  openid: string
  householdId: string
  buildingId: string
  areaId: string
  status: 'pending' | 'verified' | 'rejected' | 'left'
  via: 'invite' | 'approval' | 'seed'
  /** For a join with an invite code: who issued the code (they may not decide the join themselves). */
  inviteIssuedBy?: string
  /** The request that wrote it (a join with a code): its retry answers with it instead of "already bound". */
  requestId?: string
  requestedAt: Date
  decidedAt?: Date
  decidedBy?: string
}

export const consentId = (openid: string, purpose: ConsentPurpose) => `${openid}:${purpose}`
export const roleId = (openid: string, role: Role, scope: string) => `${role}:${scope}:${openid}`
export const residencyId = (openid: string, householdId: string) => `${openid}:${householdId}`


export async function findUser(ctx: Ctx, openid = ctx.openid): Promise<UserDoc | null> {
  return findById<UserDoc>(ctx, C.users, openid)
}

/** True when the caller agreed to the current version of the policy for this purpose and has not withdrawn. */
export async function hasConsent(ctx: Ctx, purpose: ConsentPurpose, openid = ctx.openid): Promise<boolean> {
  const consent = await findById<ConsentDoc>(ctx, C.consents, consentId(openid, purpose))
  return consent !== null && consent.granted && consent.version === POLICY_VERSIONS[purpose]
}

/** PIPL: nothing personal is collected before the person agreed to the privacy summary. */
export async function requireConsent(ctx: Ctx, purpose: ConsentPurpose): Promise<void> {
  if (!(await hasConsent(ctx, purpose))) {
    throw new AppError('CONSENT_REQUIRED', purpose === 'app' ? '请先阅读并同意隐私说明' : '需要您单独同意后才能使用此功能')
  }
}

export async function hasRole(ctx: Ctx, role: Role, scope: string, openid = ctx.openid): Promise<boolean> {
  return (await findById<RoleDoc>(ctx, C.roles, roleId(openid, role, scope))) !== null
}

export async function isAdmin(ctx: Ctx, openid = ctx.openid): Promise<boolean> {
  return hasRole(ctx, 'admin', 'community', openid)
}

export async function requireAdmin(ctx: Ctx): Promise<void> {
  if (!(await isAdmin(ctx))) throw new AppError('FORBIDDEN', '仅社区管理员可以进行此操作')
}

/** Building leaders manage their own building; admins manage every building. Roles held now, read on every call. */
export async function canManageBuilding(ctx: Ctx, buildingId: string, openid = ctx.openid): Promise<boolean> {
  return (await isAdmin(ctx, openid)) || (await hasRole(ctx, 'building_leader', buildingId, openid))
}

export async function requireBuildingManager(ctx: Ctx, buildingId: string): Promise<void> {
  if (!(await canManageBuilding(ctx, buildingId))) throw new AppError('FORBIDDEN', '仅本楼楼组长或社区管理员可以进行此操作')
}

/**
 * For a record of a building named by an id the caller sends (a residency, whose id names a person and a home; an
 * invite code, which is a secret): the record if the caller manages its building. Otherwise the answer must not say
 * whether it exists — `notFound` to anyone who manages some building, FORBIDDEN to anyone who manages none —
 * or the action becomes an oracle (where does this person live? is this invite code live?) without any rate limit.
 */
export async function requireManagedRecord<T extends { buildingId: string }>(ctx: Ctx, doc: T | null, notFound: AppError): Promise<T> {
  if (doc && (await canManageBuilding(ctx, doc.buildingId))) return doc
  const { total: leads } = await ctx.db.collection(C.roles).where({ openid: ctx.openid, role: 'building_leader' }).count()
  if (leads > 0 || (await isAdmin(ctx))) throw notFound
  throw new AppError('FORBIDDEN', '仅本楼楼组长或社区管理员可以进行此操作')
}

export async function verifiedResidencies(ctx: Ctx, openid = ctx.openid): Promise<ResidencyDoc[]> {
  const { data } = await ctx.db.collection(C.residencies).where({ openid, status: 'verified' }).limit(20).get()
  return data as unknown as ResidencyDoc[]
}

export async function isVerifiedResidentOf(ctx: Ctx, buildingId: string, openid = ctx.openid): Promise<boolean> {
  const { total } = await ctx.db.collection(C.residencies).where({ openid, buildingId, status: 'verified' }).count()
  return total > 0
}

/** Who may see a building's household data: its verified residents, its building leader, community admins. */
export async function canSeeBuilding(ctx: Ctx, buildingId: string): Promise<boolean> {
  return (await isVerifiedResidentOf(ctx, buildingId)) || (await canManageBuilding(ctx, buildingId))
}

/** Nicknames for a page of rows, in one query (a page holds at most a few hundred distinct people). */
export async function nicknamesOf(ctx: Ctx, openids: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openids)]
  if (ids.length === 0) return new Map()
  const { data } = await ctx.db.collection(C.users).where({ _id: ctx.db.command.in(ids) }).limit(1000).get()
  return new Map((data as unknown as UserDoc[]).map((user) => [user._id, user.nickname]))
}
