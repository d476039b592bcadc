import { buildingChoices, buildingGrid, floorLayout, myRooms } from './grid'
import { bsw2, buildingView, leader, ltsc1, newcomer, resident } from '../../../tests/app/fixtures'

describe('buildingGrid', () => {
  it('draws units left to right and floors from the top down', () => {
    const grid = buildingGrid(ltsc1)
    expect(grid.map((unit) => unit.unit)).toEqual([1, 2])
    expect(grid[0].floors.map((floor) => floor.floor)).toEqual([6, 5, 4, 3, 2, 1])
    expect(grid[0].columns).toBe(2)
  })

  it('marks only the person’s own household', () => {
    const marked = buildingGrid(ltsc1).flatMap((unit) => unit.floors.flatMap((floor) => floor.rooms.filter((room) => room.mine)))
    expect(marked).toEqual([{ householdId: 'ltsc-1-1-502', room: '502', mine: true }])
    expect(buildingGrid(ltsc1)[0].floors.filter((floor) => floor.mine).map((floor) => floor.floor)).toEqual([5])
    expect(buildingGrid(ltsc1)[1].floors.some((floor) => floor.mine)).toBe(false)
  })

  it('puts floors and rooms in order even when the cloud sends them shuffled', () => {
    const view = buildingView({ id: 'x-1', name: '1号楼', areaName: '朗庭', units: 2, floors: 12, roomsPerFloor: 3, mine: [] })
    const shuffled = {
      ...view,
      units: [...view.units].reverse().map((unit) => ({ ...unit, floors: [...unit.floors].reverse().map((floor) => ({ ...floor, rooms: [...floor.rooms].reverse() })) })),
    }
    const grid = buildingGrid(shuffled)
    expect(grid.map((unit) => unit.unit)).toEqual([1, 2])
    expect(grid[0].floors[0].floor).toBe(12)
    // '1201' < '1202' < '1203' as numbers; and '903' sorts before '1001' (numeric, not text, order).
    expect(grid[0].floors[0].rooms.map((room) => room.room)).toEqual(['1201', '1202', '1203'])
    expect(buildingGrid({ ...view, units: [{ unit: 1, floors: [{ floor: 1, rooms: [{ householdId: 'a', unit: 1, floor: 1, room: '1001' }, { householdId: 'b', unit: 1, floor: 1, room: '903' }] }] }] })[0].floors[0].rooms.map((room) => room.room)).toEqual(['903', '1001'])
  })

  it('lays a unit out by its widest floor', () => {
    const view = { ...ltsc1, units: [{ unit: 1, floors: [{ floor: 2, rooms: ltsc1.units[0].floors[0].rooms.slice(0, 1) }, { floor: 1, rooms: ltsc1.units[0].floors[1].rooms }] }] }
    expect(buildingGrid(view)[0]).toMatchObject({ columns: 2, lines: 1 })
  })

  it('wraps a wide floor onto balanced lines of at most four rooms', () => {
    expect([1, 2, 3, 4, 5, 6, 8, 9, 12].map((rooms) => floorLayout(rooms))).toEqual([
      { columns: 1, lines: 1 },
      { columns: 2, lines: 1 },
      { columns: 3, lines: 1 },
      { columns: 4, lines: 1 },
      { columns: 3, lines: 2 },
      { columns: 3, lines: 2 },
      { columns: 4, lines: 2 },
      { columns: 3, lines: 3 },
      { columns: 4, lines: 3 },
    ])
    expect(floorLayout(0)).toEqual({ columns: 1, lines: 1 })
    expect(buildingGrid(bsw2)[0]).toMatchObject({ columns: 4, lines: 2 })
  })

  it('keeps a 33-floor, 8-room building to 264 cells in 33 rows', () => {
    const [unit] = buildingGrid(bsw2)
    expect(unit.floors).toHaveLength(33)
    expect(unit.floors.flatMap((floor) => floor.rooms)).toHaveLength(264)
  })
})

describe('myRooms', () => {
  it('says where the person lives in this building', () => {
    expect(myRooms(ltsc1)).toEqual([{ unit: 1, room: '502' }])
    expect(myRooms({ ...ltsc1, myHouseholdIds: [] })).toEqual([])
  })
})

describe('buildingChoices', () => {
  it('offers each verified building once, and nothing to someone without a home', () => {
    expect(buildingChoices(newcomer)).toEqual([])
    expect(buildingChoices(null)).toEqual([])
    expect(buildingChoices(leader).map((home) => home.buildingId)).toEqual(['ltsc-1', 'bsw-2'])
    const twoRooms = { ...resident, residencies: [...resident.residencies, { ...resident.residencies[0], id: 'x', householdId: 'ltsc-1-1-501', room: '501' }] }
    expect(buildingChoices(twoRooms)).toHaveLength(1)
  })
})
