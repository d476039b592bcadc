/**
 * Value helpers shared by the store, the matcher and the API: what a stored value may be, how it is copied,
 * compared for equality and ordered. The rules follow MongoDB, which the cloud database runs on.
 */

/** A stored document: JSON values plus Date, always with a string `_id`. */
export interface Doc {
  _id: string
  [field: string]: unknown
}

export type PlainObject = Record<string, unknown>

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Deep copy of a stored value (JSON values and Dates only, which is all the store ever holds). */
export function cloneValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (Array.isArray(value)) return value.map(cloneValue) as T
  const out: PlainObject = {}
  for (const key of Object.keys(value)) out[key] = cloneValue((value as PlainObject)[key])
  return out as T
}

export function cloneDoc(doc: Doc): Doc {
  return cloneValue(doc)
}

/**
 * BSON equality as MongoDB applies it: Dates by instant, arrays element-wise, and embedded documents field by field
 * *in order* — `{a: 1, b: 2}` does not equal `{b: 2, a: 1}` in the cloud database either.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false
    return true
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false
    if (!deepEqual((a as PlainObject)[ka[i]], (b as PlainObject)[kb[i]])) return false
  }
  return true
}

/** MongoDB's cross-type sort order (missing and null first, then numbers, strings, objects, arrays, booleans, dates). */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  if (value instanceof Date) return 9
  if (Array.isArray(value)) return 5
  if (typeof value === 'boolean') return 8
  return 4
}

/** Total order over stored values, used by orderBy, aggregate sort and $max/$min. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
    case 3:
      // Strings compare by UTF-16 code unit, like MongoDB without a collation (not localeCompare).
      return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    case 5: {
      const xa = a as unknown[]
      const xb = b as unknown[]
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i])
        if (c !== 0) return c
      }
      return xa.length - xb.length
    }
    default: {
      const ea = Object.entries(a as PlainObject)
      const eb = Object.entries(b as PlainObject)
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const c = compareValues(ea[i][1], eb[i][1])
        if (c !== 0) return c
        if (ea[i][0] !== eb[i][0]) return ea[i][0] < eb[i][0] ? -1 : 1
      }
      return ea.length - eb.length
    }
  }
}

/** Describes a value in an error message without dumping a whole document. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol' || typeof value === 'bigint') return `a ${typeof value}`
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isPlainObject(value)) {
    return `an instance of ${(value as object).constructor?.name ?? 'an unknown class'}`
  }
  try {
    const text = JSON.stringify(value)
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return String(value)
  }
}
