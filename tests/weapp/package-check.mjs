// What ships to phones: the weapp build (dist/) must hold no secret, no path to the local runtime's dev identity and
// no test code. First the check proves itself — each kind of leak is planted in a temporary copy of dist/ and must be
// found — then it checks the real build. Prints "N passed, M failed"; exits 1 on any failure.
// `node tests/weapp/package-check.mjs` after a weapp build; WEAPP_DIST=<dir> checks another output.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.resolve(process.env.WEAPP_DIST ?? path.join(root, 'dist'))

/** Files WeChat would upload and that can carry text; images are skipped. */
const TEXT = /\.(js|json|wxml|wxss|wxs|txt|svg|html|map)$/i

/** Values of the repository's .env files (any `KEY=value` of 8+ characters): none may reach the package. */
function envValues() {
  const out = []
  for (const name of fs.readdirSync(root).filter((file) => /^\.env/.test(file))) {
    for (const line of fs.readFileSync(path.join(root, name), 'utf8').split('\n')) {
      const match = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*["']?([^"'#\s]{8,})/.exec(line)
      if (match) out.push(match[1])
    }
  }
  return out
}

/** Each rule: what it finds, and why it must not ship. */
const RULES = [
  { kind: 'secret', why: 'an AppSecret-like key (32 hex digits) near the word "secret"', test: (text) => /secret[\s\S]{0,80}?(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])|(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])[\s\S]{0,80}?secret/i.exec(text) },
  { kind: 'secret', why: 'a Tencent Cloud API credential (SecretId / SecretKey)', test: (text) => /secret_?(id|key)["']?\s*[:=]\s*["'][A-Za-z0-9]{16,}/i.exec(text) },
  { kind: 'secret', why: 'a private key', test: (text) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.exec(text) },
  { kind: 'secret', why: 'the HMAC behind the rotating check-in codes, or its key store (server-only)', test: (text) => /createHmac|volunteer_secrets/.exec(text) },
  { kind: 'secret', why: 'server code: wx-server-sdk, the WeChat context or the local database', test: (text) => /wx-server-sdk|getWXContext|better-sqlite3/.exec(text) },
  { kind: 'dev identity', why: "the local runtime's identity header", test: (text) => /x-dev-openid/i.exec(text) },
  { kind: 'dev identity', why: "the H5 demo switcher's stored identity", test: (text) => /linliting\.devOpenid/.exec(text) },
  { kind: 'dev identity', why: "the local runtime's demo-user, outbox and subscription paths", test: (text) => /\/dev\/(users|outbox|subscriptions)/.exec(text) },
  { kind: 'dev identity', why: "the local runtime's function path (weapp calls wx.cloud.callFunction)", test: (text) => /["'`]\/fn\//.exec(text) },
  { kind: 'test code', why: 'Jest', test: (text) => /\bjest\b/i.exec(text) },
  { kind: 'test code', why: 'Testing Library', test: (text) => /testing-library/i.exec(text) },
  { kind: 'test code', why: 'a test folder or file', test: (text) => /__tests__|\.test\.[cm]?[jt]sx?\b|\.spec\.[cm]?[jt]sx?\b|stand-ins\//.exec(text) },
  // The contracts' access declarations carry the matrix's and the fuzz test's sample inputs: config/strip-access.js
  // drops them from the app builds.
  { kind: 'test code', why: "an action's access declaration with its sample input (test data)", test: (text) => /\bsample:\s*(?:function\b|\(\s*\)\s*=>|\(?[A-Za-z_$][\w$]*\)?\s*=>)/.exec(text) },
]

function walk(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full))
    else out.push(full)
  }
  return out
}

/** Every finding in a build folder: kind, file, why, and the text around it. */
export function scan(folder, secrets = envValues()) {
  const findings = []
  for (const file of walk(folder)) {
    const rel = path.relative(folder, file)
    // Source maps ship the sources, comments and all.
    if (file.endsWith('.map')) findings.push({ kind: 'source', file: rel, why: 'a source map', around: '' })
    if (!TEXT.test(file)) continue
    const text = fs.readFileSync(file, 'utf8')
    for (const rule of RULES) {
      const match = rule.test(text)
      if (match) findings.push({ kind: rule.kind, file: rel, why: rule.why, around: text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, ' ') })
    }
    for (const value of secrets) {
      if (text.includes(value)) findings.push({ kind: 'secret', file: rel, why: 'a value from a .env file', around: `${value.slice(0, 3)}…` })
    }
  }
  return findings
}

