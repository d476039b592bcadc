import { randomBytes } from 'node:crypto'
import { calculateObjectSize } from 'bson'
import { Aggregator, find, ProcessingMode, Query, update } from 'mingo'
import { cloneDoc, idKey, parseEjson, stringifyEjson, type Doc } from './ejson'
import { CloudBaseError, refuse } from './errors'
import type { IndexCheck } from './indexes'
import type { DocumentStore } from './store'
import { documentKey, type Transactions } from './transactions'

/**
 * The `database.*` actions @cloudbase/database 1.4.3 sends (read in its query.ts, document.ts, collection.ts,
 * aggregate.ts and transaction/index.ts). Queries, update operators and pipelines are evaluated by mingo on the
 * documents as `bson`'s EJSON parses them; the limits are the server SDK's (100 by default, at most 1000).
 */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/**
 * The largest document, in BSON bytes: MongoDB's 16 MiB, which CloudBase's database (MongoDB underneath) keeps. An
 * insert, update or set that would store a larger one is refused, as MongoDB refuses it (-502001).
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
/**
 * The largest answer of one query or aggregation: WeChat's quota page, "Database traffic: 16 MB in each packet
 * output". Counted as the bytes of the extended-JSON documents the answer carries.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024

/** What an action answers besides `requestId`. */
export type ActionResult = Record<string, unknown>

interface Body {
  collectionName?: unknown
  transactionId?: unknown
  queryType?: unknown
  query?: unknown
  data?: unknown
  order?: unknown
  offset?: unknown
  limit?: unknown
  projection?: unknown
  multi?: unknown
  merge?: unknown
  upsert?: unknown
  stages?: unknown
}

export class DatabaseService {
  constructor(
    private readonly store: DocumentStore,
    private readonly transactions: Transactions,
    private readonly env: string,
    /** When given, a query whose shape no declared index covers is refused or logged (cloud/cloudbase/indexes.ts). */
    private readonly indexes: IndexCheck | null = null,
  ) {}

  /** Every action name this service answers; anything else under `database.` is refused as unknown. */
  static readonly actions = [
    'database.addCollection',
    'database.getDocument',
    'database.insertDocument',
    'database.modifyDocument',
    'database.removeDocument',
    'database.calculateDocument',
    'database.aggregateDocuments',
    'database.startTransaction',
    'database.commitTransaction',
    'database.abortTransaction',
  ] as const

  /** `administrator`: a call that names no function (the console, the setup step, tests) is not held to the declared indexes. */
  async handle(action: string, body: Body, caller: { administrator?: boolean } = {}): Promise<ActionResult> {
    const indexes = caller.administrator ? null : this.indexes
    switch (action) {
      case 'database.addCollection':
        return this.addCollection(body)
      case 'database.getDocument':
        return this.getDocument(body, indexes)
      case 'database.insertDocument':
        return this.insertDocument(body)
      case 'database.modifyDocument':
        return this.modifyDocument(body, indexes)
      case 'database.removeDocument':
        return this.removeDocument(body, indexes)
      case 'database.calculateDocument':
        return this.calculateDocument(body, indexes)
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(body, indexes)
      case 'database.startTransaction':
        return { transactionId: this.transactions.start() }
      case 'database.commitTransaction':
        this.transactions.commit(requireString(body.transactionId, 'transactionId'))
        return {}
      case 'database.abortTransaction':
        this.transactions.abort(requireString(body.transactionId, 'transactionId'))
        return {}
      default:
        throw refuse.unknownAction(action)
    }
  }

  private addCollection(body: Body): ActionResult {
    const name = requireString(body.collectionName, 'collectionName')
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw refuse.invalidParam(`invalid collection name: ${name}`)
    if (this.store.hasCollection(name)) throw refuse.collectionExists(name)
    this.store.addCollection(name)
    return {}
  }

