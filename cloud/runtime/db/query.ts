/**
 * Pure query logic: matching documents against `where` conditions, applying update data, sorting and projecting.
 * Semantics follow the cloud database (MongoDB underneath, reached through the SDK's serializer):
 * - a plain object in `where` is flattened to dot paths, so `{ address: { city: 'x' } }` means `address.city === 'x'`
 *   (use `_.eq({...})` to compare a whole embedded object);
 * - a condition on an array field matches when any element matches (`{ tags: 'a' }` finds docs tagged 'a');
 * - a plain object in update data is flattened too (`{ a: { b: 1 } }` sets `a.b` only; `_.set({...})` replaces `a`).
 * Anything outside the supported subset throws an UnsupportedError rather than doing something slightly different.
 */
import { LogicCommand, QueryCommand, ServerDate, UnsupportedError, UpdateCommand, Accumulator, type QueryOp } from './commands'
import { cloneValue, compareValues, deepEqual, describe, isPlainObject, type Doc, type PlainObject } from './values'

export type Predicate = (doc: Doc) => boolean

/** Thrown for input the cloud would reject too (bad operand types, conflicting paths...). */
export class InvalidInputError extends Error {}

const unsupported = (what: string) => new UnsupportedError(`${what} is not supported by the local runtime`)
const invalid = (what: string) => new InvalidInputError(what)

function serverDateValue(marker: ServerDate, now: Date): Date {
  return new Date(now.getTime() + marker.offset)
}

// ---------------------------------------------------------------------------------------------------------------
// Reading values by path

function splitPath(path: string): string[] {
  const parts = path.split('.')
  if (parts.some((part) => part === '')) throw invalid(`invalid field path "${path}"`)
  return parts
}

const isIndex = (part: string) => /^(0|[1-9]\d*)$/.test(part)

/** Own fields only: a path such as `constructor` must not reach Object.prototype. */
function own(value: PlainObject, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined
}

/**
 * Calls `test` on each value the path reaches, MongoDB-style: through arrays of embedded documents
 * (`items.name` reaches every item's name) and numeric parts as array indexes. A path that reaches nothing is
 * tested as `undefined` (missing). Stops at the first `true`. This is the hot loop of every query, so embedded
 * documents are walked iteratively and only arrays recurse. Stored values are plain objects, arrays, Dates and
 * JSON scalars only (the store caches what it decoded from its JSON), which is what the cheap type checks rely on.
 */
function someValue(value: unknown, parts: readonly string[], index: number, test: (leaf: unknown) => boolean): boolean {
  while (index < parts.length) {
    const part = parts[index]
    if (Array.isArray(value)) {
      if (isIndex(part)) {
        value = value[Number(part)]
        index++
        continue
      }
      let reached = false
      for (const element of value) {
        if (isPlainObject(element) && Object.hasOwn(element, part)) {
          reached = true
          if (someValue(element[part], parts, index + 1, test)) return true
        }
      }
      return reached ? false : test(undefined)
    }
    if (typeof value !== 'object' || value === null || value instanceof Date) return test(undefined)
    value = own(value as PlainObject, part)
    index++
  }
  return test(value)
}

/** The single value at a path without traversing arrays (for sorting, grouping and update targets). */
export function getPath(doc: unknown, path: string | readonly string[]): unknown {
  const parts = typeof path === 'string' ? splitPath(path) : path
  let value = doc
  for (const part of parts) {
    if (Array.isArray(value) && isIndex(part)) value = value[Number(part)]
    else if (isPlainObject(value)) value = own(value, part)
    else return undefined
  }
  return value
}

// ---------------------------------------------------------------------------------------------------------------
// where

function comparable(value: unknown): 'number' | 'string' | 'date' | null {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : null
  if (typeof value === 'string') return 'string'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : 'date'
  return null
}

/** A value used as an operand in a condition: markers resolved, commands and regexes refused. */
function conditionValue(value: unknown, now: Date, where: string): unknown {
  if (value instanceof ServerDate) return serverDateValue(value, now)
  if (value instanceof RegExp) throw unsupported(`a regular expression (${where})`)
  if (value instanceof UpdateCommand) throw invalid(`update operator _.${value.op}() cannot be used in a query (${where})`)
  if (value instanceof QueryCommand || value instanceof LogicCommand) throw invalid(`a query operator cannot be nested as an operand (${where})`)
  if (value instanceof Accumulator) throw invalid(`aggregate operator $.${value.op}() cannot be used in a query (${where})`)
  if (value === undefined) throw invalid(`undefined cannot be used as a query value (${where}); the cloud would drop the condition`)
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw invalid(`${describe(value)} cannot be used in a query (${where})`)
  if (Array.isArray(value)) return value.map((item) => conditionValue(item, now, where))
  if (value instanceof Date) return value
  if (typeof value === 'object' && value !== null) {
    if (!isPlainObject(value)) throw unsupported(`${describe(value)} as a query value (${where})`)
    const out: PlainObject = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = conditionValue(item, now, where)
    }
    return out
  }
  return value
}

