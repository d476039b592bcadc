/**
 * The aggregate pipeline subset we support: match, group (with $.sum/avg/max/min/first/last/push/addToSet),
 * sort, skip, limit, project (inclusion only) and count. Pure functions over documents; database.ts feeds them.
 */
import { Accumulator, UnsupportedError } from './commands'
import { compileProjection, compileSort, compileWhere, getPath, InvalidInputError, project, type SortKey } from './query'
import { compareValues, deepEqual, describe, isPlainObject, type Doc, type PlainObject } from './values'

export type Stage =
  | { kind: 'match'; where: unknown }
  | { kind: 'group'; spec: PlainObject }
  | { kind: 'sort'; keys: SortKey[] }
  | { kind: 'skip'; n: number }
  | { kind: 'limit'; n: number }
  | { kind: 'project'; spec: PlainObject }
  | { kind: 'count'; field: string }

/**
 * The cloud answers an aggregate without a limit stage with at most 20 records (community-reported and easy to
 * trip over). We neither cut silently nor return more than the cloud would: such a pipeline throws when it has
 * more than this many results.
 */
export const AGGREGATE_DEFAULT_LIMIT = 20

const unsupported = (what: string) => new UnsupportedError(`${what} is not supported by the local runtime`)

/** A `'$field.path'` reference, or a constant. */
type Expression = { field: string } | { constant: unknown }

function compileExpression(expression: unknown, where: string): Expression {
  if (typeof expression === 'string' && expression.startsWith('$')) {
    const field = expression.slice(1)
    if (field === '' || field.startsWith('$')) throw unsupported(`the expression ${JSON.stringify(expression)} (${where})`)
    return { field }
  }
  if (expression === null || typeof expression === 'number' || typeof expression === 'string' || typeof expression === 'boolean') return { constant: expression }
  // Objects would be expression operators ($.multiply, $.cond, ...) or literals: none are emulated.
  throw unsupported(`the expression ${describe(expression)} (${where}); only '$field' references and constants are`)
}

function evaluate(expression: Expression, doc: unknown): unknown {
  return 'field' in expression ? getPath(doc, expression.field) : expression.constant
}

interface AccumulatorState {
  add(doc: Doc): void
  result(): unknown
}

function makeAccumulator(accumulator: Accumulator, where: string): () => AccumulatorState {
  const expression = compileExpression(accumulator.expression, where)
  switch (accumulator.op) {
    case 'sum':
      return () => {
        let total = 0
        return {
          add: (doc) => {
            const value = evaluate(expression, doc)
            if (typeof value === 'number') total += value // MongoDB's $sum ignores non-numeric values
          },
          result: () => total,
        }
      }
    case 'avg':
      return () => {
        let total = 0
        let count = 0
        return {
          add: (doc) => {
            const value = evaluate(expression, doc)
            if (typeof value === 'number') {
              total += value
              count++
            }
          },
          result: () => (count === 0 ? null : total / count),
        }
      }
    case 'max':
    case 'min': {
      const sign = accumulator.op === 'max' ? 1 : -1
      return () => {
        let best: unknown = null
        return {
          add: (doc) => {
            const value = evaluate(expression, doc)
            if (value === undefined || value === null) return
            if (best === null || compareValues(value, best) * sign > 0) best = value
          },
          result: () => best,
        }
      }
    }
    case 'first':
      return () => {
        let seen = false
        let value: unknown = null
        return {
          add: (doc) => {
            if (seen) return
            seen = true
            value = evaluate(expression, doc) ?? null
          },
          result: () => value,
        }
      }
    case 'last':
      return () => {
        let value: unknown = null
        return {
          add: (doc) => {
            value = evaluate(expression, doc) ?? null
          },
          result: () => value,
        }
      }
    case 'push':
    case 'addToSet': {
      const unique = accumulator.op === 'addToSet'
      return () => {
        const values: unknown[] = []
        return {
          add: (doc) => {
            const value = evaluate(expression, doc)
            if (value === undefined) return // missing fields are skipped, as in MongoDB
            if (unique && values.some((existing) => deepEqual(existing, value))) return
            values.push(value)
          },
          result: () => values,
        }
      }
    }
    default:
      throw unsupported(`the accumulator $.${String(accumulator.op)}`)
  }
}

