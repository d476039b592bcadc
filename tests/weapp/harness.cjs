'use strict'
/**
 * The weapp test harness: runs Taro's compiled mini-program (dist/) in Node, as close to WeChat as we can get offline.
 *
 * - compileWxml(), compileWxss(): WeChat's own wcc/wcsc (from miniprogram-compiler) over every .wxml/.wxss of dist/.
 * - startRuntime(): the local cloud runtime (.build/runtime.cjs) as a child process on a free port, with fresh data.
 * - launchApp():    jsdom globals + a stubbed `wx` whose wx.cloud.callFunction goes over HTTP to that runtime,
 *                   App/getApp/Page defined, dist/app.js required and launched.
 * - renderPage():   one page through miniprogram-simulate (j-component + exparser, templates compiled by wcc), tab
 *                   page or subpackage page, with the query a navigation would pass to onLoad and, if asked, as
 *                   another demo user.
 *
 * Only the boundary to WeChat is stubbed (the wx API, the cloud's transport); the templates, Taro's runtime and event
 * system, React, our pages and our cloud functions all run for real.
 */
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { createRequire } = require('node:module')

/** wcc's output for the whole of dist/ is one JavaScript file; Node's 1 MB default buffer is too small for it. */
const COMPILER_MAX_BUFFER = 64 * 1024 * 1024

// ---------------------------------------------------------------------------------------------------------------
// Polling

/** Resolves with the elapsed ms once `probe()` returns something truthy; rejects with `describe()` on timeout. */
async function waitFor(probe, { timeout = 5000, interval = 5, what = 'condition', describe } = {}) {
  const started = Date.now()
  for (;;) {
    let value
    try {
      value = await probe()
    } catch {
      value = undefined
    }
    if (value) return { value, ms: Date.now() - started }
    if (Date.now() - started > timeout) {
      const detail = describe ? `: ${describe()}` : ''
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`)
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 0. The build output

/** Every page that app.json declares, main package and subpackages, as paths relative to dist/. */
function declaredPages(dist) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const sub = (appJson.subPackages || appJson.subpackages || []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`))
  return [...appJson.pages, ...sub]
}

/**
 * WeChat refuses to start a mini-program whose app.json names a page it cannot find. A Taro build that failed
 * half-way leaves exactly that (or no app.js at all), so this is checked before anything else.
 */
function checkBuildOutput(dist) {
  for (const file of ['app.js', 'app.json']) {
    if (!fs.existsSync(path.join(dist, file))) throw new Error(`${path.join(dist, file)} is missing: build the weapp first (flock .build.lock npx taro build --type weapp)`)
  }
  const pages = declaredPages(dist)
  const missing = pages.flatMap((page) => ['.js', '.json', '.wxml'].filter((ext) => !fs.existsSync(path.join(dist, page + ext))).map((ext) => page + ext))
  if (missing.length) throw new Error(`app.json declares pages that dist/ does not hold: ${missing.join(', ')}`)
  return { pages }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. WeChat's compilers

function listFiles(dir, ext) {
  const out = []
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else if (entry.name.endsWith(ext)) out.push(rel)
    }
  }
  walk('')
  return out.sort()
}

/**
 * WeChat's template compiler over every .wxml (with the .wxs modules) under `root`, in one run as WeChat DevTools
 * does: a page's template imports base.wxml, so they are compiled together. Throws with wcc's message.
 */
function compileWxml(root) {
  const wcc = require('miniprogram-compiler/src/wcc')
  const wxml = listFiles(root, '.wxml')
  const wxs = listFiles(root, '.wxs')
  const started = Date.now()
  // Throws Error('编译 .wxml 文件错误：<wcc's stderr>') on any error.
  const output = wxml.length ? wcc(root, wxml.map((f) => f.slice(0, -'.wxml'.length)), wxs, { maxBuffer: COMPILER_MAX_BUFFER }) : ''
  return { files: wxml.length, wxs: wxs.length, ms: Date.now() - started, bytes: output.length }
}

/**
 * WeChat's stylesheet compiler over every .wxss under `root`. We call miniprogram-compiler's wcsc wrapper directly:
 * its wxssToJs() receives the compiler's Error as a return value, not a throw, and would let a broken stylesheet pass.
 */