/** MongoDB equality against one reached value: equal, or (for an array) containing an equal element; null also matches missing. */
function equalsLeaf(leaf: unknown, target: unknown): boolean {
  if (target === null && (leaf === undefined || leaf === null)) return true
  if (deepEqual(leaf, target)) return true
  return Array.isArray(leaf) && leaf.some((element) => deepEqual(element, target))
}

function compareLeaf(op: 'gt' | 'gte' | 'lt' | 'lte', leaf: unknown, target: unknown, kind: string): boolean {
  if (Array.isArray(leaf)) return leaf.some((element) => compareLeaf(op, element, target, kind))
  if (comparable(leaf) !== kind) return false
  const c = compareValues(leaf, target)
  switch (op) {
    case 'gt':
      return c > 0
    case 'gte':
      return c >= 0
    case 'lt':
      return c < 0
    case 'lte':
      return c <= 0
  }
}

function compileQueryCommand(parts: readonly string[], command: QueryCommand, now: Date, path: string): Predicate {
  const op: QueryOp = command.op
  const where = `${path}: _.${op}()`
  switch (op) {
    case 'eq':
    case 'neq': {
      const target = conditionValue(command.operand, now, where)
      const eq: Predicate = (doc) => someValue(doc, parts, 0, (leaf) => equalsLeaf(leaf, target))
      return op === 'eq' ? eq : (doc) => !eq(doc)
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const target = conditionValue(command.operand, now, where)
      const kind = comparable(target)
      if (kind === null) throw invalid(`_.${op}() needs a number, string or Date, got ${describe(command.operand)} (field ${path})`)
      return (doc) => someValue(doc, parts, 0, (leaf) => compareLeaf(op, leaf, target, kind))
    }
    case 'in':
    case 'nin': {
      if (!Array.isArray(command.operand)) throw invalid(`_.${op}() needs an array, got ${describe(command.operand)} (field ${path})`)
      const targets = command.operand.map((item) => conditionValue(item, now, where))
      const isIn: Predicate = (doc) => someValue(doc, parts, 0, (leaf) => targets.some((target) => equalsLeaf(leaf, target)))
      return op === 'in' ? isIn : (doc) => !isIn(doc)
    }
    case 'exists': {
      if (typeof command.operand !== 'boolean') throw invalid(`_.exists() needs true or false, got ${describe(command.operand)} (field ${path})`)
      const wanted = command.operand
      return (doc) => someValue(doc, parts, 0, (leaf) => leaf !== undefined) === wanted
    }
    default:
      throw unsupported(`query operator ${String(op)}`)
  }
}

function combine(op: 'and' | 'or', predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]
  return op === 'and' ? (doc) => predicates.every((p) => p(doc)) : (doc) => predicates.some((p) => p(doc))
}

function compileLogic(command: LogicCommand, now: Date, prefix: string): Predicate {
  if (command.operands.length === 0) throw invalid(`_.${command.op}() needs at least one condition`)
  const predicates = command.operands.map((operand) => {
    if (prefix === '') {
      if (!isPlainObject(operand) && !(operand instanceof LogicCommand)) {
        throw invalid(`each operand of a top-level _.${command.op}() must be a condition object, got ${describe(operand)}`)
      }
      return compileCondition(operand, now, '')
    }
    return compileField(prefix, operand, now)
  })
  return combine(command.op, predicates)
}

/** A condition on the field at `path` (a value, a command, a logic command or a nested plain object). */
function compileField(path: string, condition: unknown, now: Date): Predicate {
  if (condition instanceof QueryCommand) return compileQueryCommand(splitPath(path), condition, now, path)
  if (condition instanceof LogicCommand) return compileLogic(condition, now, path)
  if (isPlainObject(condition)) return compileCondition(condition, now, path)
  const parts = splitPath(path)
  const target = conditionValue(condition, now, path)
  return (doc) => someValue(doc, parts, 0, (leaf) => equalsLeaf(leaf, target))
}