function groupKey(spec: unknown): (doc: Doc) => unknown {
  if (spec === undefined) throw new InvalidInputError('group() needs an _id (a \'$field\', null, or an object of them)')
  if (isPlainObject(spec)) {
    const parts = Object.entries(spec).map(([key, expression]) => {
      if (key.startsWith('$')) throw unsupported(`the group _id operator ${key}`)
      return [key, compileExpression(expression, `group _id.${key}`)] as const
    })
    return (doc) => {
      const key: PlainObject = {}
      for (const [name, expression] of parts) {
        const value = evaluate(expression, doc)
        if (value !== undefined) key[name] = value // missing fields are left out of a compound _id
      }
      return key
    }
  }
  const expression = compileExpression(spec, 'group _id')
  return (doc) => evaluate(expression, doc) ?? null
}

/** Stable text for a group key; Dates are tagged so they never equal their millisecond number. */
function keyText(key: unknown): string {
  return JSON.stringify(key, function (this: Record<string, unknown>, name: string, value: unknown) {
    const original = this[name]
    return original instanceof Date ? { $date: original.getTime() } : value
  })
}

function runGroup(docs: Doc[], spec: PlainObject): Doc[] {
  const keyOf = groupKey(spec._id)
  const fields = Object.entries(spec)
    .filter(([name]) => name !== '_id')
    .map(([name, accumulator]) => {
      if (name.includes('.') || name.startsWith('$')) throw new InvalidInputError(`group() output field "${name}" may not contain "." or start with "$"`)
      if (!(accumulator instanceof Accumulator)) throw unsupported(`group() field "${name}" = ${describe(accumulator)}; use an accumulator such as $.sum('$field')`)
      return [name, makeAccumulator(accumulator, `group ${name}`)] as const
    })
  const groups = new Map<string, { key: unknown; states: AccumulatorState[] }>()
  for (const doc of docs) {
    const key = keyOf(doc)
    const text = keyText(key)
    let group = groups.get(text)
    if (!group) {
      group = { key, states: fields.map(([, make]) => make()) }
      groups.set(text, group)
    }
    for (const state of group.states) state.add(doc)
  }
  return [...groups.values()].map(({ key, states }) => {
    const out: PlainObject = { _id: key }
    fields.forEach(([name], i) => (out[name] = states[i].result()))
    // Group outputs carry the key as _id, which may be any value; the Doc type's string _id does not hold here.
    return out as Doc
  })
}

/** Runs the stages over the documents (which it does not modify) and returns new result objects sharing values. */
export function runPipeline(source: Iterable<Doc>, stages: readonly Stage[], now: Date): Doc[] {
  let docs: Doc[] = []
  let rest = stages
  // A leading match filters while reading, so a big collection is not copied into an array first.
  if (stages[0]?.kind === 'match') {
    const predicate = compileWhere(stages[0].where, now)
    for (const doc of source) if (predicate(doc)) docs.push(doc)
    rest = stages.slice(1)
  } else {
    docs = [...source]
  }
  for (const stage of rest) {
    switch (stage.kind) {
      case 'match': {
        const predicate = compileWhere(stage.where, now)
        docs = docs.filter(predicate)
        break
      }
      case 'group':
        docs = runGroup(docs, stage.spec)
        break
      case 'sort':
        docs = [...docs].sort(compileSort(stage.keys))
        break
      case 'skip':
        docs = docs.slice(stage.n)
        break
      case 'limit':
        docs = docs.slice(0, stage.n)
        break
      case 'project': {
        const projection = compileProjection(stage.spec, 'project()', false)
        docs = docs.map((doc) => project(doc, projection) as Doc)
        break
      }
      case 'count':
        // MongoDB's $count outputs no document at all for empty input.
        docs = docs.length === 0 ? [] : [{ [stage.field]: docs.length } as unknown as Doc]
        break
    }
  }
  return docs
}