function compileWxss(root) {
  const wcsc = require('miniprogram-compiler/src/wcsc')
  const wxss = listFiles(root, '.wxss')
  const started = Date.now()
  const output = wxss.length ? wcsc(root, wxss.map((f) => f.slice(0, -'.wxss'.length)), { maxBuffer: COMPILER_MAX_BUFFER }) : {}
  if (output instanceof Error) throw output
  return { files: wxss.length, ms: Date.now() - started }
}

/**
 * Proves the compilers do reject broken input here (a wrapper that swallowed errors would let compileWxml/Wxss pass
 * anything): returns the compilers' messages for one broken .wxml and one broken .wxss.
 */
function compilerCanary() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-canary-'))
  const messages = {}
  try {
    fs.writeFileSync(path.join(dir, 'broken.wxml'), '<view class="a">{{ name }</view>\n<view></text>\n')
    fs.writeFileSync(path.join(dir, 'broken.wxss'), '.a { color: red;\n.b {{ }\n')
    try {
      compileWxml(dir)
    } catch (error) {
      messages.wxml = error.message
    }
    try {
      compileWxss(dir)
    } catch (error) {
      messages.wxss = error.message
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return messages
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The local cloud runtime, as a child process

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts `node .build/runtime.cjs` with its own empty data directory (so it seeds the demo community afresh and
 * never touches the developer's .data/) and an empty static directory (we need only /fn). Resolves once /healthz
 * answers. `stop()` kills it; it is also killed when this process exits, whatever the reason.
 */
async function startRuntime(repoRoot, { timeout = 20000 } = {}) {
  const bundle = path.join(repoRoot, '.build', 'runtime.cjs')
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run node scripts/build-cloud.mjs`)
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-weapp-data-'))
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-weapp-static-'))
  const started = Date.now()
  const child = spawn(process.execPath, [bundle], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LINLITING_ROOT: repoRoot, STATIC_DIR: staticDir, LINLITING_DEV: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  let exited = null
  child.on('exit', (code, signal) => (exited = { code, signal }))

  const cleanup = () => {
    if (exited === null) child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(staticDir, { recursive: true, force: true })
  }
  process.once('exit', cleanup)

  const url = `http://127.0.0.1:${port}`
  /**
   * Calls a cloud function as a demo user, straight over HTTP (not through the app): the checks read the cloud's
   * state with it before and after a tap, and so learn real ids instead of hard-coding the seed's.
   */
  const call = async (openid, name, action, input = {}) => {
    const response = await fetch(`${url}/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid },
      body: JSON.stringify({ action, input }),
    })
    return response.json()
  }
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error('exited')
        const response = await fetch(`${url}/healthz`)
        return response.ok
      },
      { timeout, interval: 50, what: 'the runtime /healthz', describe: () => output.trim().slice(-2000) },
    )
  } catch (error) {
    cleanup()
    const why = exited ? `the runtime exited (code ${exited.code}, signal ${exited.signal}):\n${output.trim().slice(-2000)}` : error.message
    throw new Error(why)
  }

  return {
    url,
    port,
    ms: Date.now() - started,
    output: () => output,
    call,
    async stop() {
      process.removeListener('exit', cleanup)
      if (exited === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        // The runtime closes its store on SIGTERM; don't wait for ever if it hangs.
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
        await gone
        clearTimeout(timer)
      }
      cleanup()
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The WeChat side: DOM, wx, App/Page

/**
 * miniprogram-simulate renders into a DOM (exparser's "dom" backend) and is written for Jest's jsdom environment.
 * In plain Node we provide that environment: jsdom's window, and its globals where Node has none. Event classes
 * are jsdom's even though Node has its own: jsdom only dispatches events it created.
 */
function installDom() {
  const { JSDOM } = require('jsdom')
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'https://servicewechat.com/' })
  const { window } = dom
  global.window = window
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in global || key.startsWith('_')) continue
    try {
      global[key] = window[key]
    } catch {
      // read-only in Node
    }
  }
  for (const key of ['Event', 'CustomEvent', 'document', 'navigator']) {
    Object.defineProperty(global, key, { value: window[key], configurable: true, writable: true })
  }
  return window
}

/**
 * What a check wants WeChat to answer instead (api name → options => result): throwing { errMsg, errno } fails the
 * call with exactly that, as WeChat does for a closed picker (…:fail cancel), a declined guide (104) or a switched-off
 * scope (103 auth deny). One app per process, so one table.
 */
const overrides = {}

/** A WeChat async API: success/fail/complete callbacks, or a Promise when none is given (as the real base library). */
function asyncApi(name, calls, answer = () => ({})) {
  return function api(options = {}) {
    calls.push({ api: name, options })
    const run = () =>
      Promise.resolve()
        .then(() => ({ errMsg: `${name}:ok`, ...(overrides[name] ?? answer)(options) }))
        .catch((error) => Promise.reject(error && error.errMsg ? error : new Error(error && error.message)))
    const { success, fail, complete } = options
    if (!success && !fail && !complete) return run()
    run().then(
      (res) => {
        success?.(res)
        complete?.(res)
      },
      (error) => {
        const res = error.errMsg ? error : { errMsg: `${name}:fail ${error.message}` }
        fail?.(res)
        complete?.(res)
      },
    )
    return undefined
  }
}

/** A Canvas 2D node as createSelectorQuery().fields({ node: true }) returns it: every drawing call is a no-op. */
function canvasNode() {
  const context = new Proxy({}, { get: (target, key) => (key in target ? target[key] : key === 'measureText' ? (text) => ({ width: String(text).length * 10 }) : () => undefined), set: (target, key, value) => Reflect.set(target, key, value) })
  return { width: 300, height: 150, getContext: () => context, createImage: () => ({}) }
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12/13 (Pro)',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 664,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  fontSizeSetting: 16,
  SDKVersion: '3.6.0',
  theme: 'light',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  enableDebug: false,
  deviceOrientation: 'portrait',
}

/**
 * The `wx` global. Navigation, toasts and the tab bar are recorded in `calls`; storage is in memory;
 * wx.cloud.callFunction POSTs to the local runtime as `identity.openid`, the one thing the real cloud would inject.
 * `identity` is a mutable box so that renderPage() can hand the phone to another demo user; each call reads it when
 * it is made (not when its request leaves), so a call started as one person stays theirs if the identity changes.
 */
function createWx({ runtimeUrl, identity, calls, storage, privacy }) {
  /**
   * A privacy-scoped API, as the base library runs it once the app listens to onNeedPrivacyAuthorization: while the
   * person has not agreed (`privacy.agreed` false), the call waits and WeChat hands the app's listener a resolve. The
   * listener's answers are recorded as 'privacy.resolve'; { event: 'agree', buttonId } lets the call go on (WeChat
   * also needs the id of the agreePrivacyAuthorization button that was tapped), 'disagree' fails it with errno 104.
   */
  const privacyApi = (name, answer) => {
    const run = asyncApi(name, calls, answer)
    return (options = {}) => {
      if (privacy.agreed) return run(options)
      const listen = calls.find((c) => c.api === 'onNeedPrivacyAuthorization')
      if (!listen) return run(options)
      const held = { api: name, options, held: true }
      calls.push(held)
      const answered = new Promise((resolve, reject) => {
        listen.args[0](
          (option = {}) => {
            calls.push({ api: 'privacy.resolve', option })
            if (option.event === 'agree' && option.buttonId) {
              privacy.agreed = true
              resolve()
            } else if (option.event === 'agree' || option.event === 'disagree') {
              reject({ errMsg: `${name}:fail privacy permission is not authorized`, errno: 104 })
            }
          },
          { referrer: (global.getCurrentPages?.().at(-1) || {}).route || '' },
        )
      }).then(() => {
        held.held = false
        return { errMsg: `${name}:ok`, ...answer(options) }
      })
      const { success, fail, complete } = options
      if (!success && !fail && !complete) return answered
      answered.then(
        (res) => {
          success?.(res)
          complete?.(res)
        },
        (res) => {
          held.held = false
          fail?.(res)
          complete?.(res)
        },
      )
      return undefined
    }
  }

  const callFunction = (options = {}) => {
    const { name, data = {}, success, fail, complete } = options
    const { openid } = identity
    const record = { api: 'cloud.callFunction', name, action: data && data.action, openid, options, settled: false }
    calls.push(record)
    const send = async () => {
      let response
      try {
        response = await fetch(`${runtimeUrl}/fn/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Dev-Openid': openid },
          body: JSON.stringify(data),
        })
      } catch (error) {
        throw new Error(`cloud.callFunction:fail ${error.message}`)
      }
      const text = await response.text()
      let result
      try {
        result = JSON.parse(text)
      } catch {
        throw new Error(`cloud.callFunction:fail the runtime answered ${response.status} with non-JSON: ${text.slice(0, 200)}`)
      }
      record.status = response.status
      record.result = result
      // What the function returned is `result`, whatever the HTTP status: the runtime sends error envelopes with 4xx.
      return { errMsg: 'cloud.callFunction:ok', result, requestID: `local-${calls.length}` }
    }
    const run = () =>
      send().then(
        (res) => {
          record.settled = true
          return res
        },
        (error) => {
          record.settled = true
          record.error = error.message
          throw error
        },
      )
    if (!success && !fail && !complete) return run()
    run().then(
      (res) => {
        success?.(res)
        complete?.(res)
      },
      (error) => {
        const res = { errMsg: error.message }
        fail?.(res)
        complete?.(res)
      },
    )
    return undefined
  }

  const sync = (name, answer) => (...args) => {
    calls.push({ api: name, args })
    return answer(...args)
  }

  return {
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getSystemInfo: asyncApi('getSystemInfo', [], () => ({ ...SYSTEM_INFO })),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ SDKVersion: SYSTEM_INFO.SDKVersion, language: SYSTEM_INFO.language, version: SYSTEM_INFO.version, fontSizeSetting: SYSTEM_INFO.fontSizeSetting, theme: 'light', enableDebug: false }),
    getDeviceInfo: () => ({ brand: SYSTEM_INFO.brand, model: SYSTEM_INFO.model, system: SYSTEM_INFO.system, platform: SYSTEM_INFO.platform, pixelRatio: SYSTEM_INFO.pixelRatio }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} }),
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),

    navigateTo: asyncApi('navigateTo', calls),
    redirectTo: asyncApi('redirectTo', calls),
    switchTab: asyncApi('switchTab', calls),
    reLaunch: asyncApi('reLaunch', calls),
    navigateBack: asyncApi('navigateBack', calls),

    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', [], ({ key }) => {
      if (!storage.has(key)) throw new Error('data not found')
      return { data: storage.get(key) }
    }),
    setStorage: asyncApi('setStorage', [], ({ key, data }) => void storage.set(key, data) || {}),
    removeStorage: asyncApi('removeStorage', [], ({ key }) => void storage.delete(key) || {}),

    showToast: asyncApi('showToast', calls),
    hideToast: asyncApi('hideToast', calls),
    showModal: asyncApi('showModal', calls, () => ({ confirm: false, cancel: true })),
    showLoading: asyncApi('showLoading', calls),
    hideLoading: asyncApi('hideLoading', calls),
    showActionSheet: asyncApi('showActionSheet', calls, () => {
      throw new Error('cancel')
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', calls),
    setNavigationBarColor: asyncApi('setNavigationBarColor', calls),
    setBackgroundColor: asyncApi('setBackgroundColor', calls),
    setTabBarItem: asyncApi('setTabBarItem', calls),
    setTabBarStyle: asyncApi('setTabBarStyle', calls),
    showTabBarRedDot: asyncApi('showTabBarRedDot', calls),
    hideTabBarRedDot: asyncApi('hideTabBarRedDot', calls),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', calls),
    pageScrollTo: asyncApi('pageScrollTo', calls),
    vibrateShort: asyncApi('vibrateShort', calls),
    setClipboardData: asyncApi('setClipboardData', calls),
    // The album and camera (a privacy API), then what the household record does with the photo before uploading it.
    chooseMedia: privacyApi('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 180000, fileType: 'image' }] })),
    getImageInfo: asyncApi('getImageInfo', calls, () => ({ width: 1600, height: 1200, type: 'jpeg' })),
    compressImage: asyncApi('compressImage', calls, () => ({ tempFilePath: 'wxfile://tmp/photo-1-small.jpg' })),
    getFileInfo: asyncApi('getFileInfo', calls, () => ({ size: 120000 })),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', calls, ({ tmplIds = [] }) => Object.fromEntries(tmplIds.map((id) => [id, 'reject']))),
    showShareMenu: asyncApi('showShareMenu', calls),
    login: asyncApi('login', calls, () => ({ code: 'test-code' })),
    scanCode: asyncApi('scanCode', calls, () => {
      throw new Error('cancel')
    }),
    // The volunteer certificate: a Canvas 2D node, its PNG, the album (a privacy API behind scope.writePhotosAlbum).
    createSelectorQuery: () => {
      const query = { select: () => query, selectAll: () => query, in: () => query, fields: () => query, boundingClientRect: () => query }
      query.exec = (callback) => setTimeout(() => callback?.([{ node: canvasNode(), width: 300, height: 150 }]), 0)
      return query
    },
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', calls, () => ({ tempFilePath: 'wxfile://tmp/certificate.png' })),
    saveImageToPhotosAlbum: privacyApi('saveImageToPhotosAlbum', () => ({})),
    openSetting: asyncApi('openSetting', calls, () => ({ authSetting: {} })),
    // Exports: a file in the app's user folder, then WeChat's share sheet.
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => ({ writeFileSync: sync('fs.writeFileSync', () => undefined) }),
    shareFileMessage: asyncApi('shareFileMessage', calls),

    // The privacy guide: we record the listener; nothing here is a privacy API, so it is never called.
    onNeedPrivacyAuthorization: sync('onNeedPrivacyAuthorization', () => undefined),
    getPrivacySetting: asyncApi('getPrivacySetting', calls, () => ({ needAuthorization: false, privacyContractName: '《邻里亭隐私保护指引》' })),
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', calls),
    openPrivacyContract: asyncApi('openPrivacyContract', calls),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    onThemeChange: () => undefined,
    offThemeChange: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    onMemoryWarning: () => undefined,
    reportAnalytics: () => undefined,

    cloud: {
      init: sync('cloud.init', () => undefined),
      callFunction,
      uploadFile: asyncApi('cloud.uploadFile', calls, ({ cloudPath }) => ({ fileID: `cloud://local.linliting/${cloudPath}` })),
    },
  }
}

/**
 * WeChat gives each script of the package its own `require`, with `require.async(path)` (分包异步化, base library
 * 2.11.2+): a path relative to the calling file, resolved after the subpackage holding it has been downloaded. Node's
 * require has no `async`: every script under dist/ gets one that records the call (`require.async` in `calls`), refuses
 * a path outside dist/ or a file WeChat would not have (as WeChat does, with `{ mod, errMsg }`) and resolves later.
 */
function giveRequireAsync(dist, calls) {
  const Module = require('node:module')
  const original = Module._extensions['.js']
  const root = `${path.resolve(dist)}${path.sep}`
  Module._extensions['.js'] = function (module, filename) {
    if (!filename.startsWith(root)) return original(module, filename)
    const from = path.dirname(filename)
    const text = fs.readFileSync(filename, 'utf8')
    const asyncRequire = `require.async=function(p){return __linlitingRequireAsync(${JSON.stringify(from)},p,require)};`
    const strict = /^\s*["']use strict["'];?/.exec(text)
    module._compile(strict ? `${strict[0]}${asyncRequire}${text.slice(strict[0].length)}` : `${asyncRequire}${text}`, filename)
  }
  global.__linlitingRequireAsync = (from, request, req) => {
    const target = path.resolve(from, request)
    const call = { api: 'require.async', path: path.relative(dist, target), settled: false }
    calls.push(call)
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        call.settled = true
        if (!target.startsWith(root) || !fs.existsSync(target)) {
          call.error = 'not found'
          reject({ mod: request, errMsg: `module "${call.path}" is not defined` })
          return
        }
        resolve(req(target))
      }, 20),
    )
  }
}

