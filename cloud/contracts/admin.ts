import * as v from 'valibot'
import { BUILDING_LIMITS, IMPORT_HEADER, IMPORT_MAX_ROWS, NAME_MAX, type FileProblem, type ImportColumn, type ImportRow, type RowProblem } from '../domain/admin'
import type { BookingStatus } from '../domain/booking'
import { adminOnly, buildingManagers, buildingRecords, roles } from './access'
import { daySchema, defineAction, idSchema, noInput } from './define'
import type { Area, Building, LocalizedText, Page, ResidencyStatus, RoleGrant } from './model'

/**
 * 社区管理 console: what waits for a manager, buildings and their CSV import, occupancy, residents, people and roles,
 * the dashboard, paged CSV exports and the audit log's people. What the domain functions already answer (approving
 * residents, invite codes, role grants, household verification) stays with them; this function adds the rest.
 * Every list answers in pages (`next` cursor), so nothing is cut at the database's 100/1,000-row query limits.
 */

export type { FileProblem, ImportColumn, ImportRow, RowProblem }

/** What is waiting for the caller; null where the caller's roles do not cover it (the hub shows no door for it). */
export interface Inbox {
  /** Residency requests in the caller's buildings (admins: all). */
  residents: number | null
  /** Party-member household applications (admins). */
  households: number | null
  /** Service sessions today in the caller's buildings or run by them (admins: all); the first few to open. */
  sessionsToday: { count: number; items: TodaySession[] } | null
  /** Shifts of the caller's teams in the next 7 days with places still to fill (admins: all teams). */
  understaffed: number | null
  /** Hours recorded and not yet confirmed, in the caller's teams (admins: all teams). */
  hoursToConfirm: number | null
}

export interface TodaySession {
  id: string
  typeName: LocalizedText
  place: string
  scopeName: string
  startsAt: string
  endsAt: string
}

export interface PreviewRow extends ImportRow {
  /** The area does not exist yet and will be created with the first of its buildings. */
  newArea: boolean
}

export interface ImportPreview {
  fileProblem: FileProblem | null
  missingColumn: ImportColumn | null
  rows: PreviewRow[]
  problems: RowProblem[]
  /** Data lines read (valid or not). */
  lines: number
  totals: { buildings: number; households: number; newAreas: number }
}

export type ImportStatus = 'applying' | 'applied' | 'rolled_back'

export interface ImportRecord {
  id: string
  status: ImportStatus
  fileName: string
  byName: string
  at: string
  buildings: number
  households: number
  newAreas: number
}

export interface OccupancyRow {
  building: Building
  areaName: string
  households: number
  /** Households with at least one verified resident. */
  occupied: number
  /** Verified residents (people). */
  verified: number
  pending: number
}

export interface ResidentRow {
  residencyId: string
  nickname: string
  unit: number
  room: string
  status: Extract<ResidencyStatus, 'verified' | 'pending'>
  since: string
}

/** A person as an admin needs them to grant a role: a name, their homes, their roles. Nothing else. */
export interface PersonRow {
  userId: string
  nickname: string
  homes: { residencyId: string; buildingId: string; areaName: string; buildingName: string; unit: number; room: string; status: ResidencyStatus }[]
  roles: RoleGrant[]
}

export interface WeekBookings {
  /** Monday, China day. */
  weekStart: string
  counts: Record<BookingStatus, number>
}

export interface TeamHours {
  teamId: string
  teamName: LocalizedText
  confirmedMinutes: number
  recordedMinutes: number
  entries: number
}

export interface CoverageRow {
  id: string
  name: string
  households: number
  shown: number
  /** Admins only: verification is theirs; leaders see what residents see (the shown households). */
  verified: number | null
  pending: number | null
}

export interface Dashboard {
  /** 'community' for admins; 'own' for leaders (their buildings, their teams). */
  scope: 'community' | 'own'
  weeks: string[]
  bookings: WeekBookings[] | null
  hours: TeamHours[] | null
  /** Admins: per residential area (drill into one with `coverage`); building leaders: per building they lead. */
  coverage: { by: 'area' | 'building'; rows: CoverageRow[] } | null
}

export interface ExportPage {
  /** This page of the file; the first page starts with the BOM and the header. */
  csv: string
  rows: number
  next: string | null
  fileName: string
}

export interface AuditActor {
  actor: string
  name: string
  entries: number
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const cursor = v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(/^[A-Za-z0-9_.:-]+$/)))
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(NAME_MAX))
const count = (limits: { min: number; max: number }) => v.pipe(v.number(), v.integer(), v.minValue(limits.min), v.maxValue(limits.max))
/** A whole file of up to IMPORT_MAX_ROWS lines of five short cells fits easily; more is not a buildings list. */
const csvText = v.pipe(v.string(), v.minLength(1), v.maxLength(IMPORT_MAX_ROWS * 120))
const fileName = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80)), '')

/** Anyone with a management role: the hub and the dashboard answer each within their own scope. */
const managers = roles('FORBIDDEN', { buildingLeader: 'ok', otherBuildingLeader: 'ok', teamLeader: 'ok', otherTeamLeader: 'ok', admin: 'ok' })
/** Admins, and leaders of any building: a leader's answer covers only the buildings they lead. */
const buildingScope = roles('FORBIDDEN', { buildingLeader: 'ok', otherBuildingLeader: 'ok', admin: 'ok' })
/** Names unique to the resources a matrix call is aimed at, so that creating twice never collides. */
const fresh = (prefix: string, r: { householdId: string }) => `${prefix}${r.householdId}`.slice(0, NAME_MAX)

