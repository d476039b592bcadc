import fs from 'node:fs'
import path from 'node:path'
import { ACCESS_ROLES, FUNCTION_NAMES, type AccessRole, type FunctionName } from '../../cloud/contracts/define'
import { ERROR_CODES, isEnvelope } from '../../cloud/contracts/envelope'
import { C } from '../../cloud/lib/collections'
import type { Change } from '../../cloud/cloudbase'
import { allContracts, declarationProblems, expectedFor, type AnyContract } from './actions'
import { call, cloudbase } from './harness'
import { buildWorld, ROLE_USERS, stopClockAtNow, type World } from './world'

/**
 * Hostile input against every action of the action table, as every role: wrong types, missing fields, 1 MB strings,
 * deep nesting, query operators, prototype-pollution keys, forged identity fields, unknown actions, events that are
 * not objects. Every answer must be an envelope; every refusal a typed code from ERROR_CODES, never INTERNAL; a
 * refused call must leave the database as it was (ALLOWED_ON_FAILURE lists the exceptions and why); forged identity
 * must change nothing about who the caller is. Cases come from each action's declared sample input and a seeded PRNG
 * (FUZZ_SEED=n for another run; FUZZ_DUMP=file appends every problem found, where the test shows the first 40).
 */
jest.setTimeout(180_000)

const SEED = Number(process.env.FUZZ_SEED ?? 20261127)

/** mulberry32: small, seeded, good enough to pick cases reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = prng(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]

function nested(depth: number, leaf: unknown, array: boolean): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value }
  return value
}

const MEGABYTE = 'x'.repeat(1024 * 1024)
const FORGED_OPENID = 'demo-admin'
const polluting = () => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown

/** What goes in place of one field. */
const HOSTILE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -Number.MAX_VALUE,
  2 ** 53 + 1,
  true,
  false,
  '',
  ' ',
  '\u0000',
  MEGABYTE,
  `${MEGABYTE}\u4e2d`,
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${7*7}',
  '__proto__',
  'constructor',
  '$where',
  '$ne',
  FORGED_OPENID,
  '2026-02-31',
  '9999-99-99',
  '-1',
  '99999999999999999999',
  '\u202Egnp.exe',
  '😀😀😀',
  [],
  {},
  ['a'],
  [null],
  { $ne: null },
  { $gt: '' },
  { $where: 'return true' },
  { $regex: '.*' },
  { $in: [FORGED_OPENID] },
  { $exists: true },
  polluting(),
  nested(10_000, 'deep', false),
  nested(10_000, 'deep', true),
  { openid: FORGED_OPENID, _openid: FORGED_OPENID },
]

/** Identity a client might try to send; the functions must take it only from WeChat's context. */
const FORGED = { openid: FORGED_OPENID, _openid: FORGED_OPENID, OPENID: FORGED_OPENID, userInfo: { openId: FORGED_OPENID, appId: 'wx0000000000000000' } }

/** Events that are not a call at all, or name no action. */
const BAD_EVENTS: unknown[] = [
  null,
  undefined,
  0,
  42,
  'me',
  true,
  [],
  [{ action: 'me' }],
  {},
  { action: 123 },
  { action: null },
  { action: ['me'] },
  { action: { $ne: null } },
  { action: '__proto__' },
  { action: 'constructor' },
  { action: 'toString' },
  { action: 'hasOwnProperty' },
  { action: MEGABYTE },
  { action: 'me\u0000' },
  { action: ' me' },
  { action: '$where' },
  { action: 'no.such.action' },
  polluting(),
  nested(10_000, 'deep', false),
  { action: 'areas.list', requestId: { $ne: null } },
  { action: 'areas.list', requestId: MEGABYTE },
  { action: 'areas.list', requestId: 12345678 },
  { action: 'areas.list', requestId: '../../../x' },
  // The service function's hourly timer: only WeChat's scheduler (no OPENID) may run it; from a phone it is no action.
  { Type: 'Timer', TriggerName: 'service-reminders' },
]
const TIMER_EVENT = BAD_EVENTS.length - 1

/**
 * State a refused call may change, each with its reason. Anything else a failing call writes is a bug.
 */
type Doc = Record<string, unknown>

