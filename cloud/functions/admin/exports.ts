import * as contract from '../../contracts/admin'
import type { ExportPage } from '../../contracts/admin'
import { AppError } from '../../contracts/envelope'
import type { LocalizedText } from '../../contracts/model'
import {
  BOOKING_COLUMNS,
  bookingCells,
  csvPage,
  HOUSEHOLD_COLUMNS,
  householdCells,
  partyColumnFor,
  type BookingExportRow,
  type HouseholdExportRow,
} from '../../domain/admin'
import { addDays } from '../../domain/time'
import { EXPORT_COLUMNS, hoursCells } from '../../domain/volunteer'
import { audit } from '../../lib/audit'
import type { ResidencyDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { loadBuilding, type AreaDoc, type BuildingDoc } from '../../lib/describe'
import { findAll, findById } from '../../lib/docs'
import { shownAmong, type PartyHouseholdDoc } from '../../lib/household'
import { keysetPage, type Keyset } from '../../lib/paging'
import { handle, type Ctx } from '../../lib/router'
import type { BookingDoc, SessionDoc } from '../../lib/service/docs'
import { Lookups } from '../../lib/service/docs'
import { roomsOf } from '../../lib/structure'
import type { HoursDoc, ProfileDoc } from '../../lib/volunteer'
import { ISSUER } from '../volunteer/common'
import { instants, ledSessionIds } from './dashboard'
import { nicknames } from './people'
import { offsetOf, requireBuildingScope, requireManager, type Scope } from './scope'

/**
 * CSV exports, built a page at a time on the server (a call answers in well under WeChat's response size limit and a
 * cloud function's time limit); the app joins the pages into one file. Each file holds only what the exporter's role
 * may see: leaders their buildings or teams; no openid ever; no health reading ever (readings are not read here).
 */

/** Rows per page; bookings and hours are read 1,000 at a time (the query limit), twice per page. */
const ROWS_PER_PAGE = 2000
/** Households per page: a page is whole buildings, cut once it holds this many rooms. */
const HOUSEHOLDS_PER_PAGE = 1000
const MAX_DAYS = 366

function checkRange(from: string, to: string): void {
  if (from > to) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期', 'from')
  if (addDays(from, MAX_DAYS) <= to) throw new AppError('INVALID_INPUT', '一次最多导出一年的记录', 'to')
}

/**
 * Keyset paging (cloud/lib/paging.ts): after the last row's (time, _id), never by skipping, so a page is as cheap at
 * row 20,000 as at row 1 and a row written meanwhile cannot shift the pages.
 */
async function readPage<T extends { _id: string }>(ctx: Ctx, collection: string, base: Record<string, unknown>, field: keyof T & string, cursor: string | undefined) {
  const keyset: Keyset = { field, direction: 'asc', idDirection: 'asc' }
  const rows: T[] = []
  let position = cursor
  for (;;) {
    // 999 a query: the page reads one row more than it keeps, and the cloud answers at most 1,000.
    const page = await keysetPage<T>(ctx, collection, base, keyset, position, Math.min(999, ROWS_PER_PAGE - rows.length))
    rows.push(...page.items)
    if (!page.next) return { rows, next: null }
    if (rows.length >= ROWS_PER_PAGE) return { rows, next: page.next }
    position = page.next
  }
}

/** A building's id from a household id (`<building>-<unit>-<room>`; building ids may contain dashes). */
const buildingOf = (householdId: string) => householdId.split('-').slice(0, -2).join('-')

async function bookingsPage(ctx: Ctx, scope: Scope, input: { from: string; to: string; cursor?: string }): Promise<ExportPage> {
  checkRange(input.from, input.to)
  const fileName = `预约记录_${input.from}_${input.to}.csv`
  const sessions = await ledSessionIds(ctx, scope, input.from, input.to)
  if (sessions && sessions.length === 0) return { csv: csvPage(BOOKING_COLUMNS, [], !input.cursor), rows: 0, next: null, fileName }
  const base: Record<string, unknown> = { slotStartsAt: instants(ctx, input.from, input.to) }
  if (sessions) base.sessionId = ctx.db.command.in(sessions)
  const { rows, next } = await readPage<BookingDoc>(ctx, C.bookings, base, 'slotStartsAt', input.cursor)

  const lookups = new Lookups(ctx)
  const names = await nicknames(ctx, rows.flatMap((row) => (row.openid ? [row.openid] : [])))
  const buildings = new Map<string, string>()
  const out: BookingExportRow[] = []
  for (const row of rows) {
    const session = (await lookups.session(row.sessionId)) as SessionDoc | null
    const type = session ? await lookups.type(session.typeId) : null
    const buildingId = buildingOf(row.householdId)
    if (!buildings.has(buildingId)) {
      const loaded = await loadBuilding(ctx, buildingId)
      buildings.set(buildingId, loaded ? `${loaded.areaName} ${loaded.building.name}` : '')
    }
    out.push({
      day: session?.day ?? '',
      startsAt: new Date(row.slotStartsAt),
      endsAt: new Date(row.slotEndsAt),
      service: type?.name['zh-CN'] ?? '',
      scopeName: session?.scopeName ?? '',
      place: session?.place ?? '',
      code: row.code,
      building: buildings.get(buildingId) ?? '',
      unit: row.unit,
      room: row.room,
      name: row.proxy?.name ?? (row.openid ? (names.get(row.openid) ?? '') : ''),
      proxy: row.proxy !== null,
      status: row.status,
      checkedInAt: row.checkedInAt ? new Date(row.checkedInAt) : null,
    })
  }
  return { csv: csvPage(BOOKING_COLUMNS, out.map(bookingCells), !input.cursor), rows: out.length, next, fileName }
}

/** The name on the hours export: the volunteer's own (their profile), else the nickname; never the openid. */
async function volunteerNames(ctx: Ctx, openids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openids)]
  const profiles = new Map<string, string>()
  for (let i = 0; i < unique.length; i += 1000) {
    const { data } = await ctx.db.collection(C.volunteerProfiles).where({ _id: ctx.db.command.in(unique.slice(i, i + 1000)) }).limit(1000).get()
    for (const profile of data as unknown as ProfileDoc[]) if (profile.name) profiles.set(profile._id, profile.name)
  }
  const nick = await nicknames(ctx, unique.filter((openid) => !profiles.has(openid)))
  return new Map(unique.map((openid) => [openid, openid.startsWith('deleted-') ? '（已注销）' : (profiles.get(openid) ?? nick.get(openid) ?? '邻居')]))
}

