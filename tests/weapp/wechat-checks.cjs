'use strict'
/**
 * Issue 19 on the compiled weapp: 长辈模式's smallest text in every .wxss of dist/, the files WeChat reads by path
 * (sitemap.json, share pictures), and the privacy guide the page shell shows for a waiting privacy API.
 */
const fs = require('node:fs')
const path = require('node:path')

function wxssFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return wxssFiles(full)
    return entry.name.endsWith('.wxss') ? [full] : []
  })
}

/** Rules of a minified stylesheet, @media blocks flattened (their rules apply in elder mode as much as any). */
function rulesOf(css) {
  const rules = []
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const pattern = /([^{}@]+)\{([^{}]*)\}/g
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const selectors = match[1].trim()
    if (!selectors || selectors.startsWith('@')) continue
    rules.push({ selectors: selectors.split(',').map((s) => s.trim()), body: match[2] })
  }
  return rules
}

/** rpx at the smallest elder scale, or null for a value that does not scale with the text (inherit, em …). */
function elderRpx(value, elderScale) {
  const v = value.replace(/\s*!important\s*$/, '').replace(/\s+/g, '')
  let m = /^calc\(([\d.]+)rpx\*var\(--fs,?[\d.]*\)\)$/.exec(v)
  if (m) return Number(m[1]) * elderScale
  m = /^([\d.]+)rpx$/.exec(v)
  if (m) return Number(m[1])
  m = /^([\d.]+)px$/.exec(v)
  if (m) return Number(m[1]) * 2
  return NaN
}

/**
 * Every font-size that applies in 长辈模式 (every rule does, unless a .screen--elder rule for the same selector overrides
 * it) is at least `min` rpx at the smallest elder scale. Returns the offenders and what was measured.
 */
function elderFontSizes(dist, { min = 28, elderScale }) {
  const declarations = []
  for (const file of wxssFiles(dist)) {
    for (const rule of rulesOf(fs.readFileSync(file, 'utf8'))) {
      const sizes = [...rule.body.matchAll(/(?:^|;)\s*font-size:([^;]+)/g)].map((m) => m[1].trim())
      for (const value of sizes) for (const selector of rule.selectors) declarations.push({ file: path.relative(dist, file), selector, value, rpx: elderRpx(value, elderScale) })
    }
  }
  const elderOverride = new Map()
  for (const d of declarations) {
    const m = /^\.screen--elder\s+(.+)$/.exec(d.selector)
    if (m) elderOverride.set(m[1], d)
  }
  const offenders = []
  for (const d of declarations) {
    if (Number.isNaN(d.rpx)) {
      offenders.push(`${d.file}: ${d.selector} { font-size: ${d.value} } is not a size this check can read`)
      continue
    }
    if (d.rpx >= min) continue
    const override = elderOverride.get(d.selector)
    if (d.selector.includes('screen--elder') || !override || !(override.rpx >= min)) offenders.push(`${d.file}: ${d.selector} { font-size: ${d.value} } = ${d.rpx.toFixed(1)}rpx in 长辈模式`)
  }
  const smallest = Math.min(...declarations.filter((d) => !Number.isNaN(d.rpx)).map((d) => d.rpx))
  return { offenders, count: declarations.length, smallest }
}

module.exports = { elderFontSizes, rulesOf }
