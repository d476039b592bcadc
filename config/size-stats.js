/**
 * WEAPP_SIZE_REPORT builds only (config/index.ts): writes stats.json beside the build — for each module, its chunks and
 * who imports it; and for each module in a main-package chunk, which of its exports only subpackage code uses (what
 * tests/weapp/size-report.mjs --split lists: moving those into a file of their own takes them out of the main package).
 */
const fs = require('node:fs')
const path = require('node:path')

const isSub = (chunk) => /^(packages\/|sub-common\/|sub-vendors)/.test(chunk.name ?? '') || /^packages\//.test([...chunk.files][0] ?? '')

class SizeStatsPlugin {
  apply(compiler) {
    compiler.hooks.done.tap('SizeStatsPlugin', (stats) => {
      const compilation = stats.compilation
      const { moduleGraph, chunkGraph } = compilation
      const modules = []
      const splits = []
      for (const module of compilation.modules) {
        const name = module.readableIdentifier(compilation.requestShortener)
        const chunks = [...chunkGraph.getModuleChunksIterable(module)]
        modules.push({ name, chunks: chunks.map((c) => c.name ?? c.id), issuers: [...new Set([...moduleGraph.getIncomingConnections(module)].map((c) => c.originModule?.readableIdentifier(compilation.requestShortener)).filter(Boolean))] })
        if (!chunks.some((c) => !isSub(c))) continue
        const byExport = new Map()
        for (const connection of moduleGraph.getIncomingConnections(module)) {
          const origin = connection.originModule
          if (!origin || !connection.dependency?.getReferencedExports) continue
          const fromMain = [...chunkGraph.getModuleChunksIterable(origin)].some((c) => !isSub(c))
          for (const ref of connection.dependency.getReferencedExports(moduleGraph, undefined)) {
            const id = Array.isArray(ref) ? ref[0] : ref.name?.[0]
            if (id === undefined) continue
            const entry = byExport.get(id) ?? { main: false, sub: new Set() }
            if (fromMain) entry.main = true
            else entry.sub.add(origin.readableIdentifier(compilation.requestShortener))
            byExport.set(id, entry)
          }
        }
        const subOnly = [...byExport].filter(([, e]) => !e.main).map(([id, e]) => ({ id, users: [...e.sub] }))
        if (subOnly.length) splits.push({ name, subOnly })
      }
      fs.writeFileSync(path.join(compiler.options.output.path, 'stats.json'), JSON.stringify({ modules, splits }))
    })
  }
}

module.exports = { SizeStatsPlugin }
