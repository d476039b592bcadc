/**
 * The app's configuration leaves the weapp app.js (issue 19). Taro's app loader writes the whole of app.config.ts
 * (pages, subpackages, window, tab bar, preload rules: ~2 KB) into app.js as `window.__taroAppConfig` and as the
 * `config` of the App object. On weapp nothing reads it: WeChat takes all of it from app.json, Taro's mini-program
 * runtime reads only `config.appId` (absent here, so 'app' either way), and `__taroAppConfig` is read only by the H5
 * router and H5 APIs (the H5 build keeps it). This plugin puts a loader after Taro's on the app entry that leaves
 * `config` an empty object; the loader fails the build if Taro's output no longer has the shape it expects.
 */
const NAME = 'AppConfigPlugin'
const LOADER = require.resolve('./app-config-loader.js')

class AppConfigPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      compiler.webpack.NormalModule.getCompilationHooks(compilation).loader.tap(NAME, (_context, module) => {
        if (module.miniType !== 'ENTRY') return
        const taro = module.loaders.findIndex((entry) => /[\\/]@tarojs[\\/]taro-loader[\\/]|^@tarojs\/taro-loader$/.test(entry.loader))
        if (taro === -1 || module.loaders.some((entry) => entry.loader === LOADER)) return
        // Loaders run from the last to the first: one in front of Taro's gets Taro's output.
        module.loaders.splice(taro, 0, { loader: LOADER, options: {} })
      })
    })
  }
}

module.exports = { AppConfigPlugin }
