// The weapp layer: Taro's compiled mini-program (dist/) checked by WeChat's own compilers, then rendered with
// miniprogram-simulate against the real local cloud runtime. `node tests/weapp/run.mjs` after
// `node scripts/build-cloud.mjs` and `flock .build.lock npx taro build --type weapp`.
// WEAPP_DIST=<dir> checks another build output; WEAPP_VERBOSE=1 also prints the app's console.error output.
import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { checkBuildOutput, compileWxml, compileWxss, compilerCanary, startRuntime, launchApp, waitFor } = require('./harness.cjs')
const a11y = require('./a11y.cjs')
const { elderFontSizes } = require('./wechat-checks.cjs')
/** The subscribe template ids the build put into the bundle (linliting.config.json, else the example). */
const TEMPLATES = require('../../scripts/deploy-config.cjs').templateIds(require('../../scripts/deploy-config.cjs').readDeployConfig().config)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.resolve(process.env.WEAPP_DIST ?? path.join(root, 'dist'))
/** The seeded demo resident: 李阿姨 of 绿庭尚城 1号楼 1单元 502 (cloud/runtime/seed.ts). */
const OPENID = 'demo-resident'
/** The seeded demo volunteer 小陈 (陈晓), a verified resident: the shift page is theirs. */
const VOLUNTEER = 'demo-volunteer'
/** 李阿姨's building; the household card is one of its shown party-member households (601 王家 in the seed). */
const BUILDING = 'ltsc-1'

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

