// What the layout check and `npm run screenshots` share: the app's page list, who looks at each page (with real ids
// from the seeded runtime), waiting for a page to settle, and the in-browser tests for text that is cut off or overlaps
// and for characters no installed font can draw.
import fs from 'node:fs'
import path from 'node:path'
import { root } from './harness.mjs'

/** Every page the app registers, subpackages included, read from src/app.config.ts (the config the builds compile). */
export function appPages() {
  const source = fs.readFileSync(path.join(root, 'src', 'app.config.ts'), 'utf8')
  // The config is one object literal passed to defineAppConfig: evaluate it with a stand-in for that global.
  const body = source.replace(/export\s+default\s+defineAppConfig\s*\(/, 'return (')
  const config = new Function(body)()
  const pages = [...config.pages]
  for (const sub of config.subPackages ?? config.subpackages ?? []) for (const page of sub.pages) pages.push(`${sub.root.replace(/\/$/, '')}/${page}`)
  return pages
}

/** Pages for the people who run things; everything else is looked at as an ordinary resident (李阿姨). */
const USERS = [
  ['packages/manage/', 'demo-admin'],
  ['packages/household/review/', 'demo-admin'],
  ['packages/household/coverage/', 'demo-admin'],
  ['packages/volunteer/admin/', 'demo-admin'],
  ['packages/household/mine/', 'demo-party'],
  ['packages/service/roster/', 'demo-leader'],
  ['packages/service/create/', 'demo-leader'],
  ['packages/volunteer/lead/', 'demo-teamlead'],
  ['packages/volunteer/roster/', 'demo-teamlead'],
  ['packages/volunteer/create/', 'demo-teamlead'],
  ['packages/volunteer/mine/', 'demo-volunteer'],
  ['packages/volunteer/certificate/', 'demo-volunteer'],
]

export function userFor(page) {
  return USERS.find(([prefix]) => page.startsWith(prefix))?.[1] ?? 'demo-resident'
}

async function data(runtime, openid, fn, action, input = {}) {
  const answer = await runtime.call(openid, fn, action, input)
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(answer.error)}`)
  return answer.data
}

/** The query a page needs (an id), taken from what the seeded runtime answers, so the page shows real content. */
async function queries(runtime) {
  const badges = await data(runtime, 'demo-resident', 'household', 'badges', { buildingId: 'ltsc-1' })
  const sessions = await data(runtime, 'demo-resident', 'service', 'sessions.upcoming', {})
  const leaderSessions = await data(runtime, 'demo-leader', 'service', 'sessions.upcoming', {})
  const teams = await data(runtime, 'demo-resident', 'volunteer', 'teams.list')
  const shifts = await data(runtime, 'demo-resident', 'volunteer', 'shifts.upcoming', {})
  const lead = await data(runtime, 'demo-teamlead', 'account', 'me')
  const leadTeam = lead.roles.find((role) => role.role === 'team_leader').scope
  const leadShifts = await data(runtime, 'demo-teamlead', 'volunteer', 'shifts.upcoming', { teamId: leadTeam })
  // The richest example of each: a risky team and its shifts carry the most text (requirements, insurance).
  const team = teams.find((candidate) => candidate.risky) ?? teams[0]
  const shift = shifts.find((candidate) => candidate.teamId === team.id) ?? shifts[0]
  const leaderSession = leaderSessions.find((session) => session.scope.kind === 'building' && session.scope.id === 'ltsc-1') ?? leaderSessions[0]
  return {
    'packages/household/card/index': `id=${badges.households[0].householdId}`,
    'packages/service/session/index': `id=${sessions[0].id}`,
    'packages/service/roster/index': `id=${leaderSession.id}`,
    'packages/volunteer/shift/index': `id=${shift.id}`,
    'packages/volunteer/team/index': `id=${team.id}`,
    'packages/volunteer/roster/index': `id=${leadShifts[0].id}`,
    'packages/volunteer/create/index': `teamId=${leadTeam}`,
    'packages/manage/residents/index': `id=${badges.buildingId}`,
  }
}

/** [{ page, route, openid }] for the given pages. */
export async function pageUsers(runtime, pages) {
  const query = await queries(runtime)
  return pages.map((page) => ({ page, openid: userFor(page), route: query[page] ? `${page}?${query[page]}` : page }))
}

/**
 * Shows a route in an open app: by hash, as the app's router does, so nothing reloads; should the router miss the
 * change (it may, while the previous page is still navigating), a full load of the route instead.
 */
export async function visit(page, route) {
  await page.evaluate((route) => (window.location.hash = `#/${route}`), route)
  try {
    await settle(page, route, { timeout: 4000 })
  } catch {
    await page.goto_(route)
    await settle(page, route)
  }
}

