/**
 * The rules of running a community (社区管理): the shape a building may have, reading a buildings CSV (小区,楼栋,单元数,
 * 层数,每层户数) into rows with row-level problems, the ids new areas and buildings get, the weeks of the dashboard, and
 * the CSV files the console exports. Pure functions shared by the `admin` cloud function and the manage pages.
 *
 * Glossary: area 小区, building 楼栋, unit 单元, floor 层, room 室/户, import 导入, preview 预览, occupancy 入住情况.
 */
import { addDays, chinaTime, weekdayOf } from './time'
import { csvCell } from './volunteer'

// ---------------------------------------------------------------------------------------------------------------
// Buildings

/**
 * What a building may look like. Units ≤ 20 is what rooms.list accepts; rooms per floor ≤ 20 keeps room numbers
 * (floor × 100 + position, cloud/lib/structure.ts) unambiguous; 60 floors is well above the sub-district's tallest (33).
 */
export const BUILDING_LIMITS = {
  units: { min: 1, max: 20 },
  floors: { min: 1, max: 60 },
  roomsPerFloor: { min: 1, max: 20 },
} as const

export const NAME_MAX = 20

export type ShapeField = keyof typeof BUILDING_LIMITS

export interface BuildingShape {
  units: number
  floors: number
  roomsPerFloor: number
}

export function householdsIn(shape: BuildingShape): number {
  return shape.units * shape.floors * shape.roomsPerFloor
}

/** FNV-1a, 32 bits: a short stable fingerprint of a name, usable in an id (names are Chinese, ids are ASCII). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    hash ^= code & 0xff
    hash = Math.imul(hash, 0x01000193)
    hash ^= code >>> 8
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * Ids of new areas and buildings follow from their names, so that the same name created twice at once (two admins,
 * a retried import) collides as a duplicate key in the database instead of making two buildings called "1号楼".
 * A hash collision between two different names would refuse the second one, never merge them.
 */
export const areaIdFor = (name: string) => `a${fingerprint(normaliseName(name))}`
export const buildingIdFor = (areaId: string, name: string) => `${areaId}-${fingerprint(normaliseName(name))}`

/** Names are compared as people read them: surrounding spaces and full-width spaces do not make a new building. */
export function normaliseName(name: string): string {
  return name.replace(/\u3000/g, ' ').trim().replace(/\s+/g, ' ')
}

export type NameProblem = 'missing' | 'too_long'

export function nameProblem(name: string): NameProblem | null {
  const value = normaliseName(name)
  if (value === '') return 'missing'
  if ([...value].length > NAME_MAX) return 'too_long'
  return null
}

export type NumberProblem = 'missing' | 'not_integer' | 'out_of_range'

/** Reads a whole number as people type it, full-width digits (６) included. */
export function readCount(text: string): number | NumberProblem {
  const value = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).trim()
  if (value === '') return 'missing'
  if (!/^\d+$/.test(value)) return 'not_integer'
  return Number(value)
}

export function shapeProblem(field: ShapeField, value: number): NumberProblem | null {
  const { min, max } = BUILDING_LIMITS[field]
  if (!Number.isInteger(value)) return 'not_integer'
  return value < min || value > max ? 'out_of_range' : null
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/**
 * Splits CSV text into rows of cells (RFC 4180 quoting: "a,b", "say ""hi"""), after a UTF-8 BOM if any. The
 * delimiter is read from the first line: a comma, a tab (what pasting from Excel or WPS gives) or a full-width comma.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes('，') ? '，' : ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (char === delimiter) {
      row.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += char
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

export const IMPORT_COLUMNS = ['area', 'building', 'units', 'floors', 'roomsPerFloor'] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** The header the community writes (小区,楼栋,单元数,层数,每层户数), with the variants people use and English ones. */
const HEADER_NAMES: Record<ImportColumn, string[]> = {
  area: ['小区', '小区名称', '小区名', 'area'],
  building: ['楼栋', '楼号', '楼栋名称', '楼栋名', 'building'],
  units: ['单元数', '单元', 'units'],
  floors: ['层数', '楼层数', '楼层', 'floors'],
  roomsPerFloor: ['每层户数', '每层房间数', '每层', 'roomsperfloor', 'rooms'],
}

export const IMPORT_HEADER = '小区,楼栋,单元数,层数,每层户数'
/** What the import page shows as an example: the community's own words, as its spreadsheets have them. */
export const IMPORT_EXAMPLE = `${IMPORT_HEADER}\n绿庭尚城,12号楼,2,18,4\n朗庭,5号楼,3,6,2`
export const IMPORT_MAX_ROWS = 1000

const headerKey = (cell: string) => cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]/g, '')

