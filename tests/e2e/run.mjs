// Runs every spec in tests/e2e/specs (or those named on the command line) against the H5 build.
// Each spec gets a fresh runtime (own data folder) and the shared browser.
import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser, root, startRuntime, findChromium } from './harness.mjs'

const dist = path.join(root, 'dist-h5', 'index.html')
try {
  findChromium()
} catch (error) {
  console.error(error.message)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
if (!fs.existsSync(dist)) {
  console.error('dist-h5/ is missing: build it first with `npm run build:h5` (npm test does this).')
  console.log('0 passed, 1 failed')
  process.exit(1)
}
if (!fs.existsSync(path.join(root, '.build', 'runtime.cjs'))) {
  console.error('.build/runtime.cjs is missing: run `npm run build:cloud` first (npm test does this).')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const filter = process.argv.slice(2)
const specDir = path.join(root, 'tests', 'e2e', 'specs')
const files = fs.readdirSync(specDir).filter((f) => f.endsWith('.spec.mjs') && (filter.length === 0 || filter.some((name) => f.includes(name)))).sort()
const browser = await launchBrowser()
let passed = 0
let failed = 0
for (const file of files) {
  const spec = (await import(path.join(specDir, file))).default
  const tests = Array.isArray(spec) ? spec : [spec]
  for (const test of tests) {
    const runtime = await startRuntime()
    const started = Date.now()
    try {
      await test.run({ browser, runtime })
      passed++
      console.log(`  ✓ ${file} › ${test.name} (${Date.now() - started} ms)`)
    } catch (error) {
      failed++
      console.log(`  ✕ ${file} › ${test.name} (${Date.now() - started} ms)\n${error.stack ?? error}\n--- runtime output ---\n${runtime.output().slice(-2000)}`)
    } finally {
      await runtime.stop()
    }
  }
}
await browser.close()
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
