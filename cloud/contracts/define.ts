import * as v from 'valibot'
import { isDay } from '../domain/time'
import type { ErrorCode } from './envelope'

/** One cloud function per domain. */
export const FUNCTION_NAMES = ['account', 'community', 'service', 'volunteer', 'household', 'admin'] as const
export type FunctionName = (typeof FUNCTION_NAMES)[number]

/**
 * The callers the authorization matrix (tests/cloud/matrix.test.ts) plays, each a person of the demo community in a
 * stated relation to "someone else" — a neighbour in 绿庭尚城 1号楼 who belongs to 夜走队:
 * - anonymous: no OPENID at all; newcomer: no consent, no home;
 * - resident, partyMember (a shown party-member household), buildingLeader: live in the neighbour's building;
 * - otherBuildingResident, otherBuildingLeader: live in (and lead) another building;
 * - volunteer: lives elsewhere, member of the neighbour's team and of another; teamLeader: leads the neighbour's
 *   team; otherTeamLeader: leads another team; admin: community admin.
 */
export const ACCESS_ROLES = [
  'anonymous',
  'newcomer',
  'resident',
  'otherBuildingResident',
  'partyMember',
  'volunteer',
  'buildingLeader',
  'otherBuildingLeader',
  'teamLeader',
  'otherTeamLeader',
  'admin',
] as const
export type AccessRole = (typeof ACCESS_ROLES)[number]

/** How a call ends: 'ok', or the error code it is refused with. INTERNAL is never an expected outcome. */
export type Outcome = 'ok' | Exclude<ErrorCode, 'INTERNAL'>

/** One outcome whatever the resource, or one for the caller's own resource and one for someone else's. */
export type Expected = Outcome | { readonly own: Outcome; readonly other: Outcome }

export type RoleOutcomes = { readonly [R in AccessRole]: Expected }

/**
 * Ids of one person's world, handed to `sample`: the caller's own (their home, booking, team …) or someone else's
 * (the neighbour's). A caller without such a thing (the newcomer has no home) gets ids that exist nowhere.
 */
export interface Resources {
  /** Whose world this is. */
  openid: string
  /** China day of the test clock, 'YYYY-MM-DD'. */
  today: string
  areaId: string
  buildingId: string
  householdId: string
  residencyId: string
  /** A room of the building the person does not live in, and a live invite code for the building. */
  spareHouseholdId: string
  inviteCode: string
  /** Somebody's request to live in the building, waiting for a decision. */
  pendingResidencyId: string
  /** An active pledge and a fulfilment entry of the person's party-member household. */
  pledgeId: string
  entryId: string
  /** Today's blood-pressure session in the building, its slot, the person's booking there (and its code), a reading. */
  sessionId: string
  slotId: string
  bookingId: string
  bookingCode: string
  readingId: string
  /** A team the person belongs to, its leader, somebody waiting to join it, and a shift of it starting soon that the
   * person signed up for, with the shift's current check-in code. */
  teamId: string
  teamLeaderId: string
  joinerId: string
  shiftId: string
  checkinCode: string
  certificateCode: string
}

/** A sample is only ever read, and `const S` (below) reads its literal arrays as readonly tuples: accept those. */
export type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T

/** Who may call an action, and how to aim a valid call at a resource: asserted by the matrix and fuzz tests. */
export interface Access<I> {
  /** The outcome each role gets, read from the handler (presets in ./access). */
  readonly roles: RoleOutcomes
  /** A valid input aimed at these resources. The matrix calls it with the caller's own and with someone else's; the
   * fuzz test breaks it apart field by field. */
  readonly sample: (r: Resources) => I | Frozen<I>
}

/**
 * An action's contract, defined once and used by both the client service and the cloud router:
 * which function answers it, its name, the schema its input must pass, (as a type only) its output, and who may call it.
 */
export interface Contract<F extends FunctionName = FunctionName, S extends v.GenericSchema = v.GenericSchema, O = unknown> {
  readonly fn: F
  readonly action: string
  /** The cloud validates every call against it. The app builds drop it (config/strip-access.js): app code never reads it. */
  readonly input: S
  /** Cloud and tests only: the app builds drop it (config/strip-access.js), so app code must never read it. */
  readonly access: Access<v.InferInput<S>>
  /** Type-level only: never set at run time. */
  readonly output?: O
}

export type InputOf<C> = C extends Contract<FunctionName, infer S, unknown> ? v.InferInput<S> : never
export type ParsedInputOf<C> = C extends Contract<FunctionName, infer S, unknown> ? v.InferOutput<S> : never
export type OutputOf<C> = C extends Contract<FunctionName, v.GenericSchema, infer O> ? O : never

/**
 * `defineAction<Output>()(fn, name, schema, access)`: the curried form lets TypeScript infer the schema while we name
 * the output. `access` is required, so an action cannot exist without saying who may call it.
 */
export function defineAction<O>() {
  // `const S` makes TypeScript settle S from `input` before it reads `sample`, so a sample's literals ('app') keep
  // their literal types instead of widening to string.
  return <F extends FunctionName, const S extends v.GenericSchema>(fn: F, action: string, input: S, access: Access<v.InferInput<NoInfer<S>>>): Contract<F, S, O> => ({
    fn,
    action,
    input,
    access,
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

/** A China day, 'YYYY-MM-DD', that exists on the calendar. */
export const daySchema = v.pipe(v.string(), v.check(isDay, '日期不正确（YYYY-MM-DD）'))

export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_.:-]+$/))

/**
 * A paged list's `next`, passed back unchanged: the last row's sort key and id (keyset paging, cloud/lib/paging.ts),
 * base64url. Anything else is refused here or, if it does not decode, by the function.
 */
export const pageCursor = v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(/^[A-Za-z0-9_-]+$/)))

/** A valid cursor for samples: after the epoch and id "0" (the fuzz test aims its hostile values at the field). */
export const SAMPLE_CURSOR = 'W3siZCI6MH0sIjAiXQ'

export function text(max: number, min = 1) {
  return v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max))
}