/** Leaks to plant, one per rule (and a .env value, and a source map): the check must find every one. */
const PLANTS = [
  ['an AppSecret in a config object', 'var config={appid:"wx0000000000000000",appSecret:"0123456789abcdef0123456789abcdef"};'],
  ['an AppSecret-like hex key before the word', 'var k="fedcba9876543210fedcba9876543210";/* secret */'],
  ['a SecretKey', 'var cred={SecretKey:"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"};'],
  ['a private key', 'var pem="-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA";'],
  ['an HMAC', 'var sig=require("crypto").createHmac("sha256",key).update(x).digest("hex");'],
  ['server code', 'var cloud=require("wx-server-sdk");cloud.getWXContext();'],
  ['the dev identity header', 'headers["X-Dev-Openid"]=openid;'],
  ['the demo identity key', 'wx.getStorageSync("linliting.devOpenid");'],
  ['the demo users path', 'fetch("/dev/users");'],
  ['the subscription path', 'fetch("/dev/subscriptions",{method:"POST"});'],
  ['the function path', 'fetch("/fn/service",{method:"POST"});'],
  ['Jest', 'jest.fn();'],
  ['Testing Library', 'require("@testing-library/react");'],
  ['a test file', 'require("./index.test.tsx");'],
  ['an access declaration with its sample', 'var me=defineAction()("account","me",noInput,{roles:everyone,sample:function(){return{}}});'],
  ['an access declaration with an arrow sample', 'var b=u()("service","booking.get",s,{roles:o,sample:n=>({bookingId:n.bookingId})});'],
  ['a .env value', 'var token="planted-env-value-7d41";', ['planted-env-value-7d41']],
]

let passed = 0
let failed = 0
function report(ok, name, detail = '') {
  if (ok) passed++
  else failed++
  console.log(`  ${ok ? '✓' : '✗'} ${name}${detail ? `\n      ${detail}` : ''}`)
}

if (!fs.existsSync(path.join(dist, 'app.js'))) {
  console.error(`no weapp build in ${dist}: run flock .build.lock npx taro build --type weapp first`)
  process.exit(1)
}

console.log(`package check on ${path.relative(root, dist) || '.'}`)
console.log('the check finds what is planted in a copy of the build')
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-package-'))
try {
  fs.cpSync(dist, copy, { recursive: true })
  const target = path.join(copy, 'app.js')
  const original = fs.readFileSync(target, 'utf8')
  const baseline = scan(copy, []).length
  for (const [name, text, secrets = []] of PLANTS) {
    fs.writeFileSync(target, `${original}\n${text}\n`)
    const found = scan(copy, secrets).length
    report(found > baseline, `planted ${name}: found`, found > baseline ? '' : `nothing found in: ${text}`)
  }
  fs.writeFileSync(target, original)
  fs.writeFileSync(path.join(copy, 'app.js.map'), '{"version":3,"sources":["src/app.ts"]}')
  report(scan(copy, []).length > baseline, 'planted a source map: found')
} finally {
  fs.rmSync(copy, { recursive: true, force: true })
}

console.log('the real build')
const findings = scan(dist)
for (const kind of ['secret', 'dev identity', 'test code', 'source']) {
  const mine = findings.filter((finding) => finding.kind === kind)
  report(mine.length === 0, `no ${kind === 'source' ? 'source maps' : kind} in ${path.relative(root, dist) || '.'}/`, mine.slice(0, 5).map((finding) => `${finding.file}: ${finding.why} — …${finding.around}…`).join('\n      '))
}

// The main package's size (issue 19): an absolute cap, so that a regression fails here; `npm run bench` compares it
// with an empty Taro app built in the same run. WeChat counts every file outside the subpackage roots.
console.log('the main package')
const budgets = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'budgets.json'), 'utf8'))
const budget = budgets.weappMainKB.limit
const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((sub) => path.join(dist, sub.root))
const mainBytes = walk(dist)
  .filter((file) => !subRoots.some((sub) => file.startsWith(`${sub}${path.sep}`)))
  .reduce((sum, file) => sum + fs.statSync(file).size, 0)
