import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { cloneDoc, idKey, parseEjson, stringifyEjson, type Doc } from './ejson'

/**
 * The committed state of the database: every collection in SQLite (WAL, written through on every commit) and in
 * memory, plus just enough history for snapshot reads.
 *
 * Each commit gets the next sequence number. A transaction remembers the number current when it started (its
 * snapshot); while any snapshot is open, a commit keeps the version it replaced, so `readAt(…, snapshot)` can answer
 * with what was committed at that moment, and `lastWrite` tells whether a document was written after it.
 */
export interface Write {
  collection: string
  id: unknown
  /** null removes the document. */
  doc: Doc | null
}

/** The committed state at one moment (tests: put the database back, or list what changed since). */
export interface StoreCheckpoint {
  readonly sequence: number
  readonly collections: ReadonlyMap<string, ReadonlyMap<string, Doc>>
  readonly outboxSeq: number
  /** The subscribe-message acceptances left, `openid\u0000templateId` → count. */
  readonly subscriptions: ReadonlyMap<string, number>
}

/** How many more times one person may be sent one template (one-time subscribe messages). */
export interface SubscriptionBalance {
  openid: string
  templateId: string
  count: number
}

/** A document that differs from a checkpoint: before and after (null = absent). */
export interface Change {
  collection: string
  id: unknown
  before: Doc | null
  after: Doc | null
}

interface Replaced {
  /** The sequence number of the commit that replaced this version. */
  until: number
  doc: Doc | null
}

export class DocumentStore {
  private readonly sqlite: Database.Database
  private readonly collections = new Map<string, Map<string, Doc>>()
  private readonly history = new Map<string, Replaced[]>()
  private readonly lastWrite = new Map<string, number>()
  private readonly snapshots = new Map<number, number>()
  private sequence = 0
  /** While a checkpoint exists: every commit's sequence number and the documents it wrote. */
  private journal: { sequence: number; collection: string; key: string }[] | null = null

