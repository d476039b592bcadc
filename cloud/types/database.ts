/**
 * The database API of wx-server-sdk 4.0.2 (`cloud.database()`), as our functions use it: types only, nothing here
 * runs. The SDK's own typings (`DB.*` in its index.d.ts) answer `any` and `Promise<…> | void` everywhere; these say
 * what its wrappers over @cloudbase/database actually resolve with, and leave out what we do not use (geo, regexp,
 * watch, startTransaction, callbacks). The objects behind them are the SDK's, never ours: no `instanceof`, no fields
 * read from a command. Where this is narrower than the SDK, it is on purpose — see TransactionCollection.
 */

// ---------------------------------------------------------------------------------------------------------------
// Documents and conditions

/** A stored document: JSON values and Dates, always with a string `_id` (we never let the SDK make a number id). */
export interface Doc {
  _id: string
  [field: string]: unknown
}

/**
 * Document data for add/set/update. Typed as `object` so that interface-typed documents are accepted (an interface
 * has no index signature); the SDK checks that it is a non-empty object.
 */
export type DocData = object

/** A condition object (`{ field: value | _.op(...) }`) or a top-level `_.and(...)` / `_.or(...)`. */
export type WhereCondition = Record<string, unknown> | LogicCommand

/** `{ field: true }` to return only those fields (plus `_id`), `{ field: false }` to leave them out. */
export type Projection = Record<string, boolean | 0 | 1>

// ---------------------------------------------------------------------------------------------------------------
// Commands (`db.command`, usually `_`)

/**
 * A value made by the SDK that our code only hands back to it (an object whose fields are the SDK's business). The
 * key exists in no object — it is a type-level tag — so the SDK's objects conform while two kinds cannot be mistaken
 * for each other.
 */
declare const sdkValue: unique symbol
type SdkValue<Kind extends string> = object & { readonly [sdkValue]?: Kind }

/**
 * `_.and` / `_.or`, and what `_.gt(1).and(_.lt(5))` makes. Where it stands decides what its operands are: passed to
 * `where()` directly, each is a whole condition object; as a field's value, each is a condition on that field. Both
 * call forms work in the SDK: `and(a, b)` and `and([a, b])`.
 */
export interface LogicCommand {
  and(conditions: readonly WhereCondition[]): LogicCommand
  and(...conditions: WhereCondition[]): LogicCommand
  or(conditions: readonly WhereCondition[]): LogicCommand
  or(...conditions: WhereCondition[]): LogicCommand
}

/** A field-level comparison such as `_.gt(3)`; in the SDK a kind of LogicCommand, so it chains with and/or. */
export type QueryCommand = LogicCommand

/** An update operator such as `_.inc(1)`: meaningful only as a value in update data. */
export type UpdateCommand = SdkValue<'UpdateCommand'>

/** `$.sum('$hours')` and friends: meaningful only inside an aggregate `group` stage. */
export type AggregateExpression = SdkValue<'AggregateExpression'>

/** `db.serverDate({ offset })`: the database's clock (plus `offset` ms) when the write runs, not when it is built. */
export interface ServerDate {
  readonly offset: number
}

/** `db.command.aggregate` (usually `$`): the accumulators of a `group` stage. */
export interface AggregateCommand {
  sum(expression: unknown): AggregateExpression
  avg(expression: unknown): AggregateExpression
  max(expression: unknown): AggregateExpression
  min(expression: unknown): AggregateExpression
  first(expression: unknown): AggregateExpression
  last(expression: unknown): AggregateExpression
  push(expression: unknown): AggregateExpression
  addToSet(expression: unknown): AggregateExpression
}

export interface Command {
  eq(value: unknown): QueryCommand
  neq(value: unknown): QueryCommand
  gt(value: unknown): QueryCommand
  gte(value: unknown): QueryCommand
  lt(value: unknown): QueryCommand
  lte(value: unknown): QueryCommand
  /** An empty list matches nothing. */
  in(values: readonly unknown[]): QueryCommand
  nin(values: readonly unknown[]): QueryCommand
  exists(value: boolean): QueryCommand
  and(conditions: readonly WhereCondition[]): LogicCommand
  and(...conditions: WhereCondition[]): LogicCommand
  or(conditions: readonly WhereCondition[]): LogicCommand
  or(...conditions: WhereCondition[]): LogicCommand
  inc(value: number): UpdateCommand
  set(value: unknown): UpdateCommand
  remove(): UpdateCommand
  /** `_.push(x)`, `_.push(x, y)`, `_.push([x, y])` or `_.push({ each: [...], position?, slice?, sort? })`. */
  push(...values: unknown[]): UpdateCommand
  /** Removes every element equal to the value (or matching a condition on the elements). */
  pull(value: unknown): UpdateCommand
  /** `_.addToSet(x)` or `_.addToSet({ each: [...] })`. */
  addToSet(value: unknown): UpdateCommand
  readonly aggregate: AggregateCommand
}

// ---------------------------------------------------------------------------------------------------------------
// Results: what wx-server-sdk's wrappers resolve with (errMsg is "<api>:ok"); a failure rejects instead.

export interface GetResult {
  data: Doc[]
  errMsg: string
}
/** `doc(id).get()` rejects when the document does not exist (the SDK's default `throwOnNotFound`). */
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
  /** `created` is 1 when the set inserted the document. */
  stats: { updated: number; created: number }
  errMsg: string
}
export interface AggregateResult {
  /** Group stages produce any `_id` (null, numbers, objects), so list items are not typed as Doc. */
  list: Record<string, unknown>[]
  errMsg: string
}

// ---------------------------------------------------------------------------------------------------------------
// References

/** The cloud answers at most 100 documents to a query without `limit()`, and at most 1,000 with one. */
export interface Query {
  where(condition: WhereCondition): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Projection): Query
  get(): Promise<GetResult>
  count(): Promise<CountResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface DocumentReference {
  readonly _id: string
  field(projection: Projection): DocumentReference
  get(): Promise<DocumentGetResult>
  /** Replaces the whole document, creating it if missing. */
  set(options: { data: DocData }): Promise<SetResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

export interface CollectionReference extends Query {
  readonly collectionName: string
  doc(id: string): DocumentReference
  /** Rejects on a duplicate `_id` (errCode -501001, "duplicate key" in the message). */
  add(options: { data: DocData }): Promise<AddResult>
  aggregate(): Aggregate
}

/** A pipeline built stage by stage; without a `limit()` stage the cloud returns only 20 results. */
export interface Aggregate {
  match(condition: WhereCondition): Aggregate
  group(spec: Record<string, unknown>): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  project(spec: Record<string, unknown>): Aggregate
  count(field: string): Aggregate
  end(): Promise<AggregateResult>
}

// ---------------------------------------------------------------------------------------------------------------
// Transactions

export interface TransactionDocument {
  get(): Promise<DocumentGetResult>
  set(options: { data: DocData }): Promise<SetResult>
  update(options: { data: DocData }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}

/**
 * Inside a transaction the cloud allows single-document operations and add only. The SDK hands back a whole
 * CollectionReference, but a query in a transaction fails on the server, so the rest are typed `never` here.
 */
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
  /** Aborts the transaction; runTransaction then rejects with `reason` (the value itself, not an Error). */
  rollback(reason?: unknown): Promise<void>
}

export interface Database {
  readonly command: Command
  serverDate(options?: { offset?: number }): ServerDate
  collection(name: string): CollectionReference
  /**
   * Runs `callback` as one transaction and resolves with its return value. `times` (default 3) counts attempts, but
   * the SDK re-runs only a conflict found at commit; cloud/lib/transaction.ts retries the rest.
   */
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
}
