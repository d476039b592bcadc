// `npm run bench`: runs every scripts/bench/*.mjs, prints its numbers, checks them against bench/budgets.json and
// writes bench/REPORT.md. A number over a hard limit fails the run; over a target it is reported, not failed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const budgets = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'budgets.json'), 'utf8'))

function ensureBuilt({ cloudOnly }) {
  const needs = [
    ['.build/runtime.cjs', [process.execPath, 'scripts/build-cloud.mjs']],
    ['dist/app.js', [path.join(root, 'node_modules', '.bin', 'taro'), 'build', '--type', 'weapp']],
    ['dist-h5/index.html', [path.join(root, 'node_modules', '.bin', 'taro'), 'build', '--type', 'h5']],
  ].slice(0, cloudOnly ? 1 : undefined)
  for (const [file, [command, ...args]] of needs) {
    if (fs.existsSync(path.join(root, file))) continue
    console.log(`building ${file} …`)
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (result.status !== 0) process.exit(1)
  }
}

const only = process.argv.slice(2)
const files = fs.readdirSync(path.join(root, 'scripts', 'bench')).filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort()
// A bench that needs no Taro build says so (`export const cloudOnly = true`); run alone, it skips the app builds.
const modules = new Map()
for (const file of files) modules.set(file, await import(path.join(root, 'scripts', 'bench', file)))
ensureBuilt({ cloudOnly: [...modules.values()].every((module) => module.cloudOnly === true) })
// Latencies on a 2-core machine depend on what else runs: the load when the bench began goes into the report.
const loadAtStart = os.loadavg()[0].toFixed(1)
const rows = []
const reproduce = []
let failed = false
for (const file of files) {
  const module = modules.get(file)
  const bench = module.default
  // A bench may say how to get its numbers without the rest of the bench (the proof suites are plain test commands).
  if (module.reproduce) reproduce.push(`- ${file.replace('.mjs', '')}: \`${module.reproduce}\``)
  console.log(`\n▶ ${file}`)
  const metrics = await bench({ root })
  for (const [name, { value, unit, budget }] of Object.entries(metrics)) {
    const b = budget ? budgets[budget] : undefined
    let verdict = ''
    if (b?.limit !== undefined && value > b.limit) {
      verdict = `✕ OVER LIMIT ${b.limit}`
      failed = true
    } else if (b?.target !== undefined) verdict = value <= b.target ? `✓ within target ${b.target}` : `✕ over target ${b.target}`
    else if (b?.limit !== undefined) verdict = `✓ within limit ${b.limit}`
    console.log(`  ${name.padEnd(44)} ${String(value).padStart(10)} ${unit}  ${verdict}`)
    rows.push(`| ${file.replace('.mjs', '')} | ${name} | ${value} ${unit} | ${verdict} |`)
  }
}

const report = `# Benchmark report

Reproduce with \`npm run bench\` (builds what is missing first). Machine: ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart} at the start.
Budgets: \`bench/budgets.json\`.

| bench | metric | value | budget |
| --- | --- | --- | --- |
${rows.join('\n')}
${reproduce.length > 0 ? `\nOne bench's numbers alone (each \`scripts/bench/<name>.mjs\` also runs by itself with \`npm run bench <name>\`):\n\n${reproduce.join('\n')}\n` : ''}`
if (only.length === 0) fs.writeFileSync(path.join(root, 'bench', 'REPORT.md'), report)
console.log(`\n${only.length === 0 ? 'report written to bench/REPORT.md' : 'partial run: bench/REPORT.md left as it was'}${failed ? ' — a hard limit was exceeded' : ''}`)
process.exit(failed ? 1 : 0)
