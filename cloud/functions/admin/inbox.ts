import * as contract from '../../contracts/admin'
import type { TodaySession } from '../../contracts/admin'
import { chinaDay } from '../../domain/time'
import { C } from '../../lib/collections'
import { iso } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import { Lookups, type SessionDoc } from '../../lib/service/docs'
import type { LogicCommand, WhereCondition } from '../../types/database'
import { requireManager, type Scope } from './scope'

const WEEK_MS = 7 * 86400_000
/** The hub lists the first sessions of the day by name; the count above them covers all of them. */
const TODAY_ITEMS = 10

/**
 * The sessions a manager runs, as a condition: those of the buildings they lead now (roles read on this call). Having
 * created a session gives nothing. Null for an admin, who runs all of them. Joined to other conditions with `inScope`.
 */
export function sessionCondition(ctx: Ctx, scope: Scope): LogicCommand | null {
  if (scope.admin) return null
  const _ = ctx.db.command
  // No building led: a condition that matches nothing (an empty `in`).
  return _.and([{ scopeKey: _.in(scope.buildings.map((id) => `building:${id}`)) }])
}

export function inScope(ctx: Ctx, base: Record<string, unknown>, condition: LogicCommand | null): WhereCondition {
  return condition ? ctx.db.command.and([base, condition]) : base
}

async function sessionsToday(ctx: Ctx, scope: Scope) {
  const _ = ctx.db.command
  const where = inScope(ctx, { day: chinaDay(ctx.now), status: _.neq('cancelled') }, sessionCondition(ctx, scope))
  const { total } = await ctx.db.collection(C.serviceSessions).where(where).count()
  if (total === 0) return { count: 0, items: [] }
  const { data } = await ctx.db.collection(C.serviceSessions).where(where).orderBy('startsAt', 'asc').limit(TODAY_ITEMS).get()
  const lookups = new Lookups(ctx)
  const items: TodaySession[] = []
  for (const doc of data as unknown as SessionDoc[]) {
    const type = await lookups.type(doc.typeId)
    items.push({ id: doc._id, typeName: type?.name ?? { 'zh-CN': '' }, place: doc.place, scopeName: doc.scopeName, startsAt: iso(doc.startsAt), endsAt: iso(doc.endsAt) })
  }
  return { count: total, items }
}

/**
 * Shifts with places to fill, by the database: taken < capacity compares two fields, which a query cannot, so the
 * shifts are grouped by (capacity, taken) — a few dozen groups whatever the number of shifts — and the groups compared.
 */
async function understaffed(ctx: Ctx, teams: string[] | null): Promise<number> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const match: Record<string, unknown> = { cancelled: false, startAt: _.gt(ctx.now).and(_.lt(new Date(ctx.now.getTime() + WEEK_MS))) }
  if (teams) match.teamId = _.in(teams)
  const { list } = await ctx.db
    .collection(C.shifts)
    .aggregate()
    .match(match)
    .group({ _id: { capacity: '$capacity', taken: '$taken' }, n: $.sum(1) })
    .limit(1000)
    .end()
  return list.reduce((sum, row) => {
    const key = row._id as { capacity?: number; taken?: number }
    return (key.taken ?? 0) < (key.capacity ?? 0) ? sum + (Number(row.n) || 0) : sum
  }, 0)
}

export const inboxRoutes = [
  handle(contract.inbox, async (_input, ctx) => {
    const scope = await requireManager(ctx)
    const _ = ctx.db.command
    const count = async (collection: string, where: Record<string, unknown>) => (await ctx.db.collection(collection).where(where).count()).total

    const reviews = scope.admin || scope.buildings.length > 0
    const teams = scope.admin ? null : scope.teams
    const leadsTeams = scope.admin || scope.teams.length > 0
    return {
      residents: reviews ? await count(C.residencies, scope.admin ? { status: 'pending' } : { status: 'pending', buildingId: _.in(scope.buildings) }) : null,
      households: scope.admin ? await count(C.partyHouseholds, { status: 'pending' }) : null,
      sessionsToday: reviews ? await sessionsToday(ctx, scope) : null,
      understaffed: leadsTeams ? await understaffed(ctx, teams) : null,
      hoursToConfirm: leadsTeams ? await count(C.volunteerHours, teams ? { status: 'recorded', teamId: _.in(teams) } : { status: 'recorded' }) : null,
    }
  }),
]
