// An empty one-page Taro React app (the shape `taro init` makes with the default template: one page with a View and a
// Text), built for weapp in a temporary folder with this repository's node_modules, build config, babel config and
// browserslist: the floor that Taro and React cost in the same run, so that the main package's ratio to it measures
// what the app adds. Nothing is cached in the repository (Taro's persistent cache is off for this build).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const APP = `import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    console.log('App launched.')
  })
  return children
}

export default App
`
const APP_CONFIG = `export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { backgroundTextStyle: 'light', navigationBarBackgroundColor: '#fff', navigationBarTitleText: 'WeChat', navigationBarTextStyle: 'black' },
})
`
const PAGE = `import { Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import './index.scss'

export default function Index() {
  useLoad(() => {
    console.log('Page loaded.')
  })
  return (
    <View className="index">
      <Text>Hello world!</Text>
    </View>
  )
}
`

/** Builds the empty app; returns its dist folder (inside `folder`, which the caller removes). */
export function buildEmptyApp(root, folder = fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-empty-app-'))) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true })
    fs.writeFileSync(path.join(folder, file), text)
  }
  write('package.json', JSON.stringify({ name: 'empty', private: true, ...(pkg.browserslist ? { browserslist: pkg.browserslist } : {}), dependencies: pkg.dependencies }, null, 2))
  // The same build config and babel config as the app: copies of config/ and babel.config.js (Taro compiles its
  // config files only inside the project folder).
  fs.cpSync(path.join(root, 'config'), path.join(folder, 'config'), { recursive: true })
  // Modules the config imports from elsewhere in the repository ('../scripts/…') are read from there.
  for (const name of fs.readdirSync(path.join(folder, 'config'))) {
    const file = path.join(folder, 'config', name)
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/(\bfrom\s+|\brequire\(\s*)(['"])\.\.\//g, (_, before, quote) => `${before}${quote}${root}/`))
  }
  // …except the files the app copies into its package (sitemap, share pictures): the empty app has none.
  fs.renameSync(path.join(folder, 'config', 'index.ts'), path.join(folder, 'config', 'app.ts'))
  write(
    'config/index.ts',
    `import appConfig from './app'\n\nexport default async (merge: any, env: any) => ({ ...(await (appConfig as any)(merge, env)), copy: { patterns: [], options: {} } })\n`,
  )
  fs.copyFileSync(path.join(root, 'babel.config.js'), path.join(folder, 'babel.config.js'))
  if (fs.existsSync(path.join(root, '.browserslistrc'))) fs.copyFileSync(path.join(root, '.browserslistrc'), path.join(folder, '.browserslistrc'))
  write('tsconfig.json', JSON.stringify({ compilerOptions: { jsx: 'react-jsx', module: 'esnext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, types: [] }, include: ['src'] }))
  write('project.config.json', JSON.stringify({ miniprogramRoot: 'dist/', projectname: 'empty', appid: 'touristappid', setting: { es6: false, minified: true }, compileType: 'miniprogram' }))
  write('src/app.ts', APP)
  write('src/app.config.ts', APP_CONFIG)
  write('src/app.scss', '')
  write('src/pages/index/index.tsx', PAGE)
  write('src/pages/index/index.config.ts', "export default definePageConfig({ navigationBarTitleText: '首页' })\n")
  write('src/pages/index/index.scss', '')
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp', TARO_CACHE: '0' },
  })
  if (result.status !== 0) throw new Error(`the empty app did not build:\n${result.stdout}\n${result.stderr}`)
  return path.join(folder, 'dist')
}
