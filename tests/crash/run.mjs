// Crashes under load: the local runtime (.build/runtime.cjs: the deployable function bundles on the real wx-server-sdk
// against the local CloudBase server, whose transactions run concurrently) serves a crowd of phones
// booking service slots and signing up for volunteer shifts over HTTP, and is killed with SIGKILL at random moments
// and restarted on the same data folder. Phones do what a phone does: a connection error means "try again with the
// same requestId" until an answer comes. Then a leader checks people in and out, adds 补录 hours and confirms them, with
// more kills. Afterwards the data file itself is read and every answer and invariant is checked: each booking or
// sign-up answered as confirmed is there, places ≤ capacity, counters = rows, household caps, waitlist order, one
// booking per person per slot, locks = sign-ups, and hours (every check-out has its hours by the published rule, with
// its audit entry). Prints "N passed, M failed"; exits 1 on any failure.
//
// node tests/crash/run.mjs [--seed n] [--kills n] [--people n] [--json file]   (after node scripts/build-cloud.mjs)
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')
const { EJSON } = require('bson')

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`)
  return index >= 0 ? args[index + 1] : (process.env[`CRASH_${name.toUpperCase()}`] ?? fallback)
}
const SEED = Number(option('seed', 20261127))
const KILLS = Number(option('kills', 6))
const PEOPLE = Number(option('people', 48))
const JSON_OUT = option('json', '')

// The rules the checks apply are the app's own (cloud/domain), bundled for Node on the fly.
async function loadDomain() {
  const { outputFiles } = await build({ entryPoints: [path.join(root, 'cloud', 'domain', 'volunteer.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' })
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-crash-domain-')), 'volunteer.mjs')
  fs.writeFileSync(file, outputFiles[0].text)
  return import(pathToFileURL(file).href)
}

function prng(seed) {
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
const pick = (items) => items[Math.floor(random() * items.length)]
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The runtime, killed and restarted on the same data folder and port

const runtimeFile = path.join(root, '.build', 'runtime.cjs')
if (!fs.existsSync(runtimeFile) || !fs.existsSync(path.join(root, 'cloudfunctions', 'service', 'index.js'))) {
  console.error('the local runtime is not built: run node scripts/build-cloud.mjs first')
  process.exit(1)
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-crash-'))
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-crash-static-'))
const clockFile = path.join(dataDir, 'clock-offset')
fs.writeFileSync(clockFile, '0')
const port = await freePort()
const url = `http://127.0.0.1:${port}`
let child = null
let output = ''
const stats = { kills: 0, restarts: 0, calls: 0, retries: 0, intents: 0, started: Date.now() }

async function startRuntime() {
  child = spawn(process.execPath, [runtimeFile], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      LINLITING_ROOT: root,
      LINLITING_DEV: '1',
      NODE_OPTIONS: `--require ${path.join(root, 'tests', 'e2e', 'clock.cjs')}`,
      LINLITING_CLOCK_FILE: clockFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 20000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited while starting:\n${output.slice(-2000)}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`runtime did not start in 20 s:\n${output.slice(-2000)}`)
    await sleep(20)
  }
}

async function killRuntime() {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  stats.kills++
}

