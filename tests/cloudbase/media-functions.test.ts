import { buildSync } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { readFunctionConfigs } from '../../cloud/cloudbase'
import { RISKY_IMAGE_MARKER } from '../../cloud/cloudbase/openapi'
import { createInstances, type Instances } from '../../cloud/cloudbase/instances'
import type { Envelope } from '../../cloud/contracts/envelope'
import type { HouseholdCard, MyHousehold } from '../../cloud/contracts/household'
import { chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import type { Database } from '../../cloud/types/database'
import { seedDemo } from '../../cloud/runtime/seed'
import { localCloud, type Local } from './harness'

/**
 * The image check end to end on the real wx-server-sdk: the deployable household bundle asks security.mediaCheckAsync
 * (declared in its config.json), the local CloudBase server answers a trace id and pushes the verdict a moment later
 * through the instance pool to the account bundle (no caller's OPENID, as WeChat's push), whose router stores it;
 * neighbours see the photo only after that, and a refused one never.
 */
const root = path.resolve(__dirname, '..', '..')
const functionsSrc = path.join(root, 'cloud', 'functions')
const WANG = 'ltsc-1-1-601'
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])

/**
 * The two bundles this test runs, built the way scripts/build-cloud.mjs builds them (wx-server-sdk external, the deploy
 * defines, config.json beside) into a folder of its own: burst.test.ts may be rebuilding cloudfunctions/ at the same time.
 * The folder sits under node_modules so that the bundles' require('wx-server-sdk') finds the repository's copy.
 */
function buildBundles(names: readonly string[]): string {
  // A fresh clone has no node_modules/.cache yet (Taro makes it at its first build).
  fs.mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true })
  const dir = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'media-bundles-'))
  const deployConfig = require('../../scripts/deploy-config.cjs') as {
    readDeployConfig(dir: string): { config: unknown }
    deployDefines(config: unknown, options: { cloud: boolean }): Record<string, string>
  }
  const define = deployConfig.deployDefines(deployConfig.readDeployConfig(root).config, { cloud: true })
  for (const name of names) {
    const outDir = path.join(dir, name)
    fs.mkdirSync(outDir, { recursive: true })
    buildSync({ entryPoints: [path.join(functionsSrc, name, 'index.ts')], outfile: path.join(outDir, 'index.js'), bundle: true, platform: 'node', target: 'node16', format: 'cjs', external: ['wx-server-sdk'], define, logLevel: 'warning' })
    fs.copyFileSync(path.join(functionsSrc, name, 'config.json'), path.join(outDir, 'config.json'))
  }
  return dir
}

let bundlesDir = ''
let local: Local
let instances: Instances

beforeAll(async () => {
  bundlesDir = buildBundles(['household', 'account'])
  local = await localCloud({ functions: readFunctionConfigs(bundlesDir), messagePushFunction: 'account', messagePushDelayMs: 30 }, Object.values(C))
  await seedDemo(local.sdkFor('admin').database() as Database, new Date())
  instances = createInstances({ cloudbase: local.cloudbase, bundlesDir, timeoutMs: 10_000, clockOffsetMs: Date.now() - (performance.timeOrigin + performance.now()) })
}, 120_000)
afterAll(async () => {
  await instances?.close()
  await local?.cloudbase.close()
  if (bundlesDir) fs.rmSync(bundlesDir, { recursive: true, force: true })
})

async function ok<T>(fn: string, openid: string, action: string, input?: unknown): Promise<T> {
  const answer = (await instances.invoke(fn, { action, input }, { openid })) as Envelope<T>
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 5000) throw new Error('the verdict was not pushed')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test('a fulfilment photo is shown to neighbours only after the pushed verdict passed it; a refused one never', async () => {
  const admin = local.sdkFor('admin')
  const good = (await admin.uploadFile({ cloudPath: `household/${WANG}/good.jpg`, fileContent: JPEG })).fileID as string
  const bad = (await admin.uploadFile({ cloudPath: `household/${WANG}/bad.jpg`, fileContent: Buffer.concat([JPEG, Buffer.from(RISKY_IMAGE_MARKER)]) })).fileID as string
  await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: chinaDay(new Date()), note: '帮邻居取快递', photos: [good, bad] })
  const asked = local.cloudbase.outbox().filter((entry) => entry.kind === 'mediaCheckAsync')
  expect(asked).toMatchObject([
    { function: 'household', payload: { scene: 4, openid: 'demo-party' } },
    { function: 'household', payload: { scene: 4, openid: 'demo-party' } },
  ])
  const card = () => ok<HouseholdCard>('household', 'demo-resident', 'card.view', { householdId: WANG })

  await until(() => local.cloudbase.documents(C.mediaChecks).every((doc) => doc.status !== 'pending'))
  expect(local.cloudbase.documents(C.mediaChecks).map((doc) => [doc.fileID, doc.status]).sort()).toEqual([
    [bad, 'risky'],
    [good, 'pass'],
  ])
  const shown = (await card()).timeline[0].photos
  expect(shown).toHaveLength(1)
  expect(shown[0]).toContain('good.jpg')
  const own = (await ok<MyHousehold[]>('household', 'demo-party', 'mine')).find((home) => home.householdId === WANG)
  expect(own?.party?.timeline[0].photoReviews).toEqual([
    { state: 'pass', label: 100 },
    { state: 'risky', label: 20002 },
  ])
}, 30_000)

test('the push path is not callable by a resident: their forged verdict is an unknown action', async () => {
  const answer = await instances.invoke('account', { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass', label: 100 } }, { openid: 'demo-party' })
  expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
})