/**
 * Makes the mini-program world and launches dist/app.js. Must run once per process and before miniprogram-simulate
 * is required: simulate merges its own wx mock under ours at require time and installs its own Component().
 */
async function launchApp({ dist, runtimeUrl, openid = 'demo-resident', launchQuery = {}, stored = {} }) {
  if (!fs.existsSync(path.join(dist, 'app.js'))) throw new Error(`${path.join(dist, 'app.js')} is missing: build the weapp first`)
  const calls = []
  // What an earlier run of the app left in WeChat's storage (a restart): `stored` is { key: value }.
  const storage = new Map(Object.entries(stored))
  const errors = []
  installDom()
  const identity = { openid }
  // Everyone has agreed to the privacy guide unless a check says otherwise (privacyApi in createWx).
  const privacy = { agreed: true }
  global.wx = createWx({ runtimeUrl, identity, calls, storage, privacy })
  // Merges simulate's mock of the rest of the API under ours, then defines global.Component for custom components.
  const simulate = require('miniprogram-simulate')
  const wx = global.wx

  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  global.__wxConfig = { ...appJson, envVersion: 'develop', platform: 'devtools' }
  global.requirePlugin = () => ({})

  let app = null
  global.App = (options) => {
    app = options
  }
  global.getApp = () => app

  /**
   * WeChat's Page() has no counterpart in simulate, which loads everything as a component. A page is a component
   * whose page lifecycles run, in WeChat's order, once it is attached; its methods (Taro's event handler `eh` among
   * them) become component methods. The route and query come from renderPage().
   */
  const pageStack = []
  let pending = null
  global.Page = (options) => {
    const methods = {}
    const data = {}
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value
      else if (key === 'data') Object.assign(data, value)
    }
    const { route, query } = pending
    global.Component({
      data,
      methods,
      lifetimes: {
        attached() {
          this.route = route
          this.__route__ = route
          this.options = query
          pageStack.push(this)
          this.onLoad(query)
          this.onShow()
          this.onReady()
        },
        detached() {
          if (typeof this.onHide === 'function') this.onHide()
          if (typeof this.onUnload === 'function') this.onUnload()
          const index = pageStack.indexOf(this)
          if (index >= 0) pageStack.splice(index, 1)
        },
      },
    })
  }
  global.getCurrentPages = () => pageStack.slice()

  // Errors the app does not catch would only show as a red console in WeChat: collect them so that a check can fail.
  process.on('unhandledRejection', (reason) => errors.push(`unhandled rejection: ${reason && reason.stack ? reason.stack : reason}`))
  process.on('uncaughtException', (error) => errors.push(`uncaught exception: ${error && error.stack ? error.stack : error}`))
  const originalConsoleError = console.error
  const consoleErrors = []
  console.error = (...args) => {
    consoleErrors.push(args.map((a) => (a && a.stack) || String(a)).join(' '))
    if (process.env.WEAPP_VERBOSE) originalConsoleError(...args)
  }

  giveRequireAsync(dist, calls)
  const started = Date.now()
  // app.js requires Taro's runtime, taro, vendors and common chunks itself, then calls App().
  require(path.join(dist, 'app.js'))
  if (!app) throw new Error('dist/app.js did not call App()')
  const launchOptions = { path: appJson.pages[0], query: launchQuery, scene: 1001, referrerInfo: {} }
  app.onLaunch?.call(app, launchOptions)
  app.onShow?.call(app, launchOptions)
  // Taro runs onLaunch once its React root has rendered; wait for that (the app hooks start the first cloud calls).
  await waitFor(() => calls.some((c) => c.api === 'cloud.init'), { timeout: 3000, what: 'the app to call wx.cloud.init() at launch' }).catch((error) => errors.push(error.message))

  const container = document.createElement('div')
  document.body.appendChild(container)

  /**
   * Loads one page with miniprogram-simulate (templates through the official wcc, as WeChat would), attaches it
   * and returns helpers to read and poke it.
   *
   * `query` is what a navigation to `/<route>?id=…` hands the page: WeChat passes it to the page's onLoad(options),
   * and Taro builds getCurrentInstance().router.params (what useRouter() returns) from exactly that, so the page
   * reads its id the way it does on a phone. Values are strings there, as WeChat decodes them from the URL.
   *
   * `openid` renders the page as another demo user, from before its first cloud call until close(), which gives the
   * phone back to whoever held it. WeChat has one user per app instance, and this process has one app: app-wide state
   * (the launch's account.me in core/session) stays the launch identity's. A page rendered as someone else must
   * learn who the caller is from its own cloud calls, as the shift page does (shift.view's mine/verifiedResident).
   */
  /** The deepest nesting each closed page reached (route → depth), for the check against baseLevel (config/index.ts). */
  const nesting = new Map()
  /** What each closed page last held (route → its data root), for the 读屏 check over every rendered page. */
  const closedRoots = new Map()
  async function renderPage(route, { query = {}, openid: as } = {}) {
    const t0 = Date.now()
    const previousOpenid = identity.openid
    if (as) identity.openid = as
    pending = { route, query: Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) }
    let page
    let loadMs
    let first
    try {
      const id = simulate.load(path.join(dist, route), { rootPath: dist, compilerOptions: { maxBuffer: COMPILER_MAX_BUFFER } })
      page = simulate.render(id)
      page.attach(container)
      loadMs = Date.now() - t0
      // The first render is React's first commit reaching the template: until then the page has no element at all.
      first = await waitFor(() => elementCount(page.dom) > 0, { timeout: 5000, what: `the first render of ${route}` })
    } catch (error) {
      // No view comes back to close(): give the phone back here, or every later page would run as the wrong person.
      identity.openid = previousOpenid
      throw error
    }
    return {
      route,
      page,
      loadMs,
      firstRenderMs: loadMs + first.ms,
      text: () => textOf(page.dom),
      nodeCount: () => elementCount(page.dom),
      waitForText: (needle, timeout = 5000) =>
        waitFor(() => (typeof needle === 'function' ? needle(textOf(page.dom)) : textOf(page.dom).includes(needle)), {
          timeout,
          what: `${typeof needle === 'function' ? 'a condition' : JSON.stringify(needle)} on ${route}`,
          describe: () => `page text is ${JSON.stringify(textOf(page.dom).slice(0, 600))}`,
        }),
      tapText: (label, options) => tapText(page.dom, label, options),
      fireText: (label, eventName, detail, options) => fireText(page.dom, label, eventName, detail, options),
      /** How many elements deep the page nests now (1 = the page's top-level views). */
      depth: () => nestingDepth(page.dom),
      /** Unloads the page as navigating back would (onHide, onUnload: Taro unmounts it) and restores the identity. */
      close() {
        nesting.set(route, Math.max(nesting.get(route) ?? 0, nestingDepth(page.dom)))
        closedRoots.set(route, page.data.root)
        page.detach()
        identity.openid = previousOpenid
      },
    }
  }

  /** Resolves once no cloud call is in flight (a tap may have started one that the checks did not wait for). */
  const settled = () => waitFor(() => calls.every((c) => c.api !== 'cloud.callFunction' || c.settled), { timeout: 5000, what: 'the cloud calls in flight' })

  return { app, wx, calls, storage, errors, consoleErrors, launchMs: Date.now() - started, renderPage, settled, simulate, openid: () => identity.openid, nesting, closedRoots, privacy, answers: overrides }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and tapping the rendered tree