  private getDocument(body: Body, indexes: IndexCheck | null): ActionResult {
    const collection = this.collection(body)
    const transactionId = optionalString(body.transactionId)
    const projection = body.projection === undefined ? undefined : (parseField(body.projection, 'projection') as Doc)
    if (transactionId) {
      if (body.queryType !== 'DOC') throw refuse.transactionScope('a query with where() inside a transaction')
      const id = docId(body)
      const doc = this.transactions.read(transactionId, collection, id)
      return { data: { list: answerList(doc ? project([doc], projection) : []) } }
    }
    const query = parseQuery(body.query)
    const order = body.order === undefined ? undefined : (parseField(body.order, 'order') as Record<string, 1 | -1>)
    indexes?.check(collection, query, order)
    const offset = typeof body.offset === 'number' && body.offset > 0 ? Math.floor(body.offset) : 0
    const limit = typeof body.limit === 'number' && body.limit > 0 ? Math.min(Math.floor(body.limit), MAX_LIMIT) : DEFAULT_LIMIT
    const list = evaluate(() => {
      if (order && Object.keys(order).length > 0) return find(this.store.documents(collection), query, projection).sort(order).skip(offset).limit(limit).all() as Doc[]
      // Only the matches are put in order (a query reads few of a large collection), then paged, then projected.
      const matched = unordered(find(this.store.documents(collection), query).all() as Doc[])
      return project(matched.slice(offset, offset + limit), projection)
    })
    return { data: { list: answerList(list) } }
  }

  private async insertDocument(body: Body): Promise<ActionResult> {
    const collection = this.collection(body)
    if (!Array.isArray(body.data) || body.data.length === 0) throw refuse.invalidParam('data must be a non-empty array of documents')
    const docs = body.data.map((item) => {
      const doc = parseField(item, 'data') as Doc
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw refuse.invalidParam('each document must be an object')
      return checkDocumentSize(doc._id === undefined ? { _id: newId(), ...doc } : doc, true)
    })
    const transactionId = optionalString(body.transactionId)
    if (transactionId) {
      for (const doc of docs) {
        if (this.transactions.read(transactionId, collection, doc._id)) throw refuse.duplicateKey(this.env, collection, doc._id)
        this.transactions.write(transactionId, { collection, id: doc._id, doc })
      }
      return { data: { insertedIds: docs.map((doc) => doc._id) } }
    }
    await this.transactions.waitForHolders(docs.map((doc) => documentKey(collection, doc._id)))
    const seen = new Set<string>()
    for (const doc of docs) {
      const key = documentKey(collection, doc._id)
      if (seen.has(key) || this.store.get(collection, doc._id)) throw refuse.duplicateKey(this.env, collection, doc._id)
      seen.add(key)
    }
    this.store.commit(docs.map((doc) => ({ collection, id: doc._id, doc })))
    return { data: { insertedIds: docs.map((doc) => doc._id) } }
  }

  private async modifyDocument(body: Body, indexes: IndexCheck | null): Promise<ActionResult> {
    const collection = this.collection(body)
    const data = parseField(body.data, 'data') as Doc
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw refuse.invalidParam('data must be an object')
    const replace = body.merge === false
    const upsert = body.upsert === true
    const change = (before: Doc | null, id: unknown): Doc =>
      checkDocumentSize(replace ? { ...data, _id: id } : applyUpdate(before ?? { _id: id }, data), before === null)
    const transactionId = optionalString(body.transactionId)

    if (body.queryType === 'DOC') {
      const id = docId(body)
      if (transactionId) {
        const before = this.transactions.read(transactionId, collection, id)
        if (!before && !upsert) return { data: { updated: 0, upsert_id: null } }
        const after = change(before, id)
        if (before && sameDoc(before, after)) return { data: { updated: 0, upsert_id: null } }
        this.transactions.write(transactionId, { collection, id, doc: after })
        return { data: { updated: before ? 1 : 0, upsert_id: before ? null : id } }
      }
      await this.transactions.waitForHolders([documentKey(collection, id)])
      const before = this.store.get(collection, id)
      if (!before && !upsert) return { data: { updated: 0, upsert_id: null } }
      const after = change(before, id)
      if (before && sameDoc(before, after)) return { data: { updated: 0, upsert_id: null } }
      this.store.commit([{ collection, id, doc: after }])
      return { data: { updated: before ? 1 : 0, upsert_id: before ? null : id } }
    }

    if (transactionId) throw refuse.transactionScope('where().update() inside a transaction')
    const query = parseQuery(body.query)
    indexes?.check(collection, query)
    const multi = body.multi !== false
    for (;;) {
      const matched = this.match(collection, query, multi)
      if (await this.transactions.waitForHolders(matched.map((doc) => documentKey(collection, doc._id)))) continue
      const writes = matched.map((before) => ({ collection, id: before._id, before, doc: change(before, before._id) })).filter((w) => !sameDoc(w.before, w.doc))
      this.store.commit(writes.map(({ collection: c, id, doc }) => ({ collection: c, id, doc })))
      return { data: { updated: writes.length, upsert_id: null } }
    }
  }