/** A condition object (top level when prefix is ''), flattened to dot paths as the SDK does. */
function compileCondition(condition: unknown, now: Date, prefix: string): Predicate {
  if (condition instanceof LogicCommand) return compileLogic(condition, now, prefix)
  if (!isPlainObject(condition)) {
    if (condition instanceof QueryCommand) throw invalid(`_.${condition.op}() must be the value of a field, as in where({ field: _.${condition.op}(...) })`)
    throw invalid(`a where condition must be a plain object or _.and/_.or, got ${describe(condition)}`)
  }
  const keys = Object.keys(condition)
  if (keys.length === 0) {
    if (prefix === '') return () => true
    // The SDK flattens {} away, silently dropping the condition; refuse rather than match everything.
    throw invalid(`empty object as the condition on "${prefix}"; use _.eq({}) to match an empty object`)
  }
  const predicates = keys.map((key) => {
    if (key.startsWith('$')) throw unsupported(`raw operator "${key}" in where (use db.command)`)
    const path = prefix === '' ? key : `${prefix}.${key}`
    const value = condition[key]
    if (value === undefined) throw invalid(`where condition on "${path}" is undefined; the cloud would drop it and match every document`)
    return compileField(path, value, now)
  })
  return combine('and', predicates)
}

/** Compiles a `where()` argument once into a predicate (validating it); `now` resolves db.serverDate() markers. */
export function compileWhere(where: unknown, now: Date = new Date()): Predicate {
  return compileCondition(where, now, '')
}

export function matches(doc: Doc, where: unknown, now: Date = new Date()): boolean {
  return compileWhere(where, now)(doc)
}

// ---------------------------------------------------------------------------------------------------------------
// Data written by add / set / update

/**
 * A fresh copy of a value to be stored: serverDate markers become Dates, undefined object fields are dropped and
 * undefined array elements become null (what the SDK's JSON transport does), anything JSON and BSON cannot both
 * hold is refused. `checkKeys` enforces the cloud's field-name rules (no leading `$`, no `.`).
 */
export function storedValue(value: unknown, now: Date, where: string, checkKeys = true): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(`${value} cannot be stored (${where})`)
    return value
  }
  if (value instanceof ServerDate) return serverDateValue(value, now)
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(`an invalid Date cannot be stored (${where})`)
    return new Date(value.getTime())
  }
  if (value instanceof UpdateCommand) throw invalid(`update operator _.${value.op}() is only allowed at the top of update data (${where})`)
  if (value instanceof QueryCommand || value instanceof LogicCommand) throw invalid(`a query operator cannot be stored (${where})`)
  if (value instanceof RegExp) throw unsupported(`storing a regular expression (${where})`)
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : storedValue(item, now, `${where}.${i}`, checkKeys)))
  if (isPlainObject(value)) {
    const out: PlainObject = {}
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue
      if (checkKeys) checkFieldName(key, where)
      out[key] = storedValue(item, now, `${where}.${key}`, checkKeys)
    }
    return out
  }
  throw invalid(`${describe(value)} cannot be stored (${where})`)
}

function checkFieldName(key: string, where: string): void {
  if (key === '') throw invalid(`empty field name (${where})`)
  if (key.startsWith('$')) throw invalid(`field name "${key}" may not start with "$" (${where})`)
  if (key.includes('.')) throw invalid(`field name "${key}" may not contain "." (${where}); nested fields are objects`)
}

/** The body of a new or replaced document (`add` / `set`): a plain object whose own `_id`, if any, the caller handles. */
export function documentData(data: unknown, now: Date, op: string): PlainObject {
  if (!isPlainObject(data)) throw invalid(`${op} needs { data: object }, got data = ${describe(data)}`)
  return storedValue(data, now, 'data') as PlainObject
}

// ---------------------------------------------------------------------------------------------------------------
// update

type UpdateAction =
  | { kind: 'set'; parts: string[]; value: unknown }
  | { kind: 'remove'; parts: string[] }
  | { kind: 'inc'; parts: string[]; by: number }
  | { kind: 'push'; parts: string[]; values: unknown[]; position?: number; slice?: number }
  | { kind: 'pull'; parts: string[]; value: unknown }
  | { kind: 'addToSet'; parts: string[]; values: unknown[] }

function integerOption(value: unknown, name: string, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`_.push() ${name} must be an integer (field ${path})`)
  return value
}

