// Draws the tabBar icons (81×81 PNG, as WeChat recommends) from the SVG shapes below, in headless Chromium.
// Run once after changing a shape; the PNGs are committed (src/assets/tab/).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from '../tests/e2e/harness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHAPES = {
  home: '<path d="M12 40 L40 14 L68 40" /><path d="M20 34 V66 H60 V34" /><path d="M34 66 V48 H46 V66" />',
  building: '<rect x="18" y="10" width="30" height="58" rx="2"/><path d="M48 30 H64 V68 H48"/><path d="M26 20 h6 M36 20 h6 M26 30 h6 M36 30 h6 M26 40 h6 M36 40 h6 M26 50 h6 M36 50 h6 M54 40 h4 M54 50 h4"/><path d="M30 68 V60 H36 V68"/>',
  services: '<circle cx="40" cy="40" r="26"/><path d="M40 24 V40 L52 48"/>',
  volunteer: '<path d="M40 64 C16 48 12 36 14 28 C16 18 30 14 40 26 C50 14 64 18 66 28 C68 36 64 48 40 64 Z"/>',
  me: '<circle cx="40" cy="28" r="13"/><path d="M14 68 C16 52 27 46 40 46 C53 46 64 52 66 68"/>',
}
const COLORS = { '': '#5c5149', '-on': '#b3261e' }

const browser = await launchBrowser()
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 })
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    await page.screenshot({ path: path.join(root, 'src', 'assets', 'tab', `${name}${suffix}.png`), omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
  }
}
await browser.close()
console.log('tab icons written to src/assets/tab/')
