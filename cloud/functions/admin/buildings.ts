import * as contract from '../../contracts/admin'
import type { ImportPreview, ImportRecord, OccupancyRow, PreviewRow } from '../../contracts/admin'
import { AppError } from '../../contracts/envelope'
import type { Area, Building } from '../../contracts/model'
import { areaIdFor, buildingIdFor, existingProblems, householdsIn, nameProblem, normaliseName, parseImport, type ImportRow } from '../../domain/admin'
import { audit } from '../../lib/audit'
import { findUser } from '../../lib/auth'
import { C } from '../../lib/collections'
import { toBuilding, type AreaDoc, type BuildingDoc } from '../../lib/describe'
import { findAll, findById, iso } from '../../lib/docs'
import { sortableId } from '../../lib/household'
import { keysetPage } from '../../lib/paging'
import { handle, type Ctx } from '../../lib/router'
import { isDuplicateKey } from '../../lib/transaction'
import { offsetOf, pageOf, requireAdminScope, requireBuildingScope } from './scope'

/** A building as this function writes it: the shape, plus its household count so aggregations can sum it. */
interface NewBuildingDoc extends BuildingDoc {
  households: number
  importId: string | null
  createdBy: string
  createdAt: Date
}

interface ImportDoc {
  _id: string
  status: ImportRecord['status']
  requestId: string | null
  fileName: string
  by: string
  at: Date
  rows: number
  households: number
  newAreas: number
  /** Ids written so far, each added in the same transaction as its building: the list of what to take back. */
  buildings: string[]
  areas: string[]
  error: string | null
  finishedAt: Date | null
}

/** An import still "applying" this long after it started was cut off (a timeout, a crash): it is taken back. */
const STALE_IMPORT_MS = 10 * 60_000
/** Buildings written between updates of the import record's list. */
const IMPORT_CHUNK = 50
const PAGE = 20

// ---------------------------------------------------------------------------------------------------------------
// Checking a file against the database

interface Checked {
  preview: ImportPreview
  /** Areas by the name the file uses; absent for new ones. */
  areas: Map<string, AreaDoc>
}

