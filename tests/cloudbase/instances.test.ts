import path from 'node:path'
import { createInstances, MAX_RESULT_BYTES, TIMEOUT_ERR_CODE, timeoutOf, type Instances, toJson } from '../../cloud/cloudbase/instances'
import { localCloud, type Local } from './harness'

/** The instance pool (cloud/cloudbase/instances.ts) on two small bundles: who calls, how many at once, time limits. */
const bundlesDir = path.join(__dirname, 'fixtures', 'bundles')

let local: Local
let instances: Instances
afterEach(async () => {
  await instances?.close()
  await local?.cloudbase.close()
})

interface Whoami {
  context: { OPENID?: string; APPID?: string; ENV?: string; SOURCE?: string }
  threadId: number
  now: number
}

test('each call is served by one instance at a time, and getWXContext names that call’s caller', async () => {
  local = await localCloud({}, ['c'])
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir, maxInstances: 2 })
  const answers = (await Promise.all(['o-1', 'o-2', 'o-3', 'o-4', 'o-5'].map((openid) => instances.invoke('whoami', { action: 'wait', ms: 50 }, { openid })))) as Whoami[]
  expect(answers.map((a) => a.context.OPENID)).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5'])
  expect(answers[0].context).toEqual({ OPENID: 'o-1', APPID: 'wx-local-app', ENV: 'local', SOURCE: 'wx_client' })
  expect(new Set(answers.map((a) => a.threadId)).size).toBe(2)
  expect(instances.counters()).toMatchObject({ started: 2, calls: 5, peak: { whoami: 2 } })
  // A caller without an openid is not given the previous caller's.
  expect(((await instances.invoke('whoami', {}, {})) as Whoami).context.OPENID).toBeUndefined()
})

test('the bundle’s cloud.init({ env: DYNAMIC_CURRENT_ENV }) reaches the server; cloud.callFunction runs in the pool', async () => {
  local = await localCloud({}, ['c'])
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir, maxInstances: 2 })
  expect(await instances.invoke('whoami', { action: 'write' }, { openid: 'o-writer' })).toBe(1)
  expect(local.cloudbase.documents('c')).toEqual([expect.objectContaining({ by: 'o-writer' })])
  const inner = (await instances.invoke('whoami', { action: 'call', name: 'whoami', data: {} }, { openid: 'o-outer' })) as Whoami
  expect(inner.context).toMatchObject({ SOURCE: 'scf' })
  expect(inner.context.OPENID).toBeUndefined()
  expect(local.cloudbase.counters().limits.calls['functions.invokeFunction']).toBe(1)
})

test('past the server’s instance quota a call is refused (-501004), from a function or a client, never queued', async () => {
  local = await localCloud({ limits: { instancesPerFunction: 1 } }, ['c'])
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir })
  // One instance: the caller holds it, so its call to itself is refused as the cloud refuses it.
  await expect(instances.invoke('whoami', { action: 'call', name: 'whoami', data: {} }, { openid: 'o' })).rejects.toThrow(/exceed concurrent request limit/)
  // Three callers at once: one is served, the other two are refused at once (not queued), as a synchronous call past a
  // function's concurrency is in the cloud; the app waits in line and tries again.
  const answers = await Promise.allSettled([1, 2, 3].map(() => instances.invoke('whoami', { action: 'wait', ms: 50 }, { openid: 'o' })))
  expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1)
  const refusals = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as Error & { errCode: number }] : []))
  expect(refusals.map((error) => error.errCode)).toEqual([-501004, -501004])
  expect(refusals[0].message).toMatch(/exceed concurrent request limit/)
  expect(instances.counters()).toMatchObject({ refused: 2, peak: { whoami: 1 } })
  // Once the instance is free again, the next call is served.
  await expect(instances.invoke('whoami', { action: 'wait', ms: 1 }, { openid: 'o' })).resolves.toBeDefined()
})

test('an answer over 1 MB is refused (-604001), one of exactly 1 MB is handed back', async () => {
  local = await localCloud()
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir })
  // The answer travels as JSON: a string of n - 2 characters is n bytes.
  expect(((await instances.invoke('whoami', { action: 'big', bytes: MAX_RESULT_BYTES }, { openid: 'o' })) as string).length).toBe(MAX_RESULT_BYTES - 2)
  const error = (await instances.invoke('whoami', { action: 'big', bytes: MAX_RESULT_BYTES + 1 }, { openid: 'o' }).catch((e: unknown) => e)) as Error & { errCode: number }
  expect(error.errCode).toBe(-604001)
  expect(error.message).toMatch(/cloudfunction result size exceed limit \(1MB\)/)
})

test('a call past the function’s time limit kills its instance (-504003); the next call gets a new one', async () => {
  local = await localCloud()
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir })
  expect(timeoutOf(bundlesDir, 'spin')).toBe(1000)
  expect(timeoutOf(bundlesDir, 'whoami')).toBe(3000)
  const started = performance.now()
  const error = (await instances.invoke('spin', {}, { openid: 'o' }).catch((e: unknown) => e)) as Error & { errCode: number }
  expect(error.message).toBe('Invoking task timed out after 1 seconds')
  expect(error.errCode).toBe(TIMEOUT_ERR_CODE)
  expect(performance.now() - started).toBeGreaterThanOrEqual(990)
  expect(await instances.invoke('spin', { action: 'quick' }, { openid: 'o' })).toBe('quick')
  expect(instances.counters()).toMatchObject({ started: 2, killed: 1 })
  await expect(instances.invoke('nope', {}, {})).rejects.toThrow('function not found: nope')
})

test('instances run on the clock offset they are given (a test’s faked clock)', async () => {
  local = await localCloud()
  const offset = 5 * 86_400_000
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir, clockOffsetMs: offset })
  const real = performance.timeOrigin + performance.now()
  const { now } = (await instances.invoke('whoami', {}, {})) as Whoami
  expect(Math.abs(now - (real + offset))).toBeLessThan(5_000)
})

describe('an event travels as JSON', () => {
  it('toJson writes what JSON.stringify writes, and still writes a value nested deeper than the stack', () => {
    const samples: unknown[] = [{ a: 1, b: [1, undefined, () => 1, Number.NaN, { c: new Date(0) }], d: undefined, e: 'x"y\u2028', f: null, g: -0 }, [], {}, 's', 3, null, [[[]]]]
    for (const sample of samples) expect(toJson(sample)).toBe(JSON.stringify(sample))
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? { a: deep } : [deep]
    const text = toJson(deep)
    expect(text.length).toBe(100_000 * 2 + 50_000 * 4 + 6)
    expect(text.startsWith('{"a":[{"a":[')).toBe(true)
  })
})