/** A WeChat failure callback's argument, thrown from an answer in world.answers (harness overrides). */
const failWith = (errMsg, errno) => () => {
  throw errno === undefined ? { errMsg } : { errMsg, errno }
}
/** The `api` calls recorded since index `from`. */
const callsOf = (from, api) => world.calls.slice(from).filter((c) => c.api === api)
/** Lets a tap's handlers and the page's re-render run (for checks that something did NOT happen). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150))

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

  console.log('review (issue 19)')
  await check('长辈模式: every font-size that applies with .screen--elder is at least 28rpx at the smallest elder scale', () => {
    const elderScale = Number(/ELDER_FONT_SCALE = ([\d.]+)/.exec(fs.readFileSync(path.join(root, 'src', 'core', 'settings.ts'), 'utf8'))[1])
    const { offenders, count, smallest } = elderFontSizes(dist, { elderScale })
    assert(count > 50, `only ${count} font-size declarations found in dist/`)
    assert(offenders.length === 0, offenders.join('\n'))
    const canaryDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'linliting-elder-'))
    fs.writeFileSync(path.join(canaryDir, 'a.wxss'), '.tiny{font-size:calc(22rpx*var(--fs, 1))}.fine{font-size:calc(24rpx*var(--fs, 1))}')
    const canary = elderFontSizes(canaryDir, { elderScale })
    fs.rmSync(canaryDir, { recursive: true, force: true })
    assert(canary.offenders.length === 1 && canary.offenders[0].includes('.tiny'), `the check missed 22rpx: ${JSON.stringify(canary.offenders)}`)
    return `${count} declarations, smallest ${smallest}rpx in 长辈模式 (×${elderScale})`
  })
  await check('dist/ holds sitemap.json (named by app.json) and the share pictures the pages name', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
    assert(appJson.sitemapLocation === 'sitemap.json', `app.json sitemapLocation is ${appJson.sitemapLocation}`)
    const sitemap = JSON.parse(fs.readFileSync(path.join(dist, 'sitemap.json'), 'utf8'))
    // WeChat matches the rules from the top; a page no rule names is indexed.
    const indexed = (page) => (sitemap.rules.find((r) => r.page === page || r.page === '*')?.action ?? 'allow') === 'allow'
    assert(!indexed('packages/manage/index') && !indexed('packages/account/data/index'), 'the console or the account pages are not kept out of search')
    assert(indexed('pages/home/index') && indexed('packages/service/session/index'), 'a tab page or a session is kept out of search')
    const pictures = ['assets/share/home.png', 'assets/share/building.png', 'packages/service/share.png', 'packages/volunteer/share.png']
    const sizes = pictures.map((file) => fs.statSync(path.join(dist, file)).size)
    return `${sitemap.rules.length} rules; pictures ${sizes.join(' + ')} B`
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
  let householdView = null
  await check('dist/app.js launches: App() registered, wx.cloud.init() called at launch', async () => {
    world = await launchApp({ dist, runtimeUrl: runtime.url, openid: OPENID })
    assert(world.calls.some((c) => c.api === 'cloud.init'), 'wx.cloud.init() was never called')
    timings.push(`app launch ${world.launchMs} ms`)
    return `${world.launchMs} ms`
  })
  if (!world) throw new Error('cannot render pages without the app')

  await check('the agree path: chooseMedia on the household record waits for the guide; 同意并继续 resolves { buttonId: "agree-privacy", event: "agree" }, the call goes on and the photo is added', async () => {
    // 王叔叔's verified party household has the record form (demo seed); nobody has agreed to the guide on this phone yet.
    // First of the pages: after simulate closes a page, nodes below baseLevel (drawn by Taro's `comp`) stay empty on
    // the next one, and the photo button is one of them.
    const view = await world.renderPage('packages/household/mine/index', { openid: 'demo-party' })
    world.privacy.agreed = false
    try {
      await view.waitForText('添加照片', 5000)
      const before = world.calls.length
      view.tapText('添加照片')
      await view.waitForText('同意并继续', 3000)
      const held = world.calls.slice(before).find((c) => c.api === 'chooseMedia')
      assert(held && held.held, 'wx.chooseMedia was not called, or did not wait for the guide')
      await view.waitForText('正在上传照片', 1000)
      assert(world.calls.slice(before).some((c) => c.api === 'privacy.resolve' && c.option.event === 'exposureAuthorization'), 'WeChat was not told the guide was shown')
      // WeChat fires agreeprivacyauthorization on the open-type button after the person taps it; a touch cannot here.
      const button = view.fireText('同意并继续', 'agreeprivacyauthorization', {}, { exact: true })
      const attributes = Object.fromEntries([...button.attributes].map((a) => [a.name, a.value]))
      await waitForCall(before, (c) => c.api === 'privacy.resolve' && c.option.event === 'agree', 'resolve({ event: "agree" })')
      const agreed = world.calls.slice(before).find((c) => c.api === 'privacy.resolve' && c.option.event === 'agree')
      assert(JSON.stringify(agreed.option) === JSON.stringify({ buttonId: 'agree-privacy', event: 'agree' }), `the agreement was ${JSON.stringify(agreed.option)}`)
      assert(!held.held, 'chooseMedia still waits after the agreement')
      await view.waitForText((text) => text.includes('去掉这张') && !text.includes('正在上传照片') && !text.includes('同意并继续'), 3000)
      const upload = world.calls.slice(before).find((c) => c.api === 'cloud.uploadFile')
      assert(upload && /^household\/ltsc-1-1-601\//.test(upload.options.cloudPath), `the photo was not uploaded into the household's folder: ${JSON.stringify(upload && upload.options)}`)
      // The photo can go again (and the page closes at the depth it opened with: with a photo it nests one level more).
      view.tapText('去掉这张')
      await view.waitForText((text) => !text.includes('去掉这张') && text.includes('添加照片'), 3000)
      return `button ${JSON.stringify(attributes).slice(0, 160)}; uploaded ${upload.options.cloudPath}`
    } finally {
      world.privacy.agreed = true
      householdView = view
    }
  })

  await check('chooseMedia on the household record: fail cancel says nothing; privacy 104 → 再试一次; auth deny 103 → the camera notice with 打开设置, which retries once the scope is on, and the photo uploads', async () => {
    const view = householdView
    assert(view, 'the household record did not render')
    try {
      let before = world.calls.length
      world.answers.chooseMedia = failWith('chooseMedia:fail cancel')
      view.tapText('添加照片')
      await waitForCall(before, (c) => c.api === 'chooseMedia', 'wx.chooseMedia')
      const asked = callsOf(before, 'chooseMedia')[0].options
      assert(asked.count === 1 && JSON.stringify(asked.mediaType) === '["image"]' && JSON.stringify(asked.sourceType) === '["album","camera"]', `chooseMedia got ${JSON.stringify(asked)}`)
      await settle()
      assert(!/打开设置|再试一次|没能/.test(view.text()) && callsOf(before, 'cloud.uploadFile').length === 0, `a cancel showed ${excerpt(view.text())}`)

      world.answers.chooseMedia = failWith('chooseMedia:fail privacy permission is not authorized', 104)
      view.tapText('添加照片')
      await view.waitForText('再试一次', 3000)

      before = world.calls.length
      world.answers.chooseMedia = failWith('chooseMedia:fail auth deny', 103)
      view.tapText('添加照片')
      await view.waitForText((text) => text.includes('打开设置') && text.includes('“摄像头”开关是关着的'), 3000)
      delete world.answers.chooseMedia
      world.answers.openSetting = () => ({ authSetting: { 'scope.camera': true } })
      view.tapText('打开设置', { exact: true })
      await view.waitForText((text) => text.includes('去掉这张') && !text.includes('打开设置'), 3000)
      assert(callsOf(before, 'openSetting').length === 1, 'wx.openSetting was not called from the tap')
      const upload = callsOf(before, 'cloud.uploadFile')
      assert(upload.length === 1 && upload[0].options.filePath === 'wxfile://tmp/photo-1-small.jpg' && /^household\/ltsc-1-1-601\/[\w-]+\.jpg$/.test(upload[0].options.cloudPath), `uploads ${JSON.stringify(upload.map((c) => c.options))}`)
      view.tapText('去掉这张')
      await view.waitForText((text) => !text.includes('去掉这张') && text.includes('添加照片'), 3000)
      return `uploaded ${upload[0].options.cloudPath} after openSetting`
    } finally {
      delete world.answers.chooseMedia
      delete world.answers.openSetting
      view?.close()
    }
  })

  await check('a privacy API waiting on any page: the shell shows the guide by name (getPrivacySetting) with its link (openPrivacyContract); 不同意 resolves disagree and the prompt goes', async () => {
    const listen = world.calls.find((c) => c.api === 'onNeedPrivacyAuthorization')
    assert(listen && typeof listen.args[0] === 'function', 'app.ts never called wx.onNeedPrivacyAuthorization')
    // A page no other check renders (simulate loads each route once per process).
    const view = await world.renderPage('packages/service/mine/index')
    try {
      const answers = []
      const before = world.calls.length
      listen.args[0]((answer) => answers.push(answer), { referrer: 'packages/service/mine/index' })
      await view.waitForText('《邻里亭隐私保护指引》', 3000)
      // Read once per app: the agree check above may have read it already.
      assert(world.calls.some((c) => c.api === 'getPrivacySetting'), 'the guide name was not read with wx.getPrivacySetting')
      assert(answers.some((a) => a.event === 'exposureAuthorization'), `WeChat was not told the guide was shown: ${JSON.stringify(answers)}`)
      view.tapText('阅读《邻里亭隐私保护指引》')
      await waitForCall(before, (c) => c.api === 'openPrivacyContract', 'wx.openPrivacyContract')
      view.tapText('不同意', { exact: true })
      await waitFor(() => answers.some((a) => a.event === 'disagree'), { timeout: 3000, what: 'resolve({ event: "disagree" })' })
      await view.waitForText((text) => !text.includes('同意并继续'), 3000)
      // Agreeing is WeChat's agreeprivacyauthorization event on the open-type button, which a touch cannot fire: the
      // next check fires it through exparser on a real privacy API call; here the prompt comes back for a second call.
      listen.args[0]((answer) => answers.push(answer), { referrer: 'packages/service/mine/index' })
      await view.waitForText('同意并继续', 3000)
      assert(answers.filter((a) => a.event === 'exposureAuthorization').length === 2, `exposure was not reported for the second call: ${JSON.stringify(answers)}`)
      // Nothing may stay waiting for the pages below.
      view.tapText('不同意', { exact: true })
      await waitFor(() => answers.filter((a) => a.event === 'disagree').length === 2, { timeout: 3000, what: 'the second disagree' })
      return `answers: ${answers.map((a) => a.event).join(', ')}`
    } finally {
      view.close()
    }
  })

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
  // --- Subpackage pages, opened as a navigation would --------------------------------------------------------------
  // Each page gets the id a tap elsewhere (or a shared card) would put in its URL, through onLoad(options) as WeChat
  // does; Taro's useRouter() reads it from there. Ids come from the runtime (the same reads the app's lists make),
  // never from a copy of the seed. These run before the language switch below: its text and taps are in Chinese.
  // Each page is closed after its tap, as navigating back would: that unloads it (Taro unmounts the React page).
  console.log('subpackage pages')

  /** A runtime read that must succeed: its data, or a failure that names the action and the envelope's error. */
  async function read(openid, name, action, input = {}) {
    const envelope = await runtime.call(openid, name, action, input)
    assert(envelope.ok === true, `${name}.${action} as ${openid} → ${JSON.stringify(envelope.error ?? envelope)}`)
    return envelope.data
  }
  /** How the session page shows a slot's time (core/dates timeRange, once its invisible word joiners are gone). */
  const slotTime = (slot) => `${slot.start}–${slot.end}`
  const calledSince = (from, name, action) => world.calls.slice(from).filter((c) => c.api === 'cloud.callFunction' && c.name === name && c.action === action)

  // 1. A booking session. The first upcoming session in which 李阿姨 may still book: an open slot with room that she
  //    does not hold, and her household under its cap (a full cap would turn the tap into a refusal, not a booking).
  let session = null
  await check('packages/service/session/index?id=… shows the service name and every slot with its time', async () => {
    for (const summary of await read(OPENID, 'service', 'sessions.upcoming')) {
      const detail = await read(OPENID, 'service', 'session.get', { sessionId: summary.id })
      const held = detail.myBookings.filter((b) => b.status !== 'cancelled')
      const slot = detail.slots.find((s) => s.phase === 'open' && s.confirmed < s.capacity && !held.some((b) => b.slotId === s.id))
      if (detail.status === 'open' && detail.canBook.ok && held.length < detail.householdCap && slot) {
        session = { detail, slot, name: detail.type.name['zh-CN'] }
        break
      }
    }
    assert(session, `no upcoming session in which ${OPENID} can book a slot`)
    const view = await world.renderPage('packages/service/session/index', { query: { id: session.detail.id } })
    session.view = view
    const needles = [session.name, ...session.detail.slots.map(slotTime)]
    const { ms } = await view.waitForText((text) => needles.every((needle) => text.includes(needle)))
    timings.push(`service session: first render ${view.firstRenderMs} ms, data ${view.firstRenderMs + ms} ms`)
    const loaded = calledSince(0, 'service', 'session.get').find((c) => c.options.data.input.sessionId === session.detail.id)
    assert(loaded, 'the page never asked for its session: the id did not reach useRouter().params')
    return `${session.detail.id}: ${session.name}, ${session.detail.slots.length} slots`
  })
  await check('tapping 预约 on an open slot books it for demo-resident (the cloud holds the booking, the page says 已预约 with its code)', async () => {
    assert(session?.view, 'the session page did not render')
    const { view, slot } = session
    try {
      const before = world.calls.length
      view.tapText('预约', { exact: true, near: slotTime(slot) })
      await waitFor(() => calledSince(before, 'service', 'booking.create').some((c) => c.settled), { timeout: 3000, what: 'service.booking.create' })
      const [create] = calledSince(before, 'service', 'booking.create')
      assert(create.options.data.input.slotId === slot.id, `booked slot ${create.options.data.input.slotId}, tapped ${slot.id}`)
      assert(create.openid === OPENID && create.result.ok, `booking.create as ${create.openid} → ${JSON.stringify(create.result)}`)
      const mine = (await read(OPENID, 'service', 'bookings.mine')).find((b) => b.slotId === slot.id && b.status !== 'cancelled')
      assert(mine, `bookings.mine holds no booking for slot ${slot.id}`)
      assert(mine.status === 'confirmed', `the booking is ${mine.status}`)
      // The page confirms with the code the cloud stored: "✓ 已预约 · 预约码 A2". A booking she already had shows its
      // status tag (✓ 已预约) but never this line, so the text alone cannot pass on the seed's bookings.
      await view.waitForText(`✓ 已预约 · 预约码 ${mine.code}`, 3000)
      assert(calledSince(before, 'service', 'booking.create').length === 1, 'one tap sent more than one booking.create')
      session.code = mine.code
      return `slot ${slot.letter} ${slotTime(slot)}, code ${mine.code}`
    } catch (error) {
      view.close()
      session.view = null
      throw error
    }
  })
  await check('服务前提醒我 on the new booking asks requestSubscribeMessage for the configured reminder template: fail cancel subscribes nothing; accept → service.subscribeBooking and 会在服务前提醒您', async () => {
    assert(session?.view && session.code, 'the booking did not happen')
    const { view, code } = session
    try {
      // Other bookings of hers on this session may already be subscribed: count the notes, not their presence.
      const notes = () => view.text().split('会在服务前提醒您').length - 1
      const notesBefore = notes()
      let before = world.calls.length
      world.answers.requestSubscribeMessage = failWith('requestSubscribeMessage:fail cancel')
      view.tapText('服务前提醒我', { near: code })
      await waitForCall(before, (c) => c.api === 'requestSubscribeMessage', 'wx.requestSubscribeMessage')
      const { tmplIds } = callsOf(before, 'requestSubscribeMessage')[0].options
      assert(JSON.stringify(tmplIds) === JSON.stringify([TEMPLATES.serviceReminder]), `tmplIds ${JSON.stringify(tmplIds)}, config says ${TEMPLATES.serviceReminder}`)
      await settle()
      const subscribes = (from) => world.calls.slice(from).filter((c) => c.api === 'cloud.callFunction' && c.name === 'service' && c.options.data.input && 'reminder' in c.options.data.input)
      assert(subscribes(before).length === 0, `a cancelled request subscribed: ${JSON.stringify(subscribes(before).map((c) => c.options.data))}`)
      assert(notes() === notesBefore, `a cancelled request shows 会在服务前提醒您: ${excerpt(view.text())}`)
      before = world.calls.length
      world.answers.requestSubscribeMessage = ({ tmplIds: ids }) => Object.fromEntries(ids.map((id) => [id, 'accept']))
      view.tapText('服务前提醒我', { near: code })
      await view.waitForText(() => notes() === notesBefore + 1, 3000)
      const sent = subscribes(before)
      assert(sent.length === 1 && sent[0].options.data.input.reminder === true, `the cloud got ${JSON.stringify(sent.map((c) => [c.action, c.options.data.input]))}`)
      return `tmplIds ${JSON.stringify(tmplIds)} → ${sent[0].action}`
    } finally {
      delete world.answers.requestSubscribeMessage
      view.close()
    }
  })

  await check('扫码签到 on the session roster (as demo-admin) calls scanCode for a camera QR code: fail cancel checks nobody in; a scanned booking QR goes to the cloud as the code and the answer is shown', async () => {
    assert(session?.code, 'the booking did not happen')
    const ADMIN = 'demo-admin'
    await read(ADMIN, 'service', 'roster.get', { sessionId: session.detail.id })
    const mine = (await read(OPENID, 'service', 'bookings.mine')).find((b) => b.code === session.code && b.session?.id === session.detail.id) ?? (await read(OPENID, 'service', 'bookings.mine')).find((b) => b.code === session.code)
    assert(mine && mine.qr, `no QR payload for booking ${session.code}`)
    const view = await world.renderPage('packages/service/roster/index', { query: { id: session.detail.id }, openid: ADMIN })
    try {
      await view.waitForText('扫码签到', 5000)
      const checkIns = (from) => world.calls.slice(from).filter((c) => c.api === 'cloud.callFunction' && c.name === 'service' && c.options.data.input && 'code' in c.options.data.input)
      let before = world.calls.length
      view.tapText('扫码签到', { exact: true })
      await waitForCall(before, (c) => c.api === 'scanCode', 'wx.scanCode')
      const asked = callsOf(before, 'scanCode')[0].options
      assert(asked.onlyFromCamera === true && JSON.stringify(asked.scanType) === '["qrCode"]', `scanCode got ${JSON.stringify(asked)}`)
      await settle()
      assert(checkIns(before).length === 0 && !view.text().includes(`(${session.code})`), 'a closed scanner checked someone in')
      before = world.calls.length
      const shown = view.text()
      world.answers.scanCode = () => ({ result: mine.qr, scanType: 'QR_CODE', charSet: 'utf-8' })
      view.tapText('扫码签到', { exact: true })
      await waitFor(() => checkIns(before).some((c) => c.settled), { timeout: 3000, what: 'the check-in call' })
      const [sent] = checkIns(before)
      assert(sent.openid === ADMIN && sent.options.data.input.code === mine.qr && sent.options.data.input.sessionId === session.detail.id, `the cloud got ${JSON.stringify(sent.options.data)} as ${sent.openid}`)
      if (sent.result.ok) await view.waitForText(`(${session.code})`, 3000)
      // A refusal (not the session's day, say) is the cloud's answer to give; the page must still show one.
      else await view.waitForText((text) => text !== shown, 3000)
      return `${sent.action} → ${sent.result.ok ? `checked in ${session.code}` : sent.result.error?.code}`
    } finally {
      delete world.answers.scanCode
      view.close()
    }
  })

  // 2. A volunteer shift, as 小陈: one with room, no requirement to tick and nothing refusing him, not yet his.
  let shift = null
  await check('packages/volunteer/shift/index?id=… as demo-volunteer shows the shift title and 报名参加', async () => {
    for (const summary of await read(VOLUNTEER, 'volunteer', 'shifts.upcoming')) {
      if (summary.taken >= summary.capacity || summary.requirements.ageHealth || summary.requirements.language) continue
      const detail = await read(VOLUNTEER, 'volunteer', 'shift.view', { shiftId: summary.id })
      if (!detail.mine && detail.verifiedResident && detail.refusals.length === 0) {
        shift = { summary }
        break
      }
    }
    assert(shift, `no upcoming shift that ${VOLUNTEER} can simply sign up for`)
    const view = await world.renderPage('packages/volunteer/shift/index', { query: { id: shift.summary.id }, openid: VOLUNTEER })
    shift.view = view
    const { ms } = await view.waitForText((text) => text.includes(shift.summary.title) && text.includes('报名参加'))
    timings.push(`volunteer shift: first render ${view.firstRenderMs} ms, data ${view.firstRenderMs + ms} ms`)
    const asked = calledSince(0, 'volunteer', 'shift.view').filter((c) => c.options.data.input.shiftId === shift.summary.id)
    assert(asked.length > 0 && asked.every((c) => c.openid === VOLUNTEER), `shift.view went as ${asked.map((c) => c.openid).join(', ') || 'nobody'}`)
    return `${shift.summary.id}: ${shift.summary.title}, ${shift.summary.taken}/${shift.summary.capacity} taken`
  })
  await check('tapping 报名参加 signs demo-volunteer up (shift.view says confirmed, the page says 报名成功)', async () => {
    assert(shift?.view, 'the shift page did not render')
    const { view, summary } = shift
    try {
      const before = world.calls.length
      view.tapText('报名参加', { exact: true })
      await view.waitForText('报名成功', 3000)
      const sent = calledSince(before, 'volunteer', 'signup.create')
      assert(sent.length === 1 && sent[0].openid === VOLUNTEER, `signup.create went ${sent.length} time(s) as ${sent.map((c) => c.openid).join(', ')}`)
      const after = await read(VOLUNTEER, 'volunteer', 'shift.view', { shiftId: summary.id })
      assert(after.mine?.status === 'confirmed', `the cloud says the sign-up is ${JSON.stringify(after.mine)}`)
      assert(after.shift.taken === summary.taken + 1, `taken went from ${summary.taken} to ${after.shift.taken}`)
      return `${after.shift.taken}/${after.shift.capacity} taken now`
    } finally {
      // Gives the phone back to 李阿姨 for the checks below.
      view.close()
    }
  })
  await check('closing the shift page gives the identity back to demo-resident', () => {
    assert(world.openid() === OPENID, `calls would now go as ${world.openid()}`)
  })

  // 3. A party-member household's card in 李阿姨's building (601 王家 if it is shown), and one entry she has not thanked.
  let card = null
  await check('packages/household/card/index?id=… shows the household name and its pledges', async () => {
    const { households } = await read(OPENID, 'household', 'badges', { buildingId: BUILDING })
    const shown = households.find((h) => h.room === '601') ?? households[0]
    assert(shown, `no shown household in ${BUILDING}`)
    const data = await read(OPENID, 'household', 'card.view', { householdId: shown.householdId })
    const entry = data.timeline.find((e) => !e.thankedByMe)
    assert(entry, `${shown.householdId} has no fulfilment entry that ${OPENID} has not thanked`)
    const pledges = data.pledges.filter((p) => p.status === 'active').map((p) => p.text)
    card = { data, entry }
    const view = await world.renderPage('packages/household/card/index', { query: { id: shown.householdId } })
    card.view = view
    const { ms } = await view.waitForText((text) => [data.displayName, ...pledges, entry.note].every((needle) => text.includes(needle)))
    timings.push(`household card: first render ${view.firstRenderMs} ms, data ${view.firstRenderMs + ms} ms`)
    return `${shown.householdId}: ${data.displayName}, ${pledges.length} pledges, ${data.timeline.length} entries`
  })
  await check('tapping 谢谢您 on an entry thanks it once (card.view: thanks + 1 and thankedByMe; the page says 已致谢)', async () => {
    assert(card?.view, 'the household card did not render')
    const { view, entry, data } = card
    try {
      const before = world.calls.length
      view.tapText('谢谢您', { exact: true, near: entry.note })
      await view.waitForText(`${entry.thanks + 1} 位邻居致谢`, 3000)
      await view.waitForText('✓ 已致谢', 3000)
      const sent = calledSince(before, 'household', 'fulfilment.thank')
      assert(sent.length === 1 && sent[0].options.data.input.entryId === entry.id, `fulfilment.thank sent for ${JSON.stringify(sent.map((c) => c.options.data.input.entryId))}`)
      const after = (await read(OPENID, 'household', 'card.view', { householdId: data.householdId })).timeline.find((e) => e.id === entry.id)
      assert(after && after.thankedByMe === true, `the cloud says thankedByMe ${after?.thankedByMe}`)
      assert(after.thanks === entry.thanks + 1, `thanks went from ${entry.thanks} to ${after.thanks}`)
      return `${entry.id}: ${entry.thanks} → ${after.thanks} thanks`
    } finally {
      view.close()
    }
  })

  console.log('WeChat-only paths (issue 22)')
  await check('导出为文件 on 我的数据 writes the file into USER_DATA_PATH and hands it to shareFileMessage: fail cancel says nothing, another failure says so, success says 文件已发送', async () => {
    const view = await world.renderPage('packages/account/data/index')
    try {
      await view.waitForText('导出为文件', 5000)
      let before = world.calls.length
      world.answers.shareFileMessage = failWith('shareFileMessage:fail cancel')
      view.tapText('导出为文件', { exact: true })
      await waitForCall(before, (c) => c.api === 'shareFileMessage', 'wx.shareFileMessage')
      const { filePath, fileName } = callsOf(before, 'shareFileMessage')[0].options
      const written = callsOf(before, 'fs.writeFileSync')[0]
      assert(/\.json$/.test(fileName) && filePath === `wxfile://usr/${fileName}`, `shareFileMessage got ${JSON.stringify({ filePath, fileName })}`)
      assert(written && written.args[0] === filePath && written.args[2] === 'utf8' && JSON.parse(written.args[1]), 'the export was not written to that path as JSON')
      await view.waitForText('导出为文件', 3000)
      assert(!/没能生成文件|文件已发送/.test(view.text()), `a cancel showed ${excerpt(view.text())}`)
      world.answers.shareFileMessage = failWith('shareFileMessage:fail system error')
      view.tapText('导出为文件', { exact: true })
      await view.waitForText('没能生成文件', 3000)
      before = world.calls.length
      delete world.answers.shareFileMessage
      view.tapText('导出为文件', { exact: true })
      await view.waitForText(`文件已发送：${fileName}`, 3000)
      return `${filePath}, ${written.args[1].length} characters`
    } finally {
      delete world.answers.shareFileMessage
      view.close()
    }
  })
  await check('the volunteer certificate: Canvas 2D → canvasToTempFilePath (png) → 保存到手机相册 saves that file; cancel says nothing, 104 → 再试一次, auth deny 103 → the album notice, 打开设置 → saved', async () => {
    const view = await world.renderPage('packages/volunteer/certificate/index', { openid: VOLUNTEER })
    try {
      await view.waitForText('保存到手机相册', 5000)
      const exported = callsOf(0, 'canvasToTempFilePath')
      assert(exported.length === 1 && exported[0].options.fileType === 'png' && exported[0].options.canvas && exported[0].options.destWidth > 0, `canvasToTempFilePath got ${JSON.stringify(exported.map((c) => c.options))}`)
      let before = world.calls.length
      world.answers.saveImageToPhotosAlbum = failWith('saveImageToPhotosAlbum:fail cancel')
      view.tapText('保存到手机相册', { exact: true })
      await waitForCall(before, (c) => c.api === 'saveImageToPhotosAlbum', 'wx.saveImageToPhotosAlbum')
      const saved = callsOf(before, 'saveImageToPhotosAlbum')[0].options
      assert(saved.filePath === 'wxfile://tmp/certificate.png', `saveImageToPhotosAlbum got ${JSON.stringify(saved)}`)
      await settle()
      assert(!/打开设置|再试一次|没能保存|已保存到相册/.test(view.text()), `a cancel showed ${excerpt(view.text())}`)
      world.answers.saveImageToPhotosAlbum = failWith('saveImageToPhotosAlbum:fail privacy permission is not authorized', 104)
      view.tapText('保存到手机相册', { exact: true })
      await view.waitForText('再试一次', 3000)
      before = world.calls.length
      world.answers.saveImageToPhotosAlbum = failWith('saveImageToPhotosAlbum:fail auth deny', 103)
      view.tapText('保存到手机相册', { exact: true })
      await view.waitForText((text) => text.includes('打开设置') && text.includes('“相册”开关是关着的'), 3000)
      world.answers.openSetting = () => ({ authSetting: { 'scope.writePhotosAlbum': false } })
      view.tapText('打开设置', { exact: true })
      await view.waitForText('还是关着的', 3000)
      delete world.answers.saveImageToPhotosAlbum
      world.answers.openSetting = () => ({ authSetting: { 'scope.writePhotosAlbum': true } })
      view.tapText('打开设置', { exact: true })
      await view.waitForText((text) => text.includes('已保存到相册') && !text.includes('打开设置'), 3000)
      assert(callsOf(before, 'openSetting').length === 2, 'wx.openSetting was not called from each tap')
      return `${exported[0].options.destWidth}×${exported[0].options.destHeight} png saved after openSetting`
    } finally {
      delete world.answers.saveImageToPhotosAlbum
      delete world.answers.openSetting
      view.close()
    }
  })

  console.log('读屏 (issue 21)')
  await check('base.wxml carries aria-role, aria-label and the states on view, button, image, input and textarea (config/a11y.ts)', () => {
    const problems = a11y.templateProblems(a11y.readTemplates(dist))
    assert(problems.length === 0, problems.join('\n'))
  })
  await check('every element that takes a tap on every rendered page (tabs and subpackages) reaches WeChat as a named button (role and name from the templates and the page data)', () => {
    const templates = a11y.readTemplates(dist)
    const counts = []
    const problems = []
    const roots = [...Object.entries(pages).map(([route, view]) => [route, view.page.data.root]), ...world.closedRoots]
    for (const [route, root] of roots) {
      const targets = a11y.tapTargets(templates, root)
      counts.push(`${route.split('/').slice(1, -1).join('/')} ${targets.length}`)
      for (const problem of a11y.tapProblems(targets)) problems.push(`${route}: ${problem}`)
    }
    assert(Object.keys(pages).length >= 5, `only ${Object.keys(pages).length} tab pages rendered`)
    assert(world.closedRoots.size >= 8, `only ${world.closedRoots.size} subpackage pages rendered before this check`)
    const rooms = a11y.tapTargets(templates, pages['pages/building/index'].page.data.root).filter((target) => target.className.includes('household-room'))
    assert(rooms.length > 0 && rooms.every((room) => room.role === 'button' && room.name.includes('党员户')), `the party-member rooms: ${JSON.stringify(rooms)}`)
    assert(problems.length === 0, problems.join('\n'))
    return `taps: ${counts.join(', ')}`
  })

  console.log('language')
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
    // The main package has Chinese only: English came from its subpackage file, through WeChat's require.async.
    const loads = world.calls.slice(before).filter((c) => c.api === 'require.async')
    assert(loads.length === 1 && loads[0].path === 'packages/account/locales/en.js' && !loads[0].error, `require.async calls: ${JSON.stringify(loads)}`)
    return `me now reads ${excerpt(me.text(), 120)}`
  })

  // 김민지's profile says Korean; 王叔叔's says nothing (李阿姨's says English since the check above), so the phone's Japanese stands.
  for (const [locale, greeting, openid] of [['ko', '안녕하세요', 'demo-korean'], ['ja', 'こんにちは', 'demo-party']]) {
    await check(`a restart with ${locale} saved shows ${locale} on 首页 once its messages arrive from packages/account (require.async), Chinese at most before`, () => {
      const run = spawnSync(process.execPath, [path.join(root, 'tests', 'weapp', 'restart.mjs'), runtime.url, locale, openid], { cwd: root, encoding: 'utf8', timeout: 30000, env: { ...process.env, WEAPP_DIST: dist } })
      const line = (run.stdout ?? '').trim().split('\n').pop() ?? ''
      assert(line.startsWith('{'), `restart.mjs printed no result: ${excerpt(`${run.stdout}${run.stderr}`)}`)
      const result = JSON.parse(line)
      assert(result.errors.length === 0, result.errors.join('\n'))
      assert(result.settled.includes(greeting), `首页 reads ${excerpt(result.settled, 160)}`)
      assert(result.loads.length === 1 && result.loads[0].path === `packages/account/locales/${locale}.js` && !result.loads[0].error, `require.async calls: ${JSON.stringify(result.loads)}`)
      return `first ${excerpt(result.first, 40)}, then ${excerpt(result.settled, 40)}`
    })
  }

  console.log('template depth')
  await check('no rendered page nests deeper than the template levels base.wxml has (baseLevel in config/index.ts)', async () => {
    // Taro writes one template level per nesting level into base.wxml (tmpl_0_* … tmpl_<baseLevel-1>_*, then a
    // container that hands deeper nodes to the comp custom component); every level costs ≈2.5–5.5 KB of the main
    // package, so the config keeps only as many as the pages use.
    const levels = Math.max(...[...fs.readFileSync(path.join(dist, 'base.wxml'), 'utf8').matchAll(/<template name="tmpl_(\d+)_/g)].map((match) => Number(match[1]))) + 1
    const depths = new Map(world.nesting)
    for (const [route, view] of Object.entries(pages)) depths.set(route, Math.max(depths.get(route) ?? 0, view.depth()))
    const deepest = [...depths].sort((a, b) => b[1] - a[1])
    assert(deepest.length >= 8, `only ${deepest.length} pages were measured`)
    const over = deepest.filter(([, depth]) => depth > levels)
    assert(over.length === 0, `${over.map(([route, depth]) => `${route} nests ${depth} deep`).join(', ')}: base.wxml has ${levels} levels; raise baseLevel in config/index.ts or flatten the page`)
    return `${levels} levels; deepest: ${deepest.slice(0, 3).map(([route, depth]) => `${route} ${depth}`).join(', ')}`
  })

  await check('every node a rendered page draws has its template in the base.wxml that page imports (the main package keeps only what tab pages draw: config/subpackage-templates.js)', () => {
    const templatesOf = new Map()
    const problems = []
    const roots = [...Object.entries(pages).map(([route, view]) => [route, view.page.data.root]), ...world.closedRoots]
    const copies = new Set()
    for (const [route, root] of roots) {
      const page = path.join(dist, `${route.replace(/^\/+/, '')}.wxml`)
      const src = /<import src="([^"]+)"/.exec(fs.readFileSync(page, 'utf8'))?.[1]
      if (!src) {
        problems.push(`${route}: its .wxml imports no template file`)
        continue
      }
      const base = path.resolve(path.dirname(page), src)
      if (base !== path.join(dist, 'base.wxml')) copies.add(path.relative(dist, base))
      if (!templatesOf.has(base)) templatesOf.set(base, new Set([...fs.readFileSync(base, 'utf8').matchAll(/<template name="tmpl_0_(\w+?)(?:_focus|_blur)?">/g)].map((match) => match[1])))
      const names = new Set()
      const walk = (node) => {
        if (node?.nn !== undefined && node.nn !== '#text') names.add(String(node.nn))
        for (const child of node?.cn ?? []) walk(child)
      }
      for (const child of root?.cn ?? []) walk(child)
      const missing = [...names].filter((nn) => !templatesOf.get(base).has(nn))
      if (missing.length > 0) problems.push(`${route} draws nodes ${missing.join(', ')} that ${path.relative(dist, base)} has no template for`)
    }
    assert(roots.length >= 13, `only ${roots.length} rendered pages`)
    assert(problems.length === 0, problems.join('\n'))
    return `${roots.length} pages; subpackage copies in use: ${[...copies].sort().join(', ') || 'none'}`
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
    const perCaller = new Map()
    for (const c of cloudCalls) perCaller.set(c.openid, (perCaller.get(c.openid) ?? 0) + 1)
    const callers = [...perCaller].map(([openid, n]) => `${n} as ${openid}`)
    return `${callers.join(', ')}${refused.length ? `; refused: ${refused.join(', ')}` : ''}`
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
