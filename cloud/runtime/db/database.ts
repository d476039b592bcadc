/**
 * The `cloud.database()` surface of wx-server-sdk, over a DocStore. Cloud functions are written against the real SDK;
 * locally they get this. Supported calls behave as in the cloud; everything else throws an Error that says
 * "not supported by the local runtime" — we never quietly do something the cloud would do differently.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import { AGGREGATE_DEFAULT_LIMIT, runPipeline, type Stage } from './aggregate'
import { createCommand, LogicCommand, QueryCommand, ServerDate, strictOperators, UnsupportedError, type Command } from './commands'
import { DuplicateKeyError, type DocStore, type Write } from './store'
import { compileProjection, compileSort, compileUpdate, compileWhere, documentData, project, type Projection, type SortKey } from './query'
import { cloneDoc, cloneValue, deepEqual, describe, isPlainObject, type Doc, type PlainObject } from './values'

// ---------------------------------------------------------------------------------------------------------------
// Public types

/** A condition object (`{ field: value | _.op(...) }`) or a top-level `_.and(...)` / `_.or(...)`. */
export type WhereCondition = Record<string, unknown> | LogicCommand
/**
 * Document data for add/set/update. Typed as `object` so that interface-typed documents are accepted (an interface
 * has no index signature); the runtime checks that it is a plain object of storable values.
 */
export type DocData = object

export interface GetResult {
  data: Doc[]
  errMsg: string
}
export interface DocumentGetResult {
  data: Doc
  errMsg: string
}
export interface CountResult {
  total: number
  errMsg: string
}
export interface UpdateResult {
  stats: { updated: number }
  errMsg: string
}
export interface RemoveResult {
  stats: { removed: number }
  errMsg: string
}
export interface AddResult {
  _id: string
  errMsg: string
}
export interface SetResult {
  _id: string
  stats: { updated: number; created: number }
  errMsg: string
}
export interface AggregateResult {
  /** Group stages produce any `_id` (null, numbers, objects), so list items are not typed as Doc. */
  list: PlainObject[]
  errMsg: string
}

