import * as v from 'valibot'

/** One cloud function per domain. */
export const FUNCTION_NAMES = ['account', 'community', 'service', 'volunteer', 'household'] as const
export type FunctionName = (typeof FUNCTION_NAMES)[number]

/**
 * An action's contract, defined once and used by both the client service and the cloud router:
 * which function answers it, its name, the schema its input must pass, and (as a type only) its output.
 */
export interface Contract<F extends FunctionName = FunctionName, S extends v.GenericSchema = v.GenericSchema, O = unknown> {
  readonly fn: F
  readonly action: string
  readonly input: S
  /** Type-level only: never set at run time. */
  readonly output?: O
}

export type InputOf<C> = C extends Contract<FunctionName, infer S, unknown> ? v.InferInput<S> : never
export type ParsedInputOf<C> = C extends Contract<FunctionName, infer S, unknown> ? v.InferOutput<S> : never
export type OutputOf<C> = C extends Contract<FunctionName, v.GenericSchema, infer O> ? O : never

/** `defineAction<Output>()(fn, name, schema)`: the curried form lets TypeScript infer the schema while we name the output. */
export function defineAction<O>() {
  return <F extends FunctionName, S extends v.GenericSchema>(fn: F, action: string, input: S): Contract<F, S, O> => ({
    fn,
    action,
    input,
  })
}

/** The event every function receives: `wx.cloud.callFunction({ name, data: event })`. */
export interface ActionEvent {
  action: string
  input?: unknown
  /** Set by the client once per user intent; retries reuse it so writes are not repeated. */
  requestId?: string
}

export const requestIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/))

/** An empty input. Unknown keys (including forged identity fields such as `openid`) are dropped, not trusted. */
export const noInput = v.optional(v.object({}), {})

export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_.:-]+$/))

export function text(max: number, min = 1) {
  return v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max))
}