export type FileProblem = 'empty' | 'missing_column' | 'no_rows' | 'too_many_rows'

export type RowProblemKind = NumberProblem | NameProblem | 'duplicate_in_file' | 'exists'

export interface RowProblem {
  /** 1-based line of the file, the header being line 1, as a spreadsheet numbers it. */
  line: number
  column: ImportColumn
  problem: RowProblemKind
}

export interface ImportRow {
  line: number
  area: string
  building: string
  units: number
  floors: number
  roomsPerFloor: number
  households: number
}

export interface ParsedImport {
  fileProblem: FileProblem | null
  /** Which header column was not found, for 'missing_column'. */
  missingColumn: ImportColumn | null
  /** Rows that passed every check of their own (existence in the database is checked by the caller). */
  rows: ImportRow[]
  problems: RowProblem[]
  /** Non-blank data lines read, whether valid or not. */
  lines: number
}

/**
 * Reads an import file: finds the columns by their header, checks every row on its own (names, whole numbers in
 * range) and against the rows above it (the same building twice). Nothing here knows the database.
 */
export function parseImport(text: string): ParsedImport {
  const table = parseCsv(text)
  const nonBlank = (cells: string[]) => cells.some((cell) => cell.trim() !== '')
  const headerIndex = table.findIndex(nonBlank)
  const empty: ParsedImport = { fileProblem: 'empty', missingColumn: null, rows: [], problems: [], lines: 0 }
  if (headerIndex < 0) return empty
  const header = table[headerIndex].map(headerKey)
  const position = {} as Record<ImportColumn, number>
  for (const column of IMPORT_COLUMNS) {
    const found = header.findIndex((cell) => HEADER_NAMES[column].some((name) => headerKey(name) === cell))
    if (found < 0) return { ...empty, fileProblem: 'missing_column', missingColumn: column }
    position[column] = found
  }

  const rows: ImportRow[] = []
  const problems: RowProblem[] = []
  const seen = new Set<string>()
  let lines = 0
  for (let index = headerIndex + 1; index < table.length; index++) {
    const cells = table[index]
    if (!nonBlank(cells)) continue
    lines++
    if (lines > IMPORT_MAX_ROWS) return { fileProblem: 'too_many_rows', missingColumn: null, rows: [], problems: [], lines }
    const line = index + 1
    const cell = (column: ImportColumn) => cells[position[column]] ?? ''
    const before = problems.length
    const area = normaliseName(cell('area'))
    const building = normaliseName(cell('building'))
    for (const column of ['area', 'building'] as const) {
      const problem = nameProblem(cell(column))
      if (problem) problems.push({ line, column, problem })
    }
    const shape = {} as BuildingShape
    for (const column of ['units', 'floors', 'roomsPerFloor'] as const) {
      const read = readCount(cell(column))
      const problem = typeof read === 'number' ? shapeProblem(column, read) : read
      if (problem) problems.push({ line, column, problem })
      else shape[column] = read as number
    }
    const key = `${area}\u0000${building}`
    if (area && building && seen.has(key)) problems.push({ line, column: 'building', problem: 'duplicate_in_file' })
    seen.add(key)
    if (problems.length === before) rows.push({ line, area, building, ...shape, households: householdsIn(shape) })
  }
  return { fileProblem: lines === 0 ? 'no_rows' : null, missingColumn: null, rows, problems, lines }
}

