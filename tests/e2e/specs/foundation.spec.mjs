// The app shell in a browser: every tab shows real content from the local runtime, for a verified resident.
import assert from 'node:assert/strict'
import { openAs, screenshot, seeText } from '../harness.mjs'

export default [
  {
    name: 'every tab shows real content for a verified resident',
    async run({ browser, runtime }) {
      const page = await openAs(browser, runtime, 'demo-resident')
      await page.goto_('pages/home/index')
      await seeText(page, '李阿姨')
      await screenshot(page, 'foundation-home')
      await page.goto_('pages/building/index')
      await seeText(page, '1号楼')
      await seeText(page, '502')
      await screenshot(page, 'foundation-building')
      await page.goto_('pages/services/index')
      await seeText(page, '磨刀')
      await seeText(page, '测量血压')
      await screenshot(page, 'foundation-services')
      await page.goto_('pages/volunteer/index')
      await seeText(page, '夜走队')
      await screenshot(page, 'foundation-volunteer')
      await page.goto_('pages/me/index')
      await seeText(page, '李阿姨')
      await screenshot(page, 'foundation-me')
      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
  {
    name: 'a stranger to the building gets a clear "not visible" answer, not an empty grid',
    async run({ browser, runtime }) {
      const answer = await runtime.call('demo-korean', 'community', 'building.view', { buildingId: 'ltsc-1' })
      assert.equal(answer.ok, false)
      assert.equal(answer.error.code, 'NOT_VISIBLE')
      const page = await openAs(browser, runtime, 'demo-korean', { locale: 'ko' })
      await page.goto_('pages/building/index')
      await seeText(page, '2号楼')
      await screenshot(page, 'foundation-building-ko')
      await page.context().close()
    },
  },
]