/** Kills the runtime `count` times at random moments while `busy()` says the load still runs, restarting it each time. */
async function killer(count, busy, [minMs, maxMs]) {
  for (let i = 0; i < count; i++) {
    await sleep(minMs + random() * (maxMs - minMs))
    if (!busy()) break
    await killRuntime()
    await sleep(20 + random() * 80)
    await startRuntime()
    stats.restarts++
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Phones

const problems = []

/** One intent, sent until answered: a connection error (the runtime died) is retried with the same requestId. */
async function call(openid, fn, action, input, requestId) {
  const body = JSON.stringify({ action, input, requestId })
  const giveUp = Date.now() + 60000
  for (;;) {
    stats.calls++
    try {
      const response = await fetch(`${url}/fn/${fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid }, body, signal: AbortSignal.timeout(15000) })
      const result = JSON.parse(await response.text())
      if (response.status !== 200) problems.push(`${fn}.${action} as ${openid}: HTTP ${response.status} ${JSON.stringify(result).slice(0, 200)}`)
      if (!result.ok && result.error?.code === 'INTERNAL') problems.push(`${fn}.${action} as ${openid}: INTERNAL ${result.error.message}`)
      return result
    } catch (error) {
      if (Date.now() > giveUp) throw new Error(`${fn}.${action} as ${openid}: no answer for 60 s (${error.message})`)
      stats.retries++
      await sleep(30 + random() * 120)
    }
  }
}

async function must(openid, fn, action, input, requestId) {
  const result = await call(openid, fn, action, input, requestId)
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(result.error)}`)
  return result.data
}

const CHINA = 8 * 3600_000
const chinaDay = (ms) => new Date(ms + CHINA).toISOString().slice(0, 10)
const fromChina = (day, time) => new Date(`${day}T${time}:00+08:00`).getTime()
/** Moves the runtime's clock (tests/e2e/clock.cjs) so that it reads `instant`. */
const setClock = (instant) => fs.writeFileSync(clockFile, String(instant - Date.now()))

const domain = await loadDomain()
const tomorrow = chinaDay(Date.now() + 86400_000)
const people = Array.from({ length: PEOPLE }, (_, i) => `crash-${String(i + 1).padStart(2, '0')}`)
/** Two people per room of 贝尚湾2号楼 (floors the demo seed leaves empty): the household cap has families to hold. */
const ROOMS = [10, 11, 13, 14, 16, 17].flatMap((floor) => [1, 2, 3, 4, 5, 6, 7, 8].map((pos) => `${floor}0${pos}`))
const homeOf = (index) => `bsw-2-1-${ROOMS[Math.floor(index / 2)]}`

/** What each phone was last told about its bookings (slot → status) and sign-ups (shift → status). */
const told = new Map(people.map((openid) => [openid, { bookings: new Map(), bookingIds: new Map(), signups: new Map() }]))

try {
  await startRuntime()

  // --- setup (no kills) -------------------------------------------------------------------------------------------
  const invite = await must('demo-admin', 'community', 'invite.issue', { buildingId: 'bsw-2', maxUses: 200, days: 7 })
  const joinsWaiting = []
  for (let i = 0; i < people.length; i += 16) {
    await Promise.all(
      people.slice(i, i + 16).map(async (openid, j) => {
        await must(openid, 'account', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
        const joined = await must(openid, 'community', 'residency.join', { householdId: homeOf(i + j), code: invite.code })
        if (joined.status === 'pending') joinsWaiting.push({ id: joined.id, home: homeOf(i + j), partner: people[(i + j) ^ 1] })
      }),
    )
  }
  // A join into a room with verified members waits for one of them (issue 20): the seed's household, or the room-mate.
  for (const { id, home, partner } of joinsWaiting) {
    let decided = false
    for (const member of [`seed-${home}`, partner]) if (!decided) decided = (await call(member, 'community', 'residency.decide', { residencyId: id, approve: true })).ok
    if (!decided) throw new Error(`nobody could approve ${id}`)
  }
  const slots = []
  for (const place of ['一楼大厅', '二楼活动室']) {
    const [session] = await must('demo-admin', 'service', 'session.create', {
      typeId: 'knife',
      scope: { kind: 'building', id: 'bsw-2' },
      place,
      day: tomorrow,
      slots: [{ start: '09:00', end: '09:30' }, { start: '09:30', end: '10:00' }, { start: '10:00', end: '10:30' }],
      capacity: 4,
      householdCap: 1,
    })
    for (let index = 1; index <= 3; index++) slots.push(`${session.id}-${index}`)
  }
  const shifts = []
  for (const [start, end] of [['13:00', '15:00'], ['15:00', '17:00']]) {
    const [shift] = await must('demo-admin', 'volunteer', 'shift.create', {
      teamId: 'caring',
      title: '探望独居老人',
      place: '贝尚湾2号楼',
      day: tomorrow,
      start,
      end,
      capacity: 8,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
      cancelHours: 0,
    })
    shifts.push(shift.id)
  }

  // --- phase 1: bookings and sign-ups, with kills ---------------------------------------------------------------
  let killing = true
  const phoneKills = Math.ceil(KILLS * 0.6)
  const killing1 = killer(phoneKills, () => true, [250, 700]).finally(() => (killing = false))
  await Promise.all(
    people.map(async (openid) => {
      const mine = told.get(openid)
      for (let n = 1; killing || n <= 6; n++) {
        stats.intents++
        const requestId = `${openid}-${String(n).padStart(4, '0')}`
        const roll = random()
        const heldBookings = [...mine.bookings].filter(([, status]) => status !== 'cancelled').map(([slot]) => slot)
        const heldShifts = [...mine.signups].filter(([, status]) => status !== 'cancelled').map(([shift]) => shift)
        if (roll < 0.15 && heldBookings.length > 0) {
          const slot = pick(heldBookings)
          const result = await call(openid, 'service', 'booking.cancel', { bookingId: mine.bookingIds.get(slot) }, requestId)
          if (result.ok) mine.bookings.set(slot, result.data.status)
        } else if (roll < 0.55) {
          const slot = pick(slots)
          const result = await call(openid, 'service', 'booking.create', { slotId: slot }, requestId)
          if (result.ok) {
            mine.bookings.set(slot, result.data.status)
            mine.bookingIds.set(slot, result.data.id)
          }
        } else if (roll < 0.7 && heldShifts.length > 0) {
          const shift = pick(heldShifts)
          const result = await call(openid, 'volunteer', 'signup.cancel', { shiftId: shift }, requestId)
          if (result.ok) mine.signups.set(shift, result.data.mine?.status ?? 'cancelled')
        } else {
          const shift = pick(shifts)
          const result = await call(openid, 'volunteer', 'signup.create', { shiftId: shift, confirmAgeHealth: true }, requestId)
          if (result.ok) mine.signups.set(shift, result.data.mine.status)
        }
        await sleep(10 + random() * 60)
      }
    }),
  )
  await killing1

  // --- phase 2: the leader checks people in and out on the first shift, adds 补录 hours and confirms; on the second,
  // the volunteers check themselves in and out with the rotating code from the leader's screen; with kills ----------
  const [shift, second] = shifts
  const roster = await must('demo-admin', 'volunteer', 'roster.view', { shiftId: shift })
  const present = roster.rows.filter((row) => row.signup === 'confirmed').map((row) => row.volunteerId)
  const waiting = roster.rows.filter((row) => row.signup === 'waitlisted').map((row) => row.volunteerId)
  const secondPresent = (await must('demo-admin', 'volunteer', 'roster.view', { shiftId: second })).rows.filter((row) => row.signup === 'confirmed').map((row) => row.volunteerId)
  const marked = { in: new Set(), out: new Set(), manual: new Set(), codeIn: new Set(), codeOut: new Set() }
  let leaderBusy = true
  const killing2 = killer(KILLS - phoneKills, () => leaderBusy, [80, 300])
  const mark = async (mode, list) => {
    for (const volunteerId of list) {
      const result = await call('demo-admin', 'volunteer', 'roster.mark', { shiftId: shift, volunteerId, mode }, `mark-${mode}-${volunteerId}`)
      // A retry after a lost answer is answered like the first attempt (already: true), never refused.
      if (result.ok) marked[mode].add(volunteerId)
      else problems.push(`roster.mark ${mode} ${volunteerId}: ${JSON.stringify(result.error)}`)
      await sleep(15 + random() * 40)
    }
  }
  setClock(fromChina(tomorrow, '12:55'))
  await mark('in', present)
  setClock(fromChina(tomorrow, '14:52'))
  await mark('out', present)
  for (const volunteerId of waiting) {
    const result = await call('demo-admin', 'volunteer', 'hours.manual', { shiftId: shift, volunteerId, minutes: 60, reason: '候补的邻居也来帮忙了' }, `manual-${volunteerId}`)
    if (result.ok) marked.manual.add(volunteerId)
    else problems.push(`hours.manual ${volunteerId}: ${JSON.stringify(result.error)}`)
  }
  await must('demo-admin', 'volunteer', 'hours.confirm', { shiftId: shift }, 'confirm-hours')
  const byCode = async (mode) => {
    let code = (await must('demo-admin', 'volunteer', 'checkin.code', { shiftId: second })).code
    await Promise.all(
      secondPresent.map(async (openid) => {
        for (let tries = 0; tries < 3; tries++) {
          const result = await call(openid, 'volunteer', 'checkin.byCode', { shiftId: second, code, mode }, `code-${mode}-${openid}-${tries}`)
          if (result.ok) return marked[mode === 'in' ? 'codeIn' : 'codeOut'].add(openid)
          // The code turns every minute; the screen shows the new one.
          if (result.error.code !== 'CODE_INVALID') return problems.push(`checkin.byCode ${mode} ${openid}: ${JSON.stringify(result.error)}`)
          code = (await must('demo-admin', 'volunteer', 'checkin.code', { shiftId: second })).code
        }
        problems.push(`checkin.byCode ${mode} ${openid}: the code was refused three times`)
      }),
    )
  }
  setClock(fromChina(tomorrow, '14:56'))
  await byCode('in')
  setClock(fromChina(tomorrow, '16:58'))
  await byCode('out')
  await must('demo-admin', 'volunteer', 'hours.confirm', { shiftId: second }, 'confirm-hours-2')
  leaderBusy = false
  await killing2

  // One last kill at rest, and the runtime must come back and answer.
  await killRuntime()
  await startRuntime()
  stats.restarts++
  const after = await call('demo-admin', 'volunteer', 'roster.view', { shiftId: shift })
  if (!after.ok) problems.push(`after the last restart roster.view failed: ${JSON.stringify(after.error)}`)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited

  // --- the data file ---------------------------------------------------------------------------------------------
  // The local CloudBase server's file: documents as canonical extended JSON (cloud/cloudbase/store.ts).
  const sqlite = new Database(path.join(dataDir, 'cloudbase.sqlite'), { readonly: true })
  const docs = (coll) => sqlite.prepare('SELECT body FROM documents WHERE collection = ?').all(coll).map((row) => EJSON.parse(row.body, { relaxed: true }))
  const bookings = docs('service_bookings').filter((doc) => slots.includes(doc.slotId))
  const slotDocs = docs('service_slots').filter((doc) => slots.includes(doc._id))
  const sessions = docs('service_sessions').filter((doc) => slots.some((slot) => slot.startsWith(`${doc._id}-`)))
  const quotas = docs('service_booking_quotas').filter((doc) => sessions.some((session) => session._id === doc.sessionId))
  const shiftDocs = docs('shifts').filter((doc) => shifts.includes(doc._id))
  const signups = docs('shift_signups').filter((doc) => shifts.includes(doc.shiftId))
  const locks = docs('volunteer_locks').filter((doc) => people.includes(doc._id))
  const hours = docs('volunteer_hours').filter((doc) => shifts.includes(doc.shiftId))
  const auditLog = docs('audit_log')
  sqlite.close()

  // --- checks ----------------------------------------------------------------------------------------------------
  let passed = 0
  let failed = 0
  let assertions = 0
  const check = (name, failures) => {
    if (failures.length === 0) {
      passed++
      console.log(`  ✓ ${name}`)
    } else {
      failed++
      console.log(`  ✗ ${name}\n      ${failures.slice(0, 8).join('\n      ')}${failures.length > 8 ? `\n      … and ${failures.length - 8} more` : ''}`)
    }
  }
  const expect = (failures, condition, message) => {
    assertions++
    if (!condition) failures.push(message)
  }
  const ACTIVE = ['confirmed', 'waitlisted']
  const HOLDS_PLACE = ['confirmed', 'attended', 'no_show']
  const bookingOf = (openid, slot) => bookings.find((doc) => doc.openid === openid && doc.slotId === slot)
  const signupOf = (openid, shiftId) => signups.find((doc) => doc.openid === openid && doc.shiftId === shiftId)

  console.log(`\ncrash run: ${people.length} phones, ${stats.intents} intents, ${stats.calls} HTTP calls (${stats.retries} retried after a connection error), ${stats.kills} SIGKILLs, ${stats.restarts} restarts, seed ${SEED}`)
  check('no answer was INTERNAL or an HTTP error', problems.filter((problem) => /INTERNAL|HTTP/.test(problem)))
  check('every other call answered as the phone expected', problems.filter((problem) => !/INTERNAL|HTTP/.test(problem)))

  const answered = (kind, lookup) => {
    const out = { confirmed: [], waitlisted: [], cancelled: [] }
    for (const [openid, mine] of told) {
      for (const [target, status] of mine[kind]) {
        const doc = lookup(openid, target)
        const f = out[status] ?? (out[status] = [])
        if (status === 'confirmed') expect(f, doc && HOLDS_PLACE.includes(doc.status), `${openid} was told confirmed for ${target}, file says ${doc?.status ?? 'nothing'}`)
        else if (status === 'waitlisted') expect(f, doc && (doc.status === 'waitlisted' || doc.status === 'confirmed'), `${openid} was told waitlisted for ${target}, file says ${doc?.status ?? 'nothing'}`)
        else expect(f, doc?.status === 'cancelled', `${openid} was told cancelled for ${target}, file says ${doc?.status ?? 'nothing'}`)
      }
    }
    return out
  }
  const toldBookings = answered('bookings', bookingOf)
  check(`every booking answered as confirmed is there, still confirmed (${[...told.values()].reduce((n, m) => n + [...m.bookings.values()].filter((s) => s === 'confirmed').length, 0)})`, toldBookings.confirmed)
  check('every booking answered as waitlisted still waits or got a place', toldBookings.waitlisted)
  check('every cancellation answered stays cancelled', toldBookings.cancelled)

  const slotFailures = { counters: [], capacity: [], free: [], order: [] }
  for (const slot of slotDocs) {
    const own = bookings.filter((doc) => doc.slotId === slot._id)
    const placed = own.filter((doc) => HOLDS_PLACE.includes(doc.status))
    const waitingHere = own.filter((doc) => doc.status === 'waitlisted')
    expect(slotFailures.counters, slot.confirmed === placed.length && slot.waiting === waitingHere.length, `${slot._id}: counters ${slot.confirmed}/${slot.waiting}, rows ${placed.length}/${waitingHere.length}`)
    expect(slotFailures.capacity, placed.length <= slot.capacity, `${slot._id}: ${placed.length} places taken of ${slot.capacity}`)
    expect(slotFailures.free, waitingHere.length === 0 || placed.length === slot.capacity, `${slot._id}: ${slot.capacity - placed.length} places free while ${waitingHere.length} wait`)
    const lastPromoted = Math.max(-1, ...placed.filter((doc) => doc.promotedAt).map((doc) => doc.seq))
    const firstWaiting = Math.min(Number.POSITIVE_INFINITY, ...waitingHere.map((doc) => doc.seq))
    expect(slotFailures.order, lastPromoted < firstWaiting, `${slot._id}: #${lastPromoted} was promoted ahead of #${firstWaiting} who still waits`)
    expect(slotFailures.order, new Set(own.map((doc) => doc.seq)).size === own.length && new Set(own.map((doc) => doc.code)).size === own.length, `${slot._id}: a waitlist number or code was given twice`)
    expect(slotFailures.order, slot.seq >= Math.max(0, ...own.map((doc) => doc.seq)), `${slot._id}: the slot's sequence is behind its bookings`)
  }
  check(`slot counters equal the bookings (${slotDocs.length} slots)`, slotFailures.counters)
  check('no slot has more places taken than its capacity', slotFailures.capacity)
  check('no place is left free while someone waits', slotFailures.free)
  check('the waitlist moved in order (promoted before anyone still waiting; numbers and codes unique)', slotFailures.order)

  const capFailures = []
  for (const session of sessions) {
    const byHousehold = new Map()
    for (const doc of bookings.filter((item) => item.sessionId === session._id && ACTIVE.includes(item.status))) byHousehold.set(doc.householdId, (byHousehold.get(doc.householdId) ?? 0) + 1)
    for (const [household, count] of byHousehold) expect(capFailures, count <= session.householdCap, `${session._id}: household ${household} holds ${count} of a cap of ${session.householdCap}`)
    for (const quota of quotas.filter((item) => item.sessionId === session._id)) {
      expect(capFailures, quota.active === (byHousehold.get(quota.householdId) ?? 0), `${quota._id}: quota says ${quota.active}, bookings ${byHousehold.get(quota.householdId) ?? 0}`)
    }
  }
  check('household caps hold and the quota counters equal the bookings', capFailures)
  const onePerPerson = []
  for (const slot of slots) {
    const holders = bookings.filter((doc) => doc.slotId === slot && ACTIVE.includes(doc.status)).map((doc) => doc.openid)
    expect(onePerPerson, new Set(holders).size === holders.length, `${slot}: someone holds two bookings`)
  }
  check('one booking per person per slot', onePerPerson)

  const toldSignups = answered('signups', signupOf)
  check(`every sign-up answered as confirmed is there, still confirmed (${[...told.values()].reduce((n, m) => n + [...m.signups.values()].filter((s) => s === 'confirmed').length, 0)})`, toldSignups.confirmed)
  check('every sign-up answered as waitlisted still waits or got a place', toldSignups.waitlisted)
  check('every sign-up cancellation answered stays cancelled', toldSignups.cancelled)
  const shiftFailures = []
  for (const doc of shiftDocs) {
    const own = signups.filter((item) => item.shiftId === doc._id)
    const confirmed = own.filter((item) => item.status === 'confirmed')
    const waitlisted = own.filter((item) => item.status === 'waitlisted').map((item) => item.openid)
    expect(shiftFailures, doc.taken === confirmed.length, `${doc._id}: taken ${doc.taken}, confirmed sign-ups ${confirmed.length}`)
    expect(shiftFailures, doc.taken <= doc.capacity, `${doc._id}: ${doc.taken} places taken of ${doc.capacity}`)
    expect(shiftFailures, new Set(doc.waitlist).size === doc.waitlist.length && doc.waitlist.length === waitlisted.length && waitlisted.every((openid) => doc.waitlist.includes(openid)), `${doc._id}: waitlist ${JSON.stringify(doc.waitlist)}, waitlisted sign-ups ${JSON.stringify(waitlisted)}`)
    expect(shiftFailures, doc.waitlist.length === 0 || doc.taken === doc.capacity, `${doc._id}: ${doc.capacity - doc.taken} places free while ${doc.waitlist.length} wait`)
  }
  check('shift places: taken = confirmed sign-ups ≤ capacity, the waitlist = waitlisted sign-ups, nobody waits for a free place', shiftFailures)
  const lockFailures = []
  for (const openid of people) {
    const held = new Set((locks.find((doc) => doc._id === openid)?.held ?? []).map((item) => item.shiftId).filter((id) => shifts.includes(id)))
    const active = new Set(signups.filter((doc) => doc.openid === openid && ACTIVE.includes(doc.status)).map((doc) => doc.shiftId))
    expect(lockFailures, held.size === active.size && [...active].every((id) => held.has(id)), `${openid}: lock holds ${JSON.stringify([...held])}, sign-ups ${JSON.stringify([...active])}`)
  }
  check("each volunteer's lock holds exactly their active sign-ups", lockFailures)

  const lengthOf = (shiftId) => {
    const doc = shiftDocs.find((item) => item._id === shiftId)
    return domain.shiftMinutes(doc.startAt, doc.endAt)
  }
  const hourFailures = []
  for (const openid of marked.in) expect(hourFailures, signupOf(openid, shift)?.checkInAt, `${openid} was checked in (answered), the sign-up has no check-in`)
  for (const openid of marked.codeIn) expect(hourFailures, signupOf(openid, second)?.checkInAt, `${openid} checked in with the code (answered), the sign-up has no check-in`)
  for (const signup of signups.filter((doc) => doc.checkOutAt)) {
    const doc = hours.find((item) => item.shiftId === signup.shiftId && item.openid === signup.openid)
    const want = domain.creditedMinutes(signup.checkInAt, signup.checkOutAt, lengthOf(signup.shiftId))
    expect(hourFailures, doc?.source === 'attendance' && doc.minutes === want, `${signup.openid}: checked out, hours ${doc ? `${doc.minutes} (${doc.source})` : 'missing'}, the rule gives ${want}`)
  }
  for (const openid of marked.out) expect(hourFailures, hours.some((doc) => doc.openid === openid && doc.shiftId === shift), `${openid} was checked out (answered) and has no hours`)
  for (const openid of marked.codeOut) expect(hourFailures, hours.some((doc) => doc.openid === openid && doc.shiftId === second), `${openid} checked out with the code (answered) and has no hours`)
  for (const openid of marked.manual) {
    const doc = hours.find((item) => item.openid === openid && item.shiftId === shift)
    expect(hourFailures, doc?.source === 'manual' && doc.minutes === 60 && doc.status === 'confirmed', `${openid}: 补录 60 minutes answered, file has ${doc ? `${doc.minutes} ${doc.source} ${doc.status}` : 'nothing'}`)
  }
  for (const doc of hours) {
    expect(hourFailures, doc.minutes <= lengthOf(doc.shiftId) && doc.minutes % 15 === 0, `${doc._id}: ${doc.minutes} minutes (shift ${lengthOf(doc.shiftId)})`)
    expect(hourFailures, doc.status === 'confirmed', `${doc._id}: still ${doc.status} after the leader confirmed the shift`)
    const trail = auditLog.filter((entry) => entry.target === doc._id).map((entry) => entry.action)
    expect(hourFailures, trail.includes(doc.source === 'manual' ? 'hours.manual' : 'hours.record'), `${doc._id}: no audit entry for how the hours were written (${JSON.stringify(trail)})`)
  }
  expect(hourFailures, new Set(hours.map((doc) => `${doc.shiftId}:${doc.openid}`)).size === hours.length, 'two hours records for one person and shift')
  check(`hours: every check-out has its hours by the rule, every answered 补录 is there, all confirmed and audited (${hours.length} records)`, hourFailures)
  check(`the runtime came back after every kill (${stats.kills} kills, ${stats.restarts} restarts)`, stats.restarts === stats.kills ? [] : [`${stats.kills} kills but ${stats.restarts} restarts`])

  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1)
  console.log(`\n${passed} passed, ${failed} failed  (${assertions} assertions, ${seconds} s)`)
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ passed, failed, assertions, checks: passed + failed, kills: stats.kills, restarts: stats.restarts, phones: people.length, intents: stats.intents, calls: stats.calls, retries: stats.retries, seconds: Number(seconds), seed: SEED }))
  process.exitCode = failed > 0 ? 1 : 0
} catch (error) {
  console.error(`crash run failed: ${error.stack ?? error}\n--- runtime output (last 2000 characters) ---\n${output.slice(-2000)}`)
  process.exitCode = 1
} finally {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(staticDir, { recursive: true, force: true })
}