function compileUpdateCommand(parts: string[], command: UpdateCommand, now: Date, path: string): UpdateAction {
  const where = `${path}: _.${command.op}()`
  switch (command.op) {
    case 'inc':
      if (typeof command.operand !== 'number' || !Number.isFinite(command.operand)) throw invalid(`_.inc() needs a finite number, got ${describe(command.operand)} (field ${path})`)
      return { kind: 'inc', parts, by: command.operand }
    case 'set':
      if (command.operand === undefined) throw invalid(`_.set() needs a value (field ${path})`)
      return { kind: 'set', parts, value: storedValue(command.operand, now, where) }
    case 'remove':
      return { kind: 'remove', parts }
    case 'push': {
      const args = command.operand as unknown[]
      const [first] = args
      if (args.length === 1 && isPlainObject(first) && ('each' in first || '$each' in first)) {
        const { each, $each, position, slice, ...rest } = first
        const extra = Object.keys(rest)
        if (extra.length > 0) throw unsupported(`_.push() option ${extra.join(', ')}`)
        const values = each ?? $each
        if (!Array.isArray(values)) throw invalid(`_.push({ each }) needs an array (field ${path})`)
        return {
          kind: 'push',
          parts,
          values: values.map((value, i) => storedValue(value === undefined ? null : value, now, `${where}.each.${i}`)),
          position: position === undefined ? undefined : integerOption(position, 'position', path),
          slice: slice === undefined ? undefined : integerOption(slice, 'slice', path),
        }
      }
      // The SDK's forms: _.push([a, b]) and _.push(a, b) append each element; _.push(a) appends a.
      const values = args.length === 1 && Array.isArray(first) ? first : args
      return { kind: 'push', parts, values: values.map((value, i) => storedValue(value === undefined ? null : value, now, `${where}.${i}`)) }
    }
    case 'pull': {
      const value = command.operand
      if (value instanceof QueryCommand || value instanceof LogicCommand) throw unsupported(`_.pull() with a query condition (field ${path})`)
      if (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof ServerDate)) {
        // MongoDB treats an object here as a query on the elements, not as a value to compare: not emulated.
        throw unsupported(`_.pull() with an object or array (field ${path}); pull a scalar value`)
      }
      return { kind: 'pull', parts, value: storedValue(value, now, where) }
    }
    case 'addToSet': {
      const value = command.operand
      if (isPlainObject(value) && ('each' in value || '$each' in value)) {
        const each = value.each ?? value.$each
        if (Object.keys(value).length !== 1 || !Array.isArray(each)) throw invalid(`_.addToSet({ each }) needs exactly an array "each" (field ${path})`)
        return { kind: 'addToSet', parts, values: each.map((item, i) => storedValue(item === undefined ? null : item, now, `${where}.each.${i}`)) }
      }
      if (value === undefined) throw invalid(`_.addToSet() needs a value (field ${path})`)
      return { kind: 'addToSet', parts, values: [storedValue(value, now, where)] }
    }
    default:
      throw unsupported(`update operator ${String(command.op)}`)
  }
}

function flattenUpdate(data: PlainObject, prefix: string, now: Date, actions: UpdateAction[]): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue // dropped by the SDK's JSON transport
    if (key.startsWith('$')) throw unsupported(`raw operator "${key}" in update data (use db.command)`)
    if (key === '') throw invalid('empty field name in update data')
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (path === '_id' || path.startsWith('_id.')) throw invalid('_id cannot be updated')
    if (value instanceof UpdateCommand) {
      actions.push(compileUpdateCommand(splitPath(path), value, now, path))
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      flattenUpdate(value, path, now, actions)
    } else {
      actions.push({ kind: 'set', parts: splitPath(path), value: storedValue(value, now, `data.${path}`) })
    }
  }
}

/** Refuses updates touching a path and its parent at once (`a` and `a.b`), as MongoDB does. */
function checkConflicts(actions: UpdateAction[]): void {
  const paths = actions.map((action) => action.parts.join('.')).sort()
  for (let i = 1; i < paths.length; i++) {
    if (paths[i] === paths[i - 1] || paths[i].startsWith(`${paths[i - 1]}.`)) {
      throw invalid(`updating the path "${paths[i]}" would conflict with "${paths[i - 1]}"`)
    }
  }
}

