// 读屏 and keyboard (issue 21): every page a resident reaches (the tab pages and the resident pages of the
// subpackages), in Chinese, in Korean and in 长辈模式, audited by axe-core (WCAG 2.0/2.1 A and AA) in headless
// Chromium; no critical or serious violation is allowed. Besides axe: the document language follows the chosen
// language, every element with a tap handler is a named button (or checkbox, tab, option) in Chromium's accessibility
// tree, every page has a heading, no words are smaller than 14px (28rpx), and 长辈模式 scales the tab bar too.
// Screenshots in Korean and 长辈模式: tests/artifacts/e2e/a11y-*.png.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { openAs, screenshot } from '../harness.mjs'
import { appPages, pageUsers, settle, visit as show } from '../layout.mjs'

const require = createRequire(import.meta.url)
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** The people who run things have their own pages (layout.mjs USERS); these are the rest: a resident's. */
const STAFF_PAGES = /^packages\/(manage\/|household\/(review|coverage|mine)\/|service\/(roster|create)\/|volunteer\/(lead|roster|create|admin)\/)/
const MODES = [
  { name: 'zh-CN', locale: 'zh-CN', elder: false, lang: 'zh-CN' },
  { name: 'ko', locale: 'ko', elder: false, lang: 'ko' },
  { name: 'elder', locale: 'zh-CN', elder: true, lang: 'zh-CN' },
]
const ROLES_FOR_TAPS = new Set(['button', 'checkbox', 'tab', 'option', 'link', 'switch', 'radio', 'menuitem'])
const SCREENSHOTS = new Set(['pages/home/index', 'pages/building/index', 'pages/me/index', 'packages/service/session/index'])

/** Marks every element that gets a click listener (Taro's H5 components listen on the element itself). */
function markTapHandlers() {
  // A set, not an attribute: custom elements add listeners in their constructor, where attributes are not allowed.
  const taps = (window.__a11yTaps = new WeakSet())
  const add = EventTarget.prototype.addEventListener
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if ((type === 'click' || type === 'tap') && this instanceof Element) taps.add(this)
    return add.call(this, type, ...rest)
  }
}