/**
 * Characters that take no room on screen. The app puts word joiners in time ranges ("14:00\u2060–\u206015:00") so
 * that they never wrap; a person reads "14:00–15:00", and so do the checks.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g

/** An element's text as it reads on screen: its text nodes run together (as textContent), invisible characters gone. */
function shownText(element) {
  return element.textContent.replace(INVISIBLE, '').trim()
}

/** The page's visible text, with a space between text nodes so that words from different nodes don't run together. */
function textOf(root) {
  const parts = []
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue.replace(INVISIBLE, '').trim()
    if (value) parts.push(value)
  }
  return parts.join(' ')
}

/** Elements in the rendered tree (wx-view, wx-text, … and the custom-component hosts Taro uses). */
function elementCount(root) {
  return root.querySelectorAll('*').length
}

/**
 * How deep the rendered tree nests: 1 for the page's top-level elements. Taro's templates add no element of their own
 * (each Taro node is one wx-view, wx-text …), so this is the nesting depth of the page's components, the number that
 * `baseLevel` (config/index.ts) must cover; a node deeper than that is drawn through the `comp` custom component instead.
 */
function nestingDepth(root) {
  let deepest = 0
  const walk = (element, depth) => {
    deepest = Math.max(deepest, depth)
    for (const child of element.children) walk(child, depth + 1)
  }
  for (const child of root.children) walk(child, 1)
  return deepest
}