const ALLOWED_ON_FAILURE: { why: string; allows: (change: Change, action: string) => boolean }[] = [
  {
    why: 'a wrong invite code is counted: that count is the rate limit (5 wrong codes an hour)',
    allows: ({ collection }, action) => collection === C.inviteAttempts && action === 'residency.join',
  },
  {
    why: 'a wrong check-in code is counted on the sign-up: that count is the rate limit (10 wrong codes)',
    allows: ({ collection, before, after }, action) => collection === C.signups && action === 'checkin.byCode' && sameExcept(before, after, ['codeFailures']),
  },
  {
    why: 'looking up a certificate code is audited whether or not the certificate exists',
    allows: ({ collection, before, after }, action) => collection === C.audit && action === 'certificate.verify' && before === null && after?.action === 'certificate.verify',
  },
]

function sameExcept(before: Doc | null, after: Doc | null, fields: string[]): boolean {
  if (!before || !after) return false
  const strip = (doc: Doc) => JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([key]) => !fields.includes(key))))
  return strip(before) === strip(after)
}

type Path = (string | number)[]

/** Every path into an input, four levels deep: each key of each object and each element of each array. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (prefix.length >= 4 || typeof value !== 'object' || value === null) return []
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.slice(0, 4).map((item, index) => [index, item]) : Object.entries(value)
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])])
}

/**
 * The paths an input schema declares, three levels deep, optional fields included: a sample leaves most optional
 * fields out, and those are attacked too. Looks through optional/nullable wrappers and variants.
 */
function schemaPaths(schema: unknown, prefix: Path = []): Path[] {
  const node = schema as { entries?: Record<string, unknown>; wrapped?: unknown; options?: unknown[] }
  if (prefix.length >= 3) return []
  if (node.entries) return Object.entries(node.entries).flatMap(([key, entry]) => [[...prefix, key], ...schemaPaths(entry, [...prefix, key])])
  if (node.wrapped) return schemaPaths(node.wrapped, prefix)
  if (Array.isArray(node.options)) return node.options.flatMap((option) => schemaPaths(option, prefix))
  return []
}

const DELETE = Symbol('delete')

/** A copy of `root` with the value at `path` replaced (or deleted); only the objects along the path are copied. */
function withValue(root: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value
  const [head, ...rest] = at
  if (Array.isArray(root)) {
    const copy: unknown[] = [...root]
    if (rest.length === 0 && value === DELETE) copy.splice(Number(head), 1)
    else copy[Number(head)] = withValue(copy[Number(head)], rest, value)
    return copy
  }
  // Spread keeps own keys only; a key like "__proto__" arrives as data (as JSON.parse makes it), never as the prototype.
  const copy: Record<string, unknown> = typeof root === 'object' && root !== null ? { ...(root as Record<string, unknown>) } : {}
  if (rest.length === 0 && value === DELETE) delete copy[head]
  else Object.defineProperty(copy, head, { value: withValue(copy[head], rest, value), enumerable: true, writable: true, configurable: true })
  return copy
}

function randomString(): string {
  const alphabet = ['a', 'Z', '0', '9', '-', '_', ':', '.', '$', '/', ' ', '\n', '\u0000', '中', '家', '😀', '\u202E', '"', "'", '\\', '%', '{', '}']
  const length = pick([0, 1, 2, 6, 8, 10, 20, 64, 65, 200, 301])
  let out = ''
  for (let i = 0; i < length; i++) out += pick(alphabet)
  return out
}

function randomValue(): unknown {
  const roll = random()
  if (roll < 0.4) return pick(HOSTILE)
  if (roll < 0.7) return randomString()
  if (roll < 0.85) return pick([Math.floor(random() * 400) - 100, random() * 1e6, -0, Number.MIN_VALUE])
  return { [pick(['__proto__', 'constructor', '$set', 'openid', 'a', '_id'])]: pick(HOSTILE) }
}

let world: World
const stats = { cases: 0, refused: 0, succeeded: 0, byAction: new Map<string, number>() }

beforeAll(async () => {
  stopClockAtNow()
  world = await buildWorld()
})

