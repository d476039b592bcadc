import { AppError } from '../../contracts/envelope'
import type { RoleDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { findAll } from '../../lib/docs'
import type { Ctx } from '../../lib/router'

/**
 * What the caller manages, read once per request from their role documents (a person holds a handful). Every query
 * of this function is narrowed by it inside the query itself, never filtered after reading.
 */
export interface Scope {
  admin: boolean
  /** Buildings the caller leads (building_leader scopes). */
  buildings: string[]
  /** Teams the caller leads (team_leader scopes). */
  teams: string[]
}

export async function loadScope(ctx: Ctx): Promise<Scope> {
  const roles = await findAll<RoleDoc>(ctx, C.roles, { openid: ctx.openid })
  return {
    admin: roles.some((role) => role.role === 'admin' && role.scope === 'community'),
    buildings: roles.filter((role) => role.role === 'building_leader').map((role) => role.scope),
    teams: roles.filter((role) => role.role === 'team_leader').map((role) => role.scope),
  }
}

export function isManager(scope: Scope): boolean {
  return scope.admin || scope.buildings.length > 0 || scope.teams.length > 0
}

export async function requireManager(ctx: Ctx): Promise<Scope> {
  const scope = await loadScope(ctx)
  if (!isManager(scope)) throw new AppError('FORBIDDEN', '仅楼组长、志愿队长或社区管理员可以使用管理功能')
  return scope
}

export async function requireAdminScope(ctx: Ctx): Promise<Scope> {
  const scope = await loadScope(ctx)
  if (!scope.admin) throw new AppError('FORBIDDEN', '仅社区管理员可以进行此操作')
  return scope
}

/** Admins, or leaders of at least one building. */
export async function requireBuildingScope(ctx: Ctx): Promise<Scope> {
  const scope = await loadScope(ctx)
  if (!scope.admin && scope.buildings.length === 0) throw new AppError('FORBIDDEN', '仅楼组长或社区管理员可以进行此操作')
  return scope
}

export function mayManageBuilding(scope: Scope, buildingId: string): boolean {
  return scope.admin || scope.buildings.includes(buildingId)
}

/** Cursors of skip-based pages: a small non-negative integer, anything else starts from the beginning. */
export function offsetOf(cursor: string | undefined): number {
  const value = cursor ? Number.parseInt(cursor, 10) : 0
  return Number.isFinite(value) && value > 0 ? value : 0
}

/** Reads `limit + 1` to learn whether another page exists without counting. */
export function pageOf<T>(rows: T[], offset: number, limit: number): { items: T[]; next: string | null } {
  return { items: rows.slice(0, limit), next: rows.length > limit ? String(offset + limit) : null }
}
