/**
 * The weapp main package carries its messages in Chinese only (issue 19). After minification, every message set in a
 * main-package script — the object literal `{"zh-CN":{…},en:{…},ko:{…},ja:{…}}` handed to defineMessages, the only
 * call that takes one — loses its en, ko and ja parts and gains `$id` (a hash of those parts); the parts go to
 * `<localePackage>/locales/<lang>.js` (`module.exports={<id>:{…}}`), which src/core/i18n/tables.ts loads with WeChat's
 * `require.async` when a person's language is one of them. Subpackage scripts keep their sets whole: they are
 * downloaded when opened anyway. H5 does not use this plugin.
 */
const crypto = require('node:crypto')
const acorn = require('acorn')

const NAME = 'LocaleSplitPlugin'
const MOVED = ['en', 'ko', 'ja']

const keyOf = (property) => (property.type === 'Property' && !property.computed ? (property.key.type === 'Identifier' ? property.key.name : property.key.value) : undefined)

/** A message set: exactly the four languages, each an object, and the argument of a call. */
function messageSets(ast) {
  const found = []
  const visit = (node, parent) => {
    if (!node || typeof node.type !== 'string') return
    if (node.type === 'ObjectExpression' && parent && parent.type === 'CallExpression' && parent.arguments.includes(node)) {
      const keys = node.properties.map(keyOf)
      if (keys.length === 4 && ['zh-CN', ...MOVED].every((key) => keys.includes(key)) && node.properties.every((p) => p.value.type === 'ObjectExpression')) {
        found.push(node)
        return
      }
    }
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (Array.isArray(value)) value.forEach((child) => visit(child, node))
      else if (value && typeof value.type === 'string') visit(value, node)
    }
  }
  visit(ast, null)
  return found
}

/** Splits one script: its text without the moved languages, and what moved (language → id → object source). */
function splitScript(text) {
  const ast = acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script' })
  const moved = Object.fromEntries(MOVED.map((lang) => [lang, {}]))
  let out = ''
  let at = 0
  for (const set of messageSets(ast)) {
    const part = (key) => set.properties.find((p) => keyOf(p) === key).value
    const texts = Object.fromEntries(MOVED.map((lang) => [lang, text.slice(part(lang).start, part(lang).end)]))
    const id = crypto.createHash('sha1').update(MOVED.map((lang) => texts[lang]).join('\0')).digest('base64url').slice(0, 10)
    for (const lang of MOVED) moved[lang][id] = texts[lang]
    const zh = part('zh-CN')
    out += `${text.slice(at, set.start)}{"zh-CN":${text.slice(zh.start, zh.end)},$id:${JSON.stringify(id)}}`
    at = set.end
  }
  return { text: out + text.slice(at), moved }
}

class LocaleSplitPlugin {
  /** @param {{ subpackagePrefix: string, localePackage: string }} options */
  constructor(options) {
    this.options = options
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After the minifier (OPTIMIZE_SIZE): ids and texts are those of the shipped code.
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        const tables = Object.fromEntries(MOVED.map((lang) => [lang, {}]))
        for (const name of Object.keys(assets)) {
          // Taro's sub-common/ and sub-vendors/ at the root are copied into the subpackages that share them (MiniSplitChunksPlugin).
          if (!name.endsWith('.js') || [this.options.subpackagePrefix, 'sub-common/', 'sub-vendors/'].some((prefix) => name.startsWith(prefix))) continue
          const { text, moved } = splitScript(assets[name].source().toString())
          if (MOVED.every((lang) => Object.keys(moved[lang]).length === 0)) continue
          for (const lang of MOVED) Object.assign(tables[lang], moved[lang])
          compilation.updateAsset(name, new sources.RawSource(text))
        }
        for (const lang of MOVED) {
          const body = Object.entries(tables[lang])
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([id, object]) => `${JSON.stringify(id)}:${object}`)
            .join(',')
          compilation.emitAsset(`${this.options.localePackage}/locales/${lang}.js`, new sources.RawSource(`module.exports={${body}};\n`))
        }
      })
    })
  }
}

module.exports = { LocaleSplitPlugin, splitScript }
