import type { Building, ResidencySummary, Role } from '../contracts/model'
import type { ResidencyDoc } from './auth'
import { C } from './collections'
import { findById } from './docs'
import type { Ctx } from './router'
import { parseHouseholdId } from './structure'

export interface BuildingDoc extends Omit<Building, 'id'> {
  _id: string
  order: number
}

export interface AreaDoc {
  _id: string
  name: string
  order: number
}

export async function loadBuilding(ctx: Ctx, buildingId: string): Promise<{ building: Building; areaName: string } | null> {
  const doc = await findById<BuildingDoc>(ctx, C.buildings, buildingId)
  if (!doc) return null
  const area = await findById<AreaDoc>(ctx, C.areas, doc.areaId)
  return { building: toBuilding(doc), areaName: area?.name ?? '' }
}

export function toBuilding(doc: BuildingDoc): Building {
  return { id: doc._id, areaId: doc.areaId, name: doc.name, units: doc.units, floors: doc.floors, roomsPerFloor: doc.roomsPerFloor }
}

export async function describeResidencies(ctx: Ctx, docs: ResidencyDoc[]): Promise<ResidencySummary[]> {
  // A queue page is mostly one or two buildings: read each building (and its area) once, not once per row.
  const buildings = new Map<string, Promise<Awaited<ReturnType<typeof loadBuilding>>>>()
  const out: ResidencySummary[] = []
  for (const doc of docs) {
    if (!buildings.has(doc.buildingId)) buildings.set(doc.buildingId, loadBuilding(ctx, doc.buildingId))
    const loaded = await buildings.get(doc.buildingId)
    const room = loaded ? parseHouseholdId(doc.householdId, loaded.building) : null
    out.push({
      id: doc._id,
      householdId: doc.householdId,
      buildingId: doc.buildingId,
      buildingName: loaded?.building.name ?? '',
      areaName: loaded?.areaName ?? '',
      unit: room?.unit ?? 0,
      room: room?.room ?? '',
      status: doc.status,
    })
  }
  return out
}

export async function scopeName(ctx: Ctx, role: Role, scope: string): Promise<string> {
  if (role === 'admin') return '社区'
  if (role === 'building_leader') {
    const loaded = await loadBuilding(ctx, scope)
    return loaded ? `${loaded.areaName} ${loaded.building.name}` : scope
  }
  const team = await findById<{ name: { 'zh-CN': string } }>(ctx, C.teams, scope)
  return team?.name['zh-CN'] ?? scope
}
