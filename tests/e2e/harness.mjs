// Browser layer: the H5 build in headless Chromium against a local runtime that this harness starts
// (fresh data folder per spec, demo community seeded). Identity comes from the dev switcher's stored demo user, or
// without one from the identity the app makes on a first visit (src/core/devIdentity.ts).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const artifacts = path.join(root, 'tests', 'artifacts')

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)

export function findChromium() {
  const found = CHROMIUM_CANDIDATES.find((candidate) => fs.existsSync(candidate))
  if (!found) {
    throw new Error('Chromium is missing: the browser layer cannot run. Install it with `apt-get update && apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH).')
  }
  return found
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts `.build/runtime.cjs` on a free port with a fresh data folder; resolves when /healthz answers. */
/**
 * The offset (ms) that puts a clock at today's China date (as the real clock says) at the wall-clock time 'HH:mm'.
 * The specs run at a chosen time of day so they pass at any hour: the seed's "later today" session is later today,
 * and a leader's check-in falls on the session's day, whether CI starts at 09:00 or 23:59.
 */
export function offsetToChinaTime(hhmm) {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  return new Date(`${day}T${hhmm}:00+08:00`).getTime() - Date.now()
}

/** 'YYYY-MM-DD' in China, `offsetDays` from today (as the real clock says: the specs' runtimes run on today's date). */
export function chinaDay(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
}

/** A knife-sharpening session at 1号楼 东门口 the day after tomorrow, 15:00–15:30, made by 张老师 through the API. */
export async function stairwellSession(runtime, capacity) {
  const created = await runtime.call('demo-leader', 'service', 'session.create', {
    typeId: 'knife',
    scope: { kind: 'building', id: 'ltsc-1' },
    place: '1号楼 东门口',
    day: chinaDay(2),
    slots: [{ start: '15:00', end: '15:30' }],
    capacity,
  })
  if (!created.ok) throw new Error(`session.create: ${JSON.stringify(created.error)}`)
  return created.data[0]
}

export async function startRuntime({ staticDir = path.join(root, 'dist-h5'), dataDir, env = {}, chinaTime = '10:30' } = {}) {
  const port = await freePort()
  const data = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-e2e-'))
  // Unless the spec moves the clock itself, the runtime's Date runs at `chinaTime` today (tests/e2e/clock.cjs).
  let clockOffset = 0
  const clock = {}
  if (!env.LINLITING_CLOCK_FILE && chinaTime) {
    clockOffset = offsetToChinaTime(chinaTime)
    const file = path.join(data, 'clock-offset')
    fs.mkdirSync(data, { recursive: true })
    fs.writeFileSync(file, String(clockOffset))
    Object.assign(clock, { NODE_OPTIONS: `--require ${path.join(root, 'tests', 'e2e', 'clock.cjs')}`, LINLITING_CLOCK_FILE: file })
  }
  const child = spawn(process.execPath, [path.join(root, '.build', 'runtime.cjs')], {
    // Dev identity is off by default; the browser layer plays demo users, so it asks for it.
    env: { ...process.env, PORT: String(port), DATA_DIR: data, STATIC_DIR: staticDir, LINLITING_ROOT: root, LINLITING_DEV: '1', ...clock, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited early:\n${output}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`runtime did not start in 15 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url,
    port,
    dataDir: data,
    child,
    /** How far the runtime's clock runs ahead of the real one (ms); pages opened with openAs run on the same clock. */
    clockOffset,
    output: () => output,
    /** Calls a cloud function over HTTP as a demo user, like the H5 app does. */
    async call(openid, fn, action, input, requestId) {
      const response = await fetch(`${url}/fn/${fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid }, body: JSON.stringify({ action, input, requestId }) })
      return response.json()
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A phone-sized page acting as the given demo user (null = a first visit: the app makes its own identity), in the given language. */
export async function openAs(browser, runtime, openid, { locale = 'zh-CN', width = 375, elder = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 812 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale })
  await context.addInitScript(
    ({ openid, locale, elder }) => {
      // Taro's H5 storage keeps values as JSON under {data: …}. Without a demo user the app makes its own identity.
      if (openid) window.localStorage.setItem('linliting.devOpenid', JSON.stringify({ data: openid }))
      const settings = { locale }
      if (elder !== null) settings.elderChoice = elder
      if (!window.localStorage.getItem('linliting.settings')) window.localStorage.setItem('linliting.settings', JSON.stringify({ data: settings }))
    },
    { openid, locale, elder },
  )
  if (runtime.clockOffset) {
    // The page's Date runs on the runtime's clock (only Date: timers and animations run as usual).
    await context.addInitScript((offset) => {
      const RealDate = Date
      class ShiftedDate extends RealDate {
        constructor(...args) {
          if (args.length === 0) super(RealDate.now() + offset)
          else super(...args)
        }
        static now() {
          return RealDate.now() + offset
        }
      }
      window.Date = ShiftedDate
    }, runtime.clockOffset)
  }
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.errors = errors
  page.goto_ = (route) => page.goto(`${runtime.url}/#/${route.replace(/^\//, '')}`)
  return page
}

export async function screenshot(page, name) {
  fs.mkdirSync(path.join(artifacts, 'e2e'), { recursive: true })
  const file = path.join(artifacts, 'e2e', `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** The first visible element with this text (Taro keeps earlier pages in the DOM, hidden). */
export const visible = (page, text, exact = false) => page.getByText(text, { exact }).filter({ visible: true }).first()

export async function seeText(page, text, timeout = 10000) {
  await visible(page, text).waitFor({ state: 'visible', timeout })
}

/** Taps the visible button that says `text` (Taro's H5 button takes the pointer events, not the text inside it). */
export async function tapButton(page, text) {
  await page.locator('taro-button-core, button').filter({ hasText: text }).filter({ visible: true }).first().click()
}
