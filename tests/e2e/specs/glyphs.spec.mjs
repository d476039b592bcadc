// The missing-glyph check of the layout check and the screenshots (tests/e2e/layout.mjs findMissingGlyphs) proves
// itself: an emoji planted in a page is found (this machine's Chromium has CJK fonts and no emoji font), while Chinese,
// Korean, Japanese and the typographic marks the app uses are not.
import assert from 'node:assert/strict'
import { openAs } from '../harness.mjs'
import { findLayoutProblems, findMissingGlyphs, settle } from '../layout.mjs'

async function plant(page, className, text) {
  await page.evaluate(
    ({ className, text }) => {
      const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
      const span = document.createElement('span')
      span.className = className
      span.textContent = text
      shown.querySelector('.screen').prepend(span)
    },
    { className, text },
  )
}

export default {
  name: 'the missing-glyph check finds a planted emoji and passes CJK text and typographic marks',
  async run({ browser, runtime }) {
    const page = await openAs(browser, runtime, 'demo-resident')
    await page.goto_('pages/me/index')
    await settle(page, 'pages/me/index')
    const before = await findMissingGlyphs(page)
    assert.deepEqual(before, [], '我的 draws every character')

    await plant(page, 'planted-good', '邻里亭 한국어 日本語の ✓ ✕ › ‹ → ↓ ○ ● • … · ：')
    await plant(page, 'planted-emoji', '🏠 首页')
    await plant(page, 'planted-hourglass', '⏳ 待审核')
    const found = await findMissingGlyphs(page)
    assert.equal(found.filter((problem) => problem.includes('planted-good')).length, 0, `CJK and marks are drawable: ${found.join('\n')}`)
    assert.ok(
      found.some((problem) => problem.includes('span.planted-emoji') && problem.includes('U+1F3E0')),
      `the planted emoji is found: ${found.join('\n')}`,
    )
    assert.ok(found.some((problem) => problem.includes('span.planted-hourglass') && problem.includes('U+23F3')), 'the planted hourglass is found')
    // The layout check reports it too, so the layout spec and the screenshots fail on it.
    const layout = await findLayoutProblems(page)
    assert.ok(layout.some((problem) => problem.includes('U+1F3E0')), 'the layout check includes missing glyphs')
    await page.context().close()
  },
}
