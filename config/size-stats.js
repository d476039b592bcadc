/** WEAPP_SIZE_REPORT builds only: writes which chunks hold each module and who imports it (stats.json beside the build). */
const fs = require('node:fs')
const path = require('node:path')

class SizeStatsPlugin {
  apply(compiler) {
    compiler.hooks.done.tap('SizeStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, modules: true, chunks: false, reasons: true, chunkGroups: false, ids: true, nestedModules: false })
      const modules = (json.modules ?? []).map((m) => ({
        name: m.name,
        chunks: m.chunks,
        size: m.size,
        issuers: [...new Set((m.reasons ?? []).map((r) => r.moduleName).filter(Boolean))],
      }))
      const chunks = stats.compilation.chunks ? [...stats.compilation.chunks].map((c) => ({ id: c.id, name: c.name, files: [...c.files] })) : []
      fs.writeFileSync(path.join(compiler.options.output.path, 'stats.json'), JSON.stringify({ modules, chunks }))
    })
  }
}

module.exports = { SizeStatsPlugin }
