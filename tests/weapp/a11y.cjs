// WeChat's 读屏 (issue 21) reads what the compiled templates write: this reads base.wxml the way WeChat does and holds
// a rendered page's data against it. Taro's templates are chosen per node by its `nn` (a number); each template writes
// attributes from the node's data by short keys (aria-role="{{i.p3}}"). miniprogram-simulate drops attributes its
// components do not declare (every aria-*), so the check works on the page's data and the templates, not on the DOM.
const fs = require('node:fs')
const path = require('node:path')

/** The level-0 template of each node name: its tag, whether it binds a tap, and which data key feeds each attribute. */
function readTemplates(dist) {
  // The main package's base.wxml, and the full copy each subpackage with forms has (config/subpackage-templates.js:
  // the Input, Textarea, Picker and Canvas templates live only there).
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const copies = (app.subPackages ?? []).map((sub) => path.join(dist, sub.root, 'base.wxml')).filter((file) => fs.existsSync(file))
  const wxml = [path.join(dist, 'base.wxml'), ...copies].map((file) => fs.readFileSync(file, 'utf8')).join('\n')
  const templates = new Map()
  // Focusable components (input, textarea) have a template per state: tmpl_0_<nn>_focus and _blur, the same attributes.
  for (const match of wxml.matchAll(/<template name="tmpl_0_([0-9]+)(?:_focus|_blur)?">\s*<([a-z-]+)([^>]*)>/g)) {
    const [, nn, tag, attributes] = match
    if (tag === 'template' || templates.has(nn)) continue
    const keys = new Map()
    for (const [, name, expression] of attributes.matchAll(/([a-z-]+)="\{\{([^}]*)\}\}"/g)) {
      const key = /i\.(p[0-9]+)/.exec(expression)
      if (key) keys.set(name, key[1])
    }
    templates.set(nn, { tag, keys, taps: /\bbindtap="eh"/.test(attributes) })
  }
  return templates
}

const TAP_ROLES = new Set(['button', 'checkbox', 'radio', 'switch', 'tab', 'option', 'link'])
/** Marks a reader skips: the chevron and arrows beside words, ticks that the state already says. */
const MARKS = /[›‹→←↓↑✓✕·•…\s]/gu

/** What WeChat renders of one attribute for a node: the template's attribute fed from the node's data. */
function attribute(templates, node, name) {
  const template = templates.get(String(node.nn))
  const key = template?.keys.get(name)
  return key === undefined ? undefined : node[key]
}

function spokenText(templates, node) {
  if (node.v !== undefined) return String(node.v)
  if (attribute(templates, node, 'aria-hidden') === 'true') return ''
  return (node.cn ?? []).map((child) => spokenText(templates, child)).join(' ')
}

/**
 * Every element of the rendered tree that takes a tap (a native button, or a view/image/text whose template binds
 * `tap`), with the role and name WeChat gets for it; and the problems: a role that is not a control's, or no name.
 */
function tapTargets(templates, root) {
  const targets = []
  const walk = (node, hidden) => {
    if (node.v !== undefined) return
    const template = templates.get(String(node.nn))
    const isHidden = hidden || attribute(templates, node, 'aria-hidden') === 'true'
    if (template && !isHidden && (template.tag === 'button' || (template.taps && ['view', 'image', 'text'].includes(template.tag)))) {
      const role = attribute(templates, node, 'aria-role') || (template.tag === 'button' ? 'button' : '')
      const label = attribute(templates, node, 'aria-label')
      const name = (label || spokenText(templates, node)).replace(MARKS, ' ').trim()
      targets.push({ tag: template.tag, className: node.cl ?? '', role, name })
    }
    for (const child of node.cn ?? []) walk(child, isHidden)
  }
  for (const child of root.cn ?? []) walk(child, false)
  return targets
}

function tapProblems(targets) {
  const problems = []
  for (const target of targets) {
    const what = `<${target.tag} class="${target.className}">`
    if (!TAP_ROLES.has(target.role)) problems.push(`${what} takes a tap but WeChat gets ${target.role ? `aria-role="${target.role}"` : 'no aria-role'}`)
    else if (!target.name) problems.push(`${what} (${target.role}) has no name: no aria-label and no words`)
  }
  return problems
}

/** The attributes each component's templates must carry (config/a11y.ts), checked in the base.wxml files themselves. */
const REQUIRED = {
  view: ['aria-role', 'aria-label', 'aria-hidden'],
  button: ['aria-role', 'aria-label', 'aria-pressed', 'aria-checked', 'aria-disabled'],
  image: ['aria-role', 'aria-label'],
  input: ['aria-label'],
  textarea: ['aria-label'],
}

function templateProblems(templates) {
  const problems = []
  for (const [tag, names] of Object.entries(REQUIRED)) {
    // The variants that take a tap or carry props (static-view, view, catch-view …; pure- and click- views have none).
    const variants = [...templates.values()].filter((template) => template.tag === tag && template.keys.size > 0)
    if (variants.length === 0) problems.push(`base.wxml has no <${tag}> template`)
    for (const template of variants) {
      const missing = names.filter((name) => !template.keys.has(name))
      if (missing.length > 0) problems.push(`a <${tag}> template of base.wxml lacks ${missing.join(', ')}`)
    }
  }
  return problems
}

module.exports = { readTemplates, tapTargets, tapProblems, templateProblems }
