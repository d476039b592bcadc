/**
 * The objects that `db.command` (usually `_`), `db.command.aggregate` (usually `$`) and `db.serverDate()` return.
 * They are inert descriptions; query.ts and aggregate.ts interpret them.
 */

export type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists'
export type LogicOp = 'and' | 'or'
export type UpdateOp = 'inc' | 'set' | 'remove' | 'push' | 'pull' | 'addToSet'
export type AccumulatorOp = 'sum' | 'avg' | 'max' | 'min' | 'first' | 'last' | 'push' | 'addToSet'

/** `_.and(a, b)`, `_.and([a, b])` and `_.gt(1).and(_.lt(5))` all mean the same; flatten the argument forms. */
function operandList(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as unknown[])] : args
}

abstract class Chainable {
  and(...conditions: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...operandList(conditions)])
  }

  or(...conditions: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...operandList(conditions)])
  }
}

/** A field-level comparison such as `_.gt(3)`. */
export class QueryCommand extends Chainable {
  constructor(
    readonly op: QueryOp,
    readonly operand: unknown,
  ) {
    super()
  }
}

/**
 * `_.and` / `_.or`. Where it stands decides what its operands are: passed to `where()` directly, each operand is a
 * whole condition object; as a field's value, each operand is a condition on that field.
 */
export class LogicCommand extends Chainable {
  constructor(
    readonly op: LogicOp,
    readonly operands: readonly unknown[],
  ) {
    super()
  }
}

/** An update operator such as `_.inc(1)`; only meaningful as a value in update data. */
export class UpdateCommand {
  constructor(
    readonly op: UpdateOp,
    readonly operand: unknown,
  ) {}
}

/** `db.serverDate()`: replaced by the database's clock when the write (or query) runs, not when it is built. */
export class ServerDate {
  constructor(readonly offset: number) {}
}

/** `$.sum('$hours')` and friends, only meaningful inside an aggregate `group` stage. */
export class Accumulator {
  constructor(
    readonly op: AccumulatorOp,
    readonly expression: unknown,
  ) {}
}

export class UnsupportedError extends Error {}

/** Properties that JavaScript machinery (await, JSON, Jest, util.inspect) probes on any object; not operator uses. */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'inspect', 'toString', 'valueOf'])

/**
 * Wraps an operator table so that reaching for an operator the cloud has but we do not (`_.mul`, `_.elemMatch`,
 * `$.lookup`...) fails at once with its name, instead of as "undefined is not a function" or, worse, not at all.
 */
export function strictOperators<T extends object>(table: T, label: string): T {
  return new Proxy(table, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || property in target || PROBED.has(property)) {
        return Reflect.get(target, property, receiver) as unknown
      }
      throw new UnsupportedError(`${label}.${property} is not supported by the local runtime`)
    },
  })
}

export interface AggregateCommand {
  sum(expression: unknown): Accumulator
  avg(expression: unknown): Accumulator
  max(expression: unknown): Accumulator
  min(expression: unknown): Accumulator
  first(expression: unknown): Accumulator
  last(expression: unknown): Accumulator
  push(expression: unknown): Accumulator
  addToSet(expression: unknown): Accumulator
}

export interface Command {
  eq(value: unknown): QueryCommand
  neq(value: unknown): QueryCommand
  gt(value: unknown): QueryCommand
  gte(value: unknown): QueryCommand
  lt(value: unknown): QueryCommand
  lte(value: unknown): QueryCommand
  in(values: unknown[]): QueryCommand
  nin(values: unknown[]): QueryCommand
  exists(value: boolean): QueryCommand
  and(...conditions: unknown[]): LogicCommand
  or(...conditions: unknown[]): LogicCommand
  inc(value: number): UpdateCommand
  set(value: unknown): UpdateCommand
  remove(): UpdateCommand
  /** `_.push(x)`, `_.push(x, y)`, `_.push([x, y])` or `_.push({ each: [...], position?, slice? })`. */
  push(...values: unknown[]): UpdateCommand
  /** Removes every element equal to a plain (scalar) value. */
  pull(value: unknown): UpdateCommand
  /** `_.addToSet(x)` or `_.addToSet({ each: [...] })`. */
  addToSet(value: unknown): UpdateCommand
  readonly aggregate: AggregateCommand
}

function createAggregateCommand(): AggregateCommand {
  const make = (op: AccumulatorOp) => (expression: unknown) => new Accumulator(op, expression)
  return strictOperators<AggregateCommand>(
    {
      sum: make('sum'),
      avg: make('avg'),
      max: make('max'),
      min: make('min'),
      first: make('first'),
      last: make('last'),
      push: make('push'),
      addToSet: make('addToSet'),
    },
    'db.command.aggregate',
  )
}

export function createCommand(): Command {
  const query = (op: QueryOp) => (value: unknown) => new QueryCommand(op, value)
  return strictOperators<Command>(
    {
      eq: query('eq'),
      neq: query('neq'),
      gt: query('gt'),
      gte: query('gte'),
      lt: query('lt'),
      lte: query('lte'),
      in: query('in'),
      nin: query('nin'),
      exists: query('exists'),
      and: (...conditions: unknown[]) => new LogicCommand('and', operandList(conditions)),
      or: (...conditions: unknown[]) => new LogicCommand('or', operandList(conditions)),
      inc: (value: number) => new UpdateCommand('inc', value),
      set: (value: unknown) => new UpdateCommand('set', value),
      remove: () => new UpdateCommand('remove', undefined),
      push: (...values: unknown[]) => new UpdateCommand('push', values),
      pull: (value: unknown) => new UpdateCommand('pull', value),
      addToSet: (value: unknown) => new UpdateCommand('addToSet', value),
      aggregate: createAggregateCommand(),
    },
    'db.command',
  )
}
