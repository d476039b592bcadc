// The proofs of issue 9, counted: authorization matrix cells and hostile-input fuzz cases (the Jest suites write their
// counts), the crash run under load (kills, restarts, invariant checks), and the package check of the weapp build.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const reproduce = 'npx jest tests/cloud/matrix.test.ts tests/cloud/fuzz.test.ts && node tests/crash/run.mjs && node tests/weapp/package-check.mjs'

function run(root, command, args, env = {}) {
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })
  const seconds = Math.round((Date.now() - started) / 100) / 10
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed:\n${(result.stdout + result.stderr).slice(-3000)}`)
  return { seconds, output: result.stdout + result.stderr }
}

export default async function proof({ root }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-proof-'))
  try {
    const jest = run(root, path.join(root, 'node_modules', '.bin', 'jest'), ['--ci', 'tests/cloud/matrix.test.ts', 'tests/cloud/fuzz.test.ts'], { LINLITING_PROOF_DIR: dir })
    const matrix = JSON.parse(fs.readFileSync(path.join(dir, 'matrix.json'), 'utf8'))
    const fuzz = JSON.parse(fs.readFileSync(path.join(dir, 'fuzz.json'), 'utf8'))
    run(root, process.execPath, ['tests/crash/run.mjs', '--json', path.join(dir, 'crash.json')])
    const crash = JSON.parse(fs.readFileSync(path.join(dir, 'crash.json'), 'utf8'))
    const pkg = run(root, process.execPath, ['tests/weapp/package-check.mjs'])
    const [, pkgPassed] = /(\d+) passed, (\d+) failed/.exec(pkg.output) ?? []
    return {
      'authorization matrix: actions': { value: matrix.actions, unit: 'actions' },
      'authorization matrix: cells (action × role × own/other)': { value: matrix.cells, unit: 'cells' },
      'refusals compared with a record that does not exist': { value: matrix.oracle, unit: 'pairs' },
      'hostile-input fuzz: cases': { value: fuzz.cases, unit: `cases (seed ${fuzz.seed})` },
      'hostile-input fuzz: refused with a typed code': { value: fuzz.refused, unit: 'cases' },
      'matrix + fuzz suites, wall time': { value: jest.seconds, unit: 's', budget: 'proofJestSeconds' },
      'crash run: SIGKILLs (each followed by a restart)': { value: crash.kills, unit: 'kills' },
      'crash run: phones / intents / HTTP calls retried': { value: `${crash.phones} / ${crash.intents} / ${crash.retries}`, unit: '' },
      'crash run: invariant checks passed': { value: `${crash.passed} of ${crash.checks}`, unit: `checks (${crash.assertions} assertions)` },
      'crash run, wall time': { value: crash.seconds, unit: 's', budget: 'crashSeconds' },
      'package check: planted leaks found + real build clean': { value: Number(pkgPassed), unit: 'checks passed' },
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