// ---------------------------------------------------------------------------------------------------------------
// Contracts

export const inbox = defineAction<Inbox>()('admin', 'inbox', noInput, { roles: managers, sample: () => ({}) })

export const createArea = defineAction<Area>()('admin', 'areas.create', v.object({ name }), { roles: adminOnly, sample: (r) => ({ name: fresh('小区', r) }) })

export const createBuilding = defineAction<Building>()(
  'admin',
  'buildings.create',
  v.object({ areaId: idSchema, name, units: count(BUILDING_LIMITS.units), floors: count(BUILDING_LIMITS.floors), roomsPerFloor: count(BUILDING_LIMITS.roomsPerFloor) }),
  { roles: adminOnly, sample: (r) => ({ areaId: r.areaId, name: fresh('楼', r), units: 1, floors: 6, roomsPerFloor: 2 }) },
)

/** Reads the file and reports every row's problems; writes nothing. */
export const previewImport = defineAction<ImportPreview>()('admin', 'import.preview', v.object({ csv: csvText }), {
  roles: adminOnly,
  sample: () => ({ csv: `${IMPORT_HEADER}\n新小区,1号楼,2,6,2\n` }),
})

/**
 * All or nothing: the whole file is checked first and refused (INVALID_INPUT, field 'csv') if any row has a problem;
 * then each building is written in its own transaction beside the import record, and a failure removes what was
 * written. A retry with the same requestId answers with the first attempt's record.
 */
export const applyImport = defineAction<ImportRecord>()('admin', 'import.apply', v.object({ csv: csvText, fileName }), {
  roles: adminOnly,
  sample: (r) => ({ csv: `${IMPORT_HEADER}\n${fresh('导入', r)},1号楼,2,6,2\n`, fileName: 'buildings.csv' }),
})

export const listImports = defineAction<Page<ImportRecord>>()('admin', 'imports.list', v.optional(v.object({ cursor }), {}), { roles: adminOnly, sample: () => ({}) })

/** Admins: the buildings of one area; building leaders: the buildings they lead (areaId optional, narrows them). */
export const occupancy = defineAction<Page<OccupancyRow>>()('admin', 'buildings.occupancy', v.object({ areaId: v.optional(idSchema), cursor }), {
  roles: buildingScope,
  sample: (r) => ({ areaId: r.areaId }),
})

export const listResidents = defineAction<Page<ResidentRow>>()(
  'admin',
  'residents.list',
  v.object({ buildingId: idSchema, status: v.optional(v.picklist(['verified', 'pending']), 'verified'), cursor }),
  { roles: buildingManagers(), sample: (r) => ({ buildingId: r.buildingId }) },
)

/** An admin or the building's leader ends a residency (moved away, registered by mistake); audited with the reason. */
export const removeResidency = defineAction<{ residencyId: string; status: 'left' }>()('admin', 'residency.remove', v.object({ residencyId: idSchema, reason: v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(60)) }),
  { roles: buildingRecords(), sample: (r) => ({ residencyId: r.residencyId, reason: '已经搬走' }) },
)

/** Admins: find a person to grant a role, by the start of their nickname or by a room of a building. */
export const searchUsers = defineAction<Page<PersonRow>>()(
  'admin',
  'users.search',
  v.variant('by', [
    v.object({ by: v.literal('nickname'), text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20)), cursor }),
    v.object({ by: v.literal('room'), buildingId: idSchema, room: v.pipe(v.string(), v.trim(), v.regex(/^\d{3,4}$/)), cursor }),
  ]),
  { roles: adminOnly, sample: () => ({ by: 'nickname' as const, text: '李' }) },
)

export const dashboard = defineAction<Dashboard>()(
  'admin',
  'dashboard',
  v.optional(v.object({ weeks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(4), v.maxValue(12)), 8) }), {}),
  { roles: managers, sample: () => ({ weeks: 4 }) },
)

/** Admins: 亮身份 coverage of every building of one area, a page at a time. */
export const coverage = defineAction<Page<CoverageRow>>()('admin', 'coverage', v.object({ areaId: idSchema, cursor }), { roles: adminOnly, sample: (r) => ({ areaId: r.areaId }) })

export const exportCsv = defineAction<ExportPage>()(
  'admin',
  'export',
  v.variant('kind', [
    v.object({ kind: v.literal('bookings'), from: daySchema, to: daySchema, cursor }),
    v.object({ kind: v.literal('hours'), from: daySchema, to: daySchema, cursor }),
    v.object({ kind: v.literal('households'), areaId: v.optional(idSchema), cursor }),
  ]),
  // Bookings and households: admins and building leaders; hours: admins and team leaders (tests/cloud/admin.test.ts).
  { roles: buildingScope, sample: (r) => ({ kind: 'bookings' as const, from: r.today, to: r.today }) },
)

/** Admins: the people who appear in the audit log, most active first, to filter it by person. */
export const auditActors = defineAction<Page<AuditActor>>()('admin', 'audit.actors', v.optional(v.object({ cursor }), {}), { roles: adminOnly, sample: () => ({}) })
