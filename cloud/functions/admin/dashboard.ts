import * as contract from '../../contracts/admin'
import type { CoverageRow, TeamHours, WeekBookings } from '../../contracts/admin'
import { AppError } from '../../contracts/envelope'
import type { LocalizedText } from '../../contracts/model'
import { recentWeeks } from '../../domain/admin'
import type { BookingStatus } from '../../domain/booking'
import { addDays, chinaDay, fromChina } from '../../domain/time'
import { C } from '../../lib/collections'
import type { AreaDoc, BuildingDoc } from '../../lib/describe'
import { findAll, findById } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import { householdCount } from '../../lib/structure'
import { inScope, sessionCondition } from './inbox'
import { offsetOf, pageOf, requireAdminScope, requireManager, type Scope } from './scope'

/**
 * The dashboard's numbers, every one by the database (count and aggregate): reading the rows of 10,000 households or
 * tens of thousands of bookings into the function would be slow, and silently cut at the query limits.
 */

const STATUSES: BookingStatus[] = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show']

/** A China-day range [from, to] as instants: from 00:00 of `from` to 00:00 of the day after `to`. */
export function instants(ctx: Ctx, from: string, to: string) {
  const _ = ctx.db.command
  return _.gte(fromChina(from)).and(_.lt(fromChina(addDays(to, 1))))
}

/** Ids of the sessions a leader runs in a period (a few a week), or null for an admin (no narrowing). Paged, never cut. */
export async function ledSessionIds(ctx: Ctx, scope: Scope, from: string, to: string): Promise<string[] | null> {
  const condition = sessionCondition(ctx, scope)
  if (!condition) return null
  const _ = ctx.db.command
  const where = inScope(ctx, { day: _.gte(from).and(_.lte(to)) }, condition)
  const ids: string[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await ctx.db.collection(C.serviceSessions).where(where).field({ _id: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    ids.push(...data.map((doc) => doc._id))
    if (data.length < 1000) return ids
  }
}

async function bookingsPerWeek(ctx: Ctx, scope: Scope, weeks: string[]): Promise<WeekBookings[]> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const sessions = await ledSessionIds(ctx, scope, weeks[0], addDays(weeks[weeks.length - 1], 6))
  const out: WeekBookings[] = []
  for (const week of weeks) {
    const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<BookingStatus, number>
    if (sessions === null || sessions.length > 0) {
      const match: Record<string, unknown> = { slotStartsAt: instants(ctx, week, addDays(week, 6)) }
      if (sessions) match.sessionId = _.in(sessions)
      const { list } = await ctx.db.collection(C.bookings).aggregate().match(match).group({ _id: '$status', n: $.sum(1) }).limit(10).end()
      for (const row of list) if (STATUSES.includes(row._id as BookingStatus)) counts[row._id as BookingStatus] = Number(row.n) || 0
    }
    out.push({ weekStart: week, counts })
  }
  return out
}

async function hoursPerTeam(ctx: Ctx, scope: Scope, from: string, to: string): Promise<TeamHours[]> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const teams = scope.admin
    ? (await findAll<{ _id: string; order: number; name: LocalizedText }>(ctx, C.teams, {})).sort((a, b) => a.order - b.order)
    : (await findAll<{ _id: string; order: number; name: LocalizedText }>(ctx, C.teams, { _id: _.in(scope.teams) })).sort((a, b) => a.order - b.order)
  const match: Record<string, unknown> = { day: _.gte(from).and(_.lte(to)) }
  if (!scope.admin) match.teamId = _.in(scope.teams)
  const { list } = await ctx.db
    .collection(C.volunteerHours)
    .aggregate()
    .match(match)
    .group({ _id: { t: '$teamId', s: '$status' }, minutes: $.sum('$minutes'), n: $.sum(1) })
    .limit(1000)
    .end()
  return teams.map((team) => {
    const rows = list.filter((row) => (row._id as { t?: string }).t === team._id)
    const minutes = (status: string) => rows.filter((row) => (row._id as { s?: string }).s === status).reduce((sum, row) => sum + (Number(row.minutes) || 0), 0)
    return {
      teamId: team._id,
      teamName: team.name,
      confirmedMinutes: minutes('confirmed'),
      recordedMinutes: minutes('recorded'),
      entries: rows.reduce((sum, row) => sum + (Number(row.n) || 0), 0),
    }
  })
}

interface PartyCounts {
  shown: number
  verified: number
  pending: number
}

