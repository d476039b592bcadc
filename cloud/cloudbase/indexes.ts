import fs from 'node:fs'
import type { Doc } from './ejson'
import { CloudBaseError } from './errors'

/**
 * Declared indexes (cloud/indexes.json) and the check the local server makes against them. In the cloud a query that
 * no index serves scans the collection: slow, and past the time limit it fails. Here a query's shape — the fields of
 * its `where` plus those of its `orderBy` — must be covered by a declared index: an index covers a shape when the
 * shape's fields are exactly the index's first fields (in any order), as MongoDB uses a compound index's prefix. A
 * query naming `_id` is served by `_id`'s index; one with no fields at all (a whole small collection) needs none.
 */
export interface IndexSpec {
  name: string
  /** Field paths in index order, each 1 (ascending) or -1 (descending). */
  keys: Readonly<Record<string, 1 | -1>>
  unique?: boolean
}

export type DeclaredIndexes = Readonly<Record<string, readonly IndexSpec[]>>

export interface IndexCheckOptions {
  declared: DeclaredIndexes
  /** `refuse` (tests): answer DATABASE_REQUEST_FAILED; `log` (`npm start`): warn once per shape and answer. */
  onMissing: 'refuse' | 'log'
  log?: (message: string) => void
}

export function readIndexes(file: string): DeclaredIndexes {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  const out: Record<string, IndexSpec[]> = {}
  for (const [collection, list] of Object.entries(parsed)) {
    if (collection.startsWith('$')) continue
    out[collection] = list as IndexSpec[]
  }
  return out
}

/** The field paths a query and its order use (`$and`/`$or`/`$nor` branches included; operators are not fields). */
export function queryShape(query: Doc, order?: Readonly<Record<string, unknown>>): string[] {
  const fields = new Set<string>()
  const walk = (node: unknown, prefix: string): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return
    for (const [key, value] of Object.entries(node as Doc)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (Array.isArray(value)) for (const branch of value) walk(branch, prefix)
        continue
      }
      if (key.startsWith('$')) continue
      const field = prefix ? `${prefix}.${key}` : key
      const isPlainObject = value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      const keys = isPlainObject ? Object.keys(value as Doc) : []
      if (isPlainObject && keys.length > 0 && keys.every((k) => !k.startsWith('$'))) walk(value, field)
      else fields.add(field)
    }
  }
  walk(query, '')
  for (const field of Object.keys(order ?? {})) fields.add(field)
  return [...fields].sort()
}

export function covers(index: IndexSpec, shape: readonly string[]): boolean {
  const keys = Object.keys(index.keys)
  if (shape.length === 0 || shape.length > keys.length) return false
  const prefix = new Set(keys.slice(0, shape.length))
  return shape.every((field) => prefix.has(field))
}

export class IndexCheck {
  private readonly logged = new Set<string>()

  constructor(private readonly options: IndexCheckOptions) {}

  /** Throws (refuse) or logs when no declared index covers the query's shape. */
  check(collection: string, query: Doc, order?: Readonly<Record<string, unknown>>): void {
    const shape = queryShape(query, order)
    if (shape.length === 0) return
    // `_id` has its own unique index: a query naming it (a conditional update `where({ _id, … })`) is served by it.
    if (shape.includes('_id')) return
    const declared = this.options.declared[collection] ?? []
    if (declared.some((index) => covers(index, shape))) return
    const message = `no index on ${collection} covers the query shape [${shape.join(', ')}]: declare one in cloud/indexes.json`
    if (this.options.onMissing === 'refuse') throw new CloudBaseError('DATABASE_REQUEST_FAILED', message)
    const key = `${collection}:${shape.join(',')}`
    if (this.logged.has(key)) return
    this.logged.add(key)
    ;(this.options.log ?? ((text: string) => console.warn(`[cloudbase] ${text}`)))(message)
  }
}
