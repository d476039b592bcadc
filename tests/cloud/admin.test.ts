import type { ExportPage, ImportPreview, ImportRecord, Inbox, OccupancyRow, PersonRow, ResidentRow } from '../../cloud/contracts/admin'
import type { Page } from '../../cloud/contracts/model'
import { areaIdFor, BOOKING_COLUMNS, buildingIdFor, HOUSEHOLD_COLUMNS, IMPORT_HEADER, parseCsv } from '../../cloud/domain/admin'
import { EXPORT_COLUMNS } from '../../cloud/domain/volunteer'
import { C } from '../../cloud/lib/collections'
import { generateCommunity, type GenerateOptions } from '../../cloud/runtime/generate'
import { cloudbase, code, db, documents, freshCommunity, invoke, ok, snapshot } from './harness'

/**
 * The management console (cloud/functions/admin): who may call each action, what each role sees of the community,
 * the CSV import (preview, all or nothing), paging past the database's 1,000-row query limit, and exports that hold
 * nothing the exporter's role may not see.
 */

const ADMIN = 'demo-admin'
const LEADER = 'demo-leader' // 绿庭尚城 1号楼 (ltsc-1)
const TEAM_LEAD = 'demo-teamlead' // 夜走队 (night-walk)
const RESIDENT = 'demo-resident'
const NEWCOMER = 'demo-newcomer' // no consent, no home
const STRANGER = 'nobody-at-all' // no documents at all

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86400_000).toISOString().slice(0, 10)

async function all<T>(fn: 'admin' | 'community', openid: string, action: string, input: Record<string, unknown>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null | undefined
  let pages = 0
  do {
    const page = await ok<Page<T>>(fn, openid, action, cursor ? { ...input, cursor } : input)
    items.push(...page.items)
    cursor = page.next
    if (++pages > 2000) throw new Error('paging does not end')
  } while (cursor)
  return items
}

async function exportAll(openid: string, input: Record<string, unknown>): Promise<{ text: string; pages: number; rows: number }> {
  let text = ''
  let pages = 0
  let rows = 0
  let cursor: string | null = null
  do {
    const page: ExportPage = await ok<ExportPage>('admin', openid, 'export', cursor ? { ...input, cursor } : input)
    text += page.csv
    rows += page.rows
    cursor = page.next
    pages++
  } while (cursor)
  return { text, pages, rows }
}

/**
 * The community generator (cloud/runtime/generate.ts) writing straight into the local CloudBase server's committed
 * documents, as the runtime's /dev/generate adapts it.
 */
function generate(options: GenerateOptions) {
  const server = cloudbase()
  return generateCommunity({ docs: (collection) => server.documents(collection), applyBatch: (writes) => server.writeDocuments(writes.map(({ coll, doc }) => ({ collection: coll, doc }))) }, options)
}

const csv = (...lines: string[]) => `${IMPORT_HEADER}\n${lines.join('\n')}\n`

beforeEach(async () => {
  await freshCommunity()
})

// ---------------------------------------------------------------------------------------------------------------

