import { BASE_PLAN, refuse } from '../../cloud/cloudbase'
import { failure, localCloud, type Local } from './harness'

let local: Local
afterEach(() => local.cloudbase.close())

describe('functions.invokeFunction', () => {
  test('cloud.callFunction is forwarded to the handler the runtime registers', async () => {
    local = await localCloud()
    const seen: unknown[] = []
    local.cloudbase.onInvoke(async (name, event) => {
      if (name !== 'community') throw refuse.functionMissing(name)
      seen.push(event)
      return { ok: true, echo: event }
    })
    const cloud = local.sdkFor('admin')
    const { result } = await cloud.callFunction({ name: 'community', data: { action: 'ping', n: 1 } })
    expect(result).toEqual({ ok: true, echo: { action: 'ping', n: 1 } })
    expect(seen).toEqual([{ action: 'ping', n: 1 }])
    // callFunction's path in the SDK keeps the server's message but not the code: errCode -1.
    const missing = await failure(cloud.callFunction({ name: 'nope', data: {} }))
    expect(missing).toMatchObject({ errCode: -1 })
    expect(missing.message).toContain('function not found: nope')
    local.cloudbase.onInvoke(async () => {
      throw new Error('boom')
    })
    expect((await failure(cloud.callFunction({ name: 'community', data: {} }))).message).toContain('function community failed: boom')
  })
})

describe('an unchanged function bundle reaches the server through its instance environment', () => {
  test('cloud.init({ env: DYNAMIC_CURRENT_ENV }) + instanceEnv → calls arrive at /admin/<function>, getWXContext names the caller', async () => {
    local = await localCloud({ functions: { service: { permissions: { openapi: ['security.msgSecCheck'] } } } }, ['c'])
    const instance = local.cloudbase.instanceEnv('service', { openid: 'o-caller', appid: 'wx123' })
    const saved = { ...process.env }
    Object.assign(process.env, instance)
    try {
      jest.isolateModules(() => {
        const cloud = require('wx-server-sdk')
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
        expect(cloud.getWXContext()).toEqual({ OPENID: 'o-caller', APPID: 'wx123', ENV: 'local', SOURCE: 'wx_client' })
        ;(globalThis as { bundleCloud?: unknown }).bundleCloud = cloud
      })
      const cloud = (globalThis as { bundleCloud?: { database: () => { collection: (n: string) => { add: (o: object) => Promise<unknown>; count: () => Promise<{ total: number }> } }; openapi: { security: { msgSecCheck: (o: object) => Promise<{ errCode: number }> } } } }).bundleCloud
      await cloud!.database().collection('c').add({ data: { a: 1 } })
      expect((await cloud!.database().collection('c').count()).total).toBe(1)
      // The permission check knows the caller from the URL the environment gave it.
      expect((await cloud!.openapi.security.msgSecCheck({ content: 'hi', version: 2, scene: 2, openid: 'o-caller' })).errCode).toBe(0)
    } finally {
      process.env = saved
      delete (globalThis as { bundleCloud?: unknown }).bundleCloud
    }
  })
})

describe('fidelity limits', () => {
  test('database operations beyond the per-second quota are refused with -501003; counters tell how many', async () => {
    local = await localCloud({ limits: { databaseOpsPerSecond: 5 } }, ['c'])
    const db = local.sdkFor('service').database()
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => db.collection('c').add({ data: { i } })))
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused.length).toBeGreaterThanOrEqual(3)
    expect(refused[0].reason.errCode).toBe(-501003)
    expect(refused[0].reason.message).toContain('exceed request limit')
    const { limits } = local.cloudbase.counters()
    expect(limits.throttled).toBe(refused.length)
    expect(limits.calls['database.insertDocument']).toBe(8)
  })

  test('per-call latency delays every answer', async () => {
    local = await localCloud({ limits: { latencyMs: 40 } }, ['c'])
    const db = local.sdkFor('service').database()
    const started = performance.now()
    await db.collection('c').count()
    expect(performance.now() - started).toBeGreaterThanOrEqual(38)
  })

  test('instances per function: one more than the quota is refused with -501004', async () => {
    local = await localCloud({ limits: { instancesPerFunction: 2 } })
    const releases = [local.cloudbase.claimInstance('service'), local.cloudbase.claimInstance('service')]
    expect(() => local.cloudbase.claimInstance('service')).toThrow('exceed concurrent request limit')
    releases[0]()
    releases[0]()
    expect(() => local.cloudbase.claimInstance('service')).not.toThrow()
    expect(local.cloudbase.counters().limits).toMatchObject({ instancesRefused: 1, peakInstances: { service: 2 } })
    expect(BASE_PLAN).toEqual({ latencyMs: 15, databaseOpsPerSecond: 30, instancesPerFunction: 20 })
  })
})
