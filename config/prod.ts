import type { UserConfigExport } from '@tarojs/cli'

export default {
  // Taro's terser writes every non-ASCII character as \uXXXX: six bytes for each Chinese, Korean or Japanese character
  // instead of three. Mini-program scripts are UTF-8 (native projects keep Chinese in their .js files), so plain UTF-8
  // output keeps the four languages' messages ~14 KB smaller in the 455 KB weapp main package.
  terser: {
    enable: true,
    config: {
      compress: {
        ecma: 2019,
        arrows: true,
        collapse_vars: true,
        comparisons: true,
        computed_props: true,
        hoist_props: true,
        inline: true,
        loops: true,
        negate_iife: true,
        properties: true,
        reduce_funcs: true,
        reduce_vars: true,
        switches: true,
        typeofs: true,
        passes: 2,
      },
      output: { ecma: 2019, ascii_only: false },
    },
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
