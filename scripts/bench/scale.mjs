// Issue 7 "scale": a generated community of 300 buildings and ~10,000 households in a fresh runtime. The buildings
// arrive the way an admin brings them: one 300-row CSV through admin.import.apply over HTTP (all or nothing); the
// people and their activity (residents, party-member households, sessions and bookings, shifts and hours) come from
// the dev-only generator (cloud/runtime/generate.ts, POST /dev/generate). Then the console's heavy reads are timed as
// the H5 app calls them: the hub's inbox, the dashboard (p50 of repeated calls) and each export read to its last page.
import { startRuntime } from '../../tests/e2e/harness.mjs'
import { percentile } from './runtime.mjs'

const AREAS = 10
const PER_AREA = 30
/** 2 units × 6 floors × 3 homes = 36 households a building; 300 buildings ≈ 10,800 households. */
const SHAPE = [2, 6, 3]

function chinaDay(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
}

async function must(rt, openid, fn, action, input, requestId) {
  const result = await rt.call(openid, fn, action, input, requestId)
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(result.error)}`)
  return result.data
}

async function timed(body) {
  const t0 = performance.now()
  const value = await body()
  return { ms: Math.round(performance.now() - t0), value }
}

/** Reads an export to its last page, as the exports page does; returns rows, pages and bytes. */
async function exportAll(rt, input) {
  let cursor = null
  let rows = 0
  let pages = 0
  let bytes = 0
  do {
    const page = await must(rt, 'demo-admin', 'admin', 'export', cursor ? { ...input, cursor } : input)
    rows += page.rows
    bytes += Buffer.byteLength(page.csv)
    pages++
    cursor = page.next
  } while (cursor)
  return { rows, pages, bytes }
}

export default async function scale() {
  const rt = await startRuntime()
  try {
    const lines = ['小区,楼栋,单元数,层数,每层户数']
    for (let a = 1; a <= AREAS; a++) for (let b = 1; b <= PER_AREA; b++) lines.push(`规模测试${a}区,${b}号楼,${SHAPE.join(',')}`)
    const csv = `${lines.join('\n')}\n`
    const preview = await timed(() => must(rt, 'demo-admin', 'admin', 'import.preview', { csv }))
    if (preview.value.problems.length > 0) throw new Error(`the generated CSV has problems: ${JSON.stringify(preview.value.problems.slice(0, 3))}`)
    const applied = await timed(() => must(rt, 'demo-admin', 'admin', 'import.apply', { csv, fileName: 'scale.csv' }, 'bench-scale-import'))
    if (applied.value.buildings !== AREAS * PER_AREA) throw new Error(`imported ${applied.value.buildings} buildings`)

    const response = await fetch(`${rt.url}/dev/generate`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Linliting-Dev': '1' }, body: JSON.stringify({ seed: 42, weeks: 8, shiftsPerTeamPerWeek: 14, volunteersPerShift: 12 }) })
    const made = (await response.json()).data
    console.log(`  generated: ${JSON.stringify(made)}`)

    // Warm up once (the first call loads each collection into the runtime's cache), then measure.
    await must(rt, 'demo-admin', 'admin', 'dashboard', { weeks: 8 })
    const dashboard = []
    for (let i = 0; i < 10; i++) dashboard.push((await timed(() => must(rt, 'demo-admin', 'admin', 'dashboard', { weeks: 8 }))).ms)
    dashboard.sort((a, b) => a - b)
    const leader = []
    for (let i = 0; i < 10; i++) leader.push((await timed(() => must(rt, 'demo-leader', 'admin', 'dashboard', { weeks: 8 }))).ms)
    leader.sort((a, b) => a - b)
    const inbox = []
    for (let i = 0; i < 10; i++) inbox.push((await timed(() => must(rt, 'demo-admin', 'admin', 'inbox', {}))).ms)
    inbox.sort((a, b) => a - b)

    const from = chinaDay(-89)
    const to = chinaDay(7)
    const bookings = await timed(() => exportAll(rt, { kind: 'bookings', from, to }))
    const hours = await timed(() => exportAll(rt, { kind: 'hours', from, to: chinaDay() }))
    const households = await timed(() => exportAll(rt, { kind: 'households' }))
    if (households.value.rows < 10_000) throw new Error(`only ${households.value.rows} households exported`)

    const kb = (bytes) => Math.round(bytes / 1024)
    return {
      'scale: households': { value: households.value.rows, unit: 'households' },
      'scale: bookings / hours records': { value: `${made.bookings} / ${made.hours}`, unit: '' },
      'scale: import 300-row CSV (all or nothing)': { value: applied.ms, unit: 'ms', budget: 'scaleImportMs' },
      'scale: preview 300-row CSV': { value: preview.ms, unit: 'ms' },
      'scale: dashboard p50 (admin)': { value: percentile(dashboard, 50), unit: 'ms', budget: 'scaleDashboardP50Ms' },
      'scale: dashboard max of 10 (admin)': { value: dashboard[dashboard.length - 1], unit: 'ms' },
      'scale: dashboard p50 (building leader)': { value: percentile(leader, 50), unit: 'ms', budget: 'scaleDashboardP50Ms' },
      'scale: inbox p50 (admin)': { value: percentile(inbox, 50), unit: 'ms', budget: 'scaleInboxP50Ms' },
      'scale: export bookings (90 days)': { value: bookings.ms, unit: `ms for ${bookings.value.rows} rows in ${bookings.value.pages} pages, ${kb(bookings.value.bytes)} KB`, budget: 'scaleExportMs' },
      'scale: export volunteer hours (90 days)': { value: hours.ms, unit: `ms for ${hours.value.rows} rows in ${hours.value.pages} pages, ${kb(hours.value.bytes)} KB`, budget: 'scaleExportMs' },
      'scale: export households': { value: households.ms, unit: `ms for ${households.value.rows} rows in ${households.value.pages} pages, ${kb(households.value.bytes)} KB`, budget: 'scaleExportMs' },
    }
  } finally {
    await rt.stop()
  }
}