/** The rows naming a building that already exists in its area: a re-import must not make a second one. */
export function existingProblems(rows: readonly ImportRow[], exists: (area: string, building: string) => boolean): RowProblem[] {
  return rows.filter((row) => exists(row.area, row.building)).map((row) => ({ line: row.line, column: 'building' as const, problem: 'exists' as const }))
}

// ---------------------------------------------------------------------------------------------------------------
// Weeks (the dashboard counts by China week, Monday to Sunday)

/** The Monday (China day) of the week a China day falls in. */
export function weekStart(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7))
}

/** The Mondays of the last `count` weeks up to and including the one `today` is in, oldest first. */
export function recentWeeks(today: string, count: number): string[] {
  const current = weekStart(today)
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)))
}

// ---------------------------------------------------------------------------------------------------------------
// Exports. Each file is built in pages on the server; the first page carries the BOM (so Excel reads the Chinese)
// and the header. No file ever carries an openid or a health reading.

export const EXPORT_KINDS = ['bookings', 'hours', 'households'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n')
}

/** One page of a CSV file: the header only on the first page, every page ending with a line break. */
export function csvPage(header: readonly string[], rows: readonly (readonly string[])[], first: boolean): string {
  const body = csvLines(first ? [header, ...rows] : rows)
  return `${first ? '\uFEFF' : ''}${body}${body ? '\r\n' : ''}`
}

export const BOOKING_COLUMNS = ['服务日期', '开始时间', '结束时间', '服务项目', '服务范围', '地点', '预约码', '楼栋', '单元', '室', '预约人', '代预约', '状态', '签到时间'] as const

export const BOOKING_STATUS_NAMES = { confirmed: '已预约', waitlisted: '候补', cancelled: '已取消', attended: '已到场', no_show: '未到' } as const

export interface BookingExportRow {
  day: string
  startsAt: Date
  endsAt: Date
  service: string
  scopeName: string
  place: string
  code: string
  building: string
  unit: number
  room: string
  name: string
  proxy: boolean
  status: keyof typeof BOOKING_STATUS_NAMES
  checkedInAt: Date | null
}

export function bookingCells(row: BookingExportRow): string[] {
  return [
    row.day,
    chinaTime(row.startsAt),
    chinaTime(row.endsAt),
    row.service,
    row.scopeName,
    row.place,
    row.code,
    row.building,
    String(row.unit),
    row.room,
    row.name,
    row.proxy ? '是' : '否',
    BOOKING_STATUS_NAMES[row.status],
    row.checkedInAt ? `${chinaTime(row.checkedInAt)}` : '',
  ]
}

export const HOUSEHOLD_COLUMNS = ['小区', '楼栋', '单元', '室', '已认证居民', '待审核', '党员家庭'] as const

/**
 * What the 党员家庭 column may say. Admins verify party-member households and see every state; a building leader sees
 * only what the building's residents see (a household shown with its consent), so the other states read as empty.
 */
export type PartyColumn = 'shown' | 'verified' | 'pending' | 'rejected' | null
export const PARTY_COLUMN_NAMES: Record<Exclude<PartyColumn, null>, string> = { shown: '已亮身份', verified: '已认证（未公开）', pending: '待审核', rejected: '未通过' }

export function partyColumnFor(status: 'pending' | 'verified' | 'rejected' | null, shown: boolean, admin: boolean): PartyColumn {
  if (shown) return 'shown'
  if (!admin || status === null) return null
  return status
}

export interface HouseholdExportRow {
  area: string
  building: string
  unit: number
  room: string
  verified: number
  pending: number
  party: PartyColumn
}

export function householdCells(row: HouseholdExportRow): string[] {
  return [row.area, row.building, String(row.unit), row.room, String(row.verified), String(row.pending), row.party ? PARTY_COLUMN_NAMES[row.party] : '']
}