/** Walks to the parent container of the last part, creating embedded documents as needed. */
function parentFor(doc: PlainObject, parts: readonly string[], create: boolean): PlainObject | unknown[] | undefined {
  let container: PlainObject | unknown[] = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]
    let next: unknown
    if (Array.isArray(container)) {
      if (!isIndex(part)) throw invalid(`cannot use the part "${part}" of "${parts.join('.')}" to traverse an array`)
      next = container[Number(part)]
    } else {
      next = own(container, part)
    }
    if (next === undefined || next === null) {
      if (!create) return undefined
      next = {}
      setChild(container, part, next)
    } else if (typeof next !== 'object' || next instanceof Date) {
      throw invalid(`cannot create field "${parts[i + 1]}" in element {${part}: ${describe(next)}}`)
    }
    container = next as PlainObject | unknown[]
  }
  return container
}

function setChild(container: PlainObject | unknown[], part: string, value: unknown): void {
  if (Array.isArray(container)) {
    if (!isIndex(part)) throw invalid(`cannot use the part "${part}" to index an array`)
    const index = Number(part)
    while (container.length < index) container.push(null) // MongoDB pads with nulls
    container[index] = value
  } else {
    container[part] = value
  }
}

function getChild(container: PlainObject | unknown[], part: string): unknown {
  if (Array.isArray(container)) return isIndex(part) ? container[Number(part)] : undefined
  return own(container, part)
}

function arrayTarget(container: PlainObject | unknown[], part: string, path: string, op: string): unknown[] | undefined {
  const current = getChild(container, part)
  if (current === undefined) return undefined
  if (!Array.isArray(current)) throw invalid(`_.${op}() needs an array, but field ${path} holds ${describe(current)}`)
  return current
}

function applyAction(doc: PlainObject, action: UpdateAction): void {
  const path = action.parts.join('.')
  const last = action.parts[action.parts.length - 1]
  if (action.kind === 'remove' || action.kind === 'pull') {
    const container = parentFor(doc, action.parts, false)
    if (container === undefined) return
    if (action.kind === 'remove') {
      if (Array.isArray(container)) {
        // $unset on an array element leaves a null in its place.
        if (isIndex(last) && Number(last) < container.length) container[Number(last)] = null
      } else {
        delete container[last]
      }
      return
    }
    const current = arrayTarget(container, last, path, 'pull')
    if (current) setChild(container, last, current.filter((element) => !deepEqual(element, action.value)))
    return
  }
  const container = parentFor(doc, action.parts, true) as PlainObject | unknown[]
  switch (action.kind) {
    case 'set':
      setChild(container, last, cloneValue(action.value))
      return
    case 'inc': {
      const current = getChild(container, last)
      if (current !== undefined && typeof current !== 'number') throw invalid(`cannot apply _.inc() to field ${path}, which holds ${describe(current)}`)
      setChild(container, last, (current ?? 0) + action.by)
      return
    }
    case 'push': {
      const current = arrayTarget(container, last, path, 'push') ?? []
      const values = cloneValue(action.values)
      let next: unknown[]
      if (action.position === undefined) {
        next = [...current, ...values]
      } else {
        const at = action.position < 0 ? Math.max(0, current.length + action.position) : Math.min(action.position, current.length)
        next = [...current.slice(0, at), ...values, ...current.slice(at)]
      }
      if (action.slice !== undefined) next = action.slice >= 0 ? next.slice(0, action.slice) : next.slice(action.slice)
      setChild(container, last, next)
      return
    }
    case 'addToSet': {
      const next = [...(arrayTarget(container, last, path, 'addToSet') ?? [])]
      for (const value of action.values) if (!next.some((element) => deepEqual(element, value))) next.push(cloneValue(value))
      setChild(container, last, next)
      return
    }
  }
}

/** `(doc) => updated copy, or null when the update changes nothing` (the cloud counts only changed docs as updated). */
export type Updater = (doc: Doc) => Doc | null

/** Validates update data once and returns a function applying it to any number of documents. */
export function compileUpdate(data: unknown, now: Date): Updater {
  if (!isPlainObject(data)) throw invalid(`update needs { data: object }, got data = ${describe(data)}`)
  const actions: UpdateAction[] = []
  flattenUpdate(data, '', now, actions)
  checkConflicts(actions)
  return (doc) => {
    const next = cloneValue(doc)
    for (const action of actions) applyAction(next, action)
    return deepEqual(next, doc) ? null : next
  }
}