/**
 * Waits until the page on screen is the one asked for, nothing says "loading", and the DOM has been still for a moment
 * (later requests, such as badges beside a building, arrive after the first render).
 */
export async function settle(page, route, { quietMs = 150, timeout = 10000 } = {}) {
  const path = route.split('?')[0]
  try {
    await page.waitForFunction(
      (path) => {
        // Tab pages stay in the DOM when another page shows: the one on screen is the one displayed.
        const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
        return !!shown && decodeURIComponent(shown.id).startsWith(`/${path}`) && !!shown.querySelector('.screen') && !shown.querySelector('.status--loading')
      },
      path,
      { timeout, polling: 50 },
    )
  } catch (error) {
    const shown = await page.evaluate(() => {
      const current = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
      return current ? `${decodeURIComponent(current.id)}: ${(current.textContent ?? '').slice(0, 120)}` : 'no page'
    })
    throw new Error(`${route} did not settle (on screen: ${shown})`, { cause: error })
  }
  await page.evaluate(
    ({ quietMs, timeout }) =>
      new Promise((resolve) => {
        const started = Date.now()
        let timer
        const observer = new MutationObserver(() => arm())
        function arm() {
          clearTimeout(timer)
          if (Date.now() - started > timeout) return done()
          timer = setTimeout(done, quietMs)
        }
        function done() {
          observer.disconnect()
          resolve()
        }
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
        arm()
      }),
    { quietMs, timeout },
  )
  await page.evaluate(() => document.fonts.ready)
}

/**
 * Runs in the page. For every visible element with text of its own: the text must not run past the screen's edge, be
 * clipped by a box that hides overflow (its own ellipsis or an ancestor's overflow: hidden), or stick out of its own
 * box; two pieces of text must not lie on top of each other; the page must not scroll sideways.
 */
