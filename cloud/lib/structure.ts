import type { Building, Room } from '../contracts/model'

/**
 * A building's rooms follow from its shape: room number = floor × 100 + position (502, 1203), the way Shanghai
 * stairwells number their doors. Household ids are derived, so a household exists from the day its building does.
 */
export function roomNumber(floor: number, position: number): string {
  return `${floor}${String(position).padStart(2, '0')}`
}

export function householdId(buildingId: string, unit: number, room: string): string {
  return `${buildingId}-${unit}-${room}`
}

export function roomsOf(building: Pick<Building, 'id' | 'floors' | 'roomsPerFloor'>, unit: number): Room[] {
  const rooms: Room[] = []
  for (let floor = 1; floor <= building.floors; floor++) {
    for (let position = 1; position <= building.roomsPerFloor; position++) {
      const room = roomNumber(floor, position)
      rooms.push({ householdId: householdId(building.id, unit, room), unit, floor, room })
    }
  }
  return rooms
}

/** Parses a household id back into its parts, or null if it does not name a room of this building's shape. */
export function parseHouseholdId(id: string, building: Pick<Building, 'id' | 'units' | 'floors' | 'roomsPerFloor'>): Room | null {
  const prefix = `${building.id}-`
  if (!id.startsWith(prefix)) return null
  const match = /^(\d+)-(\d+)$/.exec(id.slice(prefix.length))
  if (!match) return null
  const unit = Number(match[1])
  const roomNum = Number(match[2])
  const floor = Math.floor(roomNum / 100)
  const position = roomNum % 100
  if (unit < 1 || unit > building.units || floor < 1 || floor > building.floors || position < 1 || position > building.roomsPerFloor) return null
  const room = roomNumber(floor, position)
  if (householdId(building.id, unit, room) !== id) return null
  return { householdId: id, unit, floor, room }
}

export function householdCount(building: Pick<Building, 'units' | 'floors' | 'roomsPerFloor'>): number {
  return building.units * building.floors * building.roomsPerFloor
}