async function hoursPage(ctx: Ctx, scope: Scope, input: { from: string; to: string; cursor?: string }): Promise<ExportPage> {
  checkRange(input.from, input.to)
  if (!scope.admin && scope.teams.length === 0) throw new AppError('FORBIDDEN', '仅志愿队长或社区管理员可以导出志愿时长')
  const _ = ctx.db.command
  const base: Record<string, unknown> = { status: 'confirmed', day: _.gte(input.from).and(_.lte(input.to)), minutes: _.gt(0) }
  if (!scope.admin) base.teamId = _.in(scope.teams)
  const { rows, next } = await readPage<HoursDoc>(ctx, C.volunteerHours, base, 'startAt', input.cursor)
  const names = await volunteerNames(ctx, rows.map((row) => row.openid))
  const teams = new Map<string, LocalizedText>()
  const cells: string[][] = []
  for (const row of rows) {
    if (!teams.has(row.teamId)) teams.set(row.teamId, (await findById<{ name: LocalizedText }>(ctx, C.teams, row.teamId))?.name ?? { 'zh-CN': row.teamId })
    const team = (teams.get(row.teamId) as LocalizedText)['zh-CN']
    cells.push(hoursCells({ name: names.get(row.openid) ?? '', day: row.day, startAt: +new Date(row.startAt), endAt: +new Date(row.endAt), minutes: row.minutes, project: row.title, team, place: row.place }, ISSUER))
  }
  return { csv: csvPage(EXPORT_COLUMNS, cells, !input.cursor), rows: cells.length, next, fileName: `志愿时长_${input.from}_${input.to}.csv` }
}