afterAll(() => {
  jest.useRealTimers()
  console.log(`hostile input fuzz: ${stats.cases} cases (${stats.refused} refused, ${stats.succeeded} succeeded) over ${stats.byAction.size} actions × ${ACCESS_ROLES.length} roles, seed ${SEED}`)
  const out = process.env.LINLITING_PROOF_DIR
  if (out) fs.writeFileSync(path.join(out, 'fuzz.json'), JSON.stringify({ cases: stats.cases, refused: stats.refused, succeeded: stats.succeeded, actions: stats.byAction.size, seed: SEED }))
})

/**
 * Sends one event as `role` and returns what is wrong with the answer (empty when nothing is). The world is put back
 * after any call that wrote, so every case starts from the same state.
 */
async function attempt(fn: FunctionName, role: AccessRole, event: unknown, label: string): Promise<{ problems: string[]; outcome: string; effect: string }> {
  stats.cases++
  const problems: string[] = []
  const before = cloudbase().commits()
  let outcome = 'threw'
  let effect = ''
  try {
    const result = await call(fn, ROLE_USERS[role], event)
    if (!isEnvelope(result)) problems.push(`${label}: not an envelope: ${JSON.stringify(result).slice(0, 200)}`)
    else if (result.ok) {
      outcome = 'ok'
      stats.succeeded++
    } else {
      outcome = result.error.code
      stats.refused++
      if (!ERROR_CODES.includes(result.error.code)) problems.push(`${label}: untyped error code ${String(result.error.code)}`)
      if (result.error.code === 'INTERNAL') problems.push(`${label}: INTERNAL (${result.error.message})`)
      if (typeof result.error.message !== 'string' || result.error.message.length > 2000) problems.push(`${label}: error message missing or huge`)
    }
  } catch (error) {
    problems.push(`${label}: unhandled ${error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' ') : String(error)}`)
  }
  if (cloudbase().commits() !== before) {
    const changes = world.changes()
    if (outcome !== 'ok') {
      const action = typeof event === 'object' && event !== null ? String((event as { action?: unknown }).action) : ''
      for (const change of changes) {
        if (!ALLOWED_ON_FAILURE.some((rule) => rule.allows(change, action))) problems.push(`${label}: refused with ${outcome} but changed ${change.collection}/${String(change.id)}`)
      }
    }
    // What was written, in a form two runs of the same call share (ids may be random): collections, and how often the
    // forged identity appears in what was written.
    const written = changes.map((change) => change.collection).sort()
    const mentions = changes.reduce((sum, change) => sum + JSON.stringify(change.after ?? {}).split(FORGED_OPENID).length - 1, 0)
    effect = `${written.join(',')} / ${mentions}`
    world.reset()
  }
  return { problems, outcome, effect }
}

