/**
 * Pieces that every page can show but few people ever see leave the weapp main package (issue 19): after
 * minification, the modules named here are cut out of the main package's scripts and written to one file in a
 * subpackage (`module.exports={<module id>:<module factory>,…}`). The main package loads that file with WeChat's
 * `require.async` (分包异步化, base library 2.11.2+) when one of them is needed, adds the factories to webpack's module
 * table and then requires them as usual: src/ui/Overlays.tsx, the only module allowed to require them.
 *
 * The build fails if the code changes under this plugin: a listed module that another module of the main package
 * requires (it would run before its file is loaded), a listed module merged into another (no id of its own), or a
 * factory not found in the script that should hold it. An app that has none of the modules (the empty app of
 * scripts/bench/support/empty-app.mjs, built with this config) is left alone. H5 does not use this plugin.
 */
const path = require('node:path')
const acorn = require('acorn')

const NAME = 'LazyModulesPlugin'

/** The module factories of a webpack chunk script, by id: `push([[ids],{<id>:(e,t,n)=>{…},…}])`. */
function factoriesOf(text) {
  const ast = acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script' })
  const found = new Map()
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return
    if (node.type === 'ObjectExpression' && node.properties.length > 0 && node.properties.every((p) => p.type === 'Property' && p.key.type === 'Literal' && typeof p.key.value === 'number' && /Function/.test(p.value.type))) {
      node.properties.forEach((property, index) => found.set(String(property.key.value), { property, next: node.properties[index + 1], previous: node.properties[index - 1] }))
      return
    }
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (Array.isArray(value)) value.forEach(visit)
      else if (value && typeof value.type === 'string') visit(value)
    }
  }
  visit(ast)
  return found
}

/** A script without the factories of `ids`; and those factories' texts. */
function cutFactories(text, ids) {
  const factories = factoriesOf(text)
  const cuts = []
  const moved = {}
  for (const id of ids) {
    const found = factories.get(id)
    if (!found) continue
    const { property, next, previous } = found
    moved[id] = text.slice(property.value.start, property.value.end)
    // The property and one comma beside it.
    cuts.push(next ? [property.start, next.start] : previous ? [previous.end, property.end] : [property.start, property.end])
  }
  let out = text
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end)
  return { text: out, moved }
}

class LazyModulesPlugin {
  /**
   * @param {{ modules: string[], loader: string, file: string, subpackagePrefix: string }} options modules and loader as
   *   paths from the project root; file: the script written into a subpackage
   */
  constructor(options) {
    this.options = options
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack
    const root = compiler.context
    const wanted = new Set(this.options.modules.map((file) => path.resolve(root, file)))
    const loader = path.resolve(root, this.options.loader)
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After the minifier (OPTIMIZE_SIZE) and before the locale split (OPTIMIZE_TRANSFER): the moved message sets
      // keep their four languages, as subpackage scripts do.
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, (assets) => {
        const fail = (message) => compilation.errors.push(new WebpackError(`${NAME}: ${message}`))
        // Webpack may merge a listed module into another (module concatenation): then all it was made of must be listed.
        const filesOf = (module) => (module.modules ? [...module.modules].map((inner) => inner.resource) : [module.resource])
        const { chunkGraph, moduleGraph } = compilation
        // (A module merged into another stays in the compilation, in no chunk.)
        const modules = [...compilation.modules].filter((module) => chunkGraph.getNumberOfModuleChunks(module) > 0 && filesOf(module).some((file) => wanted.has(file)))
        if (modules.length === 0) return
        const covered = new Set(modules.flatMap(filesOf))
        if (![...wanted].every((file) => covered.has(file)) || ![...covered].every((file) => wanted.has(file))) {
          const found = modules.map((module) => filesOf(module).map((file) => path.relative(root, file ?? '?')).join(' + '))
          return fail(`the modules ${[...wanted].map((file) => path.relative(root, file)).join(', ')} must be modules of their own or merged only with each other; found ${found.join(', ')}`)
        }
        const ids = []
        const files = new Set()
        for (const module of modules) {
          const name = filesOf(module).map((file) => path.relative(root, file)).join(' + ')
          for (const connection of moduleGraph.getIncomingConnections(module)) {
            // The module that holds the require (inside a merged module, the one it was written in).
            const origin = (connection.dependency && moduleGraph.getParentModule(connection.dependency)) ?? connection.originModule
            if (!origin) continue
            for (const from of filesOf(origin)) {
              if (from !== loader && !wanted.has(from)) return fail(`${name} is required by ${path.relative(root, from ?? '?')}: only ${this.options.loader} may require it`)
            }
          }
          const id = chunkGraph.getModuleId(module)
          if (id === null || id === undefined) return fail(`${name} has no module id`)
          ids.push(String(id))
          for (const chunk of chunkGraph.getModuleChunks(module)) for (const file of chunk.files) if (file.endsWith('.js')) files.add(file)
        }
        const moved = {}
        for (const file of files) {
          if (file.startsWith(this.options.subpackagePrefix)) return fail(`${file} is in a subpackage: the modules are meant to leave the main package`)
          const cut = cutFactories(assets[file].source().toString(), ids)
          Object.assign(moved, cut.moved)
          compilation.updateAsset(file, new sources.RawSource(cut.text))
        }
        const missing = ids.filter((id) => !(id in moved))
        if (missing.length > 0) return fail(`no factory for module ${missing.join(', ')} in ${[...files].join(', ')}`)
        const body = ids.map((id) => `${id}:${moved[id]}`).join(',')
        compilation.emitAsset(this.options.file, new sources.RawSource(`module.exports={${body}};\n`))
      })
    })
  }
}

module.exports = { LazyModulesPlugin, cutFactories }