report(mainBytes <= budget * 1024, `main package ${(mainBytes / 1024).toFixed(1)} KB ≤ ${budget} KB (bench/budgets.json weappMainKB)`, mainBytes <= budget * 1024 ? '' : 'move what the tab pages do not need into a subpackage')
// …and against an empty one-page Taro React app built now with the same packages and config (issue 19 item 9, as
// `npm run bench` measures it): Taro and React cost what they cost, the app may add at most weappMainRatio of it.
// WEAPP_EMPTY_MAIN=<bytes> gives the empty app's main package instead of building it (another output, a quick rerun).
{
  const ratio = budgets.weappMainRatio.limit
  let emptyBytes = Number(process.env.WEAPP_EMPTY_MAIN)
  if (!emptyBytes) {
    const { buildEmptyApp } = await import('../../scripts/bench/support/empty-app.mjs')
    const { packageSizes } = await import('../../scripts/bench/sizes.mjs')
    const emptyDist = buildEmptyApp(root)
    try {
      emptyBytes = packageSizes(emptyDist).main
    } finally {
      fs.rmSync(path.dirname(emptyDist), { recursive: true, force: true })
    }
  }
  const ok = mainBytes <= emptyBytes * ratio
  report(ok, `main package ${mainBytes} B ≤ ${ratio} × the empty app's ${emptyBytes} B = ${Math.floor(emptyBytes * ratio)} B (${(mainBytes / emptyBytes).toFixed(4)}×; bench/budgets.json weappMainRatio)`, ok ? '' : 'move what the tab pages do not need into a subpackage (docs/release.md section 9)')
}
// Date library (issue 19): the tab pages read China time with cloud/domain/chinaTime.ts; dayjs (≈9 KB) stays in the
// subpackages and the cloud (cloud/domain/time.ts). Its own marker, `$isDayjsObject`, tells it apart in minified code.
const withDayjs = walk(dist).filter((file) => file.endsWith('.js') && !subRoots.some((sub) => file.startsWith(`${sub}${path.sep}`)) && fs.readFileSync(file, 'utf8').includes('$isDayjsObject'))
report(withDayjs.length === 0, 'no dayjs in the main package (tab pages use @domain/chinaTime, not @domain/time)', withDayjs.map((file) => path.relative(dist, file)).join(', '))
// Messages (issue 19): the main package speaks Chinese only; en/ko/ja wait in packages/account/locales/ for whoever
// reads them (config/locale-split.js writes them, src/core/i18n/tables.ts loads them with require.async).
console.log('the messages')
const require = createRequire(import.meta.url)
const { splitScript } = require('../../config/locale-split.js')
const mainScripts = walk(dist).filter((file) => file.endsWith('.js') && !subRoots.some((sub) => file.startsWith(`${sub}${path.sep}`)))
const whole = mainScripts.filter((file) => Object.values(splitScript(fs.readFileSync(file, 'utf8')).moved).some((table) => Object.keys(table).length > 0))
report(whole.length === 0, 'no main-package script carries a message set in en, ko or ja', whole.map((file) => path.relative(dist, file)).join(', '))
const ids = new Set(mainScripts.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/\$id:"([^"]+)"/g)].map((match) => match[1])))
report(ids.size >= 5, `${ids.size} Chinese-only message sets in the main package`)
for (const lang of ['en', 'ko', 'ja']) {
  const file = path.join(dist, 'packages', 'account', 'locales', `${lang}.js`)
  const table = fs.existsSync(file) ? require(file) : {}
  const missing = [...ids].filter((id) => !table[id] || Object.keys(table[id]).length === 0)
  report(fs.existsSync(file) && missing.length === 0, `packages/account/locales/${lang}.js has the ${lang} messages of every one of them`, missing.length ? `missing: ${missing.slice(0, 5).join(', ')}` : '')
}
// WeChat resolves require.async against the calling script: only a script at the package root names the files right.
const callers = mainScripts.filter((file) => fs.readFileSync(file, 'utf8').includes('require.async("./packages/account/locales/ko.js")'))
report(callers.length === 1 && path.dirname(callers[0]) === dist, 'require.async of the tables is called from a script at the package root', callers.map((file) => path.relative(dist, file)).join(', ') || 'no caller')
// The privacy prompt, the in-line notice and the link to privacy and join (issue 19 item 9): out of the main package,
// in packages/account/overlays.js (config/lazy-modules.js), which src/ui/Overlays.tsx loads with require.async.
console.log('the pieces loaded when needed')
const overlays = path.join(dist, 'packages', 'account', 'overlays.js')
const overlayText = fs.existsSync(overlays) ? fs.readFileSync(overlays, 'utf8') : ''
report(['同意并继续', '排队中，请稍候', 'agreePrivacyAuthorization', 'next='].every((word) => overlayText.includes(word)), 'packages/account/overlays.js holds the privacy prompt, the in-line notice and the link that brings a person back')
const stillMain = mainScripts.filter((file) => ['同意并继续', '排队中，请稍候'].some((word) => fs.readFileSync(file, 'utf8').includes(word)))
report(stillMain.length === 0, 'no main-package script carries their words', stillMain.map((file) => path.relative(dist, file)).join(', '))
const overlayCallers = mainScripts.filter((file) => fs.readFileSync(file, 'utf8').includes('require.async("./packages/account/overlays.js")'))
report(overlayCallers.length === 1 && path.dirname(overlayCallers[0]) === dist, 'require.async of overlays.js is called from a script at the package root', overlayCallers.map((file) => path.relative(dist, file)).join(', ') || 'no caller')
const preload = app.preloadRule ?? {}
const tabs = (app.tabBar?.list ?? []).map((tab) => tab.pagePath)
report(tabs.length > 0 && tabs.every((tab) => preload[tab]?.packages?.includes('packages/account')), 'every tab page preloads packages/account (app.json preloadRule)', tabs.filter((tab) => !preload[tab]?.packages?.includes('packages/account')).join(', '))
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
