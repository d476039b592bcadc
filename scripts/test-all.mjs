// `npm test`: every layer, in order, stopping at the first that fails.
//   1. typecheck and lint   2. Jest (unit, component, cloud functions on the local runtime's database, the
//   authorization matrix and the hostile-input fuzz), then again under the clock matrix (scripts/clock-matrix.mjs)   3. the runtime killed under load (tests/crash)
//   4. weapp build → package check → WeChat's wcc/wcsc → miniprogram-simulate   5. H5 build → headless Chromium end to end
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const steps = [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', bin('eslint'), ['--max-warnings', '0', 'src', 'cloud', 'scripts', 'tests', 'config']],
  // Two workers on two cores: the base-plan bursts (tests/cloudbase/burst-base-plan.test.ts) spend most of their ~6
  // minutes waiting out the database quota, and a second worker runs the other suites meanwhile (Jest's default is one).
  ['jest', bin('jest'), ['--ci', '--maxWorkers=2']],
  ['jest under the clock matrix: the suites on the clock at China midnight, month and year ends, a leap day, Sunday into Monday', process.execPath, ['scripts/clock-matrix.mjs']],
  ['build cloud functions + local runtime', process.execPath, ['scripts/build-cloud.mjs']],
  ['crash: SIGKILL under booking and sign-up load, then every answer and invariant', process.execPath, ['tests/crash/run.mjs']],
  ['build weapp', bin('taro'), ['build', '--type', 'weapp']],
  ['weapp: the package holds no secret, dev identity path or test code', process.execPath, ['tests/weapp/package-check.mjs']],
  ['weapp: wcc/wcsc + miniprogram-simulate', process.execPath, ['tests/weapp/run.mjs']],
  ['build h5', bin('taro'), ['build', '--type', 'h5']],
  ['h5: headless Chromium end to end', process.execPath, ['tests/e2e/run.mjs']],
]

const only = process.argv.slice(2)
const timings = []
for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: name.startsWith('build') ? 'production' : process.env.NODE_ENV ?? 'test' } })
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (result.status !== 0) {
    console.error(`\n✕ ${name} failed (exit ${result.status ?? result.signal})`)
    console.log(timings.join('\n'))
    process.exit(1)
  }
}
console.log(`\nall layers passed\n${timings.join('\n')}`)