/** The elements of `list` that hold no other element of `list`: the innermost ones. */
function innermost(list) {
  return list.filter((el) => !list.some((other) => other !== el && el.contains(other)))
}

/**
 * Taps the innermost element whose text contains `label`, the way a finger would: touchstart then touchend on the
 * DOM node. j-component turns that into exparser's `tap`, which bubbles to the element bound to Taro's `eh`.
 *
 * The rendered tree has no ids or test hooks to aim with (j-component renders Taro's ids as data-sid), so the finger
 * is aimed by what a person sees:
 * - `exact`: the element's whole text is `label` (预约, not 已预约 or 每户最多预约 …);
 * - `near`:  the tap goes to a match inside the innermost element that also shows `near`, i.e. the row or card a
 *            person would look at ("the 预约 next to 14:00–15:00"). Two such rows are an error, not a guess.
 */
function tapText(root, label, { exact = false, near } = {}) {
  const shows = (el) => (exact ? shownText(el) === label : shownText(el).includes(label))
  let scope = root
  if (near !== undefined) {
    const rows = innermost([...root.querySelectorAll('*')].filter((el) => shownText(el).includes(near) && [...el.querySelectorAll('*')].some(shows)))
    if (rows.length === 0) throw new Error(`nothing on the page shows ${JSON.stringify(label)} next to ${JSON.stringify(near)}`)
    if (rows.length > 1) throw new Error(`${rows.length} places on the page show ${JSON.stringify(label)} next to ${JSON.stringify(near)}`)
    scope = rows[0]
  }
  const target = innermost([...scope.querySelectorAll('*')].filter(shows))[0]
  if (!target) throw new Error(`nothing on the page shows ${JSON.stringify(label)}`)
  const point = { identifier: 1, target, clientX: 10, clientY: 10, pageX: 10, pageY: 10, screenX: 10, screenY: 10 }
  const fire = (type, touches, changedTouches) =>
    target.dispatchEvent(new window.TouchEvent(type, { bubbles: true, cancelable: true, touches, changedTouches, targetTouches: touches }))
  fire('touchstart', [new global.Touch(point)], [new global.Touch(point)])
  fire('touchend', [], [new global.Touch(point)])
  return target
}

