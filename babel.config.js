// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
//
// The preset passes only some options to @babel/preset-env, not `bugfixes`. Without it, preset-env compiles a whole
// feature down to ES5 when one engine of .browserslistrc (JavaScriptCore of iOS 13) has a bug in a corner of it:
// every arrow function, destructuring, default and rest parameter and object spread of src/ and cloud/ became ES5
// plus babel runtime helpers (slicedToArray, objectWithoutProperties, …). With `bugfixes: true` (Babel 8's default)
// preset-env rewrites only the buggy corner and keeps the rest as written (issue 19: smaller weapp main package).
const taro = require('babel-preset-taro')
const presetEnv = require('@babel/preset-env')

module.exports = {
  presets: [
    (api) => {
      const preset = taro(api, { framework: 'react', ts: true, compiler: 'webpack5' })
      for (const entry of preset.overrides[0].presets) if (entry[0] === presetEnv) entry[1] = { ...entry[1], bugfixes: true }
      return preset
    },
  ],
  plugins: [require.resolve('./config/strip-access')],
}
