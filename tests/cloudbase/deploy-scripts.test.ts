import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { C } from '../../cloud/lib/collections'
import { localCloud } from './harness'

/** The deploy's scripts: the pre-deploy check refuses the example's placeholders; the setup creates every collection. */
const root = path.resolve(__dirname, '..', '..')
const run = promisify(execFile)
const example = JSON.parse(fs.readFileSync(path.join(root, 'linliting.config.example.json'), 'utf8')) as {
  subscribeTemplates: Record<string, { id: string; keywords: string[] }>
}
let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-deploy-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

async function predeploy(config: unknown): Promise<{ code: number; output: string }> {
  const file = path.join(dir, 'linliting.config.json')
  fs.writeFileSync(file, JSON.stringify(config))
  try {
    const { stdout } = await run(process.execPath, ['scripts/predeploy-check.mjs', '--config', file], { cwd: root })
    return { code: 0, output: stdout }
  } catch (error) {
    const e = error as { code: number; stderr: string }
    return { code: e.code, output: e.stderr }
  }
}

const filled = () => ({
  ...example,
  envId: 'linliting-prod-4g7x2',
  miniprogramState: 'formal',
  subscribeTemplates: Object.fromEntries(
    Object.entries(example.subscribeTemplates).map(([kind, t], i) => [kind, { ...t, id: `${'aB3-_x'.repeat(7)}${i}` }]),
  ),
})

describe('npm run predeploy', () => {
  test('refuses the committed example: empty env id and every placeholder template id named', async () => {
    const { code, output } = await predeploy(example)
    expect(code).toBe(1)
    expect(output).toContain('envId is empty')
    for (const kind of Object.keys(example.subscribeTemplates)) expect(output).toContain(`subscribeTemplates.${kind}.id`)
  })

  test('refuses a template whose keywords are not the ones the functions send, and an unknown miniprogramState', async () => {
    const config = filled()
    config.subscribeTemplates.serviceReminder = { ...config.subscribeTemplates.serviceReminder, keywords: ['thing1', 'time2'] }
    const { code, output } = await predeploy({ ...config, miniprogramState: 'release' })
    expect(code).toBe(1)
    expect(output).toContain('subscribeTemplates.serviceReminder.keywords')
    expect(output).toContain('miniprogramState')
  })

  test('accepts a filled one and prints the deploy command for its environment', async () => {
    const { code, output } = await predeploy(filled())
    expect({ code, output }).toMatchObject({ code: 0 })
    expect(output).toContain('npx tcb fn deploy --force -e linliting-prod-4g7x2')
  })
})

test('cloud-setup creates every collection of cloud/lib/collections.ts (again: nothing new) and prints rules and indexes', async () => {
  const local = await localCloud()
  try {
    const args = ['scripts/cloud-setup.mjs', '--env', local.cloudbase.env, '--service-url', local.cloudbase.serviceUrl('setup')]
    const env = { ...process.env, TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_SECRETID: 'local', TENCENTCLOUD_SECRETKEY: 'local', SILENCE: 'true' }
    const first = await run(process.execPath, args, { cwd: root, env })
    const names = Object.values(C)
    expect(first.stdout).toContain(`collections: ${names.length} created, 0 already there`)
    for (const name of names) expect(local.cloudbase.documents(name)).toEqual([])
    const again = await run(process.execPath, args, { cwd: root, env })
    expect(again.stdout).toContain(`collections: 0 created, ${names.length} already there`)
    expect(again.stdout).toContain('"read": false')
    expect(again.stdout).toContain('service_bookings: slot_status_seq (slotId 1, status 1, seq 1)')
  } finally {
    await local.cloudbase.close()
  }
}, 60_000)