export interface Query {
  where(condition: WhereCondition): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean | 0 | 1>): Query
  get(): Promise<GetResult>
  count(): Promise<CountResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface DocumentReference {
  readonly _id: string
  field(projection: Record<string, boolean | 0 | 1>): DocumentReference
  get(): Promise<DocumentGetResult>
  set(options: { data: DocData }): Promise<SetResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface CollectionReference extends Query {
  readonly collectionName: string
  doc(id: string): DocumentReference
  add(options: { data: DocData }): Promise<AddResult>
  aggregate(): Aggregate
}

export interface Aggregate {
  match(condition: WhereCondition): Aggregate
  group(spec: Record<string, unknown>): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  project(spec: Record<string, boolean | 0 | 1>): Aggregate
  count(field: string): Aggregate
  end(): Promise<AggregateResult>
}

export interface TransactionDocument {
  get(): Promise<DocumentGetResult>
  set(options: { data: DocData }): Promise<SetResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

/** Inside a transaction the cloud allows single-document operations and add only; the rest are typed `never`. */
export interface TransactionCollection {
  doc(id: string): TransactionDocument
  add(options: { data: DocData }): Promise<AddResult>
  where(...args: unknown[]): never
  get(...args: unknown[]): never
  count(...args: unknown[]): never
  update(...args: unknown[]): never
  remove(...args: unknown[]): never
  aggregate(...args: unknown[]): never
  orderBy(...args: unknown[]): never
  skip(...args: unknown[]): never
  limit(...args: unknown[]): never
  field(...args: unknown[]): never
}

export interface Transaction {
  collection(name: string): TransactionCollection
  /** Ends the transaction without writing; runTransaction then rejects with `reason` (not an Error: the value itself). */
  rollback(reason?: unknown): Promise<void>
}

export interface Database {
  readonly command: Command
  serverDate(options?: { offset?: number }): ServerDate
  collection(name: string): CollectionReference
  /**
   * Runs `callback` as one transaction and resolves with its return value. The callback runs at most `times` times
   * (the SDK's meaning: total attempts, default 3): it is re-run only when the commit finds a conflict.
   */
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
}

export interface DatabaseOptions {
  /** The database's clock, for db.serverDate(); tests pass a fixed one. */
  now?: () => Date
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** Like the SDK's errors: an Error whose message starts with the operation, e.g. "document.get:fail ...". */
export class DbError extends Error {
  readonly errMsg: string

  constructor(
    message: string,
    readonly errCode: number = -1,
  ) {
    super(message)
    this.name = 'DbError'
    this.errMsg = message
  }
}

const DUPLICATE_KEY_CODE = -502001

function failure(op: string, error: unknown): DbError {
  if (error instanceof DbError) return error
  if (error instanceof DuplicateKeyError) return new DbError(`${op}:fail ${DUPLICATE_KEY_CODE} ${error.message}`, DUPLICATE_KEY_CODE)
  return new DbError(`${op}:fail ${error instanceof Error ? error.message : String(error)}`)
}

/** Runs a synchronous operation as the SDK's async call: errors become rejections with the operation's prefix. */
async function perform<T>(op: string, body: () => T): Promise<T> {
  try {
    return body()
  } catch (error) {
    throw failure(op, error)
  }
}

function check(op: string, body: () => void): void {
  try {
    body()
  } catch (error) {
    throw failure(op, error)
  }
}

function unsupported(what: string): UnsupportedError {
  return new UnsupportedError(`${what} is not supported by the local runtime`)
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** Server-side limits of wx-server-sdk queries. */
export const DEFAULT_GET_LIMIT = 100
export const MAX_GET_LIMIT = 1000

function newId(): string {
  return randomBytes(16).toString('hex')
}

function checkDocId(id: unknown, op: string): string {
  if (typeof id !== 'string' || id === '') throw new DbError(`${op}:fail document _id must be a non-empty string, got ${describe(id)}`)
  return id
}

function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new DbError(`database.collection:fail invalid collection name ${describe(name)}`)
  }
  return name
}

function optionsData(options: unknown, op: string): unknown {
  if (!isPlainObject(options) || !('data' in options)) throw new Error(`${op} needs { data }`)
  const extra = Object.keys(options).filter((key) => key !== 'data')
  if (extra.length > 0) throw unsupported(`the option${extra.length > 1 ? 's' : ''} ${extra.join(', ')} of ${op}`)
  return options.data
}

function noArguments(args: unknown[], op: string): void {
  if (args.length > 0) throw unsupported(`arguments to ${op}() (callbacks or options)`)
}

/** Builds the document `add` writes: its own `_id` if it has one, else a 32-hex random id. */
function newDocument(data: unknown, now: Date): Doc {
  const body = documentData(data, now, 'add')
  const { _id: given, ...rest } = body
  if (given !== undefined && (typeof given !== 'string' || given === '')) throw new Error(`_id must be a non-empty string, got ${describe(given)}`)
  return { _id: (given as string | undefined) ?? newId(), ...rest }
}

/** Builds the document `set` writes; `data` may not carry `_id` (the reference names it). */
function replacementDocument(id: string, data: unknown, now: Date): Doc {
  const body = documentData(data, now, 'set')
  if ('_id' in body) throw new Error('data passed to set() must not contain _id')
  return { _id: id, ...body }
}

function applyProjection(doc: Doc, projection: Projection | undefined): Doc {
  return cloneValue(projection ? (project(doc, projection) as Doc) : doc)
}

function checkProjection(spec: unknown, op: string): Projection {
  try {
    return compileProjection(spec, 'field()', true)
  } catch (error) {
    throw failure(op, error)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Collection queries

interface QueryState {
  readonly where?: unknown
  readonly orders: readonly SortKey[]
  readonly skip?: number
  readonly limit?: number
  readonly projection?: Projection
}

class Context {
  readonly command = createCommand()
  private readonly transactions = new AsyncLocalStorage<true>()
  private tail: Promise<void> = Promise.resolve()

  constructor(
    readonly store: DocStore,
    readonly now: () => Date,
  ) {}

  /**
   * Runs transactions one at a time (an async mutex). The async context marks a transaction's callback, so a nested
   * runTransaction, which would wait for itself forever, is refused instead.
   */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (this.transactions.getStore()) throw new DbError('runTransaction:fail nested transactions are not supported by the local runtime')
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      return await this.transactions.run(true, task)
    } finally {
      release()
    }
  }
}

class QueryImpl implements Query {
  constructor(
    protected readonly ctx: Context,
    readonly collectionName: string,
    protected readonly state: QueryState,
  ) {}

  protected with(change: Partial<QueryState>): Query {
    return strictOperators<Query>(new QueryImpl(this.ctx, this.collectionName, { ...this.state, ...change }), 'query')
  }

  where(condition: WhereCondition): Query {
    if (this.state.where !== undefined) {
      throw new DbError('collection.where:fail calling where() twice is not supported by the local runtime; combine the conditions in one where() or with _.and')
    }
    // Validate now, so a bad condition fails where it is written; serverDate markers are resolved again at run time.
    check('collection.where', () => compileWhere(condition, this.ctx.now()))
    return this.with({ where: condition })
  }

  orderBy(field: string, order: 'asc' | 'desc'): Query {
    if (typeof field !== 'string' || field === '') throw new DbError(`collection.orderBy:fail field must be a non-empty string, got ${describe(field)}`)
    if (order !== 'asc' && order !== 'desc') throw new DbError(`collection.orderBy:fail order must be 'asc' or 'desc', got ${describe(order)}`)
    return this.with({ orders: [...this.state.orders, { path: field, direction: order === 'asc' ? 1 : -1 }] })
  }

  skip(n: number): Query {
    if (!Number.isInteger(n) || n < 0) throw new DbError(`collection.skip:fail skip must be a non-negative integer, got ${describe(n)}`)
    return this.with({ skip: n })
  }

  limit(n: number): Query {
    if (!Number.isInteger(n) || n < 1 || n > MAX_GET_LIMIT) {
      throw new DbError(`collection.limit:fail limit must be an integer from 1 to ${MAX_GET_LIMIT}, got ${describe(n)}`)
    }
    return this.with({ limit: n })
  }

  field(projection: Record<string, boolean | 0 | 1>): Query {
    return this.with({ projection: checkProjection(projection, 'collection.field') })
  }

  private predicate(): ((doc: Doc) => boolean) | null {
    return this.state.where === undefined ? null : compileWhere(this.state.where, this.ctx.now())
  }

  /**
   * The documents a query has to look at. A condition that pins `_id` to one string (the common
   * `where({ _id: id, ... })` guard) needs one map lookup instead of a scan; the predicate still runs on it.
   */
  private candidates(): Iterable<Doc> {
    const { where } = this.state
    if (isPlainObject(where)) {
      const id = where._id instanceof QueryCommand && where._id.op === 'eq' ? where._id.operand : where._id
      if (typeof id === 'string') {
        const doc = this.ctx.store.get(this.collectionName, id)
        return doc ? [doc] : []
      }
    }
    return this.ctx.store.docs(this.collectionName)
  }

  get(...args: unknown[]): Promise<GetResult> {
    return perform('collection.get', () => {
      noArguments(args, 'get')
      const predicate = this.predicate()
      const skip = this.state.skip ?? 0
      const limit = this.state.limit ?? DEFAULT_GET_LIMIT
      let found: Doc[] = []
      if (this.state.orders.length === 0) {
        // Insertion order: stop as soon as the page is full.
        let skipped = 0
        for (const doc of this.candidates()) {
          if (predicate && !predicate(doc)) continue
          if (skipped < skip) {
            skipped++
            continue
          }
          found.push(doc)
          if (found.length === limit) break
        }
      } else {
        const all = predicate ? [...this.candidates()].filter(predicate) : [...this.candidates()]
        found = all.sort(compileSort(this.state.orders)).slice(skip, skip + limit)
      }
      return { data: found.map((doc) => applyProjection(doc, this.state.projection)), errMsg: 'collection.get:ok' }
    })
  }

  count(...args: unknown[]): Promise<CountResult> {
    return perform('collection.count', () => {
      noArguments(args, 'count')
      if (this.state.skip !== undefined || this.state.limit !== undefined) throw unsupported('count() after skip()/limit()')
      const predicate = this.predicate()
      let total = 0
      if (!predicate) total = this.ctx.store.size(this.collectionName)
      else for (const doc of this.candidates()) if (predicate(doc)) total++
      return { total, errMsg: 'collection.count:ok' }
    })
  }

  /** Multi-document writes need where() and nothing else: the cloud would ignore orderBy/skip/limit and touch every match. */
  private writeTarget(op: string): (doc: Doc) => boolean {
    if (this.state.where === undefined) throw unsupported(`${op}() on a whole collection without where()`)
    if (this.state.orders.length > 0 || this.state.skip !== undefined || this.state.limit !== undefined || this.state.projection) {
      throw unsupported(`${op}() after orderBy()/skip()/limit()/field() (the cloud ignores them and writes every match)`)
    }
    return this.predicate() as (doc: Doc) => boolean
  }

  update(options: { data: DocData }): Promise<UpdateResult> {
    return perform('collection.update', () => {
      const predicate = this.writeTarget('update')
      const updater = compileUpdate(optionsData(options, 'update'), this.ctx.now())
      // All in one synchronous step and one SQLite transaction: no other operation can interleave, so a condition
      // such as `booked: _.lt(20)` is checked and the increment applied atomically, as the cloud does per document.
      const writes: Write[] = []
      for (const doc of this.candidates()) {
        if (!predicate(doc)) continue
        const next = updater(doc)
        if (next) writes.push({ op: 'put', coll: this.collectionName, doc: next })
      }
      this.ctx.store.applyBatch(writes)
      return { stats: { updated: writes.length }, errMsg: 'collection.update:ok' }
    })
  }

  remove(...args: unknown[]): Promise<RemoveResult> {
    return perform('collection.remove', () => {
      noArguments(args, 'remove')
      const predicate = this.writeTarget('remove')
      const writes: Write[] = []
      for (const doc of this.candidates()) {
        if (predicate(doc)) writes.push({ op: 'delete', coll: this.collectionName, id: doc._id })
      }
      this.ctx.store.applyBatch(writes)
      return { stats: { removed: writes.length }, errMsg: 'collection.remove:ok' }
    })
  }
}

class CollectionImpl extends QueryImpl implements CollectionReference {
  doc(id: string): DocumentReference {
    return strictOperators<DocumentReference>(new DocumentImpl(this.ctx, this.collectionName, checkDocId(id, 'collection.doc')), 'document')
  }

  add(options: { data: DocData }): Promise<AddResult> {
    return perform('collection.add', () => {
      const doc = newDocument(optionsData(options, 'add'), this.ctx.now())
      this.ctx.store.insert(this.collectionName, doc)
      return { _id: doc._id, errMsg: 'collection.add:ok' }
    })
  }

  aggregate(...args: unknown[]): Aggregate {
    if (args.length > 0) throw new DbError('collection.aggregate:fail passing a pipeline array is not supported by the local runtime; chain stages instead')
    return strictOperators<Aggregate>(new AggregateImpl(this.ctx, this.collectionName, []), 'aggregate')
  }
}

class DocumentImpl implements DocumentReference {
  constructor(
    private readonly ctx: Context,
    private readonly collectionName: string,
    readonly _id: string,
    private readonly projection?: Projection,
  ) {}

  field(projection: Record<string, boolean | 0 | 1>): DocumentReference {
    const compiled = checkProjection(projection, 'document.field')
    return strictOperators<DocumentReference>(new DocumentImpl(this.ctx, this.collectionName, this._id, compiled), 'document')
  }

  get(...args: unknown[]): Promise<DocumentGetResult> {
    return perform('document.get', () => {
      noArguments(args, 'get')
      const doc = this.ctx.store.get(this.collectionName, this._id)
      if (!doc) throw new DbError(`document.get:fail document with _id ${this._id} does not exist`)
      return { data: applyProjection(doc, this.projection), errMsg: 'document.get:ok' }
    })
  }

  set(options: { data: DocData }): Promise<SetResult> {
    return perform('document.set', () => {
      const doc = replacementDocument(this._id, optionsData(options, 'set'), this.ctx.now())
      const previous = this.ctx.store.get(this.collectionName, this._id)
      const changed = !previous || !deepEqual(previous, doc)
      if (changed) this.ctx.store.put(this.collectionName, doc)
      return { _id: this._id, stats: { updated: previous && changed ? 1 : 0, created: previous ? 0 : 1 }, errMsg: 'document.set:ok' }
    })
  }

  update(options: { data: DocData }): Promise<UpdateResult> {
    return perform('document.update', () => {
      const updater = compileUpdate(optionsData(options, 'update'), this.ctx.now())
      const previous = this.ctx.store.get(this.collectionName, this._id)
      const next = previous ? updater(previous) : null
      if (next) this.ctx.store.put(this.collectionName, next)
      return { stats: { updated: next ? 1 : 0 }, errMsg: 'document.update:ok' }
    })
  }

  remove(...args: unknown[]): Promise<RemoveResult> {
    return perform('document.remove', () => {
      noArguments(args, 'remove')
      return { stats: { removed: this.ctx.store.delete(this.collectionName, this._id) ? 1 : 0 }, errMsg: 'document.remove:ok' }
    })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Aggregate

class AggregateImpl implements Aggregate {
  constructor(
    private readonly ctx: Context,
    private readonly collectionName: string,
    private readonly stages: readonly Stage[],
  ) {}

  private then_(stage: Stage, validate: () => void): Aggregate {
    check(`aggregate.${stage.kind}`, validate)
    return strictOperators<Aggregate>(new AggregateImpl(this.ctx, this.collectionName, [...this.stages, stage]), 'aggregate')
  }

  match(condition: WhereCondition): Aggregate {
    return this.then_({ kind: 'match', where: condition }, () => compileWhere(condition, this.ctx.now()))
  }

  group(spec: Record<string, unknown>): Aggregate {
    const stage: Stage = { kind: 'group', spec }
    return this.then_(stage, () => {
      if (!isPlainObject(spec)) throw new Error(`group() needs an object, got ${describe(spec)}`)
      runPipeline([], [stage], this.ctx.now()) // compiles the accumulators: unsupported ones throw here
    })
  }

  sort(spec: Record<string, 1 | -1>): Aggregate {
    const keys: SortKey[] = []
    return this.then_({ kind: 'sort', keys }, () => {
      if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw new Error('sort() needs an object of field: 1 | -1')
      for (const [path, direction] of Object.entries(spec)) {
        if (direction !== 1 && direction !== -1) throw new Error(`sort() direction for "${path}" must be 1 or -1, got ${describe(direction)}`)
        keys.push({ path, direction })
      }
    })
  }

  skip(n: number): Aggregate {
    return this.then_({ kind: 'skip', n }, () => {
      if (!Number.isInteger(n) || n < 0) throw new Error(`skip must be a non-negative integer, got ${describe(n)}`)
    })
  }

  limit(n: number): Aggregate {
    return this.then_({ kind: 'limit', n }, () => {
      if (!Number.isInteger(n) || n < 1) throw new Error(`limit must be a positive integer, got ${describe(n)}`)
    })
  }

  project(spec: Record<string, boolean | 0 | 1>): Aggregate {
    return this.then_({ kind: 'project', spec }, () => compileProjection(spec, 'project()', false))
  }

  count(field: string): Aggregate {
    return this.then_({ kind: 'count', field }, () => {
      if (typeof field !== 'string' || field === '' || field.startsWith('$') || field.includes('.')) {
        throw new Error(`count() needs a field name without "$" or ".", got ${describe(field)}`)
      }
    })
  }

  end(...args: unknown[]): Promise<AggregateResult> {
    return perform('collection.aggregate', () => {
      noArguments(args, 'end')
      const list = runPipeline(this.ctx.store.docs(this.collectionName), this.stages, this.ctx.now())
      if (list.length > AGGREGATE_DEFAULT_LIMIT && !this.stages.some((stage) => stage.kind === 'limit')) {
        throw new Error(
          `this pipeline has no limit() stage and produced ${list.length} results; the cloud returns only ${AGGREGATE_DEFAULT_LIMIT} ` +
            'in that case, so add .limit(n) before .end()',
        )
      }
      return { list: list.map((item) => cloneValue(item as PlainObject)), errMsg: 'collection.aggregate:ok' }
    })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transactions

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`

class TransactionState {
  /** Version of each document at the moment the transaction first touched it. */
  private readonly versions = new Map<string, { coll: string; id: string; version: number }>()
  /** The document as it was at first touch (a stored object, never mutated), so re-reads are repeatable. */
  private readonly snapshot = new Map<string, Doc | null>()
  /** Pending writes; null means deleted. */
  private readonly staged = new Map<string, { coll: string; id: string; doc: Doc | null }>()
  rolledBack = false
  rollbackReason: unknown
  finished = false

  constructor(
    private readonly ctx: Context,
    readonly now: Date,
  ) {}

  checkOpen(op: string): void {
    if (this.rolledBack) throw new DbError(`${op}:fail the transaction was rolled back`)
    if (this.finished) throw new DbError(`${op}:fail the transaction has already ended`)
  }

  private touch(coll: string, id: string): string {
    const key = keyOf(coll, id)
    if (!this.versions.has(key)) {
      this.versions.set(key, { coll, id, version: this.ctx.store.version(coll, id) })
      this.snapshot.set(key, this.ctx.store.get(coll, id) ?? null)
    }
    return key
  }

  /** What this transaction sees: its own staged write, else the document as first read. */
  view(coll: string, id: string): Doc | null {
    const key = this.touch(coll, id)
    const staged = this.staged.get(key)
    return staged ? staged.doc : (this.snapshot.get(key) ?? null)
  }

  stage(coll: string, id: string, doc: Doc | null): void {
    this.staged.set(this.touch(coll, id), { coll, id, doc })
  }

  /** A document touched by this transaction that a write outside it changed since, if any. */
  conflict(): { coll: string; id: string } | undefined {
    for (const entry of this.versions.values()) {
      if (this.ctx.store.version(entry.coll, entry.id) !== entry.version) return entry
    }
    return undefined
  }

  writes(): Write[] {
    return [...this.staged.values()].map(({ coll, id, doc }) => (doc ? { op: 'put', coll, doc } : { op: 'delete', coll, id }))
  }
}

function transactionDocument(state: TransactionState, coll: string, id: string): TransactionDocument {
  const run = <T>(op: string, body: () => T) =>
    perform(op, () => {
      state.checkOpen(op)
      return body()
    })
  return strictOperators<TransactionDocument>(
    {
      get: () =>
        run('document.get', () => {
          const doc = state.view(coll, id)
          if (!doc) throw new DbError(`document.get:fail document with _id ${id} does not exist`)
          return { data: cloneDoc(doc), errMsg: 'document.get:ok' }
        }),
      set: (options) =>
        run('document.set', () => {
          const doc = replacementDocument(id, optionsData(options, 'set'), state.now)
          const previous = state.view(coll, id)
          const changed = !previous || !deepEqual(previous, doc)
          if (changed) state.stage(coll, id, doc)
          return { _id: id, stats: { updated: previous && changed ? 1 : 0, created: previous ? 0 : 1 }, errMsg: 'document.set:ok' }
        }),
      update: (options) =>
        run('document.update', () => {
          const updater = compileUpdate(optionsData(options, 'update'), state.now)
          const previous = state.view(coll, id)
          const next = previous ? updater(previous) : null
          if (next) state.stage(coll, id, next)
          return { stats: { updated: next ? 1 : 0 }, errMsg: 'document.update:ok' }
        }),
      remove: () =>
        run('document.remove', () => {
          const previous = state.view(coll, id)
          if (previous) state.stage(coll, id, null)
          return { stats: { removed: previous ? 1 : 0 }, errMsg: 'document.remove:ok' }
        }),
    },
    'transaction document',
  )
}

function transactionCollection(state: TransactionState, coll: string): TransactionCollection {
  const refuse =
    (method: string) =>
    (): never => {
      throw new DbError(`transaction.collection.${method}:fail ${method}() is not supported inside a transaction (only doc(id).get/set/update/remove and add)`)
    }
  return strictOperators<TransactionCollection>(
    {
      doc: (id) => transactionDocument(state, coll, checkDocId(id, 'transaction.collection.doc')),
      add: (options) =>
        perform('collection.add', () => {
          state.checkOpen('collection.add')
          const doc = newDocument(optionsData(options, 'add'), state.now)
          if (state.view(coll, doc._id)) throw new DuplicateKeyError(`E11000 duplicate key error collection: ${coll} dup key: { _id: ${JSON.stringify(doc._id)} }`)
          state.stage(coll, doc._id, doc)
          return { _id: doc._id, errMsg: 'collection.add:ok' }
        }),
      where: refuse('where'),
      get: refuse('get'),
      count: refuse('count'),
      update: refuse('update'),
      remove: refuse('remove'),
      aggregate: refuse('aggregate'),
      orderBy: refuse('orderBy'),
      skip: refuse('skip'),
      limit: refuse('limit'),
      field: refuse('field'),
    },
    'transaction collection',
  )
}

async function runTransaction<T>(ctx: Context, callback: (transaction: Transaction) => Promise<T>, times: number): Promise<T> {
  if (typeof callback !== 'function') throw new DbError('runTransaction:fail the callback must be a function')
  if (!Number.isInteger(times) || times < 1) throw new DbError(`runTransaction:fail times must be a positive integer, got ${describe(times)}`)
  return ctx.exclusive(async () => {
    for (let attempt = 1; ; attempt++) {
      const state = new TransactionState(ctx, ctx.now())
      const transaction = strictOperators<Transaction>(
        {
          collection: (name) => transactionCollection(state, checkCollectionName(name)),
          rollback: async (reason?: unknown) => {
            state.checkOpen('transaction.rollback')
            state.rolledBack = true
            state.rollbackReason = reason
          },
        },
        'transaction',
      )
      let result: T
      try {
        result = await callback(transaction)
      } catch (error) {
        // After a rollback the SDK rejects with the rollback's reason, whatever the callback did next.
        if (state.rolledBack) throw state.rollbackReason
        throw error
      } finally {
        state.finished = true
      }
      if (state.rolledBack) throw state.rollbackReason
      const conflict = state.conflict()
      if (!conflict) {
        try {
          ctx.store.applyBatch(state.writes())
        } catch (error) {
          throw failure('runTransaction', error)
        }
        return result
      }
      if (attempt >= times) {
        throw new DbError(
          `runTransaction:fail transaction conflict: ${conflict.coll}/${conflict.id} was written outside the transaction after it was read; gave up after ${times} attempt(s)`,
        )
      }
    }
  })
}

// ---------------------------------------------------------------------------------------------------------------

export function createDatabase(store: DocStore, options: DatabaseOptions = {}): Database {
  const ctx = new Context(store, options.now ?? (() => new Date()))
  const database: Database = {
    command: ctx.command,
    serverDate: (serverDateOptions?: { offset?: number }) => {
      const offset = serverDateOptions?.offset ?? 0
      if (typeof offset !== 'number' || !Number.isFinite(offset)) throw new DbError(`database.serverDate:fail offset must be a number of milliseconds, got ${describe(offset)}`)
      return new ServerDate(offset)
    },
    collection: (name: string) =>
      strictOperators<CollectionReference>(new CollectionImpl(ctx, checkCollectionName(name), { orders: [] }), `collection('${name}')`),
    runTransaction: <T>(callback: (transaction: Transaction) => Promise<T>, times = 3) => runTransaction(ctx, callback, times),
  }
  return strictOperators(database, 'db')
}