/**
 * Fires a component event that no touch can produce on the innermost element showing `label`, the way the base library
 * does after its own UI: an open-type button's agreeprivacyauthorization, for one. The event goes through exparser,
 * so Taro's `eh` receives it as it would on a phone. Returns the element (its attributes say what WeChat would see).
 */
function fireText(root, label, eventName, detail = {}, { exact = false } = {}) {
  const shows = (el) => (exact ? shownText(el) === label : shownText(el).includes(label))
  const target = innermost([...root.querySelectorAll('*')].filter(shows))[0]
  if (!target) throw new Error(`nothing on the page shows ${JSON.stringify(label)}`)
  if (!target.__wxElement) throw new Error(`${JSON.stringify(label)} is not a rendered component`)
  // The exparser that j-component (inside miniprogram-simulate) renders with, not a second copy.
  const jComponent = createRequire(require.resolve('miniprogram-simulate')).resolve('j-component')
  const exparser = createRequire(jComponent)('miniprogram-exparser')
  exparser.Event.dispatchEvent(target.__wxElement, exparser.Event.create(eventName, detail, { bubbles: false, composed: false }))
  return target
}

module.exports = { checkBuildOutput, declaredPages, compileWxml, compileWxss, compilerCanary, startRuntime, launchApp, waitFor, textOf, elementCount, nestingDepth }
