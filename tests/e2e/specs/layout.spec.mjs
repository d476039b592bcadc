// Nothing breaks (issue 8): every page of the app, in each of the four languages, with 长辈模式 on and off, on a
// 375 px wide phone, without text that is cut off, runs off the screen or lies on top of other text — and with line
// heights of at least 1.3 and tap targets of at least 88rpx (96rpx in 长辈模式). The checks: tests/e2e/layout.mjs.
// One browser context per user × language × 长辈模式; pages change by hash, as the app's own router does, so the
// whole check stays under 90 s on two cores.
import assert from 'node:assert/strict'
import { appPages, findLayoutProblems, pageUsers, settle, visit as show } from '../layout.mjs'
import { openAs } from '../harness.mjs'

const LOCALES = ['zh-CN', 'en', 'ko', 'ja']
const WIDTH = 375
/** Contexts checked at once: the machine has two cores, and most of a visit is waiting for the local runtime. */
const PARALLEL = 4

async function checkCombination(browser, runtime, visits, { openid, locale, elder }) {
  const page = await openAs(browser, runtime, openid, { locale, elder, width: WIDTH })
  const problems = []
  try {
    for (const [index, visit] of visits.entries()) {
      if (index === 0) {
        await page.goto_(visit.route)
        await settle(page, visit.route)
      } else await show(page, visit.route)
      for (const problem of await findLayoutProblems(page, WIDTH)) problems.push(`${visit.route} [${openid} ${locale} ${elder ? 'elder' : 'standard'}] ${problem}`)
    }
    assert.deepEqual(page.errors, [], `page errors as ${openid} in ${locale}`)
  } finally {
    await page.context().close()
  }
  return problems
}

export default {
  name: 'every page, 4 languages × 长辈模式 on and off, at 375 px: no text cut off or overlapping, no sideways scroll',
  async run({ browser, runtime }) {
    const routes = await pageUsers(runtime, appPages())
    const byUser = new Map()
    for (const visit of routes) byUser.set(visit.openid, [...(byUser.get(visit.openid) ?? []), visit])
    const jobs = []
    for (const locale of LOCALES) for (const elder of [false, true]) for (const [openid, visits] of byUser) jobs.push({ openid, locale, elder, visits })

    const problems = []
    let next = 0
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]
        problems.push(...(await checkCombination(browser, runtime, job.visits, job)))
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker))
    const checked = routes.length * LOCALES.length * 2
    console.log(`    layout: ${routes.length} pages × ${LOCALES.length * 2} combinations = ${checked} page views, ${problems.length} problems`)
    assert.deepEqual(problems, [], `${problems.length} layout problems:\n${problems.join('\n')}`)
  },
}
