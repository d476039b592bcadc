// A restart of the compiled weapp in its own process (one app per process, as WeChat has): WeChat's storage holds
// what the last run saved. `node tests/weapp/restart.mjs <runtime url> <locale> <openid>` launches dist/app.js as that
// demo user with that language saved on the phone, renders 首页 and prints one JSON line: what the page showed first, what it
// showed once settled, and the require.async calls. tests/weapp/run.mjs runs it and judges the result.
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { launchApp, waitFor } = require('./harness.cjs')
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.resolve(process.env.WEAPP_DIST ?? path.join(root, 'dist'))
const [runtimeUrl, locale, openid] = process.argv.slice(2)
const GREETING = { ko: '안녕하세요', ja: 'こんにちは', en: 'Hello' }

const out = { first: '', settled: '', loads: [], errors: [] }
try {
  const world = await launchApp({ dist, runtimeUrl, openid, stored: { 'linliting.settings': { locale, elderChoice: null } } })
  const home = await world.renderPage('pages/home/index')
  out.first = home.text().slice(0, 200)
  await waitFor(() => home.text().includes(GREETING[locale]), { timeout: 5000, what: `the ${locale} greeting` }).catch((error) => out.errors.push(error.message))
  out.settled = home.text().slice(0, 200)
  out.loads = world.calls.filter((c) => c.api === 'require.async').map((c) => ({ path: c.path, error: c.error }))
  out.errors.push(...world.errors)
} catch (error) {
  out.errors.push(String(error && error.stack ? error.stack : error))
}
console.log(JSON.stringify(out))
process.exit(0)
