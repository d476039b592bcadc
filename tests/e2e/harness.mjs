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
export async function startRuntime({ staticDir = path.join(root, 'dist-h5'), dataDir, env = {} } = {}) {
  const port = await freePort()
  const data = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-e2e-'))
  const child = spawn(process.execPath, [path.join(root, '.build', 'runtime.cjs')], {
    // Dev identity is off by default; the browser layer plays demo users, so it asks for it.
    env: { ...process.env, PORT: String(port), DATA_DIR: data, STATIC_DIR: staticDir, LINLITING_ROOT: root, LINLITING_DEV: '1', ...env },
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