  private async removeDocument(body: Body, indexes: IndexCheck | null): Promise<ActionResult> {
    const collection = this.collection(body)
    const transactionId = optionalString(body.transactionId)
    if (body.queryType === 'DOC') {
      const id = docId(body)
      if (transactionId) {
        if (!this.transactions.read(transactionId, collection, id)) return { data: { deleted: 0 } }
        this.transactions.write(transactionId, { collection, id, doc: null })
        return { data: { deleted: 1 } }
      }
      await this.transactions.waitForHolders([documentKey(collection, id)])
      if (!this.store.get(collection, id)) return { data: { deleted: 0 } }
      this.store.commit([{ collection, id, doc: null }])
      return { data: { deleted: 1 } }
    }
    if (transactionId) throw refuse.transactionScope('where().remove() inside a transaction')
    const query = parseQuery(body.query)
    indexes?.check(collection, query)
    const multi = body.multi !== false
    for (;;) {
      const matched = this.match(collection, query, multi)
      if (await this.transactions.waitForHolders(matched.map((doc) => documentKey(collection, doc._id)))) continue
      this.store.commit(matched.map((doc) => ({ collection, id: doc._id, doc: null })))
      return { data: { deleted: matched.length } }
    }
  }

  private calculateDocument(body: Body, indexes: IndexCheck | null): ActionResult {
    const collection = this.collection(body)
    const query = parseQuery(body.query)
    indexes?.check(collection, query)
    const total = evaluate(() => {
      const test = new Query(query)
      return this.store.documents(collection).filter((doc) => test.test(doc)).length
    })
    return { data: { total } }
  }

  private aggregateDocuments(body: Body, indexes: IndexCheck | null): ActionResult {
    const collection = this.collection(body)
    if (!Array.isArray(body.stages)) throw refuse.invalidParam('stages must be an array')
    const pipeline = body.stages.map((stage: unknown) => {
      const { stageKey, stageValue } = (stage ?? {}) as { stageKey?: unknown; stageValue?: unknown }
      if (typeof stageKey !== 'string' || typeof stageValue !== 'string') throw refuse.invalidParam('each stage needs stageKey and stageValue')
      return { [stageKey]: parseEjson(stageValue) }
    })
    const first = pipeline[0] as Doc | undefined
    if (first && '$match' in first) indexes?.check(collection, first.$match as Doc)
    const list = evaluate(
      () =>
        new Aggregator(pipeline, {
          processingMode: ProcessingMode.CLONE_INPUT,
          collectionResolver: (name: string) => this.store.documents(name),
        }).run(this.store.documents(collection)) as Doc[],
    )
    return { data: { list: answerList(list) } }
  }

  private match(collection: string, query: Doc, multi: boolean): Doc[] {
    return evaluate(() => {
      const test = new Query(query)
      const matched: Doc[] = []
      for (const doc of this.store.documents(collection)) {
        if (!test.test(doc)) continue
        matched.push(doc)
        if (!multi) break
      }
      return matched
    })
  }

  private collection(body: Body): string {
    const name = requireString(body.collectionName, 'collectionName')
    if (!this.store.hasCollection(name)) throw refuse.collectionMissing(name)
    return name
  }
}