/** Party-member households grouped by a key field (areaId or buildingId), by status and published. */
async function partyCounts(ctx: Ctx, key: 'areaId' | 'buildingId', match: Record<string, unknown>): Promise<Map<string, PartyCounts>> {
  const $ = ctx.db.command.aggregate
  const { list } = await ctx.db
    .collection(C.partyHouseholds)
    .aggregate()
    .match(match)
    .group({ _id: { k: `$${key}`, s: '$status', p: '$published' }, n: $.sum(1) })
    .limit(5000)
    .end()
  const out = new Map<string, PartyCounts>()
  for (const row of list) {
    const id = row._id as { k?: string; s?: string; p?: boolean }
    const entry = out.get(String(id.k)) ?? { shown: 0, verified: 0, pending: 0 }
    const n = Number(row.n) || 0
    // Shown = verified and published; the publisher's consent is checked on every read, and withdrawing it unpublishes.
    if (id.s === 'verified') entry.verified += n
    if (id.s === 'verified' && id.p === true) entry.shown += n
    if (id.s === 'pending') entry.pending += n
    out.set(String(id.k), entry)
  }
  return out
}

async function coverageByArea(ctx: Ctx): Promise<CoverageRow[]> {
  const $ = ctx.db.command.aggregate
  const areas = (await findAll<AreaDoc>(ctx, C.areas, {})).sort((a, b) => a.order - b.order)
  // Every building carries its household count (written when it is created), so the database can add them up.
  const { list } = await ctx.db.collection(C.buildings).aggregate().group({ _id: '$areaId', households: $.sum('$households') }).limit(1000).end()
  const households = new Map(list.map((row) => [String(row._id), Number(row.households) || 0]))
  const party = await partyCounts(ctx, 'areaId', {})
  return areas.map((area) => {
    const counts = party.get(area._id) ?? { shown: 0, verified: 0, pending: 0 }
    return { id: area._id, name: area.name, households: households.get(area._id) ?? 0, ...counts }
  })
}

export async function coverageOfBuildings(ctx: Ctx, docs: BuildingDoc[], admin: boolean): Promise<CoverageRow[]> {
  if (docs.length === 0) return []
  const party = await partyCounts(ctx, 'buildingId', { buildingId: ctx.db.command.in(docs.map((doc) => doc._id)) })
  return docs.map((doc) => {
    const counts = party.get(doc._id) ?? { shown: 0, verified: 0, pending: 0 }
    return { id: doc._id, name: doc.name, households: householdCount(doc), shown: counts.shown, verified: admin ? counts.verified : null, pending: admin ? counts.pending : null }
  })
}

const COVERAGE_PAGE = 20

export const dashboardRoutes = [
  handle(contract.dashboard, async (input, ctx) => {
    const scope = await requireManager(ctx)
    const today = chinaDay(ctx.now)
    const weeks = recentWeeks(today, input.weeks)
    const buildings = scope.admin || scope.buildings.length > 0
    const teams = scope.admin || scope.teams.length > 0
    let coverage = null
    if (scope.admin) coverage = { by: 'area' as const, rows: await coverageByArea(ctx) }
    else if (scope.buildings.length > 0) {
      const docs = (await findAll<BuildingDoc>(ctx, C.buildings, { _id: ctx.db.command.in(scope.buildings) })).sort((a, b) => a.order - b.order)
      coverage = { by: 'building' as const, rows: await coverageOfBuildings(ctx, docs, false) }
    }
    return {
      scope: scope.admin ? ('community' as const) : ('own' as const),
      weeks,
      bookings: buildings ? await bookingsPerWeek(ctx, scope, weeks) : null,
      hours: teams ? await hoursPerTeam(ctx, scope, weeks[0], today) : null,
      coverage,
    }
  }),

  handle(contract.coverage, async (input, ctx) => {
    await requireAdminScope(ctx)
    if (!(await findById<AreaDoc>(ctx, C.areas, input.areaId))) throw new AppError('NOT_FOUND', '没有找到这个小区', 'areaId')
    const offset = offsetOf(input.cursor)
    const { data } = await ctx.db.collection(C.buildings).where({ areaId: input.areaId }).orderBy('order', 'asc').orderBy('_id', 'asc').skip(offset).limit(COVERAGE_PAGE + 1).get()
    const page = pageOf(data as unknown as BuildingDoc[], offset, COVERAGE_PAGE)
    return { items: await coverageOfBuildings(ctx, page.items, true), next: page.next }
  }),
]
