/**
 * Form templates out of the weapp main package (issue 19). Taro writes one base.wxml for the whole app, with a template
 * per nesting level for every component any page uses, into the main package: the Input, Textarea, Picker and Canvas
 * of the subpackages' forms and certificate (~6 KB) sat there though no tab page draws one.
 *
 * After Taro has written its files, this plugin finds the components that only subpackage code imports from
 * @tarojs/components (every module of a main-package chunk counts as main, so a shared component that a tab page
 * could reach keeps its templates), removes their templates from the main package's base.wxml, and gives each
 * subpackage whose code uses one its own full copy of base.wxml (with utils.wxs beside it: a subpackage reads only its
 * own and the main package's files, and a template file sees only the templates it defines). That subpackage's pages
 * import their copy. Nodes nested deeper than baseLevel are drawn by the main package's `comp`, which reads the main
 * base.wxml: tests/weapp/run.mjs holds every rendered page within baseLevel, and checks that every node a page renders
 * has a template in the base.wxml that page imports.
 */
const path = require('node:path')

const NAME = 'SubpackageTemplatesPlugin'
const TEMPLATE = /<template name="(tmpl_\d+_(\d+)(?:_[a-z]+)?)">\s*<([a-z-]+)[\s\S]*?\n<\/template>\n*/g

/** `Textarea` → `textarea`, `CoverView` → `cover-view`: the tag Taro writes for a component. */
const tagOf = (component) => component.replace(/[A-Z]/g, (letter, index) => `${index ? '-' : ''}${letter.toLowerCase()}`)

/** The @tarojs/components names a module imports (`import { Input } from '@tarojs/components'`, used as JSX). */
function componentsOf(module, moduleGraph) {
  const names = new Set()
  for (const dep of module.dependencies ?? []) {
    if (dep.request !== '@tarojs/components' || typeof dep.getIds !== 'function') continue
    const [name] = dep.getIds(moduleGraph)
    if (name) names.add(name)
  }
  return names
}

class SubpackageTemplatesPlugin {
  /** @param {{ components?: string[] }} [options] the components that may leave the main package (default: the form ones) */
  constructor(options = {}) {
    this.candidates = new Set(options.components ?? ['Input', 'Textarea', 'Picker', 'Canvas'])
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        if (!assets['base.wxml'] || !assets['app.json']) return
        const app = JSON.parse(assets['app.json'].source().toString())
        const roots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''))
        const rootOf = (chunkName) => roots.find((root) => chunkName.startsWith(`${root}/`))

        // Which subpackage (or the main package, '') uses each candidate component.
        const users = new Map([...this.candidates].map((name) => [name, new Set()]))
        for (const module of compilation.modules) {
          const used = [...componentsOf(module, compilation.moduleGraph)].filter((name) => users.has(name))
          if (used.length === 0) continue
          for (const chunk of compilation.chunkGraph.getModuleChunks(module)) {
            const where = rootOf(chunk.name ?? chunk.id?.toString() ?? '') ?? ''
            for (const name of used) users.get(name).add(where)
          }
        }
        const leaving = new Set([...users].filter(([, where]) => where.size > 0 && !where.has('')).map(([name]) => tagOf(name)))
        if (leaving.size === 0) return
        const needing = new Set([...users].filter(([name]) => leaving.has(tagOf(name))).flatMap(([, where]) => [...where]))

        const base = assets['base.wxml'].source().toString()
        const ids = new Set([...base.matchAll(TEMPLATE)].filter((match) => leaving.has(match[3])).map((match) => match[2]))
        const main = base.replace(TEMPLATE, (whole, name, id) => (ids.has(id) ? '' : whole))
        compilation.updateAsset('base.wxml', new sources.RawSource(main))
        const wxs = assets['utils.wxs']
        for (const root of needing) {
          compilation.emitAsset(`${root}/base.wxml`, new sources.RawSource(base))
          if (wxs) compilation.emitAsset(`${root}/utils.wxs`, new sources.RawSource(wxs.source()))
          for (const file of Object.keys(assets)) {
            if (!file.startsWith(`${root}/`) || !file.endsWith('.wxml') || file === `${root}/base.wxml`) continue
            const own = path.posix.relative(path.posix.dirname(file), `${root}/base.wxml`)
            const text = assets[file].source().toString()
            const next = text.replace(/(<import src=")(?:\.\.\/)+base\.wxml("\s*\/>)/, `$1${own.startsWith('.') ? own : `./${own}`}$2`)
            if (next !== text) compilation.updateAsset(file, new sources.RawSource(next))
          }
        }
      })
    })
  }
}

module.exports = { SubpackageTemplatesPlugin }
