import { INVITE_CODE_PATTERN } from '@contracts/community'
import type { Area, Building, Room } from '@contracts/model'

/** Binding a home is a walk down the community's own structure: 小区 → 楼栋 → 单元 → 室, then proof. */
export type Step = 'area' | 'building' | 'unit' | 'room' | 'verify'

export interface Choice {
  area?: Area
  building?: Building
  unit?: number
  room?: Room
}

export function stepOf(choice: Choice): Step {
  if (!choice.area) return 'area'
  if (!choice.building) return 'building'
  if (!choice.unit) return 'unit'
  if (!choice.room) return 'room'
  return 'verify'
}

/** Going back to a step forgets every choice after it. */
export function backTo(choice: Choice, step: Step): Choice {
  switch (step) {
    case 'area':
      return {}
    case 'building':
      return { area: choice.area }
    case 'unit':
      return { area: choice.area, building: choice.building }
    case 'room':
      return { area: choice.area, building: choice.building, unit: choice.unit }
    case 'verify':
      return choice
  }
}

/** A building with one stairwell has nothing to choose: its unit is chosen for the person. */
export function chooseBuilding(choice: Choice, building: Building): Choice {
  return { area: choice.area, building, unit: building.units === 1 ? 1 : undefined }
}

export function unitsOf(building: Pick<Building, 'units'>): number[] {
  return Array.from({ length: Math.max(0, building.units) }, (_, index) => index + 1)
}

/** Rooms by floor, lowest first, the way people count up the stairs. */
export function floorsOf(rooms: readonly Room[]): { floor: number; rooms: Room[] }[] {
  const byFloor = new Map<number, Room[]>()
  for (const room of rooms) byFloor.set(room.floor, [...(byFloor.get(room.floor) ?? []), room])
  return [...byFloor.entries()]
    .sort(([a], [b]) => a - b)
    .map(([floor, list]) => ({ floor, rooms: [...list].sort((a, b) => a.room.localeCompare(b.room, 'en', { numeric: true })) }))
}

export const CODE_LENGTH = 8

/** What someone types or pastes from a chat ("abcd-efgh", "邀请码：ABCD EFGH") becomes the code the server knows. */
export function normalizeCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, CODE_LENGTH)
}

/** null when the code can be sent; otherwise why not, so the person hears it before a wasted (rate-limited) try. */
export function codeProblem(code: string): 'short' | 'characters' | null {
  if (code.length < CODE_LENGTH) return 'short'
  return INVITE_CODE_PATTERN.test(code) ? null : 'characters'
}

/** The error codes binding a home can answer with, each with its own sentence on this page. */
export const JOIN_ERRORS = ['CODE_INVALID', 'CODE_EXPIRED', 'RATE_LIMITED', 'CONFLICT', 'NOT_FOUND'] as const
export type JoinError = (typeof JOIN_ERRORS)[number]

export function joinError(code: string): JoinError | null {
  return (JOIN_ERRORS as readonly string[]).includes(code) ? (code as JoinError) : null
}