  /**
   * `exclusive` (default true for a file): hold SQLite's exclusive lock while open. The in-memory copy is only right
   * while this process is the file's sole writer, so a second process opening the same file fails at once ("database
   * is locked") instead of reading a stale view or overwriting writes. The OS releases the lock when the process dies.
   */
  constructor(file: string, options: { exclusive?: boolean; lockTimeoutMs?: number } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.sqlite = new Database(file, { timeout: options.lockTimeoutMs ?? 2000 })
    try {
      this.sqlite.pragma('journal_mode = WAL')
      this.sqlite.pragma('synchronous = NORMAL')
      if (file !== ':memory:' && options.exclusive !== false) {
        this.sqlite.pragma('locking_mode = EXCLUSIVE')
        this.sqlite.exec('BEGIN EXCLUSIVE; COMMIT;')
      }
    } catch (error) {
      this.sqlite.close()
      throw new Error(`cannot open the local database ${file}: ${(error as Error).message} (is another process using this data folder?)`)
    }
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection, key));
      CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS subscriptions (openid TEXT NOT NULL, template TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (openid, template));
    `)
    for (const { name } of this.sqlite.prepare('SELECT name FROM collections').all() as { name: string }[]) this.collections.set(name, new Map())
    const rows = this.sqlite.prepare('SELECT collection, key, body FROM documents ORDER BY rowid').all() as { collection: string; key: string; body: string }[]
    for (const row of rows) this.collections.get(row.collection)?.set(row.key, parseEjson(row.body) as Doc)
  }

  close(): void {
    this.sqlite.close()
  }

  get currentSequence(): number {
    return this.sequence
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  addCollection(name: string): void {
    this.sqlite.prepare('INSERT INTO collections (name) VALUES (?)').run(name)
    this.collections.set(name, new Map())
  }

  /** The committed documents of a collection, in insertion order. Callers must not mutate them. */
  documents(collection: string): Doc[] {
    return [...(this.collections.get(collection)?.values() ?? [])]
  }

  get(collection: string, id: unknown): Doc | null {
    return this.collections.get(collection)?.get(idKey(id)) ?? null
  }

  /** What was committed for this document when `snapshot` was taken. */
  readAt(collection: string, id: unknown, snapshot: number): Doc | null {
    const key = `${collection}\u0000${idKey(id)}`
    if ((this.lastWrite.get(key) ?? 0) <= snapshot) return this.get(collection, id)
    const replaced = this.history.get(key) ?? []
    const version = replaced.find((entry) => entry.until > snapshot)
    return version ? version.doc : this.get(collection, id)
  }

  /** The sequence number of the last commit that wrote (or removed) this document, if one is still remembered. */
  lastWriteOf(collection: string, id: unknown): number {
    return this.lastWrite.get(`${collection}\u0000${idKey(id)}`) ?? 0
  }

  openSnapshot(): number {
    this.snapshots.set(this.sequence, (this.snapshots.get(this.sequence) ?? 0) + 1)
    return this.sequence
  }

  releaseSnapshot(snapshot: number): void {
    const left = (this.snapshots.get(snapshot) ?? 1) - 1
    if (left > 0) this.snapshots.set(snapshot, left)
    else this.snapshots.delete(snapshot)
    this.forgetUnneededHistory()
  }

  /** Applies the writes atomically (one SQLite transaction) and returns their commit's sequence number. */
  commit(writes: Write[]): number {
    if (writes.length === 0) return this.sequence
    const upsert = this.sqlite.prepare(
      'INSERT INTO documents (collection, key, body) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body',
    )
    const remove = this.sqlite.prepare('DELETE FROM documents WHERE collection = ? AND key = ?')
    this.sqlite.transaction(() => {
      for (const write of writes) {
        if (write.doc) upsert.run(write.collection, idKey(write.id), stringifyEjson(write.doc))
        else remove.run(write.collection, idKey(write.id))
      }
    })()
    const sequence = ++this.sequence
    const keepHistory = this.snapshots.size > 0
    for (const write of writes) {
      const docs = this.collections.get(write.collection)
      if (!docs) throw new Error(`commit into missing collection ${write.collection}`)
      const key = idKey(write.id)
      this.journal?.push({ sequence, collection: write.collection, key })
      const fullKey = `${write.collection}\u0000${key}`
      if (keepHistory) {
        const list = this.history.get(fullKey) ?? []
        list.push({ until: sequence, doc: docs.get(key) ?? null })
        this.history.set(fullKey, list)
        this.lastWrite.set(fullKey, sequence)
      }
      if (write.doc) docs.set(key, cloneDoc(write.doc))
      else docs.delete(key)
    }
    return sequence
  }

  /** The committed state now. Documents are shared, not copied: the store never mutates one it has committed. */
  checkpoint(): StoreCheckpoint {
    this.journal ??= []
    const collections = new Map([...this.collections].map(([name, docs]) => [name, new Map(docs)]))
    const row = this.sqlite.prepare('SELECT MAX(seq) AS seq FROM outbox').get() as { seq: number | null }
    const subscriptions = new Map(this.subscriptions().map(({ openid, templateId, count }) => [`${openid}\u0000${templateId}`, count]))
    return { sequence: this.sequence, collections, outboxSeq: row.seq ?? 0, subscriptions }
  }

  /** Every document written since the checkpoint whose committed value differs from the checkpoint's. */
  changesSince(checkpoint: StoreCheckpoint): Change[] {
    const changes: Change[] = []
    for (const { collection, key } of this.writtenSince(checkpoint)) {
      const before = checkpoint.collections.get(collection)?.get(key) ?? null
      const after = this.collections.get(collection)?.get(key) ?? null
      if (before === after || (before && after && stringifyEjson(before) === stringifyEjson(after))) continue
      changes.push({ collection, id: (before ?? after)?._id, before, after })
    }
    return changes
  }

  /** Puts back every document written since the checkpoint, and the outbox, in one commit. */
  rollback(checkpoint: StoreCheckpoint): void {
    const writes = this.changesSince(checkpoint).map(({ collection, id, before }) => ({ collection, id, doc: before }))
    this.commit(writes)
    this.sqlite.prepare('DELETE FROM outbox WHERE seq > ?').run(checkpoint.outboxSeq)
    const insert = this.sqlite.prepare('INSERT INTO subscriptions (openid, template, count) VALUES (?, ?, ?)')
    this.sqlite.transaction(() => {
      this.sqlite.exec('DELETE FROM subscriptions')
      for (const [key, count] of checkpoint.subscriptions) insert.run(...key.split('\u0000'), count)
    })()
    // The state is the checkpoint's again: what differs from it later was written after now.
    this.restored.set(checkpoint, this.sequence)
  }

  /** The sequence number at which the state last equalled a checkpoint (its own, or a rollback to it). */
  private readonly restored = new WeakMap<StoreCheckpoint, number>()

  private writtenSince(checkpoint: StoreCheckpoint): { collection: string; key: string }[] {
    if (!this.journal) throw new Error('no checkpoint was taken')
    const since = Math.max(checkpoint.sequence, this.restored.get(checkpoint) ?? 0)
    // The journal is in sequence order: find the first entry after `since`, and read on from there.
    let low = 0
    let high = this.journal.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.journal[middle].sequence > since) high = middle
      else low = middle + 1
    }
    const seen = new Map<string, { collection: string; key: string }>()
    for (let index = low; index < this.journal.length; index++) {
      const entry = this.journal[index]
      seen.set(`${entry.collection}\u0000${entry.key}`, entry)
    }
    return [...seen.values()]
  }

  /** Drops every document, the outbox and the subscription ledger, keeping the collections (re-seeding a local runtime). */
  clear(): void {
    this.sqlite.exec('DELETE FROM documents; DELETE FROM outbox; DELETE FROM subscriptions;')
    for (const docs of this.collections.values()) docs.clear()
    this.history.clear()
    this.lastWrite.clear()
  }

  /** What the openapi emulation sent (subscribe messages, content checks), oldest first: durable like the documents. */
  appendOutbox(entry: Doc): void {
    this.sqlite.prepare('INSERT INTO outbox (body) VALUES (?)').run(stringifyEjson(entry))
  }

  outbox(): Doc[] {
    return (this.sqlite.prepare('SELECT body FROM outbox ORDER BY seq').all() as { body: string }[]).map((row) => parseEjson(row.body) as Doc)
  }

  clearOutbox(): void {
    this.sqlite.prepare('DELETE FROM outbox').run()
  }

  /** One more send of `templateId` to `openid` allowed (the person tapped 允许 once more): durable like the outbox. */
  acceptSubscription(openid: string, templateId: string): void {
    this.sqlite
      .prepare('INSERT INTO subscriptions (openid, template, count) VALUES (?, ?, 1) ON CONFLICT (openid, template) DO UPDATE SET count = count + 1')
      .run(openid, templateId)
  }

  /** Uses one acceptance; false (and nothing changes) when none is left. */
  useSubscription(openid: string, templateId: string): boolean {
    return this.sqlite.prepare('UPDATE subscriptions SET count = count - 1 WHERE openid = ? AND template = ? AND count > 0').run(openid, templateId).changes === 1
  }

  /** The acceptances left (rows used up to 0 stay, at 0). */
  subscriptions(openid?: string): SubscriptionBalance[] {
    const rows = (
      openid === undefined
        ? this.sqlite.prepare('SELECT openid, template, count FROM subscriptions ORDER BY openid, template').all()
        : this.sqlite.prepare('SELECT openid, template, count FROM subscriptions WHERE openid = ? ORDER BY template').all(openid)
    ) as { openid: string; template: string; count: number }[]
    return rows.map((row) => ({ openid: row.openid, templateId: row.template, count: row.count }))
  }

  /** A version replaced at or before the oldest open snapshot can never be read again. */
  private forgetUnneededHistory(): void {
    if (this.snapshots.size === 0) {
      this.history.clear()
      this.lastWrite.clear()
      return
    }
    const oldest = Math.min(...this.snapshots.keys())
    for (const [key, list] of this.history) {
      const kept = list.filter((entry) => entry.until > oldest)
      if (kept.length === 0) this.history.delete(key)
      else this.history.set(key, kept)
    }
    for (const [key, sequence] of this.lastWrite) if (sequence <= oldest) this.lastWrite.delete(key)
  }
}