function problemsInPage(width) {
  const problems = []
  const name = (element) => {
    const classes = [...element.classList].filter((c) => !c.startsWith('taro') && !c.startsWith('hydrated')).slice(0, 3)
    return `${element.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')}`
  }
  const words = (element) => JSON.stringify((element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40))

  const rootWidth = document.documentElement.scrollWidth
  if (rootWidth > width) problems.push(`the page scrolls sideways (${rootWidth} px wide)`)

  const scrolls = (style) => ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY)
  // Text in different scroll containers (a page, the tab bar) or fixed layers only seems to meet where one scrolls
  // under the other.
  const layerOf = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node)
      if (style.position === 'fixed' || scrolls(style)) return node
    }
    return document.body
  }
  const screen = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
  if (screen && screen.scrollWidth > screen.clientWidth + 1) problems.push(`the page is wider than the screen (${screen.scrollWidth} px): its right side is cut off`)
  // A page that answers with an error (a missing id, a refused call) would pass while showing nothing of itself.
  const failed = screen?.querySelector('.status--error, .status--not-visible')
  if (failed) problems.push(`shows an error instead of its content: ${words(failed)}`)

  // Elements with direct text, and the rectangles of that text, line by line.
  const texts = new Map()
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue || !node.nodeValue.trim()) continue
    const element = node.parentElement
    if (!element || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'OPTION'].includes(element.tagName)) continue
    if (element.closest('[aria-hidden="true"]') && element.getClientRects().length === 0) continue
    if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0.5 && rect.height > 0.5)
    if (rects.length === 0) continue
    texts.set(element, [...(texts.get(element) ?? []), ...rects])
  }

  for (const [element, rects] of texts) {
    const box = element.getBoundingClientRect()
    const style = getComputedStyle(element)
    const label = `${name(element)} ${words(element)}`
    const lineBox = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight)
    // 长辈模式 and everyone: lines of reading text at least 1.3 apart (a lone glyph or initial may sit tight in its tile).
    const own = [...element.childNodes].filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.nodeValue.trim()).join('')
    if (element.closest('.screen') && [...own].length > 1 && /\p{L}/u.test(own)) {
      const lineHeight = style.lineHeight === 'normal' ? NaN : parseFloat(style.lineHeight)
      const fontSize = parseFloat(style.fontSize)
      if (!(lineHeight >= fontSize * 1.3 - 0.5)) problems.push(`${label} has a line height of ${style.lineHeight} for ${style.fontSize} text (at least 1.3 wanted)`)
    }
    if (box.right > width + 1 || rects.some((rect) => rect.right > width + 1)) problems.push(`${label} runs past the right edge of the screen`)
    else if (box.left < -1 || rects.some((rect) => rect.left < -1)) problems.push(`${label} starts left of the screen`)
    if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1) problems.push(`${label} is cut off with an ellipsis`)
    else if (style.webkitLineClamp && style.webkitLineClamp !== 'none' && element.scrollHeight > element.clientHeight + 1) problems.push(`${label} is cut off after ${style.webkitLineClamp} lines`)
    // Inline text fills its own box; a block's text sticking out of it lies over whatever comes next.
    if (style.display !== 'inline' && rects.some((rect) => rect.right > box.right + 1.5 || rect.left < box.left - 1.5)) problems.push(`${label} is wider than its box (${Math.round(box.width)} px)`)
    // An ancestor that hides overflow cuts off whatever of the text lies outside it. Above the nearest scroll
    // container (the page) nothing more is checked: text below the fold is reached by scrolling.
    for (let ancestor = element; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const own = getComputedStyle(ancestor)
      const hidesX = ['hidden', 'clip'].includes(own.overflowX)
      const hidesY = ['hidden', 'clip'].includes(own.overflowY)
      if (hidesX || hidesY) {
        const clip = ancestor.getBoundingClientRect()
        const outside = rects.some((rect) => {
          // Vertically a line needs its line box, not the font's taller content area, to be fully shown.
          const overhang = Math.max(0, (rect.height - lineBox) / 2)
          return (hidesX && (rect.right > clip.right + 1 || rect.left < clip.left - 1)) || (hidesY && (rect.bottom - overhang > clip.bottom + 1 || rect.top + overhang < clip.top - 1))
        })
        if (outside) {
          problems.push(`${label} is cut off by ${ancestor === element ? 'its own box' : name(ancestor)}`)
          break
        }
      }
      if (scrolls(own)) break
    }
  }

  // Tap targets: at least 88 design px tall (96 in 长辈模式), that is 2.2 or 2.4 rem in the H5 build (1 rem = 40 design
  // px). A target is a native control or anything React gave a tap handler to.
  if (screen) {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize)
    const elder = !!screen.querySelector('.screen--elder')
    const least = rem * (elder ? 2.4 : 2.2)
    const CONTROLS = ['TARO-BUTTON-CORE', 'TARO-SWITCH-CORE', 'TARO-CHECKBOX-CORE', 'TARO-RADIO-CORE', 'TARO-INPUT-CORE', 'TARO-NAVIGATOR-CORE']
    const handles = (element) => {
      const key = Object.keys(element).find((candidate) => candidate.startsWith('__reactProps$'))
      const props = key ? element[key] : null
      return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function' || typeof props.onLongPress === 'function')
    }
    for (const element of screen.querySelectorAll('*')) {
      if (!CONTROLS.includes(element.tagName) && !handles(element)) continue
      if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ visibilityProperty: true })) continue
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      if (box.height < least - 0.5 || box.width < least - 0.5) problems.push(`${name(element)} ${words(element)} is a tap target of ${Math.round(box.width)}×${Math.round(box.height)} px (at least ${Math.round(least)} px wanted)`)
    }
  }

  // Text over text: any two text lines of elements that do not contain each other, in the same layer.
  const entries = [...texts].map(([element, rects]) => ({ element, rects, layer: layerOf(element) }))
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]
      const b = entries[j]
      if (a.layer !== b.layer || a.element.contains(b.element) || b.element.contains(a.element)) continue
      // A line's box is the font's full height, taller than its share of a 1.3 line height in CJK fonts: neighbouring
      // lines may touch by a few pixels without any ink meeting, so a quarter of a line is the bar.
      const meet = (r, s) => Math.min(r.right, s.right) - Math.max(r.left, s.left) > 2 && Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top) > Math.max(2, Math.min(r.height, s.height) / 4)
      const hit = a.rects.some((r) => b.rects.some((s) => meet(r, s)))
      if (hit) problems.push(`${name(a.element)} ${words(a.element)} overlaps ${name(b.element)} ${words(b.element)}`)
    }
  }
  return [...new Set(problems)]
}

