import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { deployDefines, readDeployConfig } from '../scripts/deploy-config.cjs'
import { a11yInject } from './a11y'
import { AppConfigPlugin } from './app-config'
import { JsonAssetPlugin } from './json-asset'
import { LazyModulesPlugin } from './lazy-modules'
import { LocaleSplitPlugin } from './locale-split'
import { SizeStatsPlugin } from './size-stats'
import { SubpackageTemplatesPlugin } from './subpackage-templates'
import devConfig from './dev'
import prodConfig from './prod'

const isH5 = process.env.TARO_ENV === 'h5'
// WEAPP_SIZE_REPORT=1: a weapp build with source maps into .build/weapp-size, for tests/weapp/size-report.mjs (what
// each source module adds to the main package); messages stay whole there, the report subtracts what the split moves.
const sizeReport = !isH5 && process.env.WEAPP_SIZE_REPORT === '1'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linliting',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // H5 gets its own folder: building it must not wipe the weapp dist/ that WeChat DevTools opens.
    outputRoot: isH5 ? 'dist-h5' : sizeReport ? '.build/weapp-size' : 'dist',
    plugins: [['@tarojs/plugin-inject', a11yInject]],
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contracts': path.resolve(__dirname, '..', 'cloud', 'contracts'),
      '@domain': path.resolve(__dirname, '..', 'cloud', 'domain'),
    },
    // The cloud environment id ('' = WeChat's default environment) and the subscribe template ids, from the deploy
    // configuration (linliting.config.json, else the example; scripts/deploy-config.cjs), not from source.
    defineConstants: deployDefines(readDeployConfig().config, { cloud: false }),
    copy: {
      // Files WeChat reads by path that no import brings in (issue 19): the share-card pictures
      // (scripts/draw-share-images.mjs) — 首页's and 楼栋's in the main package, the others in their subpackage. The
      // sitemap app.json names is written by JsonAssetPlugin (mini.webpackChain), without its indentation.
      patterns: isH5
        ? []
        : [
            { from: 'src/assets/share/', to: 'dist/assets/share/' },
            { from: 'src/packages/service/share.png', to: 'dist/packages/service/share.png' },
            { from: 'src/packages/volunteer/share.png', to: 'dist/packages/volunteer/share.png' },
          ],
      options: {},
    },
    // weapp: Taro writes one set of templates per nesting level into base.wxml (main package, ≈2.5–5.5 KB a level; a
    // deeper node falls back to the comp custom component). The deepest page the weapp layer renders nests 9 levels
    // (packages/household/mine; tests/weapp/run.mjs checks every page it renders against this); 10 leaves one level
    // for states it does not reach.
    baseLevel: 10,
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: process.env.TARO_CACHE !== '0' },
    mini: {
      // The contracts and domain rules live in cloud/ (shared with the functions): compile them like src/.
      compile: { include: [path.resolve(__dirname, '..', 'cloud')] },
      ...(sizeReport ? { enableSourceMap: true, sourceMapType: 'source-map' } : {}),
      webpackChain(chain) {
        // src/sitemap.json, the file app.json names, without its indentation.
        chain.plugin('sitemap').use(JsonAssetPlugin, [{ from: 'src/sitemap.json', to: 'sitemap.json' }])
        // Webpack's own code (each module's export getters, the chunk runtime) as arrow functions: every engine the
        // weapp targets has them (.browserslistrc), and `()=>x` is 15 bytes shorter than `function(){return x}`, in
        // each of the main package's ~350 getters. Taro's webpack target stays es5 for everything else.
        chain.output.merge({ environment: { arrowFunction: true, const: true, destructuring: true, forOf: true, templateLiteral: true } })
        // Contracts and domain rules have no top-level effect a page relies on (time.ts's dayjs.extend serves only its
        // own functions): a module whose exports nothing in the app uses is left out, so the main package does not carry
        // dayjs because a contract file names a volunteer rule in its (stripped) input schema.
        chain.module.rule('cloudSideEffectFree').test(/[\\/]cloud[\\/](domain|contracts)[\\/][^\\/]+\.ts$/).set('sideEffects', false)
        // Templates of the components only subpackages draw (Input, Textarea, Picker, Canvas) leave the main package's
        // base.wxml for a copy in each subpackage that uses them (config/subpackage-templates.js).
        chain.plugin('subpackageTemplates').use(SubpackageTemplatesPlugin)
        // app.config.ts is read from app.json on weapp: app.js does not carry it a second time (config/app-config.js).
        chain.plugin('appConfig').use(AppConfigPlugin)
        if (sizeReport) {
          chain.plugin('sizeStats').use(SizeStatsPlugin)
          return
        }
        // The privacy guide's prompt and the in-line notice, which every page can show and few ever see, and the link
        // to privacy and join that brings a person back (nextLink), move to packages/account/overlays.js
        // (src/ui/Overlays.tsx loads them when needed; config/lazy-modules.js).
        chain.plugin('lazyModules').use(LazyModulesPlugin, [
          {
            modules: ['src/ui/PrivacyPrompt.tsx', 'src/ui/privacyPromptMessages.ts', 'src/ui/privacyContract.ts', 'src/ui/InLine.tsx', 'src/ui/inLineMessages.ts', 'src/ui/nextLink.ts'],
            loader: 'src/ui/Overlays.tsx',
            file: 'packages/account/overlays.js',
            subpackagePrefix: 'packages/',
          },
        ])
        // en/ko/ja messages of the main package move to packages/account/locales/ (src/core/i18n/tables.ts loads them).
        chain.plugin('localeSplit').use(LocaleSplitPlugin, [{ subpackagePrefix: 'packages/', localePackage: 'packages/account' }])
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [path.resolve(__dirname, '..', 'cloud')] },
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