/** Applies update data to a document and returns the new document (the input is not modified). */
export function applyUpdate(doc: Doc, data: unknown, now: Date): Doc {
  return compileUpdate(data, now)(doc) ?? cloneValue(doc)
}

// ---------------------------------------------------------------------------------------------------------------
// orderBy / sort

export interface SortKey {
  path: string
  direction: 1 | -1
}

export function compileSort(keys: readonly SortKey[]): (a: Doc, b: Doc) => number {
  const split = keys.map((key) => ({ parts: splitPath(key.path), direction: key.direction, path: key.path }))
  const keyOf = (doc: Doc, parts: string[], path: string) => {
    const value = getPath(doc, parts)
    // MongoDB sorts arrays by their smallest (asc) or largest (desc) element; not emulated.
    if (Array.isArray(value)) throw unsupported(`sorting on an array field ("${path}")`)
    return value
  }
  return (a, b) => {
    for (const { parts, direction, path } of split) {
      const c = compareValues(keyOf(a, parts, path), keyOf(b, parts, path))
      if (c !== 0) return c * direction
    }
    return 0
  }
}

// ---------------------------------------------------------------------------------------------------------------
// field() / project

interface ProjectionTree {
  [key: string]: ProjectionTree | true
}

export interface Projection {
  mode: 'include' | 'exclude'
  tree: ProjectionTree
  keepId: boolean
}

/** Validates a `field()` / `project()` spec: all-inclusion or all-exclusion, `_id` may be excluded either way. */
export function compileProjection(spec: unknown, label: string, allowExclusion: boolean): Projection {
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw invalid(`${label} needs a non-empty object of field: true/false`)
  // Null-prototype nodes: a field named "constructor" must not find Object.prototype's.
  const tree: ProjectionTree = Object.create(null) as ProjectionTree
  let mode: 'include' | 'exclude' | undefined
  let keepId = true
  for (const [path, flag] of Object.entries(spec)) {
    if (flag !== true && flag !== false && flag !== 1 && flag !== 0) throw unsupported(`${label} value ${describe(flag)} for "${path}" (only true/false/1/0)`)
    const include = flag === true || flag === 1
    if (path === '_id') {
      keepId = include
      continue
    }
    const wanted = include ? 'include' : 'exclude'
    if (!include && !allowExclusion) throw unsupported(`${label} exclusion ("${path}": ${String(flag)})`)
    if (mode && mode !== wanted) throw invalid(`${label} cannot mix included and excluded fields`)
    mode = wanted
    const parts = splitPath(path)
    let node = tree
    for (let i = 0; i < parts.length; i++) {
      const child = node[parts[i]]
      const isLast = i === parts.length - 1
      if (child === true || (isLast && child !== undefined)) throw invalid(`${label} path collision at "${path}"`)
      if (isLast) node[parts[i]] = true
      else node = node[parts[i]] = child ?? (Object.create(null) as ProjectionTree)
    }
  }
  return { mode: mode ?? 'include', tree, keepId }
}

function includeTree(value: unknown, tree: ProjectionTree): unknown {
  if (Array.isArray(value)) return value.filter((element) => isPlainObject(element) || Array.isArray(element)).map((element) => includeTree(element, tree))
  if (!isPlainObject(value)) return undefined
  const out: PlainObject = {}
  for (const [key, item] of Object.entries(value)) {
    const node = tree[key]
    if (node === undefined) continue
    if (node === true) out[key] = item
    else {
      const inner = includeTree(item, node)
      if (inner !== undefined) out[key] = inner
    }
  }
  return out
}

function excludeTree(value: unknown, tree: ProjectionTree): unknown {
  if (Array.isArray(value)) return value.map((element) => (isPlainObject(element) || Array.isArray(element) ? excludeTree(element, tree) : element))
  if (!isPlainObject(value)) return value
  const out: PlainObject = {}
  for (const [key, item] of Object.entries(value)) {
    const node = tree[key]
    if (node === true) continue
    out[key] = node === undefined ? item : excludeTree(item, node)
  }
  return out
}

/** Projects a document (without copying the values it keeps: copy the result if it leaves the database). */
export function project(doc: PlainObject, projection: Projection): PlainObject {
  const out =
    projection.mode === 'include' ? (includeTree(doc, projection.tree) as PlainObject) : (excludeTree(doc, projection.tree) as PlainObject)
  if (projection.mode === 'include' && projection.keepId && '_id' in doc) return { _id: doc._id, ...out }
  if (!projection.keepId) delete out._id
  return out
}
