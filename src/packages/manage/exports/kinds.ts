import type { ExportKind } from '@domain/admin'
import type { Access } from '../access'

/** The kinds a role may export (the server checks again): bookings and households by building, hours by team. */
export function kindsFor(access: Access): ExportKind[] {
  const kinds: ExportKind[] = []
  if (access.canBuildings) kinds.push('bookings')
  if (access.admin || access.teamLeader) kinds.push('hours')
  if (access.canBuildings) kinds.push('households')
  return kinds
}