function applyUpdate(before: Doc, data: Doc): Doc {
  const operators = Object.keys(data).some((key) => key.startsWith('$')) ? data : { $set: data }
  for (const fields of Object.values(operators)) {
    if (fields && typeof fields === 'object' && Object.keys(fields).some((path) => path === '_id' || path.startsWith('_id.'))) {
      throw refuse.requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
    }
  }
  // MongoDB refuses $inc (and $mul) of a field that holds something other than a number; mingo would skip it.
  for (const operator of ['$inc', '$mul'] as const) {
    const fields = (operators as Record<string, unknown>)[operator]
    if (!fields || typeof fields !== 'object') continue
    for (const [path, amount] of Object.entries(fields as Doc)) {
      const current = path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Doc)[key] : undefined), before)
      if (typeof amount !== 'number') throw refuse.requestFailed(`Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(amount)}}`)
      if (current !== undefined && typeof current !== 'number') {
        throw refuse.requestFailed(`Cannot apply ${operator} to a value of non-numeric type. {_id: ${JSON.stringify(before._id)}} has the field '${path}' of non-numeric type ${current === null ? 'null' : Array.isArray(current) ? 'array' : typeof current}`)
      }
    }
  }
  const after = cloneDoc(before)
  evaluate(() => update(after, operators as Parameters<typeof update>[1]))
  return after
}

function sameDoc(a: Doc, b: Doc): boolean {
  return stringifyEjson(a) === stringifyEjson(b)
}

function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  return evaluate(() => find(docs, {}, projection).all() as Doc[])
}

function serialise(doc: Doc): string {
  return stringifyEjson(doc)
}

/** The documents of one answer, refused whole when together they pass what one packet may carry. */
function answerList(docs: Doc[]): string[] {
  let bytes = 0
  const list = docs.map((doc) => {
    const text = serialise(doc)
    bytes += Buffer.byteLength(text)
    return text
  })
  if (bytes > MAX_ANSWER_BYTES) throw refuse.answerTooLarge(bytes, MAX_ANSWER_BYTES)
  return list
}

/** `insert`: a new document (add, or an upsert that creates one), else the result of an update or set. */
function checkDocumentSize(doc: Doc, insert: boolean): Doc {
  const bytes = calculateObjectSize(doc)
  if (bytes > MAX_DOCUMENT_BYTES) throw refuse.documentTooLarge(bytes, MAX_DOCUMENT_BYTES, insert)
  return doc
}

/** The SDK's document ids are 32 hex characters; so are ours. */
function newId(): string {
  return randomBytes(16).toString('hex')
}

function parseQuery(query: unknown): Doc {
  if (query === undefined || query === '') return {}
  const parsed = parseField(query, 'query')
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw refuse.invalidParam('query must be an object')
  return parsed as Doc
}

function docId(body: Body): unknown {
  const { _id } = parseQuery(body.query)
  if (typeof _id !== 'string' && typeof _id !== 'number') throw refuse.invalidParam('a document operation needs query {_id}')
  return _id
}

function parseField(value: unknown, name: string): unknown {
  if (typeof value !== 'string') throw refuse.invalidParam(`${name} must be an extended-JSON string`)
  try {
    return parseEjson(value)
  } catch (error) {
    throw refuse.invalidParam(`${name} is not valid extended JSON: ${(error as Error).message}`)
  }
}

/** mingo refuses what MongoDB refuses (unknown operators, bad projections): the cloud answers those as failed requests. */
function evaluate<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof CloudBaseError) throw error
    const message = (error as Error).message
    throw /operator/i.test(message) ? refuse.invalidOperator(message) : refuse.requestFailed(message)
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw refuse.invalidParam(`${name} is required`)
  return value
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

const SCRAMBLE = new WeakMap<Doc, number>()

/**
 * The order of a query without orderBy. The cloud promises none (MongoDB answers in whatever order its storage and
 * plan give), so neither do we: documents come in an order fixed by a hash of their _id — the same for the same
 * documents, as paging with skip needs, but not the order they were written in, so code that relies on insertion
 * order fails here as it would, some day, in the cloud.
 */
function unordered(docs: Doc[]): Doc[] {
  const key = (doc: Doc) => {
    let hash = SCRAMBLE.get(doc)
    if (hash === undefined) {
      hash = 2166136261
      for (const char of idKey(doc._id)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0
      SCRAMBLE.set(doc, hash)
    }
    return hash
  }
  return [...docs].sort((a, b) => key(a) - key(b))
}