function describeInput(at: Path, value: unknown): string {
  const shown = value === DELETE ? '(deleted)' : typeof value === 'string' ? JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…(${value.length})` : value) : Array.isArray(value) ? `array(${value.length})` : typeof value === 'object' && value !== null ? `{${Object.keys(value).slice(0, 3).join(',')}}` : String(value)
  return `${at.join('.') || '(input)'} = ${shown}`
}

test('every action has a fuzz declaration (a sample input to start from)', () => {
  expect(declarationProblems().filter((problem) => problem.includes('sample') || problem.includes('access declaration') || problem.includes('not listed'))).toEqual([])
})

describe.each(FUNCTION_NAMES.map((fn) => [fn]))('%s', (fn) => {
  test('events that are not a call, unknown actions, hostile action names and request ids', async () => {
    const problems: string[] = []
    for (const role of ACCESS_ROLES) {
      for (const [index, event] of BAD_EVENTS.entries()) {
        const { problems: found, outcome } = await attempt(fn, role, event, `${role} event #${index}`)
        problems.push(...found)
        const scheduler = fn === 'service' && role === 'anonymous' && index === TIMER_EVENT
        if (outcome === 'ok' && !scheduler) problems.push(`${role} event #${index}: succeeded`)
        if (scheduler && outcome !== 'ok') problems.push(`the scheduler's timer event got ${outcome}`)
      }
    }
    expect(problems).toEqual([])
  })

  const actions = allContracts().filter((contract) => contract.fn === fn && contract.access && typeof contract.access.sample === 'function')
  test.each(actions.map((contract) => [contract.action, contract] as const))('%s', async (_action, contract: AnyContract) => {
    const problems: string[] = []
    const start = stats.cases
    for (const role of ACCESS_ROLES) {
      const own = contract.access.sample(world.own[role])
      const other = contract.access.sample(world.other)
      const name = `${role}`

      // The whole input replaced, then each field of the caller's own sample and someone else's by turns replaced by
      // every hostile value or removed. The router checks the input before the caller's roles (cloud/lib/router.ts),
      // so an input it refuses is refused alike for every signed-in role; what differs is what a handler does with a
      // hostile value that passes, and that runs for the roles the action allows. So these run as no caller, a
      // newcomer, and up to two roles the action allows (fieldRoles); the forged and random cases below, as every role.
      const hostileRole = fieldRoles(contract).includes(role)
      if (hostileRole) {
        for (const value of HOSTILE) problems.push(...(await attempt(fn, role, { action: contract.action, input: value }, `${name} ${describeInput([], value)}`)).problems)
        problems.push(...(await attempt(fn, role, { action: contract.action }, `${name} no input`)).problems)
      }
      const base = random() < 0.5 ? own : other
      const paths = new Map([...pathsOf(base), ...schemaPaths(contract.input)].map((at) => [at.join('\u0000'), at]))
      if (hostileRole) for (const at of paths.values()) {
        for (const value of [...HOSTILE, DELETE]) {
          problems.push(...(await attempt(fn, role, { action: contract.action, input: withValue(base, at, value) }, `${name} ${describeInput(at, value)}`)).problems)
        }
      }

      // Forged identity in the input and beside it: the answer must be the one the role gets without it, and what the
      // call writes the same as without it (the forged openid no more often in it).
      for (const [which, sample] of [['own', own], ['other', other]] as const) {
        const want = expectedFor(contract.access.roles[role], which === 'own')
        const clean = await attempt(fn, role, { action: contract.action, input: sample }, `${name} sample (${which})`)
        problems.push(...clean.problems)
        const forgedInput = typeof sample === 'object' && sample !== null && !Array.isArray(sample) ? { ...sample, ...FORGED } : sample
        for (const [label, event] of [
          ['forged identity in the input', { action: contract.action, input: forgedInput }],
          ['forged identity in the event', { action: contract.action, input: sample, ...FORGED }],
        ] as const) {
          const forged = await attempt(fn, role, event, `${name} ${label} (${which})`)
          problems.push(...forged.problems)
          if (forged.outcome !== want) problems.push(`${name} ${label} (${which}): got ${forged.outcome}, without it ${want}`)
          if (forged.effect !== clean.effect) problems.push(`${name} ${label} (${which}): wrote ${forged.effect}, without it ${clean.effect}`)
        }
      }

      // Random: one to three fields (or new keys) changed at once.
      for (let i = 0; i < 8; i++) {
        let input: unknown = random() < 0.5 ? own : other
        const changes = 1 + Math.floor(random() * 3)
        const labels: string[] = []
        for (let j = 0; j < changes; j++) {
          const paths = pathsOf(input)
          const at: Path = paths.length > 0 && random() < 0.8 ? pick(paths) : [pick(['__proto__', 'constructor', 'openid', '_id', '$where', 'extra'])]
          const value = random() < 0.1 ? DELETE : randomValue()
          labels.push(describeInput(at, value))
          input = withValue(input, at, value)
        }
        problems.push(...(await attempt(fn, role, { action: contract.action, input, requestId: random() < 0.2 ? randomString() : undefined }, `${name} random ${labels.join('; ')}`)).problems)
      }
    }
    stats.byAction.set(`${contract.fn}.${contract.action}`, stats.cases - start)
    if (process.env.FUZZ_DUMP) fs.appendFileSync(process.env.FUZZ_DUMP, problems.map((problem) => `${contract.fn}.${contract.action} ${problem}\n`).join(''))
    expect(problems.slice(0, 40)).toEqual([])
  })
})

/** The roles each field of an action's input is fuzzed as (see the loop above). */
function fieldRoles(contract: AnyContract): AccessRole[] {
  const allowed = ACCESS_ROLES.filter((role) => role !== 'anonymous' && role !== 'newcomer' && expectedFor(contract.access.roles[role], true) === 'ok')
  return ['anonymous', 'newcomer', ...allowed.slice(0, 2)]
}

test('nothing polluted the object prototype', () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.keys(Object.prototype)).toEqual([])
})