/**
 * Runs in the page. Characters that no installed font can draw (an emoji without an emoji font shows as an empty box):
 * each distinct non-ASCII character of the visible text is drawn on a canvas in its element's font and compared with
 * the drawing of U+10FFFF, a code point no font has — the same pixels mean the browser fell back to the missing-glyph
 * box. (document.fonts.check answers for the listed families only and says true for a character none of them has.)
 */
function missingGlyphsInPage() {
  const SKIP = /[\s\p{M}\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u
  const cache = (window.__glyphCache ??= new Map())
  const canvas = (window.__glyphCanvas ??= Object.assign(document.createElement('canvas'), { width: 64, height: 64 }))
  const context = canvas.getContext('2d', { willReadFrequently: true })
  const draw = (font, character) => {
    context.clearRect(0, 0, 64, 64)
    context.font = font
    context.textBaseline = 'middle'
    context.fillText(character, 8, 32)
    const pixels = context.getImageData(0, 0, 64, 64).data
    let hash = 0
    for (let i = 3; i < pixels.length; i += 4) hash = (Math.imul(hash, 31) + pixels[i]) | 0
    return `${hash}:${Math.round(context.measureText(character).width * 10)}`
  }
  const missing = (font, character) => {
    const key = `${font}\u0000${character}`
    if (!cache.has(key)) {
      const noGlyph = `${font}\u0000`
      if (!cache.has(noGlyph)) cache.set(noGlyph, draw(font, '\u{10FFFF}'))
      cache.set(key, draw(font, character) === cache.get(noGlyph))
    }
    return cache.get(key)
  }
  const name = (element) => {
    const classes = [...element.classList].filter((c) => !c.startsWith('taro') && !c.startsWith('hydrated')).slice(0, 3)
    return `${element.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')}`
  }
  const problems = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement
    if (!element || !node.nodeValue || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(element.tagName)) continue
    if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue
    if (element.getClientRects().length === 0) continue
    const style = getComputedStyle(element)
    const font = `${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`
    for (const character of new Set(node.nodeValue)) {
      if (character.codePointAt(0) < 0x80 || SKIP.test(character)) continue
      if (missing(font, character)) {
        const code = `U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`
        problems.push(`${name(element)} ${JSON.stringify(node.nodeValue.trim().slice(0, 40))} has "${character}" (${code}), which no installed font can draw: it shows as an empty box`)
      }
    }
  }
  return [...new Set(problems)]
}

export async function findMissingGlyphs(page) {
  return page.evaluate(missingGlyphsInPage)
}

/** Layout problems and characters no font can draw. */
export async function findLayoutProblems(page, width = 375) {
  return [...(await page.evaluate(problemsInPage, width)), ...(await findMissingGlyphs(page))]
}
