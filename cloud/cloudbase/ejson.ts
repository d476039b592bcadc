import { EJSON } from 'bson'

/**
 * MongoDB extended JSON, as the SDK speaks it. @cloudbase/database sends every query, update, document and stage as
 * `EJSON.stringify(value, { relaxed: false })` (`{"$numberInt":"1"}`, `{"$date":{"$numberLong":"…"}}`) and parses
 * each document it gets back with `EJSON.parse`. We store documents in the same canonical form, so a Date stays a
 * Date and a number keeps its type through a round trip.
 */
export type Doc = Record<string, unknown>

/** `db.serverDate({ offset })` arrives as `{"$tcb_server_date":{"offset":…}}`: the server fills in its own clock. */
function fillServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => fillServerDates(item, now))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>
    const marker = record.$tcb_server_date
    if (marker && typeof marker === 'object' && Object.keys(record).length === 1) {
      const offset = Number((marker as { offset?: unknown }).offset ?? 0)
      return new Date(now + (Number.isFinite(offset) ? offset : 0))
    }
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(record)) out[key] = fillServerDates(item, now)
    return out
  }
  return value
}

/** Parses one extended-JSON string from the SDK into plain values (numbers, Dates, ObjectIds, RegExps). */
export function parseEjson(text: string, now = Date.now()): unknown {
  return fillServerDates(EJSON.parse(text, { relaxed: true }), now)
}

export function stringifyEjson(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false })
}

/** A deep copy that keeps Dates, ObjectIds and RegExps (what a stored document may hold). */
export function cloneDoc<T>(value: T): T {
  return EJSON.parse(EJSON.stringify(value as Doc, { relaxed: false }), { relaxed: true }) as T
}

/** The key a document is kept under. `_id` is a string for every document the SDK makes; numbers are allowed by doc(). */
export function idKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${stringifyEjson({ id })}`
}
