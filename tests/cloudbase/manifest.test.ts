import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { deployDefines, readDeployConfig } from '../../scripts/deploy-config.cjs'

/**
 * The deploy manifest against the code: every function's config.json (copied into cloudfunctions/<fn>/ by
 * build-cloud) declares exactly the 云调用 its bundle makes — an undeclared one fails in the cloud with -604101, an
 * unused one is a permission nobody needs — and cloudbaserc.json (what `tcb fn deploy --all` reads) agrees with them.
 */
const root = path.resolve(__dirname, '..', '..')
const functionsSrc = path.join(root, 'cloud', 'functions')
const names = fs.readdirSync(functionsSrc).filter((name) => fs.existsSync(path.join(functionsSrc, name, 'index.ts')))

interface FunctionConfigJson {
  permissions?: { openapi?: string[] }
  timeout?: number
  memorySize?: number
  triggers?: { name: string; type: string; config: string }[]
}
const configOf = (name: string): FunctionConfigJson => JSON.parse(fs.readFileSync(path.join(functionsSrc, name, 'config.json'), 'utf8')) as FunctionConfigJson

/**
 * The longest single call measured on the real SDK with the base plan's round trip (BASE_PLAN, 15 ms a call) and 20
 * instances, on 2 shared cores (2026-12-06): in `burst.test.ts` a booking at the 200-person opening 2118 ms, a shift
 * sign-up 1495 ms; admin `import.apply` of a 300-building CSV (the seeded community, the bundles in instances)
 * 20 589 ms (30 buildings: 2 314 ms, so about 70 ms a building). A function's time limit must be at least twice its
 * longest measured call. The cloud caps the limit at 60 s: a file of more than about 400 buildings does not fit in one
 * call (IMPORT_MAX_ROWS allows 1000).
 *
 * With the base plan's database quota on as well (burst-base-plan.test.ts, 2026-12-06) a call waits out the quota
 * (cloud/lib/patience.ts) up to its deadline, four fifths of its time limit: the longest booking took 25 134 ms and the
 * longest sign-up 33 235 ms, which is why volunteer's limit is 60 s as service's (the first base-plan run, with 20 s
 * and the person's lock still changed in a transaction, left 138 of 200 people unanswered after three minutes). Thanks
 * and invite joins, 60 at once, ran into household's and community's 10 s (8 s of waiting): 20 s each now.
 */
const LONGEST_MEASURED_MS: Readonly<Record<string, number>> = { service: 2118, volunteer: 1495, admin: 20_589 }
// CloudBase accepts these memory sizes (MB); WeChat's cloud caps the time limit at 60 s.
const MEMORY_SIZES = [128, 256, 512, 1024, 2048]

async function openapiCalls(name: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(functionsSrc, name, 'index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    define: deployDefines(readDeployConfig(root).config, { cloud: true }),
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].text
  return [...new Set([...code.matchAll(/\bopenapi\s*\.\s*([A-Za-z]+)\s*\.\s*([A-Za-z]+)\s*\(/g)].map(([, group, api]) => `${group}.${api}`))].sort()
}

describe.each(names)('%s', (name) => {
  test('config.json declares exactly the openapi calls its bundle makes', async () => {
    const declared = [...(configOf(name).permissions?.openapi ?? [])].sort()
    expect({ name, openapi: await openapiCalls(name) }).toEqual({ name, openapi: declared })
  }, 60_000)

  test('a time limit, a memory size, and no less time than its longest measured call needs', () => {
    const { timeout, memorySize } = configOf(name)
    expect(Number.isInteger(timeout) && (timeout as number) >= 3 && (timeout as number) <= 60).toBe(true)
    expect(MEMORY_SIZES).toContain(memorySize)
    expect((timeout as number) * 1000).toBeGreaterThanOrEqual(2 * (LONGEST_MEASURED_MS[name] ?? 0))
  })
})

test('the hourly reminders: service has the timer trigger its main answers to, and nothing else has one', () => {
  const source = fs.readFileSync(path.join(functionsSrc, 'service', 'index.ts'), 'utf8')
  const trigger = /export const REMINDER_TRIGGER = '([^']+)'/.exec(source)?.[1]
  expect(configOf('service').triggers).toEqual([{ name: trigger, type: 'timer', config: '0 0 * * * * *' }])
  for (const name of names.filter((n) => n !== 'service')) expect(configOf(name).triggers).toBeUndefined()
})

test('cloudbaserc.json deploys every function with its config.json timeout, memory and triggers', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as {
    envId: string
    functionRoot: string
    functions: { name: string; timeout: number; memorySize: number; installDependency: boolean; handler: string; triggers?: unknown }[]
  }
  expect(rc.envId).toBe('{{env.ENV_ID}}')
  expect(rc.functionRoot).toBe('cloudfunctions')
  expect(rc.functions.map((f) => f.name).sort()).toEqual([...names].sort())
  for (const f of rc.functions) {
    const config = configOf(f.name)
    expect({ name: f.name, timeout: f.timeout, memorySize: f.memorySize, triggers: f.triggers }).toEqual({
      name: f.name,
      timeout: config.timeout,
      memorySize: config.memorySize,
      triggers: config.triggers,
    })
    expect(f.installDependency).toBe(true)
    expect(f.handler).toBe('index.main')
  }
})

test('build-cloud copies each config.json beside its bundle', () => {
  const script = fs.readFileSync(path.join(root, 'scripts', 'build-cloud.mjs'), 'utf8')
  expect(script).toContain("fs.copyFileSync(config, path.join(outDir, 'config.json'))")
})
