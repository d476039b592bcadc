// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
//
// Two changes to what the preset hands Babel (issue 19: a smaller weapp main package, the same behaviour):
// - @babel/preset-env gets `bugfixes: true` (Babel 8's default), which the preset does not pass on. Without it,
//   preset-env compiles a whole feature down to ES5 when one engine of .browserslistrc (JavaScriptCore of iOS 13) has
//   a bug in a corner of it: every arrow function, destructuring, default and rest parameter and object spread of src/
//   and cloud/ became ES5 plus babel runtime helpers (slicedToArray, objectWithoutProperties, …).
// - The preset's own @babel/plugin-transform-class-properties goes: as a plugin it ran before the TypeScript preset,
//   so a field that TypeScript only types (`readonly code: ErrorCode`, set in the constructor) became
//   `_defineProperty(this, "code", void 0)` plus four runtime helpers. preset-env still compiles class fields for the
//   engines that need it (it includes the same transform), after TypeScript has removed the type-only ones.
const taro = require('babel-preset-taro')
const presetEnv = require('@babel/preset-env')
const classProperties = require('@babel/plugin-transform-class-properties')

module.exports = {
  // `a ?? b` and `a?.b` (compiled for iOS 13.0–13.3) test `a == null` once instead of `=== null` and `=== undefined`:
  // the two differ only for document.all, which neither WeChat nor the app uses.
  assumptions: { noDocumentAll: true },
  presets: [
    (api) => {
      const preset = taro(api, { framework: 'react', ts: true, compiler: 'webpack5' })
      const [own] = preset.overrides
      for (const entry of own.presets) if (entry[0] === presetEnv) entry[1] = { ...entry[1], bugfixes: true }
      own.plugins = own.plugins.filter((entry) => (Array.isArray(entry) ? entry[0] : entry) !== classProperties)
      return preset
    },
  ],
  plugins: [require.resolve('./config/strip-access')],
}