async function householdsPage(ctx: Ctx, scope: Scope, input: { areaId?: string; cursor?: string }): Promise<ExportPage> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const where: Record<string, unknown> = {}
  if (input.areaId) where.areaId = input.areaId
  if (!scope.admin) where._id = _.in(scope.buildings)
  const offset = offsetOf(input.cursor)
  const { data } = await ctx.db.collection(C.buildings).where(where).orderBy('areaId', 'asc').orderBy('order', 'asc').orderBy('_id', 'asc').skip(offset).limit(101).get()
  const fetched = data as unknown as BuildingDoc[]
  // Whole buildings, at least one, until the page holds HOUSEHOLDS_PER_PAGE rooms.
  const taken: BuildingDoc[] = []
  let rooms = 0
  for (const doc of fetched.slice(0, 100)) {
    const size = doc.units * doc.floors * doc.roomsPerFloor
    if (taken.length > 0 && rooms + size > HOUSEHOLDS_PER_PAGE) break
    taken.push(doc)
    rooms += size
  }
  const next = taken.length < fetched.length ? String(offset + taken.length) : null
  const fileName = '住户名册.csv'
  if (taken.length === 0) return { csv: csvPage(HOUSEHOLD_COLUMNS, [], !input.cursor), rows: 0, next: null, fileName }

  const ids = taken.map((doc) => doc._id)
  const { list } = await ctx.db
    .collection(C.residencies)
    .aggregate()
    .match({ buildingId: _.in(ids), status: _.in(['verified', 'pending']) })
    .group({ _id: { h: '$householdId', s: '$status' }, n: $.sum(1) })
    .limit(HOUSEHOLDS_PER_PAGE * 2 + 1000)
    .end()
  const people = new Map(list.map((row) => {
    const id = row._id as { h?: string; s?: ResidencyDoc['status'] }
    return [`${String(id.h)}:${String(id.s)}`, Number(row.n) || 0] as const
  }))
  const party = await findAll<PartyHouseholdDoc>(ctx, C.partyHouseholds, { buildingId: _.in(ids) })
  const partyById = new Map(party.map((doc) => [doc._id, doc]))
  const shown = await shownAmong(ctx, party)
  const areaNames = new Map<string, string>()
  const rows: HouseholdExportRow[] = []
  for (const doc of taken) {
    if (!areaNames.has(doc.areaId)) areaNames.set(doc.areaId, (await findById<AreaDoc>(ctx, C.areas, doc.areaId))?.name ?? '')
    const building = { id: doc._id, floors: doc.floors, roomsPerFloor: doc.roomsPerFloor }
    for (let unit = 1; unit <= doc.units; unit++) {
      for (const room of roomsOf(building, unit)) {
        const partyDoc = partyById.get(room.householdId)
        rows.push({
          area: areaNames.get(doc.areaId) ?? '',
          building: doc.name,
          unit,
          room: room.room,
          verified: people.get(`${room.householdId}:verified`) ?? 0,
          pending: people.get(`${room.householdId}:pending`) ?? 0,
          party: partyColumnFor(partyDoc?.status ?? null, shown.has(room.householdId), scope.admin),
        })
      }
    }
  }
  return { csv: csvPage(HOUSEHOLD_COLUMNS, rows.map(householdCells), !input.cursor), rows: rows.length, next, fileName }
}

export const exportRoutes = [
  handle(contract.exportCsv, async (input, ctx) => {
    const scope = input.kind === 'hours' ? await requireManager(ctx) : await requireBuildingScope(ctx)
    if (input.kind === 'households' && input.areaId && !(await findById<AreaDoc>(ctx, C.areas, input.areaId))) throw new AppError('NOT_FOUND', '没有找到这个小区', 'areaId')
    const page = input.kind === 'bookings' ? await bookingsPage(ctx, scope, input) : input.kind === 'hours' ? await hoursPage(ctx, scope, input) : await householdsPage(ctx, scope, input)
    // One entry per page, whatever the cursor: a request that starts from a cursor of its own making reads personal
    // data as surely as the first page does (who took which data out, for what period, how many rows, from where on).
    const { kind, cursor, ...filters } = input
    await audit(ctx, { action: `export.${kind}`, target: kind, before: null, after: { ...filters, scope: scope.admin ? 'community' : 'own', cursor: cursor ?? null, rows: page.rows } })
    return page
  }),
]
