import type { InputOf } from '@contracts/define'
import type { listAudit } from '@contracts/community'
import { addDays } from '@domain/time'
import { chinaDay, formatTime } from '../parts/format'

/** Actions offered as filter chips: the ones an admin looks for most. Any other can be typed by name. */
export const FILTER_ACTIONS = ['residency.decide', 'residency.remove', 'invite.issue', 'invite.revoke', 'role.grant', 'role.revoke', 'buildings.import'] as const

/** Actions with a name in every language (community and admin functions); others are shown by their raw name. */
export const KNOWN_ACTIONS = [...FILTER_ACTIONS, 'areas.create', 'buildings.create', 'buildings.import.rollback', 'export.bookings', 'export.hours', 'export.households'] as const
export type KnownAction = (typeof KNOWN_ACTIONS)[number]

export const isKnownAction = (action: string): action is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(action)

export const DATE_PRESETS = ['all', 'today', 'week', 'month'] as const
export type DatePreset = (typeof DATE_PRESETS)[number]

/** Applied filters; '' means no limit. Dates are China days ('YYYY-MM-DD'), both ends included (the server's rule). */
export interface Filters {
  action: string
  /** Who did it (an openid picked from the list of people in the log). */
  actor: string
  from: string
  to: string
}

export const NO_FILTERS: Filters = { action: '', actor: '', from: '', to: '' }

/** "Last 7 days" counts today as one of the seven. */
export function presetRange(preset: DatePreset, now: Date): Pick<Filters, 'from' | 'to'> {
  const today = chinaDay(now)
  switch (preset) {
    case 'all':
      return { from: '', to: '' }
    case 'today':
      return { from: today, to: today }
    case 'week':
      return { from: addDays(today, -6), to: today }
    case 'month':
      return { from: addDays(today, -29), to: today }
  }
}

/** Which preset the filters match, if any, so the chosen chip can say so. */
export function presetOf(filters: Pick<Filters, 'from' | 'to'>, now: Date): DatePreset | null {
  return DATE_PRESETS.find((preset) => {
    const range = presetRange(preset, now)
    return range.from === filters.from && range.to === filters.to
  }) ?? null
}

type AuditInput = InputOf<typeof listAudit>

/** The request for one page: empty filters are left out; a range typed backwards is read the way it was meant. */
export function auditInput(filters: Filters, cursor?: string | null): AuditInput {
  const input: AuditInput = {}
  const action = filters.action.trim()
  if (action) input.action = action
  if (filters.actor) input.actor = filters.actor
  let { from, to } = filters
  if (from && to && from > to) [from, to] = [to, from]
  if (from) input.from = from
  if (to) input.to = to
  if (cursor) input.cursor = cursor
  return input
}

export interface Change {
  field: string
  before: string
  after: string
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatTime(value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * The fields an entry changed, each as before → after. A whole record added (before null) or removed (after null)
 * lists its fields with an empty side.
 */
export function describeChange(before: unknown, after: unknown): Change[] {
  const asRecord = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : value === null || value === undefined ? {} : { value }
  const b = asRecord(before)
  const a = asRecord(after)
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return fields
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((change) => change.before !== change.after)
}

/** Accounts deleted under PIPL Art. 47 leave their audit entries under an anonymous actor (account.delete). */
export function isDeletedActor(actor: string): boolean {
  return actor.startsWith('deleted-')
}
