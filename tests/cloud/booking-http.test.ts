/**
 * Issue 5's "never oversold" proof through the local runtime's HTTP interface, as the H5 app calls it: 200 distinct
 * verified residents POST a booking for the same 20-place slot at the same moment; exactly 20 are confirmed and 180
 * waitlisted with positions 1–180, three times over. The runtime runs as its own process (.build/runtime.cjs: the
 * bundled functions in cloudfunctions/ on the real wx-server-sdk, one call per instance, against the local CloudBase
 * server whose transactions run concurrently and conflict as the cloud's do), built first when the sources are newer
 * than the build.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { POLICY_VERSIONS } from '../../cloud/contracts/model'
import type { Booking, Roster, SessionSummary } from '../../cloud/contracts/service'
import { addDays, chinaDay } from '../../cloud/domain/time'

jest.setTimeout(180_000)

const root = path.resolve(__dirname, '..', '..')
const PEOPLE = 200
const PLACES = 20
const ROUNDS = 3

function newest(dir: string): number {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs)
  }
  return latest
}

function ensureBuilt(): void {
  const outputs = [path.join(root, '.build', 'runtime.cjs'), path.join(root, 'cloudfunctions', 'service', 'index.js')]
  const built = Math.min(...outputs.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)))
  if (built < newest(path.join(root, 'cloud'))) execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cloud.mjs')], { cwd: root, stdio: 'pipe' })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

interface Envelope<T> {
  ok: boolean
  data: T
  error?: { code: string; message: string }
}

let child: ChildProcess
let url = ''
let dataDir = ''
let output = ''

async function call<T>(openid: string, fn: string, action: string, input: unknown, requestId?: string): Promise<Envelope<T>> {
  const response = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid },
    body: JSON.stringify({ action, input, requestId }),
  })
  return (await response.json()) as Envelope<T>
}

async function must<T>(openid: string, fn: string, action: string, input: unknown): Promise<T> {
  const result = await call<T>(openid, fn, action, input)
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${result.error?.code} ${result.error?.message}`)
  return result.data
}

const people = Array.from({ length: PEOPLE }, (_, i) => `load-${String(i + 1).padStart(3, '0')}`)

beforeAll(async () => {
  ensureBuilt()
  const port = await freePort()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-booking-http-'))
  // The runtime runs on this test's clock (the clock matrix may have moved it): Date there is shifted by the same offset.
  const clockFile = path.join(dataDir, 'clock-offset')
  fs.writeFileSync(clockFile, String(Date.now() - (performance.timeOrigin + performance.now())))
  child = spawn(process.execPath, ['--require', path.join(root, 'tests', 'e2e', 'clock.cjs'), path.join(root, '.build', 'runtime.cjs')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-static'), LINLITING_ROOT: root, LINLITING_DEV: '1', LINLITING_CLOCK_FILE: clockFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited early:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`runtime did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  // 200 residents of 贝尚湾 2号楼 (33 floors × 8 rooms), each in their own room, joined through the API.
  const invite = await must<{ code: string }>('demo-admin', 'community', 'invite.issue', { buildingId: 'bsw-2', maxUses: PEOPLE })
  const rooms: string[] = []
  for (let floor = 1; rooms.length < PEOPLE; floor++) for (let pos = 1; pos <= 8; pos++) if (`${floor}0${pos}` !== '2105') rooms.push(`${floor}${String(pos).padStart(2, '0')}`)
  for (let i = 0; i < PEOPLE; i += 25) {
    await Promise.all(
      people.slice(i, i + 25).map(async (openid, j) => {
        await must(openid, 'account', 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
        const joined = await must<{ id: string; status: string }>(openid, 'community', 'residency.join', { householdId: `bsw-2-1-${rooms[i + j]}`, code: invite.code })
        // A room the seed's party-member household lives in: its member lets the newcomer in (issue 20).
        if (joined.status === 'pending') await must(`seed-bsw-2-1-${rooms[i + j]}`, 'community', 'residency.decide', { residencyId: joined.id, approve: true })
      }),
    )
  }
})

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))])
    clearTimeout(timer)
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

describe(`${PEOPLE} simultaneous bookings for a ${PLACES}-place slot over HTTP`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: exactly ${PLACES} confirmed and ${PEOPLE - PLACES} waitlisted in order`, async () => {
      const [session] = await must<SessionSummary[]>('demo-admin', 'service', 'session.create', {
        typeId: 'blood-pressure',
        scope: { kind: 'building', id: 'bsw-2' },
        place: '2号楼 一楼大厅',
        day: addDays(chinaDay(new Date()), 2 + round),
        slots: [{ start: '09:00', end: '10:00' }],
        capacity: PLACES,
      })
      const slotId = `${session.id}-1`
      const started = performance.now()
      const results = await Promise.all(people.map((openid, i) => call<Booking>(openid, 'service', 'booking.create', { slotId }, `round${round}-${String(i).padStart(4, '0')}`)))
      const elapsed = performance.now() - started

      const failures = results.filter((result) => !result.ok)
      expect(failures).toEqual([])
      const bookings = results.map((result) => result.data)
      expect(bookings.filter((booking) => booking.status === 'confirmed')).toHaveLength(PLACES)
      const waiting = bookings.filter((booking) => booking.status === 'waitlisted')
      expect(waiting).toHaveLength(PEOPLE - PLACES)
      expect(waiting.map((booking) => booking.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: PEOPLE - PLACES }, (_, i) => i + 1))
      expect(new Set(bookings.map((booking) => booking.code)).size).toBe(PEOPLE)

      // The counter document agrees with the bookings, and a retry of every request changes nothing.
      const roster = await must<Roster>('demo-admin', 'service', 'roster.get', { sessionId: session.id })
      expect(roster.slots[0].slot).toMatchObject({ capacity: PLACES, confirmed: PLACES, waiting: PEOPLE - PLACES })
      expect(roster.slots[0].entries.filter((entry) => entry.status === 'confirmed')).toHaveLength(PLACES)
      const retried = await Promise.all(people.slice(0, 50).map((openid, i) => call<Booking>(openid, 'service', 'booking.create', { slotId }, `round${round}-${String(i).padStart(4, '0')}`)))
      expect(retried.map((result) => result.data.id)).toEqual(bookings.slice(0, 50).map((booking) => booking.id))
      const again = await must<Roster>('demo-admin', 'service', 'roster.get', { sessionId: session.id })
      expect(again.slots[0].slot).toMatchObject({ confirmed: PLACES, waiting: PEOPLE - PLACES })
      console.log(`round ${round}: ${PEOPLE} simultaneous bookings answered in ${Math.round(elapsed)} ms (${PLACES} confirmed, ${PEOPLE - PLACES} waitlisted)`)
    })
  }
})
