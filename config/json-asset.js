/**
 * Copies a JSON file into the weapp build without its indentation (issue 19: every byte outside the subpackages counts
 * against the main package; src/sitemap.json is written for people to read). Skipped when the file does not exist.
 */
const fs = require('node:fs')
const path = require('node:path')

class JsonAssetPlugin {
  /** @param {{ from: string, to: string }} options  `from` relative to the project, `to` relative to the output */
  constructor(options) {
    this.options = options
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack
    const from = path.resolve(compiler.context, this.options.from)
    compiler.hooks.thisCompilation.tap('JsonAssetPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'JsonAssetPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        if (!fs.existsSync(from)) return
        compilation.fileDependencies.add(from)
        compilation.emitAsset(this.options.to, new sources.RawSource(JSON.stringify(JSON.parse(fs.readFileSync(from, 'utf8')))))
      })
    })
  }
}

module.exports = { JsonAssetPlugin }