async function checkFile(ctx: Ctx, csv: string): Promise<Checked> {
  const parsed = parseImport(csv)
  const _ = ctx.db.command
  const areaNames = [...new Set(parsed.rows.map((row) => row.area))]
  const areaDocs = areaNames.length > 0 ? await findAll<AreaDoc>(ctx, C.areas, { name: _.in(areaNames) }) : []
  const areas = new Map(areaDocs.map((area) => [area.name, area]))
  const buildingNames = [...new Set(parsed.rows.map((row) => row.building))]
  // Only the buildings whose names the file uses are read: the ones that would be created twice.
  const clashes = areaDocs.length > 0 ? await findAll<BuildingDoc>(ctx, C.buildings, { areaId: _.in(areaDocs.map((area) => area._id)), name: _.in(buildingNames) }) : []
  const taken = new Set(clashes.map((doc) => `${doc.areaId}\u0000${doc.name}`))
  const exists = (area: string, building: string) => {
    const found = areas.get(area)
    return found !== undefined && taken.has(`${found._id}\u0000${building}`)
  }
  const problems = [...parsed.problems, ...existingProblems(parsed.rows, exists)].sort((a, b) => a.line - b.line)
  const bad = new Set(problems.map((problem) => problem.line))
  const rows: PreviewRow[] = parsed.rows.filter((row) => !bad.has(row.line)).map((row) => ({ ...row, newArea: !areas.has(row.area) }))
  const newAreas = new Set(rows.filter((row) => row.newArea).map((row) => row.area))
  return {
    preview: {
      fileProblem: parsed.fileProblem,
      missingColumn: parsed.missingColumn,
      rows,
      problems,
      lines: parsed.lines,
      totals: { buildings: rows.length, households: rows.reduce((sum, row) => sum + row.households, 0), newAreas: newAreas.size },
    },
    areas,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

async function nextAreaOrder(ctx: Ctx): Promise<number> {
  const $ = ctx.db.command.aggregate
  const { list } = await ctx.db.collection(C.areas).aggregate().group({ _id: null, top: $.max('$order') }).limit(1).end()
  return (Number(list[0]?.top) || 0) + 1
}

async function nextBuildingOrders(ctx: Ctx, areaIds: string[]): Promise<Map<string, number>> {
  const $ = ctx.db.command.aggregate
  if (areaIds.length === 0) return new Map()
  const { list } = await ctx.db
    .collection(C.buildings)
    .aggregate()
    .match({ areaId: ctx.db.command.in(areaIds) })
    .group({ _id: '$areaId', top: $.max('$order') })
    .limit(1000)
    .end()
  return new Map(list.map((row) => [String(row._id), (Number(row.top) || 0) + 1]))
}

function newBuilding(ctx: Ctx, areaId: string, row: Pick<ImportRow, 'building' | 'units' | 'floors' | 'roomsPerFloor'>, order: number, importId: string | null): NewBuildingDoc {
  const shape = { units: row.units, floors: row.floors, roomsPerFloor: row.roomsPerFloor }
  return { _id: buildingIdFor(areaId, row.building), areaId, name: row.building, ...shape, order, households: householdsIn(shape), importId, createdBy: ctx.openid, createdAt: ctx.now }
}

/** Takes back everything an import wrote: its buildings, then the areas it created if nothing else lives in them. */
async function rollBack(ctx: Ctx, importId: string, reason: string): Promise<void> {
  const record = await findById<ImportDoc>(ctx, C.buildingImports, importId)
  if (!record) return
  const _ = ctx.db.command
  await ctx.db.collection(C.buildings).where({ importId }).remove()
  for (const areaId of record.areas) {
    const { total } = await ctx.db.collection(C.buildings).where({ areaId }).count()
    if (total === 0) await ctx.db.collection(C.areas).where({ _id: areaId, importId }).remove()
  }
  await ctx.db
    .collection(C.buildingImports)
    .where({ _id: importId, status: 'applying' })
    .update({ data: { status: 'rolled_back', error: reason.slice(0, 200), finishedAt: ctx.now, buildings: _.set([]), areas: _.set([]) } })
  await audit(ctx, { action: 'buildings.import.rollback', target: importId, before: { buildings: record.buildings.length, areas: record.areas.length }, after: { status: 'rolled_back' } })
}

async function rollBackStale(ctx: Ctx): Promise<void> {
  const stale = await findAll<ImportDoc>(ctx, C.buildingImports, { status: 'applying', at: ctx.db.command.lt(new Date(ctx.now.getTime() - STALE_IMPORT_MS)) })
  for (const record of stale) await rollBack(ctx, record._id, 'interrupted')
}

async function toRecord(ctx: Ctx, doc: ImportDoc): Promise<ImportRecord> {
  const by = await findUser(ctx, doc.by)
  return { id: doc._id, status: doc.status, fileName: doc.fileName, byName: by?.nickname ?? '', at: iso(doc.at), buildings: doc.rows, households: doc.households, newAreas: doc.newAreas }
}

async function applyFile(ctx: Ctx, checked: Checked, fileName: string): Promise<ImportRecord> {
  const { rows } = checked.preview
  const _ = ctx.db.command
  const importId = `imp${sortableId(ctx.now)}`
  const record: ImportDoc = {
    _id: importId,
    status: 'applying',
    requestId: ctx.requestId ?? null,
    fileName,
    by: ctx.openid,
    at: ctx.now,
    rows: rows.length,
    households: checked.preview.totals.households,
    newAreas: checked.preview.totals.newAreas,
    buildings: [],
    areas: [],
    error: null,
    finishedAt: null,
  }
  await ctx.db.collection(C.buildingImports).add({ data: record })
  try {
    const areaIds = new Map([...checked.areas].map(([name, area]) => [name, area._id]))
    let areaOrder = await nextAreaOrder(ctx)
    for (const row of rows) {
      if (areaIds.has(row.area)) continue
      const area = { _id: areaIdFor(row.area), name: row.area, order: areaOrder++, importId, createdBy: ctx.openid, createdAt: ctx.now }
      // The record learns of the area first: if the add then fails, taking back an area that is not there is harmless.
      await ctx.db.collection(C.buildingImports).doc(importId).update({ data: { areas: _.push(area._id) } })
      await ctx.db.collection(C.areas).add({ data: area })
      areaIds.set(row.area, area._id)
    }
    const orders = await nextBuildingOrders(ctx, [...areaIds.values()])
    // One write per building, each carrying the import's id, so that taking the import back finds every one of them
    // (rollBack removes by importId) even if the record's list missed the last few; the list is written every
    // IMPORT_CHUNK buildings. A 1,000-row file is 1,000 writes and 20 record updates: within the function's time
    // limit at the cloud's round trip, where a transaction per building (four round trips each) was not.
    let written: string[] = []
    const flush = async () => {
      if (written.length === 0) return
      await ctx.db.collection(C.buildingImports).doc(importId).update({ data: { buildings: _.push({ each: written }) } })
      written = []
    }
    for (const row of rows) {
      const areaId = areaIds.get(row.area) as string
      const order = orders.get(areaId) ?? 1
      orders.set(areaId, order + 1)
      const doc = newBuilding(ctx, areaId, row, order, importId)
      await ctx.db.collection(C.buildings).add({ data: doc })
      written.push(doc._id)
      if (written.length >= IMPORT_CHUNK) await flush()
    }
    await flush()
  } catch (error) {
    await rollBack(ctx, importId, error instanceof Error ? error.message : String(error))
    if (isDuplicateKey(error)) throw new AppError('CONFLICT', '有楼栋刚刚被别人建好了，导入已全部撤销，请重新预览', 'csv')
    throw new AppError('CONFLICT', '导入没有完成，已写入的楼栋已全部撤销，请重试', 'csv')
  }
  await ctx.db.collection(C.buildingImports).doc(importId).update({ data: { status: 'applied', finishedAt: ctx.now } })
  await audit(ctx, { action: 'buildings.import', target: importId, before: null, after: { fileName, buildings: rows.length, households: record.households, newAreas: record.newAreas } })
  return toRecord(ctx, { ...record, status: 'applied' })
}

// ---------------------------------------------------------------------------------------------------------------
// Occupancy

function counts(list: Record<string, unknown>[], key: (id: Record<string, unknown>) => string): Map<string, number> {
  const out = new Map<string, number>()
  for (const row of list) {
    const k = key(row._id as Record<string, unknown>)
    out.set(k, (out.get(k) ?? 0) + (Number(row.n) || 0))
  }
  return out
}

async function occupancyOf(ctx: Ctx, docs: BuildingDoc[]): Promise<OccupancyRow[]> {
  if (docs.length === 0) return []
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const ids = docs.map((doc) => doc._id)
  const byStatus = await ctx.db
    .collection(C.residencies)
    .aggregate()
    .match({ buildingId: _.in(ids), status: _.in(['verified', 'pending']) })
    .group({ _id: { b: '$buildingId', s: '$status' }, n: $.sum(1) })
    .limit(1000)
    .end()
  const people = counts(byStatus.list, (id) => `${String(id.b)}:${String(id.s)}`)
  // Households with anyone verified: one group per (building, household), then counted per building.
  const homes = await ctx.db
    .collection(C.residencies)
    .aggregate()
    .match({ buildingId: _.in(ids), status: 'verified' })
    .group({ _id: { b: '$buildingId', h: '$householdId' } })
    .group({ _id: '$_id.b', n: $.sum(1) })
    .limit(1000)
    .end()
  const occupied = new Map(homes.list.map((row) => [String(row._id), Number(row.n) || 0]))
  const areaNames = new Map<string, string>()
  const rows: OccupancyRow[] = []
  for (const doc of docs) {
    if (!areaNames.has(doc.areaId)) areaNames.set(doc.areaId, (await findById<AreaDoc>(ctx, C.areas, doc.areaId))?.name ?? '')
    const building = toBuilding(doc)
    rows.push({
      building,
      areaName: areaNames.get(doc.areaId) ?? '',
      households: householdsIn(building),
      occupied: occupied.get(doc._id) ?? 0,
      verified: people.get(`${doc._id}:verified`) ?? 0,
      pending: people.get(`${doc._id}:pending`) ?? 0,
    })
  }
  return rows
}

// ---------------------------------------------------------------------------------------------------------------

export const buildingRoutes = [
  handle(contract.createArea, async (input, ctx): Promise<Area> => {
    await requireAdminScope(ctx)
    const name = normaliseName(input.name)
    const { total } = await ctx.db.collection(C.areas).where({ name }).count()
    if (total > 0) throw new AppError('CONFLICT', '已经有这个小区了', 'name')
    const doc = { _id: areaIdFor(name), name, order: await nextAreaOrder(ctx), importId: null, createdBy: ctx.openid, createdAt: ctx.now }
    try {
      await ctx.db.collection(C.areas).add({ data: doc })
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('CONFLICT', '已经有这个小区了', 'name')
      throw error
    }
    await audit(ctx, { action: 'areas.create', target: doc._id, before: null, after: { name } })
    return { id: doc._id, name, buildingCount: 0 }
  }),

  handle(contract.createBuilding, async (input, ctx): Promise<Building> => {
    await requireAdminScope(ctx)
    const area = await findById<AreaDoc>(ctx, C.areas, input.areaId)
    if (!area) throw new AppError('NOT_FOUND', '没有找到这个小区', 'areaId')
    const name = normaliseName(input.name)
    if (nameProblem(name)) throw new AppError('INVALID_INPUT', '请填写楼栋名称（不超过 20 个字）', 'name')
    const { total } = await ctx.db.collection(C.buildings).where({ areaId: area._id, name }).count()
    if (total > 0) throw new AppError('CONFLICT', '这个小区已经有同名的楼栋了', 'name')
    const order = (await nextBuildingOrders(ctx, [area._id])).get(area._id) ?? 1
    const doc = newBuilding(ctx, area._id, { building: name, units: input.units, floors: input.floors, roomsPerFloor: input.roomsPerFloor }, order, null)
    try {
      await ctx.db.collection(C.buildings).add({ data: doc })
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('CONFLICT', '这个小区已经有同名的楼栋了', 'name')
      throw error
    }
    await audit(ctx, { action: 'buildings.create', target: doc._id, before: null, after: { area: area.name, name, units: doc.units, floors: doc.floors, roomsPerFloor: doc.roomsPerFloor } })
    return toBuilding(doc)
  }),

  handle(contract.previewImport, async (input, ctx) => {
    await requireAdminScope(ctx)
    return (await checkFile(ctx, input.csv)).preview
  }),

  handle(contract.applyImport, async (input, ctx) => {
    await requireAdminScope(ctx)
    if (ctx.requestId) {
      const [earlier] = await findAll<ImportDoc>(ctx, C.buildingImports, { requestId: ctx.requestId, by: ctx.openid })
      if (earlier?.status === 'applying') throw new AppError('CONFLICT', '这份文件正在导入，请稍候')
      if (earlier?.status === 'applied') return toRecord(ctx, earlier)
    }
    // Everything is checked before anything is written.
    const checked = await checkFile(ctx, input.csv)
    const { preview } = checked
    const problems = preview.problems.length + (preview.fileProblem ? 1 : 0)
    if (problems > 0) throw new AppError('INVALID_INPUT', `导入文件有 ${problems} 处问题，请先预览并修改`, 'csv')
    await rollBackStale(ctx)
    return applyFile(ctx, checked, input.fileName)
  }),

  handle(contract.listImports, async (input, ctx) => {
    await requireAdminScope(ctx)
    // Newest first; an import finished while someone pages does not repeat a row on the next page (keyset paging).
    const page = await keysetPage<ImportDoc>(ctx, C.buildingImports, {}, { field: 'at', direction: 'desc', idDirection: 'desc' }, input.cursor, PAGE)
    const items: ImportRecord[] = []
    for (const doc of page.items) items.push(await toRecord(ctx, doc))
    return { items, next: page.next }
  }),

  handle(contract.occupancy, async (input, ctx) => {
    const scope = await requireBuildingScope(ctx)
    const _ = ctx.db.command
    const where: Record<string, unknown> = {}
    if (input.areaId) where.areaId = input.areaId
    if (!scope.admin) where._id = _.in(scope.buildings)
    const offset = offsetOf(input.cursor)
    const { data } = await ctx.db.collection(C.buildings).where(where).orderBy('areaId', 'asc').orderBy('order', 'asc').orderBy('_id', 'asc').skip(offset).limit(PAGE + 1).get()
    const page = pageOf(data as unknown as BuildingDoc[], offset, PAGE)
    return { items: await occupancyOf(ctx, page.items), next: page.next }
  }),
]
