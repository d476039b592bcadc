// `npm test`: every layer, in order, stopping at the first that fails.
//   1. typecheck and lint   2. Jest (unit, component, cloud functions on the local runtime's database)
//   3. weapp build → WeChat's wcc/wcsc → miniprogram-simulate   4. H5 build → headless Chromium end to end
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const steps = [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', bin('eslint'), ['--max-warnings', '0', 'src', 'cloud', 'scripts', 'tests', 'config']],
  ['jest', bin('jest'), ['--ci']],
  ['build cloud functions + local runtime', process.execPath, ['scripts/build-cloud.mjs']],
  ['build weapp', bin('taro'), ['build', '--type', 'weapp']],
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
