import fs from 'node:fs'
import path from 'node:path'
import { ACCESS_ROLES, FUNCTION_NAMES, type AccessRole } from '../../cloud/contracts/define'
import { allContracts, declarationProblems, expectedFor, type AnyContract } from './actions'
import { cloudbase, invoke } from './harness'
import { buildWorld, ROLE_USERS, stopClockAtNow, type World } from './world'

/**
 * The authorization matrix: every action (from cloud/contracts) × every role × the caller's own resource and someone
 * else's, each call checked against the outcome declared next to the action. Generated, so a new action is in it the
 * moment it is declared, and an action without a declaration fails the first test.
 */
jest.setTimeout(120_000)

let world: World
const counted = { cells: 0, actions: 0, oracle: 0 }

beforeAll(async () => {
  stopClockAtNow()
  world = await buildWorld()
})

afterAll(() => {
  jest.useRealTimers()
  console.log(`authorization matrix: ${counted.cells} cells (${counted.actions} actions × ${ACCESS_ROLES.length} roles × own / someone else's, identical inputs counted once), ${counted.oracle} refusals compared with a record that does not exist`)
  // `npm run bench` collects this (scripts/bench/proof.mjs).
  const out = process.env.LINLITING_PROOF_DIR
  if (out) fs.writeFileSync(path.join(out, 'matrix.json'), JSON.stringify({ cells: counted.cells, actions: counted.actions, roles: ACCESS_ROLES.length, oracle: counted.oracle }))
})

/** One call as `role`; the world is put back if the call wrote anything, so every cell starts from the same state. */
async function play(contract: AnyContract, role: AccessRole, input: unknown): Promise<string> {
  const before = cloudbase().commits()
  const result = await invoke(contract.fn, ROLE_USERS[role], contract.action, input)
  if (cloudbase().commits() !== before) world.reset()
  return result.ok ? 'ok' : result.error.code === 'INTERNAL' ? `INTERNAL (${result.error.message})` : result.error.code
}

test('every action served by every function declares who may call it and a sample input', () => {
  expect(declarationProblems()).toEqual([])
})

const declared = allContracts().filter((contract) => contract.access && typeof contract.access.sample === 'function')

describe.each(FUNCTION_NAMES.map((fn) => [fn]))('%s', (fn) => {
  test.each(declared.filter((contract) => contract.fn === fn).map((contract) => [contract.action, contract] as const))('%s', async (_action, contract) => {
    counted.actions++
    const mismatches: string[] = []
    for (const role of ACCESS_ROLES) {
      const expected = contract.access.roles[role]
      const own = contract.access.sample(world.own[role])
      const other = contract.access.sample(world.other)
      const runs: [string, unknown, boolean[]][] = JSON.stringify(own) === JSON.stringify(other) ? [['own = other', own, [true, false]]] : [['own', own, [true]], ['other', other, [false]]]
      for (const [label, input, mine] of runs) {
        const outcome = await play(contract, role, input)
        counted.cells++
        for (const which of mine) {
          const want = expectedFor(expected, which)
          if (outcome !== want) mismatches.push(`${role} (${label}): got ${outcome}, declared ${want}`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})

/**
 * A refusal must not say whether someone else's record exists: for every action and role refused on the neighbour's
 * record, the same call aimed at a record that exists nowhere (world.ghost) gets the same answer. Otherwise an id that
 * names a person (a residency is person + home, a booking is slot + person) or a secret (an invite code) becomes an
 * oracle: where does this person live, did they book a blood-pressure check, is this code live.
 */
describe('refusals do not tell whether a record exists', () => {
  test.each(FUNCTION_NAMES.map((fn) => [fn]))('%s', async (fn) => {
    const leaks: string[] = []
    for (const contract of declared.filter((item) => item.fn === fn)) {
      const other = contract.access.sample(world.other)
      const ghost = contract.access.sample(world.ghost)
      if (JSON.stringify(other) === JSON.stringify(ghost)) continue
      for (const role of ACCESS_ROLES) {
        const refused = await play(contract, role, other)
        if (!['FORBIDDEN', 'NOT_FOUND', 'NOT_VISIBLE'].includes(refused)) continue
        const nothing = await play(contract, role, ghost)
        counted.oracle++
        if (nothing !== refused) leaks.push(`${contract.action} as ${role}: someone else's gets ${refused}, one that does not exist ${nothing}`)
      }
    }
    expect(leaks).toEqual([])
  })
})

// Found while declaring residency.decide: a leader could approve their own request for any room of their building,
// become a member of that household and manage its party-member record.
test('a building leader cannot approve their own residency request', async () => {
  const request = await invoke<{ id: string }>('community', 'demo-leader', 'residency.request', { householdId: 'ltsc-1-2-601' })
  if (!request.ok) throw new Error(request.error.message)
  const before = cloudbase().commits()
  const decided = await invoke('community', 'demo-leader', 'residency.decide', { residencyId: request.data.id, approve: true })
  expect(decided.ok ? 'ok' : decided.error.code).toBe('FORBIDDEN')
  expect(cloudbase().commits()).toBe(before)
  world.reset()
})

// The same conflict of interest for the 党总支: an admin who lives in a household does not verify it themselves.
test('an admin cannot verify a party-member household they live in', async () => {
  const home = world.own.admin.householdId
  const applied = await invoke('household', ROLE_USERS.admin, 'apply', { householdId: home, displayName: '101 周家', intro: '' })
  if (!applied.ok) throw new Error(applied.error.message)
  const before = cloudbase().commits()
  const decided = await invoke('household', ROLE_USERS.admin, 'decide', { householdId: home, approve: true })
  expect(decided.ok ? 'ok' : decided.error.code).toBe('FORBIDDEN')
  expect(cloudbase().commits()).toBe(before)
  world.reset()
})

// Issue 20: authority comes from a role held now. With the role revoked, every action the role gave (and a resident
// does not have) is refused to the same person on the same resources at once — rosters, check-in, readings, exports,
// cancellations, codes — whatever they created while they held it.
describe.each([
  ['buildingLeader', 'building_leader', (r: World['other']) => r.buildingId],
  ['teamLeader', 'team_leader', (r: World['other']) => r.teamId],
] as const)('revoked role: %s', (role, granted, scopeOf) => {
  test('every action the role gave is refused once it is revoked', async () => {
    const who = ROLE_USERS[role]
    const own = world.own[role]
    const revoked = await invoke('community', ROLE_USERS.admin, 'role.revoke', { userId: who, role: granted, scope: scopeOf(own) })
    if (!revoked.ok) throw new Error(revoked.error.message)
    const kept: string[] = []
    for (const contract of declared) {
      // Only what the role gave: an action some role without staff powers may do (own hours, own bookings) is not one.
      if (expectedFor(contract.access.roles[role], true) !== 'ok' || (['resident', 'volunteer', 'partyMember'] as const).some((plain) => expectedFor(contract.access.roles[plain], true) === 'ok')) continue
      const before = cloudbase().commits()
      const result = await invoke(contract.fn, who, contract.action, contract.access.sample(own))
      if (result.ok) kept.push(`${contract.fn}.${contract.action}`)
      else if (cloudbase().commits() !== before && contract.action !== 'residency.join') kept.push(`${contract.fn}.${contract.action} wrote while refused`)
    }
    world.reset()
    expect(kept).toEqual([])
  })
})
