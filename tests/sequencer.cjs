// Jest's order on a fresh clone (no timings cached) is by file size, so the base-plan bursts — a small file that spends
// ~5.5 minutes mostly waiting out the database quota (tests/cloudbase/burst-base-plan.test.ts) — would start last and
// run alone. Started first, they overlap the other suites on the second worker (scripts/test-all.mjs runs two).
const Sequencer = require('@jest/test-sequencer').default

const FIRST = /[\\/]burst-base-plan\.test\.ts$/

class LongWaitsFirst extends Sequencer {
  sort(tests) {
    const order = (sorted) => [...sorted.filter((test) => FIRST.test(test.path)), ...sorted.filter((test) => !FIRST.test(test.path))]
    const sorted = super.sort(tests)
    return Array.isArray(sorted) ? order(sorted) : sorted.then(order)
  }
}

module.exports = LongWaitsFirst
