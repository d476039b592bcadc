// The weapp layer: Taro's compiled mini-program (dist/) checked by WeChat's own compilers, then rendered with
// miniprogram-simulate against the real local cloud runtime. `node tests/weapp/run.mjs` after
// `node scripts/build-cloud.mjs` and `flock .build.lock npx taro build --type weapp`.
// WEAPP_DIST=<dir> checks another build output; WEAPP_VERBOSE=1 also prints the app's console.error output.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { checkBuildOutput, compileWxml, compileWxss, compilerCanary, startRuntime, launchApp, waitFor } = require('./harness.cjs')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.resolve(process.env.WEAPP_DIST ?? path.join(root, 'dist'))
/** The seeded demo resident: 李阿姨 of 绿庭尚城 1号楼 1单元 502 (cloud/runtime/seed.ts). */
const OPENID = 'demo-resident'

const started = Date.now()
let passed = 0
let failed = 0
const timings = []

async function check(name, fn) {
  try {
    const note = await fn()
    passed += 1
    console.log(`  ✓ ${name}${note ? `  (${note})` : ''}`)
  } catch (error) {
    failed += 1
    console.log(`  ✗ ${name}\n      ${String(error && error.message ? error.message : error).trim().split('\n').join('\n      ')}`)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

function excerpt(text, length = 300) {
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}…` : text)
}

let runtime = null
let world = null

/** Waits for a wx call recorded after index `from` that matches `predicate`. */
async function waitForCall(from, predicate, what) {
  return waitFor(() => world.calls.slice(from).some(predicate), {
    timeout: 3000,
    what,
    describe: () => `calls were ${JSON.stringify(world.calls.slice(from).map((c) => c.api + (c.options && c.options.url ? ` ${c.options.url}` : '')))}`,
  })
}

// Ctrl-C or a CI timeout: exit through process.exit so that the harness's exit hook kills the runtime child.
process.on('SIGINT', () => process.exit(130))
process.on('SIGTERM', () => process.exit(143))

try {
  console.log(`weapp checks on ${path.relative(root, dist) || '.'}`)

  // --- 1. The build output and WeChat's compilers ---------------------------------------------------------------
  console.log('build output')
  await check('dist/ holds app.js and every page app.json declares (main package and subpackages)', () => {
    const { pages } = checkBuildOutput(dist)
    return `${pages.length} pages`
  })
  if (!fs.existsSync(path.join(dist, 'app.js'))) throw new Error('no weapp build to check')

  console.log('compilers (wcc / wcsc)')
  let templatesCompile = false
  await check('WeChat wcc compiles every .wxml of dist/ (main package and subpackages)', () => {
    const result = compileWxml(dist)
    assert(result.files > 0, 'no .wxml files found: build the weapp first')
    templatesCompile = true
    timings.push(`wcc ${result.ms} ms`)
    return `${result.files} wxml + ${result.wxs} wxs files in ${result.ms} ms`
  })
  await check('WeChat wcsc compiles every .wxss of dist/ (main package and subpackages)', () => {
    const result = compileWxss(dist)
    assert(result.files > 0, 'no .wxss files found: build the weapp first')
    timings.push(`wcsc ${result.ms} ms`)
    return `${result.files} wxss files in ${result.ms} ms`
  })
  await check('the compilers reject a broken .wxml and a broken .wxss (so a pass above means something)', () => {
    const messages = compilerCanary()
    assert(messages.wxml, 'wcc accepted a broken .wxml')
    assert(messages.wxss, 'wcsc accepted a broken .wxss')
    return `${messages.wxml.split('\n')[0].trim()} | ${messages.wxss.split('\n')[0].trim()}`
  })

  // --- 2. Render with miniprogram-simulate against the local runtime -------------------------------------------
  // simulate renders the templates that wcc compiles: if wcc refused them, every page would fail with that message.
  if (!templatesCompile) throw new Error('pages not rendered: wcc rejects the templates (see above)')
  console.log('local cloud runtime')
  await check('the local runtime starts on a free port with fresh data and answers /healthz', async () => {
    runtime = await startRuntime(root)
    timings.push(`runtime start ${runtime.ms} ms`)
    return `${runtime.url} in ${runtime.ms} ms`
  })
  if (!runtime) throw new Error('cannot render pages without the runtime')

  console.log('app')
  await check('dist/app.js launches: App() registered, wx.cloud.init() called at launch', async () => {
    world = await launchApp({ dist, runtimeUrl: runtime.url, openid: OPENID })
    assert(world.calls.some((c) => c.api === 'cloud.init'), 'wx.cloud.init() was never called')
    timings.push(`app launch ${world.launchMs} ms`)
    return `${world.launchMs} ms`
  })
  if (!world) throw new Error('cannot render pages without the app')

  const pages = {}
  /** Renders a tab page and waits until `needles` (text from the runtime's seed) are all on it. */
  async function renderTab(route, needles) {
    const view = await world.renderPage(route)
    pages[route] = view
    const { ms } = await view.waitForText((text) => needles.every((needle) => text.includes(needle)))
    timings.push(`${route}: first render ${view.firstRenderMs} ms, data ${view.firstRenderMs + ms} ms`)
    return view
  }

  console.log('pages')
  await check('pages/home/index greets 李阿姨 by the nickname the runtime returns', async () => {
    const view = await renderTab('pages/home/index', ['李阿姨，您好'])
    return `${view.nodeCount()} nodes`
  })
  await check('tapping the big action 邻里亮身份 on home switches to the building tab (Taro event system)', async () => {
    const view = pages['pages/home/index']
    assert(view, 'home did not render')
    const before = world.calls.length
    view.tapText('邻里亮身份')
    const { ms } = await waitForCall(before, (c) => c.api === 'switchTab', 'wx.switchTab')
    const call = world.calls.slice(before).find((c) => c.api === 'switchTab')
    assert(call.options.url === '/pages/building/index', `switchTab to ${call.options.url}`)
    return `wx.switchTab({ url: '${call.options.url}' }) after ${ms} ms`
  })

  await check('pages/building/index shows 1号楼 and room 502 for demo-resident', async () => {
    const view = await renderTab('pages/building/index', ['1号楼', '502'])
    return `${view.nodeCount()} nodes`
  })
  await check('pages/services/index lists the seeded service 磨刀', async () => {
    const view = await renderTab('pages/services/index', ['磨刀'])
    return `${view.nodeCount()} nodes`
  })
  await check('pages/volunteer/index lists the seeded team 夜走队', async () => {
    const view = await renderTab('pages/volunteer/index', ['夜走队'])
    return `${view.nodeCount()} nodes`
  })
  await check('pages/me/index shows the nickname 李阿姨', async () => {
    const view = await renderTab('pages/me/index', ['李阿姨'])
    return `${view.nodeCount()} nodes`
  })
  await check('tapping "English" on me switches the app to English (page text, home greeting, tab bar, storage)', async () => {
    const me = pages['pages/me/index']
    const home = pages['pages/home/index']
    assert(me && home, 'me or home did not render')
    const before = world.calls.length
    const textBefore = me.text()
    me.tapText('English')
    await me.waitForText((text) => text !== textBefore, 3000)
    // Home is still mounted, as tab pages are in WeChat: the locale is app state, so it re-renders too.
    await home.waitForText('Hello, 李阿姨', 3000)
    await waitForCall(before, (c) => c.api === 'setTabBarItem' && c.options.index === 4 && c.options.text === 'Me', 'wx.setTabBarItem({ index: 4, text: "Me" })')
    const stored = world.storage.get('linliting.settings')
    assert(stored && stored.locale === 'en', `stored settings are ${JSON.stringify(stored)}`)
    return `me now reads ${excerpt(me.text(), 120)}`
  })

  const building = pages['pages/building/index']
  if (building) console.log(`  · building page: ${building.nodeCount()} rendered element nodes (wx-view, wx-text …)`)

  // --- 3. What the app did not handle ----------------------------------------------------------------------------
  console.log('errors')
  await check('every wx.cloud.callFunction reached the runtime and got an envelope back', async () => {
    await world.settled()
    const cloudCalls = world.calls.filter((c) => c.api === 'cloud.callFunction')
    assert(cloudCalls.length > 0, 'no cloud calls at all')
    // A refusal (NOT_FOUND, FORBIDDEN …) can be the right answer; a transport failure or INTERNAL never is.
    const broken = cloudCalls.filter((c) => c.error || !c.result || typeof c.result.ok !== 'boolean' || (c.result.ok === false && c.result.error?.code === 'INTERNAL'))
    assert(broken.length === 0, broken.map((c) => `${c.name}.${c.action} → ${c.error ?? `${c.status} ${JSON.stringify(c.result)}`}`).join('\n'))
    const refused = cloudCalls.filter((c) => c.result.ok === false).map((c) => `${c.name}.${c.action}: ${c.result.error.code}`)
    return `${cloudCalls.length} calls${refused.length ? `; refused: ${refused.join(', ')}` : ''}`
  })
  await check('no uncaught exception or unhandled rejection while the pages ran', () => {
    assert(world.errors.length === 0, world.errors.join('\n'))
  })
  if (world.consoleErrors.length) {
    console.log(`  · console.error was called ${world.consoleErrors.length} time(s); first: ${world.consoleErrors[0].split('\n')[0].slice(0, 300)}`)
  }
} catch (error) {
  failed += 1
  console.log(`  ✗ stopped: ${error && error.message ? error.message : error}`)
} finally {
  if (runtime) await runtime.stop()
}

console.log(`timings: ${[...timings, `total ${Date.now() - started} ms`].join('; ')}`)
console.log(`${passed} passed, ${failed} failed`)
// React, jsdom and the runtime's sockets may keep the loop alive: the verdict is in, so leave now.
process.exit(failed === 0 ? 0 : 1)
