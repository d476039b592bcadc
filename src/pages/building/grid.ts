import type { BuildingView, Me, ResidencySummary } from '@contracts/model'
import { verifiedHomes } from '@/core/session'

export interface RoomCell {
  householdId: string
  room: string
  mine: boolean
}

export interface FloorRow {
  floor: number
  /** One of the person's rooms is on this floor: the page scrolls here and bolds the floor number. */
  mine: boolean
  rooms: RoomCell[]
}

export interface UnitGrid {
  unit: number
  /** Rooms side by side on one line; the same for every floor of the unit, so the columns line up. */
  columns: number
  /** Lines per floor: a wide floor wraps rather than shrinking its numbers below a readable size. */
  lines: number
  /** Top floor first, as the building stands. */
  floors: FloorRow[]
}

/**
 * At most four rooms side by side. On a 375-pt phone eight cells would be about 32 pt wide: too narrow for '2105' and
 * the word for "my home" at 14 pt (28 design units) or larger, let alone in 长辈模式.
 */
export const MAX_COLUMNS = 4

export function floorLayout(widestFloor: number): { columns: number; lines: number } {
  const lines = Math.max(1, Math.ceil(widestFloor / MAX_COLUMNS))
  return { columns: Math.max(1, Math.ceil(widestFloor / lines)), lines }
}

/** Room numbers such as '502' and '1203' sort by their number, not as text ('1203' after '502'). */
function byRoom(a: { room: string }, b: { room: string }): number {
  return a.room.localeCompare(b.room, 'en', { numeric: true })
}

/** A building as the page draws it: units left to right, floors top to bottom, the person's own rooms marked. */
export function buildingGrid(view: BuildingView): UnitGrid[] {
  const mine = new Set(view.myHouseholdIds)
  return [...view.units]
    .sort((a, b) => a.unit - b.unit)
    .map((unit) => {
      const floors = [...unit.floors]
        .sort((a, b) => b.floor - a.floor)
        .map((floor) => {
          const rooms = [...floor.rooms].sort(byRoom).map((room) => ({ householdId: room.householdId, room: room.room, mine: mine.has(room.householdId) }))
          return { floor: floor.floor, mine: rooms.some((room) => room.mine), rooms }
        })
      return { unit: unit.unit, ...floorLayout(Math.max(0, ...floors.map((floor) => floor.rooms.length))), floors }
    })
}

/** Where the person's homes are in this building, to say it in words above the grid. */
export function myRooms(view: BuildingView): { unit: number; room: string }[] {
  const mine = new Set(view.myHouseholdIds)
  const found: { unit: number; room: string }[] = []
  for (const unit of view.units) {
    for (const floor of unit.floors) {
      for (const room of floor.rooms) if (mine.has(room.householdId)) found.push({ unit: unit.unit, room: room.room })
    }
  }
  return found.sort((a, b) => a.unit - b.unit || byRoom(a, b))
}

/** One choice per building the person is a verified resident of (two rooms in one building are one building). */
export function buildingChoices(me: Me | null): ResidencySummary[] {
  const seen = new Set<string>()
  return verifiedHomes(me).filter((home) => {
    if (seen.has(home.buildingId)) return false
    seen.add(home.buildingId)
    return true
  })
}
