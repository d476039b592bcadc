import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { cloneDoc, isPlainObject, type Doc } from './values'

/** One write, as `applyBatch` takes them. The store keeps its own copy of `doc` (what it wrote to SQLite, decoded). */
export type Write = { op: 'put'; coll: string; doc: Doc } | { op: 'delete'; coll: string; id: string }

export interface DocStoreOptions {
  /**
   * Hold SQLite's exclusive lock for as long as the store is open (default true). The in-memory cache is only
   * correct while this process is the sole writer, so a second process opening the same file should fail loudly
   * ("database is locked") rather than read a stale view or have its writes overwritten.
   */
  exclusive?: boolean
  /** How long to wait for another process to release the file before failing (default 2000 ms). */
  lockTimeoutMs?: number
}

interface CachedCollection {
  /** Insertion order (a Map keeps a replaced key in place, as the SQLite upsert keeps its rowid). */
  docs: Map<string, Doc>
  /**
   * Store-wide write sequence number of each id's latest write, kept after deletes too, so a transaction can tell
   * whether a document it read (or found missing) was written since. Never persisted: transactions live in one process.
   */
  versions: Map<string, number>
}

export class DuplicateKeyError extends Error {}

/** Dates are stored as `{"$date": ms}`; no user key may start with `$`, so this can never collide with data. */
function encode(doc: Doc): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
    // JSON.stringify has already called Date#toJSON on `value`; the holder still has the Date itself.
    const original = this[key]
    return original instanceof Date ? { $date: original.getTime() } : value
  })
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i])
    return value
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'number') return new Date(value.$date)
    for (const key of keys) value[key] = revive(value[key])
  }
  return value
}

function decode(text: string): Doc {
  return revive(JSON.parse(text)) as Doc
}

/**
 * Documents in one SQLite table, with a parsed cache of each collection in memory.
 *
 * Why the cache is safe: exactly one process (the local runtime, or one test) owns a data file at a time — enforced
 * by the exclusive lock above — and every write goes through this object, which writes SQLite first and then the
 * cache. So the cache is never older than the file, and queries can scan plain objects instead of re-parsing JSON.
 *
 * Durability: each write is its own SQLite transaction (or one per `applyBatch`) in WAL mode with
 * `synchronous=NORMAL`: once a call returns, the write survives the process being killed (an OS crash or power
 * loss may still lose the last moments, which is acceptable for local development).
 */
export class DocStore {
  private readonly db: Database.Database
  private readonly cache = new Map<string, CachedCollection>()
  private sequence = 0
  private readonly upsertStmt: Database.Statement<[string, string, string]>
  private readonly deleteStmt: Database.Statement<[string, string]>
  private readonly loadStmt: Database.Statement<[string], { id: string; data: string }>
  private readonly batch: (writes: readonly Write[], encoded: (string | null)[]) => void

