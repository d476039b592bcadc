// The clock matrix: the Jest suites that run on the clock (every suite that does not fix its own with
// jest.useFakeTimers / setSystemTime / stopClockAtNow) run again at instants where dates go wrong — China midnight,
// month and year ends, a leap day, Sunday into Monday. tests/clock/setup.ts starts each suite's Date at
// LINLITING_TEST_NOW and lets it run on. `node scripts/clock-matrix.mjs [label words]` runs some of the points.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** China time is UTC+8: each point is written as China's wall clock and sent as the UTC instant. */
/** 2028-12-31 is a Sunday: one night is the end of a month, of a year and of a week. */
export const CLOCK_POINTS = [
  ['2028-12-31 23:59 China: the last minute of a month, a year and a week (Sunday)', '2028-12-31T15:59:00Z'],
  ['2029-01-01 00:00 China: midnight, a new year, Monday', '2028-12-31T16:00:00Z'],
  ['2029-01-01 00:01 China: just after midnight', '2028-12-31T16:01:00Z'],
  ['2028-02-29 23:59 China: a leap day, into March', '2028-02-29T15:59:00Z'],
]

const FIXES_ITS_CLOCK = /useFakeTimers|setSystemTime|stopClockAtNow/

function testFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) testFiles(full, out)
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(full)
  }
  return out
}

/**
 * Suites that hold no date logic of ours: the local CloudBase server's wire and transaction behaviour (tests/cloudbase)
 * and the import and glyph guards. They run once, in plain Jest; the matrix would only multiply their minutes.
 */
const NOT_ON_THE_CLOCK = [/^tests\/cloudbase\//, /^tests\/app\/(glyphs|import-cycles|main-package|release)\.test\./]

/** The suites on the clock: the ones that fix their own clock say so in their source, and run once in plain Jest. */
export function suitesOnTheClock() {
  return ['src', 'cloud', 'tests']
    .flatMap((dir) => testFiles(path.join(root, dir)))
    .filter((file) => !FIXES_ITS_CLOCK.test(fs.readFileSync(file, 'utf8')))
    .filter((file) => !NOT_ON_THE_CLOCK.some((pattern) => pattern.test(path.relative(root, file))))
    .map((file) => path.relative(root, file))
    .sort()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2)
  const suites = suitesOnTheClock()
  const points = CLOCK_POINTS.filter(([label]) => only.length === 0 || only.some((word) => label.includes(word)))
  console.log(`${suites.length} suites on the clock × ${points.length} instants`)
  const failed = []
  for (const [label, instant] of points) {
    const started = Date.now()
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'jest'), ['--ci', '--silent', '--runTestsByPath', ...suites], {
      cwd: root,
      env: { ...process.env, LINLITING_TEST_NOW: instant },
      encoding: 'utf8',
    })
    const summary = (result.stderr.match(/^Tests:.*$/m) ?? ['(no summary)'])[0]
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    if (result.status === 0) console.log(`✓ ${label} — ${summary} (${seconds} s)`)
    else {
      failed.push(label)
      console.log(`✕ ${label} — ${summary} (${seconds} s)\n${result.stderr.split('\n').filter((line) => !/^\s*(PASS|✓)/.test(line)).join('\n')}`)
    }
  }
  if (failed.length > 0) {
    console.error(`\nthe clock matrix failed at: ${failed.join('; ')}`)
    process.exit(1)
  }
}