describe('who may call what', () => {
  const today = chinaToday()
  type Row = [action: string, input: () => Record<string, unknown>, expected: Record<string, string>]
  const managers = { [ADMIN]: 'ok', [LEADER]: 'ok', [TEAM_LEAD]: 'ok', [RESIDENT]: 'FORBIDDEN', [NEWCOMER]: 'FORBIDDEN', [STRANGER]: 'FORBIDDEN' }
  const buildingScope = { ...managers, [TEAM_LEAD]: 'FORBIDDEN' }
  const adminOnly = { ...buildingScope, [LEADER]: 'FORBIDDEN' }
  const rows: Row[] = [
    ['inbox', () => ({}), managers],
    ['dashboard', () => ({ weeks: 4 }), managers],
    ['areas.create', () => ({ name: '新建小区' }), adminOnly],
    ['buildings.create', () => ({ areaId: 'ltsc', name: '9号楼', units: 1, floors: 6, roomsPerFloor: 2 }), adminOnly],
    ['import.preview', () => ({ csv: csv('新小区,1号楼,2,6,2') }), adminOnly],
    ['import.apply', () => ({ csv: csv('新小区,1号楼,2,6,2') }), adminOnly],
    ['imports.list', () => ({}), adminOnly],
    ['buildings.occupancy', () => ({ areaId: 'ltsc' }), buildingScope],
    ['residents.list', () => ({ buildingId: 'ltsc-1' }), buildingScope],
    ['residency.remove', () => ({ residencyId: 'demo-resident:ltsc-1-1-502', reason: '已经搬走' }), buildingScope],
    ['users.search', () => ({ by: 'nickname', text: '李' }), adminOnly],
    ['coverage', () => ({ areaId: 'ltsc' }), adminOnly],
    ['export', () => ({ kind: 'bookings', from: daysAgo(30), to: today }), buildingScope],
    ['export', () => ({ kind: 'households' }), buildingScope],
    ['export', () => ({ kind: 'hours', from: daysAgo(60), to: today }), { ...managers, [LEADER]: 'FORBIDDEN' }],
    ['audit.actors', () => ({}), adminOnly],
  ]

  describe.each(rows.map(([action, input, expected]) => [`${action} ${JSON.stringify(input()).slice(0, 40)}`, action, input, expected] as const))('%s', (_title, action, input, expected) => {
    it.each(Object.entries(expected))('as %s: %s', async (openid, outcome) => {
      const before = await snapshot()
      const result = await invoke('admin', openid, action, input())
      expect(result.ok ? 'ok' : result.error.code).toBe(outcome)
      // A refused call writes nothing at all.
      if (!result.ok) expect(await snapshot()).toBe(before)
    })
  })

  it('refuses a leader for buildings they do not lead, before writing anything', async () => {
    const before = await snapshot()
    expect(await code('admin', LEADER, 'residents.list', { buildingId: 'lt-3' })).toBe('FORBIDDEN')
    // NOT_FOUND, as for an id that does not exist: a residency id is person + home, and must not say where someone lives.
    expect(await code('admin', LEADER, 'residency.remove', { residencyId: 'demo-volunteer:lt-3-2-1203', reason: '已经搬走' })).toBe('NOT_FOUND')
    expect(await snapshot()).toBe(before)
  })

  it('ignores identity fields in the input: the caller is who WeChat says', async () => {
    expect(await code('admin', RESIDENT, 'users.search', { by: 'nickname', text: '李', openid: ADMIN } as Record<string, unknown>)).toBe('FORBIDDEN')
  })

  it('audits every change and every export', async () => {
    await ok('admin', ADMIN, 'areas.create', { name: '新建小区' })
    await ok('admin', ADMIN, 'buildings.create', { areaId: 'ltsc', name: '9号楼', units: 1, floors: 6, roomsPerFloor: 2 })
    await ok('admin', LEADER, 'residency.remove', { residencyId: 'demo-resident:ltsc-1-1-502', reason: '已经搬走' })
    await ok('admin', ADMIN, 'import.apply', { csv: csv('新小区,1号楼,2,6,2') })
    await ok('admin', LEADER, 'export', { kind: 'households' })
    await ok('admin', TEAM_LEAD, 'export', { kind: 'hours', from: daysAgo(60), to: chinaToday() })
    const { data } = await db().collection(C.audit).where({ fn: 'admin' }).limit(100).get()
    expect(data.map((entry) => `${entry.actor} ${entry.action}`).sort()).toEqual(
      [`${ADMIN} areas.create`, `${ADMIN} buildings.create`, `${ADMIN} buildings.import`, `${LEADER} export.households`, `${LEADER} residency.remove`, `${TEAM_LEAD} export.hours`].sort(),
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('what waits for each person', () => {
  it('counts for each role only what is theirs', async () => {
    await ok('account', 'someone-new', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
    await ok('community', 'someone-new', 'residency.request', { householdId: 'ltsc-1-2-402' })
    await ok('account', 'someone-else', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
    await ok('community', 'someone-else', 'residency.request', { householdId: 'lt-3-1-101' })

    const admin = await ok<Inbox>('admin', ADMIN, 'inbox')
    const leader = await ok<Inbox>('admin', LEADER, 'inbox')
    const teamLead = await ok<Inbox>('admin', TEAM_LEAD, 'inbox')
    expect(admin.residents).toBe(2)
    expect(leader.residents).toBe(1)
    expect(teamLead.residents).toBeNull()
    expect(admin.households).toBeGreaterThan(0)
    expect(leader.households).toBeNull()
    expect(teamLead.sessionsToday).toBeNull()
    expect(leader.understaffed).toBeNull()
    expect(typeof teamLead.understaffed).toBe('number')
    expect(typeof teamLead.hoursToConfirm).toBe('number')
    expect(admin.hoursToConfirm).toBeGreaterThanOrEqual(teamLead.hoursToConfirm ?? 0)
  })

  it('lists today’s sessions of the leader’s building, and understaffed shifts by comparing places in the database', async () => {
    generate({ buildingIds: ['ltsc-1', 'lt-3'], sessionsPerBuilding: 3, seed: 3 })
    const admin = await ok<Inbox>('admin', ADMIN, 'inbox')
    const leader = await ok<Inbox>('admin', LEADER, 'inbox')
    const _ = db().command
    const { total: today } = await db().collection(C.serviceSessions).where({ day: chinaToday(), status: _.neq('cancelled') }).count()
    expect(admin.sessionsToday?.count).toBe(today)
    expect(leader.sessionsToday?.items.every((session) => session.scopeName.includes('绿庭尚城 1号楼'))).toBe(true)
    const week = new Date(Date.now() + 7 * 86400_000)
    const shifts = documents(C.shifts).filter((shift) => !shift.cancelled && new Date(shift.startAt as Date) > new Date() && new Date(shift.startAt as Date) < week)
    expect(admin.understaffed).toBe(shifts.filter((shift) => (shift.taken as number) < (shift.capacity as number)).length)
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('buildings by hand and by CSV', () => {
  it('creates an area and a building whose rooms exist at once', async () => {
    const area = await ok<{ id: string }>('admin', ADMIN, 'areas.create', { name: ' 新建小区 ' })
    expect(await code('admin', ADMIN, 'areas.create', { name: '新建小区' })).toBe('CONFLICT')
    const building = await ok<{ id: string }>('admin', ADMIN, 'buildings.create', { areaId: area.id, name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 })
    expect(await code('admin', ADMIN, 'buildings.create', { areaId: area.id, name: '1号楼', units: 1, floors: 1, roomsPerFloor: 1 })).toBe('CONFLICT')
    expect(await code('admin', ADMIN, 'buildings.create', { areaId: area.id, name: '2号楼', units: 21, floors: 6, roomsPerFloor: 2 })).toBe('INVALID_INPUT')
    const rooms = await ok<unknown[]>('community', RESIDENT, 'rooms.list', { buildingId: building.id, unit: 2 })
    expect(rooms).toHaveLength(12)
  })

  it('previews every row’s problems and writes nothing', async () => {
    const before = await snapshot()
    const preview = await ok<ImportPreview>('admin', ADMIN, 'import.preview', {
      csv: csv('新小区,1号楼,2,6,2', '新小区,1号楼,2,6,2', '绿庭尚城,1号楼,2,6,2', ',7号楼,2,6,2', '新小区,8号楼,两,6,2', '', '新小区,9号楼,2,99,2', '新小区,10号楼,２,6,2'),
    })
    expect(await snapshot()).toBe(before)
    expect(preview.fileProblem).toBeNull()
    expect(preview.lines).toBe(7)
    expect(preview.problems).toEqual([
      { line: 3, column: 'building', problem: 'duplicate_in_file' },
      { line: 4, column: 'building', problem: 'exists' },
      { line: 5, column: 'area', problem: 'missing' },
      { line: 6, column: 'units', problem: 'not_integer' },
      { line: 8, column: 'floors', problem: 'out_of_range' },
    ])
    // Full-width digits are read as the person meant them.
    expect(preview.rows.map((row) => [row.line, row.building, row.units, row.newArea])).toEqual([
      [2, '1号楼', 2, true],
      [9, '10号楼', 2, true],
    ])
    expect(preview.totals).toEqual({ buildings: 2, households: 48, newAreas: 1 })
  })

  it('reads what Excel gives when pasted (tabs) and a file with a BOM and English headers', async () => {
    const tabs = await ok<ImportPreview>('admin', ADMIN, 'import.preview', { csv: '小区\t楼栋\t单元数\t层数\t每层户数\r\n新小区\t1号楼\t2\t6\t2\r\n' })
    expect(tabs.rows).toHaveLength(1)
    const english = await ok<ImportPreview>('admin', ADMIN, 'import.preview', { csv: '\uFEFFArea,Building,Units,Floors,Rooms per floor\n"New, Area","Block ""A""",1,3,4\n' })
    expect(english.rows.map((row) => [row.area, row.building, row.households])).toEqual([['New, Area', 'Block "A"', 12]])
    const missing = await ok<ImportPreview>('admin', ADMIN, 'import.preview', { csv: '小区,楼栋,单元数,层数\n新小区,1号楼,2,6\n' })
    expect([missing.fileProblem, missing.missingColumn]).toEqual(['missing_column', 'roomsPerFloor'])
  })

  it('refuses a file with any problem without writing a single row', async () => {
    const before = await snapshot()
    expect(await code('admin', ADMIN, 'import.apply', { csv: csv('新小区,1号楼,2,6,2', '新小区,2号楼,2,6,x') })).toBe('INVALID_INPUT')
    expect(await snapshot()).toBe(before)
  })

  it('applies a file: new areas, buildings in order, a record, an audit entry; a retry changes nothing', async () => {
    const file = csv('新小区,1号楼,2,6,2', '新小区,2号楼,1,11,4', '绿庭尚城,9号楼,1,6,2')
    const result = await invoke<ImportRecord>('admin', ADMIN, 'import.apply', { csv: file, fileName: '新楼.csv' }, { requestId: 'import-request-1' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data).toMatchObject({ status: 'applied', buildings: 3, households: 24 + 44 + 12, newAreas: 1, fileName: '新楼.csv', byName: '周书记' })
    const again = await invoke<ImportRecord>('admin', ADMIN, 'import.apply', { csv: file, fileName: '新楼.csv' }, { requestId: 'import-request-1' })
    expect(again.ok && again.data.id).toBe(result.data.id)

    const area = areaIdFor('新小区')
    const buildings = await ok<{ id: string; name: string }[]>('community', RESIDENT, 'buildings.list', { areaId: area })
    expect(buildings.map((building) => building.name)).toEqual(['1号楼', '2号楼'])
    const ltsc = await ok<{ name: string }[]>('community', RESIDENT, 'buildings.list', { areaId: 'ltsc' })
    expect(ltsc.map((building) => building.name)).toEqual(['1号楼', '2号楼', '3号楼', '9号楼'])
    const history = await ok<Page<ImportRecord>>('admin', ADMIN, 'imports.list', {})
    expect(history.items.map((item) => item.status)).toEqual(['applied'])
    // Importing the same file again is refused row by row: the buildings exist.
    const second = await ok<ImportPreview>('admin', ADMIN, 'import.preview', { csv: file })
    expect(second.problems.map((problem) => problem.problem)).toEqual(['exists', 'exists', 'exists'])
  })

  it('takes back every building it wrote when one of them fails, leaving no half-applied import', async () => {
    // Someone else's building already holds the id the third row would get (as if created a moment after the check).
    const area = areaIdFor('新小区')
    await db().collection(C.areas).add({ data: { _id: 'elsewhere', name: '别处', order: 9 } })
    const clash = buildingIdFor(area, '3号楼')
    await db().collection(C.buildings).add({ data: { _id: clash, areaId: 'elsewhere', name: '别人的楼', units: 1, floors: 1, roomsPerFloor: 1, order: 1 } })
    const before = await snapshot()

    expect(await code('admin', ADMIN, 'import.apply', { csv: csv('新小区,1号楼,2,6,2', '新小区,2号楼,2,6,2', '新小区,3号楼,2,6,2', '新小区,4号楼,2,6,2') })).toBe('CONFLICT')
    expect((await db().collection(C.buildings).where({ areaId: area }).count()).total).toBe(0)
    expect((await db().collection(C.areas).where({ _id: area }).count()).total).toBe(0)
    expect((await db().collection(C.buildings).where({ _id: clash }).count()).total).toBe(1)
    const records = await ok<Page<ImportRecord>>('admin', ADMIN, 'imports.list', {})
    expect(records.items.map((item) => item.status)).toEqual(['rolled_back'])
    const { data: audit } = await db().collection(C.audit).where({ action: 'buildings.import.rollback' }).limit(10).get()
    expect(audit).toHaveLength(1)
    // Apart from the record of the attempt and its audit entry, the database is as it was.
    const strip = (text: string) => {
      const parsed = JSON.parse(text) as Record<string, unknown>
      delete parsed[C.buildingImports]
      delete parsed[C.audit]
      return parsed
    }
    expect(strip(await snapshot())).toEqual(strip(before))
  })

  it('takes back an import that was cut off half way before the next one starts', async () => {
    const old = new Date(Date.now() - 3600_000)
    await db().collection(C.buildings).add({ data: { _id: 'half-1', areaId: 'ltsc', name: '半截楼', units: 1, floors: 1, roomsPerFloor: 1, order: 99, importId: 'imp-old' } })
    await db().collection(C.buildingImports).add({
      data: { _id: 'imp-old', status: 'applying', requestId: null, fileName: '', by: ADMIN, at: old, rows: 2, households: 2, newAreas: 0, buildings: ['half-1'], areas: [], error: null, finishedAt: null },
    })
    await ok('admin', ADMIN, 'import.apply', { csv: csv('新小区,1号楼,2,6,2') })
    expect((await db().collection(C.buildings).where({ _id: 'half-1' }).count()).total).toBe(0)
    const records = await all<ImportRecord>('admin', ADMIN, 'imports.list', {})
    expect(records.map((record) => [record.id, record.status])).toContainEqual(['imp-old', 'rolled_back'])
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('occupancy, residents and removal', () => {
  it('counts households, occupied homes, verified and pending residents by aggregation', async () => {
    await ok('account', 'someone-new', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
    await ok('community', 'someone-new', 'residency.request', { householdId: 'ltsc-1-2-402' })
    const page = await ok<Page<OccupancyRow>>('admin', ADMIN, 'buildings.occupancy', { areaId: 'ltsc' })
    const first = page.items.find((row) => row.building.id === 'ltsc-1') as OccupancyRow
    const { total: verified } = await db().collection(C.residencies).where({ buildingId: 'ltsc-1', status: 'verified' }).count()
    expect(first).toMatchObject({ households: 24, verified, pending: 1, areaName: '绿庭尚城' })
    expect(first.occupied).toBeLessThanOrEqual(first.verified)
    // A leader sees the buildings they lead, whatever area they ask for.
    const leader = await ok<Page<OccupancyRow>>('admin', LEADER, 'buildings.occupancy', {})
    expect(leader.items.map((row) => row.building.id)).toEqual(['ltsc-1'])
  })

  it('lets a leader end a residency of their building, once, with the reason in the audit log', async () => {
    const residents = await all<ResidentRow>('admin', LEADER, 'residents.list', { buildingId: 'ltsc-1' })
    const lee = residents.find((row) => row.nickname === '李阿姨') as ResidentRow
    expect(lee).toMatchObject({ unit: 1, room: '502', status: 'verified' })
    await ok('admin', LEADER, 'residency.remove', { residencyId: lee.residencyId, reason: '已经搬走' })
    expect(await code('admin', LEADER, 'residency.remove', { residencyId: lee.residencyId, reason: '已经搬走' })).toBe('CONFLICT')
    expect(await code('community', RESIDENT, 'building.view', { buildingId: 'ltsc-1' })).toBe('NOT_VISIBLE')
    const { data } = await db().collection(C.audit).where({ action: 'residency.remove' }).limit(5).get()
    expect(data.map((entry) => entry.after)).toEqual([{ status: 'left', reason: '已经搬走' }])
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('people and roles', () => {
  it('finds people by the start of their nickname or by room, with homes and roles and nothing more', async () => {
    const byName = await ok<Page<PersonRow>>('admin', ADMIN, 'users.search', { by: 'nickname', text: '张' })
    expect(byName.items).toEqual([
      {
        userId: LEADER,
        nickname: '张老师',
        homes: [expect.objectContaining({ buildingName: '1号楼', unit: 1, room: '301', status: 'verified' })],
        roles: [{ role: 'building_leader', scope: 'ltsc-1', scopeName: '绿庭尚城 1号楼' }],
      },
    ])
    expect(Object.keys(byName.items[0]).sort()).toEqual(['homes', 'nickname', 'roles', 'userId'])
    const byRoom = await ok<Page<PersonRow>>('admin', ADMIN, 'users.search', { by: 'room', buildingId: 'ltsc-1', room: '502' })
    expect(byRoom.items.map((item) => item.nickname)).toEqual(['李阿姨'])
    // The role is then granted with the community function, as before.
    await ok('community', ADMIN, 'role.grant', { userId: byRoom.items[0].userId, role: 'building_leader', scope: 'ltsc-1' })
    const after = await ok<Page<PersonRow>>('admin', ADMIN, 'users.search', { by: 'room', buildingId: 'ltsc-1', room: '502' })
    expect(after.items[0].roles.map((role) => role.role)).toEqual(['building_leader'])
  })

  it('lists the people of the audit log, most active first', async () => {
    await ok('community', LEADER, 'invite.issue', { buildingId: 'ltsc-1' })
    await ok('community', LEADER, 'invite.issue', { buildingId: 'ltsc-1' })
    await ok('community', ADMIN, 'invite.issue', { buildingId: 'ltsc-1' })
    const actors = await all<{ actor: string; name: string; entries: number }>('admin', ADMIN, 'audit.actors', {})
    const leader = actors.find((item) => item.actor === LEADER)
    expect(leader).toMatchObject({ name: '张老师' })
    expect(actors.map((item) => item.entries)).toEqual([...actors.map((item) => item.entries)].sort((a, b) => b - a))
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('dashboard', () => {
  it('counts bookings per week, hours per team and coverage in the caller’s scope', async () => {
    generate({ seed: 5 })
    const admin = await ok<{ scope: string; weeks: string[]; bookings: { weekStart: string; counts: Record<string, number> }[]; hours: { teamId: string; confirmedMinutes: number }[]; coverage: { by: string; rows: { id: string; households: number; shown: number; verified: number | null }[] } }>('admin', ADMIN, 'dashboard', { weeks: 8 })
    expect(admin.scope).toBe('community')
    expect(admin.weeks).toHaveLength(8)
    const total = admin.bookings.reduce((sum, week) => sum + Object.values(week.counts).reduce((a, b) => a + b, 0), 0)
    const _ = db().command
    const from = new Date(`${admin.weeks[0]}T00:00:00+08:00`)
    const to = new Date(new Date(`${admin.weeks[7]}T00:00:00+08:00`).getTime() + 7 * 86400_000)
    const { total: expected } = await db().collection(C.bookings).where({ slotStartsAt: _.gte(from).and(_.lt(to)) }).count()
    expect(total).toBe(expected)
    expect(admin.hours.map((row) => row.teamId)).toEqual(['caring', 'clean-up', 'patrol', 'night-walk', 'red-vest', 'languages'])
    expect(admin.coverage.by).toBe('area')
    expect(admin.coverage.rows.find((row) => row.id === 'ltsc')?.households).toBe(24 + 24 + 44)

    const leader = await ok<typeof admin>('admin', LEADER, 'dashboard', { weeks: 8 })
    expect(leader.scope).toBe('own')
    expect(leader.hours).toBeNull()
    expect(leader.coverage).toMatchObject({ by: 'building', rows: [{ id: 'ltsc-1', households: 24, verified: null }] })
    const leaderTotal = leader.bookings.reduce((sum, week) => sum + Object.values(week.counts).reduce((a, b) => a + b, 0), 0)
    expect(leaderTotal).toBeLessThan(total)
    const teamLead = await ok<typeof admin>('admin', TEAM_LEAD, 'dashboard', {})
    expect(teamLead.bookings).toBeNull()
    expect(teamLead.hours.map((row) => row.teamId)).toEqual(['night-walk'])

    const coverage = await all<{ id: string; verified: number | null }>('admin', ADMIN, 'coverage', { areaId: 'ltsc' })
    expect(coverage.map((row) => row.id)).toEqual(['ltsc-1', 'ltsc-2', 'ltsc-3'])
    expect(coverage.every((row) => typeof row.verified === 'number')).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('paging past the query limits', () => {
  // Thousands of documents through the real SDK: ~5 s a test on two shared cores, past Jest's default 5 s.
  const BIG = 60_000

  /** Four big buildings (4 units × 33 floors × 8 rooms = 1,056 households each), filled by the generator. */
  async function bigCommunity() {
    const rows = [1, 2, 3, 4].map((n) => `大社区,${n}号楼,4,33,8`)
    await ok('admin', ADMIN, 'import.apply', { csv: csv(...rows) })
    const area = areaIdFor('大社区')
    const buildingIds = [1, 2, 3, 4].map((n) => buildingIdFor(area, `${n}号楼`))
    const made = generate({ buildingIds, residentShare: 1, pending: 0, sessionsPerBuilding: 2, bookingsPerSession: 400, seed: 11 })
    return { area, buildingIds, made }
  }

  it('lists more than 1,000 residents of a building and searches more than 1,000 people', async () => {
    const { buildingIds } = await bigCommunity()
    const residents = await all<ResidentRow>('admin', ADMIN, 'residents.list', { buildingId: buildingIds[0] })
    expect(residents).toHaveLength(1056)
    expect(new Set(residents.map((row) => row.residencyId)).size).toBe(1056)
    // 居民1, 居民10…19, 居民100…199, 居民1000…1999: more than a thousand people whose nickname starts with 居民1.
    const people = await all<PersonRow>('admin', ADMIN, 'users.search', { by: 'nickname', text: '居民1' })
    const expected = documents(C.users).filter((user) => String(user.nickname).startsWith('居民1'))
    expect(expected.length).toBeGreaterThan(1000)
    expect(people.map((person) => person.userId).sort()).toEqual(expected.map((user) => user._id).sort())
  }, BIG)

  it('exports more than 2,000 bookings, 4,000 households and 1,000 hours in pages that join into one file', async () => {
    const { made, area } = await bigCommunity()
    const today = chinaToday()

    const bookings = await exportAll(ADMIN, { kind: 'bookings', from: daysAgo(120), to: daysAgo(-30) })
    // Every booking of the community falls in this range (the generator's and the demo's).
    const days = new Map(documents(C.serviceSessions).map((session) => [session._id, String(session.day)]))
    const expected = documents(C.bookings).map((booking) => `${days.get(String(booking.sessionId))}|${String(booking.code)}|${String(booking.unit)}|${String(booking.room)}`)
    expect(made.bookings).toBeGreaterThan(2000)
    expect(bookings.rows).toBe(expected.length)
    expect(bookings.pages).toBeGreaterThan(1)
    const bookingTable = parseCsv(bookings.text)
    expect(bookingTable[0]).toEqual([...BOOKING_COLUMNS])
    // Each booking exactly once: the keyset cursor neither skips nor repeats a row across pages.
    expect(bookingTable.slice(1).map((row) => `${row[0]}|${row[6]}|${row[8]}|${row[9]}`).sort()).toEqual(expected.sort())

    const households = await exportAll(ADMIN, { kind: 'households', areaId: area })
    expect(households.rows).toBe(4 * 1056)
    expect(households.pages).toBe(4)
    const householdTable = parseCsv(households.text)
    expect(householdTable[0]).toEqual([...HOUSEHOLD_COLUMNS])
    expect(householdTable).toHaveLength(4 * 1056 + 1)

    const hours = await exportAll(ADMIN, { kind: 'hours', from: daysAgo(90), to: today })
    const { total: confirmed } = await db().collection(C.volunteerHours).where({ status: 'confirmed', minutes: db().command.gt(0), day: db().command.gte(daysAgo(90)).and(db().command.lte(today)) }).count()
    expect(confirmed).toBeGreaterThan(1000)
    expect(hours.rows).toBe(confirmed)
    expect(parseCsv(hours.text)[0]).toEqual([...EXPORT_COLUMNS])

    // No openid in any file.
    for (const file of [bookings.text, households.text, hours.text]) expect(file).not.toMatch(/gen-|demo-/)
  }, BIG)

  it('pages the residency queue past 1,000 requests, oldest first', async () => {
    await ok('admin', ADMIN, 'import.apply', { csv: csv('大社区,1号楼,4,33,8', '大社区,2号楼,4,33,8') })
    const buildingIds = [1, 2].map((n) => buildingIdFor(areaIdFor('大社区'), `${n}号楼`))
    generate({ buildingIds, residentShare: 0.3, pending: 1200, sessionsPerBuilding: 0, seed: 13 })
    const queue = await all<{ id: string; requestedAt: string }>('community', ADMIN, 'residency.queue', {})
    const { total } = await db().collection(C.residencies).where({ status: 'pending' }).count()
    expect(total).toBeGreaterThan(1000)
    expect(new Set(queue.map((item) => item.id)).size).toBe(total)
    expect(queue.map((item) => item.requestedAt)).toEqual([...queue.map((item) => item.requestedAt)].sort())
  }, BIG)

  it('pages the audit log past 1,000 entries', async () => {
    const at = Date.now()
    for (let i = 0; i < 1100; i++) await db().collection(C.audit).add({ data: { _id: `a${String(i).padStart(6, '0')}`, actor: ADMIN, fn: 'admin', action: 'export.hours', target: 'x', before: null, after: null, at: new Date(at - i * 1000) } })
    const entries = await all<{ id: string }>('community', ADMIN, 'audit.list', { actor: ADMIN })
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(1100)
  }, BIG)
})

// ---------------------------------------------------------------------------------------------------------------

describe('exports hold only what the exporter may see', () => {
  it('gives a building leader their building’s households and only the badges residents see', async () => {
    const file = await exportAll(LEADER, { kind: 'households' })
    const table = parseCsv(file.text).slice(1)
    expect(new Set(table.map((row) => `${row[0]} ${row[1]}`))).toEqual(new Set(['绿庭尚城 1号楼']))
    expect(table).toHaveLength(24)
    expect(new Set(table.map((row) => row[6]))).toEqual(new Set(['', '已亮身份']))
    const admin = parseCsv((await exportAll(ADMIN, { kind: 'households' })).text).slice(1)
    expect(admin.length).toBeGreaterThan(table.length)
    expect(new Set(admin.map((row) => row[6])).has('待审核')).toBe(true)
  })

  it('gives a team leader the hours of their own team only, and a building leader the bookings of their building', async () => {
    generate({ buildingIds: ['ltsc-1', 'lt-3'], seed: 9 })
    const hours = parseCsv((await exportAll(TEAM_LEAD, { kind: 'hours', from: daysAgo(90), to: chinaToday() })).text).slice(1)
    expect(hours.length).toBeGreaterThan(0)
    expect(new Set(hours.map((row) => row[5].split('·')[0]))).toEqual(new Set(['夜走队']))
    const bookings = parseCsv((await exportAll(LEADER, { kind: 'bookings', from: daysAgo(120), to: daysAgo(-30) })).text).slice(1)
    expect(bookings.length).toBeGreaterThan(0)
    expect(new Set(bookings.map((row) => row[7]))).toEqual(new Set(['绿庭尚城 1号楼']))
  })

  it('refuses a range the wrong way round or longer than a year', async () => {
    expect(await code('admin', ADMIN, 'export', { kind: 'bookings', from: chinaToday(), to: daysAgo(3) })).toBe('INVALID_INPUT')
    expect(await code('admin', ADMIN, 'export', { kind: 'hours', from: daysAgo(400), to: chinaToday() })).toBe('INVALID_INPUT')
    expect(await code('admin', ADMIN, 'export', { kind: 'bookings', from: daysAgo(3), to: chinaToday(), cursor: 'nonsense' })).toBe('INVALID_INPUT')
  })
})