  constructor(file: string | ':memory:', options: DocStoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file, { timeout: options.lockTimeoutMs ?? 2000 })
    try {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
      if (options.exclusive !== false && file !== ':memory:') {
        this.db.pragma('locking_mode = EXCLUSIVE')
        // Take the lock now, so a second process fails at open rather than at its first query.
        this.db.exec('BEGIN EXCLUSIVE; COMMIT;')
      }
      this.db.exec('CREATE TABLE IF NOT EXISTS docs (coll TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (coll, id))')
    } catch (error) {
      this.db.close()
      throw new Error(`cannot open the local database ${file}: ${(error as Error).message} (is another runtime using this data folder?)`)
    }
    // ON CONFLICT ... DO UPDATE keeps the row's rowid, and so its place in insertion order (INSERT OR REPLACE would not).
    this.upsertStmt = this.db.prepare('INSERT INTO docs (coll, id, data) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET data = excluded.data')
    this.deleteStmt = this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?')
    this.loadStmt = this.db.prepare('SELECT id, data FROM docs WHERE coll = ? ORDER BY rowid')
    this.batch = this.db.transaction((writes: readonly Write[], encoded: (string | null)[]) => {
      writes.forEach((write, i) => {
        if (write.op === 'put') this.upsertStmt.run(write.coll, write.doc._id, encoded[i] as string)
        else this.deleteStmt.run(write.coll, write.id)
      })
    })
  }

  private collection(coll: string): CachedCollection {
    let cached = this.cache.get(coll)
    if (!cached) {
      const docs = new Map<string, Doc>()
      for (const row of this.loadStmt.iterate(coll)) docs.set(row.id, decode(row.data))
      cached = { docs, versions: new Map() }
      this.cache.set(coll, cached)
    }
    return cached
  }

  /** The stored document itself, not a copy: callers must not mutate it (the API layer copies before returning). */
  get(coll: string, id: string): Doc | undefined {
    return this.collection(coll).docs.get(id)
  }

  has(coll: string, id: string): boolean {
    return this.collection(coll).docs.has(id)
  }

  /** Documents in insertion order; the same no-mutation rule as `get`. Don't write to the collection while iterating. */
  docs(coll: string): IterableIterator<Doc> {
    return this.collection(coll).docs.values()
  }

  size(coll: string): number {
    return this.collection(coll).docs.size
  }

  /** 0 for an id never written in this process; otherwise grows on every write (including deletes) of that id. */
  version(coll: string, id: string): number {
    return this.collection(coll).versions.get(id) ?? 0
  }

  /** Writes applied so far (each put or delete, and each document dropAll removed): equal before and after a call, it wrote nothing. */
  get writeCount(): number {
    return this.sequence
  }

  /** The documents written or deleted after write number `since` (a past writeCount): what a call touched. */
  changedSince(since: number): { coll: string; id: string }[] {
    const out: { coll: string; id: string }[] = []
    for (const [coll, cached] of this.cache) {
      for (const [id, version] of cached.versions) if (version > since) out.push({ coll, id })
    }
    return out
  }

  /** Adds a new document; throws DuplicateKeyError if the id exists. */
  insert(coll: string, doc: Doc): void {
    if (this.has(coll, doc._id)) throw new DuplicateKeyError(`E11000 duplicate key error collection: ${coll} dup key: { _id: ${JSON.stringify(doc._id)} }`)
    this.put(coll, doc)
  }

  /** Inserts or replaces. */
  put(coll: string, doc: Doc): void {
    this.applyBatch([{ op: 'put', coll, doc }])
  }

  delete(coll: string, id: string): boolean {
    if (!this.has(coll, id)) return false
    this.applyBatch([{ op: 'delete', coll, id }])
    return true
  }

  /** Applies all writes in ONE SQLite transaction; the cache changes only after SQLite committed. */
  applyBatch(writes: readonly Write[]): void {
    if (writes.length === 0) return
    for (const write of writes) {
      if (write.op === 'put' && (typeof write.doc._id !== 'string' || write.doc._id === '')) throw new Error('a stored document needs a non-empty string _id')
    }
    // Encode before touching SQLite, so a value JSON cannot take fails before anything is written.
    const encoded = writes.map((write) => (write.op === 'put' ? encode(write.doc) : null))
    if (writes.length === 1) {
      const [write] = writes
      if (write.op === 'put') this.upsertStmt.run(write.coll, write.doc._id, encoded[0] as string)
      else this.deleteStmt.run(write.coll, write.id)
    } else {
      this.batch(writes, encoded)
    }
    writes.forEach((write, i) => {
      const cached = this.collection(write.coll)
      const id = write.op === 'put' ? write.doc._id : write.id
      // Cache exactly what SQLite now holds (decoded from the same text), so the cache can never disagree with the
      // file, and a caller still holding `write.doc` cannot change stored data by mutating it.
      if (write.op === 'put') cached.docs.set(id, decode(encoded[i] as string))
      else cached.docs.delete(id)
      cached.versions.set(id, ++this.sequence)
    })
  }

  /** Names of collections that hold at least one document. */
  collections(): string[] {
    const names = new Set(this.db.prepare<[], { coll: string }>('SELECT DISTINCT coll FROM docs').all().map((row) => row.coll))
    return [...names].sort()
  }

  /** Deletes every document of every collection (for re-seeding). */
  dropAll(): void {
    this.db.exec('DELETE FROM docs')
    for (const cached of this.cache.values()) {
      for (const id of cached.docs.keys()) cached.versions.set(id, ++this.sequence)
      cached.docs.clear()
    }
  }

  /** A deep copy of a whole collection, for tooling and tests. */
  dump(coll: string): Doc[] {
    return [...this.docs(coll)].map(cloneDoc)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
