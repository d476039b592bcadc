import type { Building, Room } from '@contracts/model'
import { backTo, chooseBuilding, codeProblem, floorsOf, joinError, normalizeCode, stepOf, unitsOf } from './steps'

const area = { id: 'ltsc', name: '绿庭尚城', buildingCount: 3 }
const twoUnits: Building = { id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 }
const oneUnit: Building = { id: 'ltsc-3', areaId: 'ltsc', name: '3号楼', units: 1, floors: 11, roomsPerFloor: 4 }
const room = (floor: number, position: number): Room => {
  const number = `${floor}${String(position).padStart(2, '0')}`
  return { householdId: `ltsc-1-1-${number}`, unit: 1, floor, room: number }
}

describe('the walk from area to room', () => {
  it('asks for the first thing not yet chosen', () => {
    expect(stepOf({})).toBe('area')
    expect(stepOf({ area })).toBe('building')
    expect(stepOf({ area, building: twoUnits })).toBe('unit')
    expect(stepOf({ area, building: twoUnits, unit: 2 })).toBe('room')
    expect(stepOf({ area, building: twoUnits, unit: 1, room: room(5, 2) })).toBe('verify')
  })

  it('chooses the only unit of a one-stairwell building for the person', () => {
    expect(chooseBuilding({ area }, oneUnit)).toEqual({ area, building: oneUnit, unit: 1 })
    expect(stepOf(chooseBuilding({ area }, oneUnit))).toBe('room')
    expect(chooseBuilding({ area }, twoUnits).unit).toBeUndefined()
  })

  it('forgets every later choice when going back', () => {
    const full = { area, building: twoUnits, unit: 1, room: room(5, 2) }
    expect(backTo(full, 'building')).toEqual({ area })
    expect(backTo(full, 'room')).toEqual({ area, building: twoUnits, unit: 1 })
    expect(backTo(full, 'area')).toEqual({})
  })

  it('numbers units from 1 up to the building’s count', () => {
    expect(unitsOf(twoUnits)).toEqual([1, 2])
    expect(unitsOf({ units: 0 })).toEqual([])
  })

  it('groups rooms by floor, lowest floor first, rooms in door order', () => {
    const floors = floorsOf([room(12, 2), room(2, 1), room(12, 1), room(2, 10), room(2, 2)])
    expect(floors.map((item) => item.floor)).toEqual([2, 12])
    expect(floors[0].rooms.map((item) => item.room)).toEqual(['201', '202', '210'])
  })
})

describe('invite codes', () => {
  it('takes a code as typed or pasted from a chat', () => {
    expect(normalizeCode('k7hm-q2wx')).toBe('K7HMQ2WX')
    expect(normalizeCode(' K7HM Q2WX ')).toBe('K7HMQ2WX')
    expect(normalizeCode('邀请码：K7HM Q2WX，7天内有效')).toBe('K7HMQ2WX')
  })

  it('says why a code cannot be sent before spending one of the rate-limited tries', () => {
    expect(codeProblem('K7HMQ2WX')).toBeNull()
    expect(codeProblem('K7HM')).toBe('short')
    expect(codeProblem('K7HMQ2W0')).toBe('characters')
    expect(codeProblem('OILK7HMQ')).toBe('characters')
  })

  it('has its own sentence for the errors binding answers with, and leaves the rest to the generic ones', () => {
    expect(joinError('CODE_EXPIRED')).toBe('CODE_EXPIRED')
    expect(joinError('CONFLICT')).toBe('CONFLICT')
    expect(joinError('CONSENT_REQUIRED')).toBeNull()
    expect(joinError('NETWORK')).toBeNull()
  })
})
