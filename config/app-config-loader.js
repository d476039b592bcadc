// Loader of config/app-config.js: Taro's app entry with `var config = {…}` (one line of JSON) left an empty object.
const CONFIG = /^var config = \{.*\};$/m

module.exports = function appConfigLoader(source) {
  const text = String(source)
  if (!CONFIG.test(text) || !text.includes('window.__taroAppConfig = config')) {
    throw new Error('config/app-config-loader.js: Taro\'s app entry no longer writes "var config = {…}" then "window.__taroAppConfig = config"; check what reads the config before changing this loader')
  }
  return text.replace(CONFIG, 'var config = {};')
}
