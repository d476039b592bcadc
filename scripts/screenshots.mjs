// `npm run screenshots`: the main pages in each language, with 长辈模式 on and off, as a 375 px wide phone shows them,
// for people to look at: tests/artifacts/screenshots/<locale>-<elder|standard>/<page>.png. Uses the H5 build and a
// fresh local runtime with the demo community (build both first: `npm run build:cloud && npm run build:h5`).
import fs from 'node:fs'
import path from 'node:path'
import { artifacts, launchBrowser, openAs, root, startRuntime } from '../tests/e2e/harness.mjs'
import { findMissingGlyphs, pageUsers, settle, visit as show } from '../tests/e2e/layout.mjs'

const LOCALES = ['zh-CN', 'en', 'ko', 'ja']
const WIDTH = 375
const HEIGHT = 812
const PAGES = [
  ['home', 'pages/home/index'],
  ['building', 'pages/building/index'],
  ['services', 'pages/services/index'],
  ['volunteer', 'pages/volunteer/index'],
  ['me', 'pages/me/index'],
  ['household-card', 'packages/household/card/index'],
  ['session', 'packages/service/session/index'],
  ['shift', 'packages/volunteer/shift/index'],
  ['privacy', 'packages/account/privacy/index'],
]

for (const [file, why] of [
  ['dist-h5/index.html', 'npm run build:h5'],
  ['.build/runtime.cjs', 'npm run build:cloud'],
]) {
  if (!fs.existsSync(path.join(root, file))) {
    console.error(`${file} is missing: run \`${why}\` first.`)
    process.exit(1)
  }
}

const only = process.argv.slice(2)
const out = path.join(artifacts, 'screenshots')
const runtime = await startRuntime()
const browser = await launchBrowser()
const started = Date.now()
let count = 0
/** Characters no font could draw: a picture with an empty box in it is a failure, not a picture to look at. */
const missing = []
try {
  const visits = await pageUsers(
    runtime,
    PAGES.map(([, page]) => page),
  )
  for (const locale of LOCALES) {
    for (const elder of [false, true]) {
      const folder = path.join(out, `${locale}-${elder ? 'elder' : 'standard'}`)
      fs.mkdirSync(folder, { recursive: true })
      const contexts = new Map()
      for (const [index, [name]] of PAGES.entries()) {
        if (only.length > 0 && !only.some((word) => name.includes(word))) continue
        const visit = visits[index]
        let page = contexts.get(visit.openid)
        if (!page) {
          page = await openAs(browser, runtime, visit.openid, { locale, elder, width: WIDTH })
          contexts.set(visit.openid, page)
          await page.goto_(visit.route)
        } else {
          await page.setViewportSize({ width: WIDTH, height: HEIGHT })
          await show(page, visit.route)
        }
        await settle(page, visit.route)
        // The page scrolls inside its own box: grow the window to the whole page so one picture shows all of it.
        const height = await page.evaluate(() => {
          const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
          return shown ? shown.scrollHeight + (document.documentElement.clientHeight - shown.clientHeight) : document.documentElement.scrollHeight
        })
        await page.setViewportSize({ width: WIDTH, height: Math.max(HEIGHT, Math.ceil(height)) })
        await settle(page, visit.route, { quietMs: 150 })
        await page.screenshot({ path: path.join(folder, `${name}.png`) })
        for (const problem of await findMissingGlyphs(page)) missing.push(`${locale}-${elder ? 'elder' : 'standard'}/${name}: ${problem}`)
        count++
      }
      for (const page of contexts.values()) await page.context().close()
    }
  }
} finally {
  await browser.close()
  await runtime.stop()
}
console.log(`${count} screenshots in ${((Date.now() - started) / 1000).toFixed(1)} s, written to ${path.relative(process.cwd(), out) || out}/<locale>-<elder|standard>/<page>.png`)
for (const locale of LOCALES) for (const mode of ['standard', 'elder']) console.log(`  ${path.join(out, `${locale}-${mode}`)}`)
if (missing.length > 0) {
  console.error(`${missing.length} characters no installed font can draw (empty boxes in the pictures):\n${missing.join('\n')}`)
  process.exit(1)
}