async function audit(page) {
  return page.evaluate(async () => {
    const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
    // The page on screen and the tab bar; Taro keeps earlier pages in the DOM, hidden.
    const include = [shown, document.querySelector('.taro-tabbar__tabbar')].filter(Boolean)
    const result = await window.axe.run(
      { include, exclude: [] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
    )
    const headings = [...shown.querySelectorAll('[role="heading"], h1, h2, h3, h4')].filter((element) => element.getClientRects().length > 0).length
    // Small print: no words under 14px (28rpx) anywhere on screen, tab bar included; decorative marks aside.
    const small = new Map()
    for (const scope of include) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement
        if (!element || !/\p{L}|\p{N}/u.test(node.nodeValue ?? '') || element.closest('[aria-hidden="true"]') || element.getClientRects().length === 0) continue
        const size = parseFloat(getComputedStyle(element).fontSize)
        if (size < 13.95) small.set(element, `${element.localName}.${[...element.classList].filter((c) => !c.startsWith('hydrated')).join('.')} ${size}px "${node.nodeValue.trim().slice(0, 20)}"`)
      }
    }
    const tabLabel = document.querySelector('.weui-tabbar__label')
    return {
      lang: document.documentElement.lang,
      small: [...small.values()],
      tabLabelPx: tabLabel ? parseFloat(getComputedStyle(tabLabel).fontSize) : null,
      headings,
      violations: result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary.split('\n').slice(1, 2).join('')}`.slice(0, 240)),
      })),
    }
  })
}

/** Every visible element on screen with a tap handler, with its role and name in Chromium's accessibility tree. */
async function tapTargets(page, cdp) {
  const marked = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
    let n = 0
    for (const element of document.querySelectorAll('[data-a11y-probe]')) element.removeAttribute('data-a11y-probe')
    const tapped = (element) => window.__a11yTaps.has(element)
    for (const element of shown.querySelectorAll('*')) {
      if (!tapped(element) || element.getClientRects().length === 0 || element.closest('[aria-hidden="true"]')) continue
      // A tap handler inside another (Taro's own inner parts of a component) belongs to the outer one.
      let outer = element.parentElement
      while (outer && outer !== shown && !tapped(outer)) outer = outer.parentElement
      if (outer && outer !== shown) continue
      element.setAttribute('data-a11y-probe', String(n++))
    }
    return n
  })
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 })
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-a11y-probe]' })
  const targets = []
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })
    const node = nodes.find((candidate) => !candidate.ignored) ?? nodes[0]
    const { node: described } = await cdp.send('DOM.describeNode', { nodeId })
    const classes = (described.attributes ?? []).reduce((found, value, index, all) => (all[index - 1] === 'class' ? value : found), '')
    targets.push({ what: `${described.localName}.${classes.split(' ').filter((c) => c && !c.startsWith('hydrated')).slice(0, 2).join('.')}`, role: node?.role?.value ?? 'none', name: (node?.name?.value ?? '').trim() })
  }
  assert.equal(targets.length, marked, 'every marked tap target was looked up')
  return targets
}

const keyboard = {
  name: 'the keyboard: Tab reaches the home page\'s doors and a room of the building grid, Enter opens them',
  async run({ browser, runtime }) {
    const page = await openAs(browser, runtime, 'demo-resident')
    try {
      await page.goto_('pages/home/index')
      await settle(page, 'pages/home/index')
      await page.keyboard.press('Tab')
      const first = await page.evaluate(() => ({ tag: document.activeElement?.localName, role: document.activeElement?.getAttribute('role'), text: document.activeElement?.textContent?.trim().slice(0, 20) }))
      assert.deepEqual([first.tag, first.role], ['taro-button-core', 'button'], `the first tab stop on home: ${JSON.stringify(first)}`)
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => window.location.hash.startsWith('#/pages/building/index'), null, { timeout: 5000 })
      await settle(page, 'pages/building/index')
      const room = page.locator('.household-room').filter({ visible: true }).first()
      await room.focus()
      assert.equal(await room.evaluate((element) => element === document.activeElement), true, 'a party-member room takes the focus')
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => window.location.hash.startsWith('#/packages/household/card/index'), null, { timeout: 5000 })
      assert.deepEqual(page.errors, [], 'page errors')
    } finally {
      await page.context().close()
    }
  },
}

const everyPage = {
  name: 'axe-core over every resident page in Chinese, Korean and 长辈模式: no critical or serious violation; every tap a named button; headings; page language',
  async run({ browser, runtime }) {
    const pages = appPages().filter((page) => !STAFF_PAGES.test(page))
    const routes = await pageUsers(runtime, pages)
    const byUser = new Map()
    for (const visit of routes) byUser.set(visit.openid, [...(byUser.get(visit.openid) ?? []), visit])

    const problems = []
    const summary = []
    for (const mode of MODES) {
      let violations = 0
      let buttons = 0
      for (const [openid, visits] of byUser) {
        const page = await openAs(browser, runtime, openid, { locale: mode.locale, elder: mode.elder })
        await page.context().addInitScript(markTapHandlers)
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Accessibility.enable')
        try {
          for (const [index, visit] of visits.entries()) {
            if (index === 0) {
              await page.goto_(visit.route)
              await settle(page, visit.route)
              await page.addScriptTag({ content: AXE })
            } else await show(page, visit.route)
            const where = `${visit.route} [${mode.name}]`
            const result = await audit(page)
            if (result.lang !== mode.lang) problems.push(`${where}: <html lang="${result.lang}">, ${mode.lang} wanted`)
            if (result.headings === 0) problems.push(`${where}: no heading`)
            for (const text of result.small) problems.push(`${where}: small print ${text}`)
            if (mode.elder && result.tabLabelPx !== null && result.tabLabelPx < 17) problems.push(`${where}: the tab bar's labels are ${result.tabLabelPx}px in 长辈模式`)
            for (const violation of result.violations) {
              if (violation.impact !== 'critical' && violation.impact !== 'serious') continue
              violations += violation.nodes.length
              problems.push(`${where}: ${violation.impact} ${violation.id} ×${violation.nodes.length}\n      ${violation.nodes.slice(0, 4).join('\n      ')}`)
            }
            const targets = await tapTargets(page, cdp)
            buttons += targets.filter((target) => ROLES_FOR_TAPS.has(target.role) && target.name).length
            summary.push(`${mode.name} ${visit.page.replace(/\/index$/, '')}: ${targets.length} taps, ${result.headings} headings`)
            for (const target of targets) {
              if (!ROLES_FOR_TAPS.has(target.role)) problems.push(`${where}: ${target.what} "${target.name}" has a tap handler but the role ${target.role}`)
              else if (!target.name) problems.push(`${where}: ${target.what} (${target.role}) has no name`)
            }
            if ((mode.name === 'ko' || mode.name === 'elder') && SCREENSHOTS.has(visit.page)) await screenshot(page, `a11y-${mode.name}-${visit.page.replace(/\/index$/, '').replace(/\//g, '-')}`)
          }
          assert.deepEqual(page.errors, [], `page errors as ${openid} in ${mode.name}`)
        } finally {
          await page.context().close()
        }
      }
      console.log(`    a11y ${mode.name}: ${routes.length} pages, ${violations} critical/serious axe nodes, ${buttons} named buttons`)
    }
    if (process.env.A11Y_VERBOSE) console.log(`    ${summary.join('\n    ')}`)
    assert.deepEqual(problems, [], `${problems.length} accessibility problems:\n${problems.join('\n')}`)
  },
}

export default [everyPage, keyboard]
