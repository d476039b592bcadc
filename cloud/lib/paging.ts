import { AppError } from '../contracts/envelope'
import type { LogicCommand, WhereCondition } from '../types/database'
import type { Ctx } from './router'

/**
 * Keyset paging: a page starts after the last row of the page before — its sort key and `_id` — never after a count
 * of rows skipped. A list that gains or loses rows while someone pages it (a review queue, the audit log, a building's
 * residents) then neither repeats nor skips a row, and page 200 costs what page 1 costs.
 *
 * The cursor is the last row's key and id as base64url JSON: opaque to the app, which hands `next` back unchanged.
 */
export interface Keyset {
  /** The sort field: a Date, a number or a string in every row. */
  field: string
  direction: 'asc' | 'desc'
  /** Ties on the field are broken by `_id`, in this direction. */
  idDirection: 'asc' | 'desc'
}

type KeyValue = string | number | { d: number }

const BAD_CURSOR = () => new AppError('INVALID_INPUT', '分页位置不正确，请从第一页重新加载', 'cursor')

function encode(value: unknown): KeyValue {
  if (value instanceof Date) return { d: value.getTime() }
  if (typeof value === 'number' || typeof value === 'string') return value
  // A row without the field sorts first; it would be read again here, so refuse to page past it silently.
  throw new AppError('INTERNAL', '分页字段缺失')
}

function decode(value: unknown): Date | number | string {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { d?: unknown }).d === 'number') {
    const at = new Date((value as { d: number }).d)
    if (!Number.isNaN(at.getTime())) return at
  }
  throw BAD_CURSOR()
}

export function cursorOf(row: Record<string, unknown>, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([encode(row[keyset.field]), String(row._id)])).toString('base64url')
}

/** The condition "after this cursor" in the keyset's order, or null for the first page. */
export function afterCursor(ctx: Ctx, keyset: Keyset, cursor: string | undefined | null): WhereCondition | null {
  if (!cursor) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw BAD_CURSOR()
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || !parsed[1]) throw BAD_CURSOR()
  const value = decode(parsed[0])
  const id = parsed[1]
  const _ = ctx.db.command
  const beyond = (direction: 'asc' | 'desc', of: unknown) => (direction === 'asc' ? _.gt(of) : _.lt(of))
  return _.or([{ [keyset.field]: beyond(keyset.direction, value) }, { [keyset.field]: value, _id: beyond(keyset.idDirection, id) }])
}

/**
 * One page of `collection` where `where` holds, in the keyset's order, after `cursor`. Reads one row more than the
 * page to know whether another page follows, without counting.
 */
export async function keysetPage<T extends { _id: string }>(
  ctx: Ctx,
  collection: string,
  where: Record<string, unknown>,
  keyset: Keyset,
  cursor: string | undefined | null,
  size: number,
  fields?: Record<string, boolean>,
): Promise<{ items: T[]; next: string | null }> {
  const position = afterCursor(ctx, keyset, cursor)
  const condition = position ? ctx.db.command.and([where, position as LogicCommand]) : where
  let query = ctx.db.collection(collection).where(condition)
  if (fields) query = query.field({ ...fields, [keyset.field]: true })
  const { data } = await query.orderBy(keyset.field, keyset.direction).orderBy('_id', keyset.idDirection).limit(size + 1).get()
  const rows = data as unknown as T[]
  const items = rows.slice(0, size)
  return { items, next: rows.length > size ? cursorOf(items[items.length - 1] as unknown as Record<string, unknown>, keyset) : null }
}
