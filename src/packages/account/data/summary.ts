/**
 * 我的数据 in plain words: what the export holds, kind by kind, with how many records and which fields.
 * The export is the server's own dump (account.exportMyData), so new kinds appear here without a client change.
 */

/** Kinds we can name, in the order a person thinks of them; anything else is listed after, under its own name. */
export const KNOWN_KINDS = [
  'users',
  'consents',
  'residencies',
  'roles',
  'party_households',
  'pledges',
  'fulfilments',
  'bookings',
  'signups',
  'service_hours',
  'health_readings',
  'invite_attempts',
  'audit_log',
] as const
export type KnownKind = (typeof KNOWN_KINDS)[number]

/** Fields we can name; the rest are shown as stored. */
export const KNOWN_FIELDS = [
  'nickname',
  'avatarUrl',
  'avatarFileId',
  'locale',
  'elderMode',
  'createdAt',
  'purpose',
  'granted',
  'version',
  'at',
  'history',
  'role',
  'scope',
  'grantedAt',
  'householdId',
  'buildingId',
  'status',
  'via',
  'requestedAt',
  'decidedAt',
  'failures',
  'action',
  'target',
  'before',
  'after',
] as const
export type KnownField = (typeof KNOWN_FIELDS)[number]

/** Bookkeeping that says nothing about the person beyond what the other fields already say. */
const HIDDEN_FIELDS = new Set(['_id', '_openid', 'openid', 'actor', 'fn', 'areaId', 'grantedBy', 'decidedBy'])

export const MAX_FIELDS = 8

export type KindSummary =
  | { known: true; kind: KnownKind; count: number; fields: Field[] }
  | { known: false; kind: string; count: number; fields: Field[] }

export type Field = { known: true; name: KnownField } | { known: false; name: string }

const isKnownKind = (kind: string): kind is KnownKind => (KNOWN_KINDS as readonly string[]).includes(kind)
const isKnownField = (name: string): name is KnownField => (KNOWN_FIELDS as readonly string[]).includes(name)

/** The fields the records use, first-seen order, without bookkeeping, at most MAX_FIELDS. */
export function fieldsOf(records: readonly unknown[]): Field[] {
  const names: string[] = []
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue
    for (const name of Object.keys(record)) if (!HIDDEN_FIELDS.has(name) && !names.includes(name)) names.push(name)
  }
  return names.slice(0, MAX_FIELDS).map((name) => (isKnownField(name) ? { known: true, name } : { known: false, name }))
}

/** Only kinds that hold something; known kinds first in their natural order, then the rest by name. */
export function summarize(data: Record<string, unknown[]>): KindSummary[] {
  const kinds = Object.keys(data).filter((kind) => Array.isArray(data[kind]) && data[kind].length > 0)
  const rank = (kind: string) => (isKnownKind(kind) ? KNOWN_KINDS.indexOf(kind) : KNOWN_KINDS.length)
  kinds.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  return kinds.map((kind) => {
    const records = data[kind]
    const base = { count: records.length, fields: fieldsOf(records) }
    return isKnownKind(kind) ? { known: true, kind, ...base } : { known: false, kind, ...base }
  })
}

export const EXPORT_FILE_NAME = 'linliting-my-data.json'

/** Indented, so that the file can be read by a person in any text viewer. */
export function exportJson(exported: { exportedAt: string; data: Record<string, unknown[]> }): string {
  return `${JSON.stringify({ app: '邻里亭 Linliting', ...exported }, null, 2)}\n`
}
