// Bundles each cloud function into cloudfunctions/<name>/ (index.js + package.json whose only dependency is
// wx-server-sdk: "upload and deploy" in WeChat DevTools ships everything), and the local runtime into .build/.
// `--tests`: only the functions, into .build/test-functions/, with the committed example configuration (Jest's
// global setup: the suites run these bundles, and must not depend on one environment's ids).
import { build } from 'esbuild'
import deployConfig from './deploy-config.cjs'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const functionsSrc = path.join(root, 'cloud', 'functions')
const forTests = process.argv.includes('--tests')
const outRoot = forTests ? path.join(root, '.build', 'test-functions') : path.join(root, 'cloudfunctions')
const WX_SERVER_SDK = '~4.0.2'
// Subscribe template ids and the miniprogramState from the deploy configuration (linliting.config.json, else the
// example), as build-time constants: never in source.
const config = forTests ? JSON.parse(fs.readFileSync(path.join(root, deployConfig.EXAMPLE_FILE), 'utf8')) : deployConfig.readDeployConfig(root).config
const define = deployConfig.deployDefines(config, { cloud: true })

const started = Date.now()
const names = fs.readdirSync(functionsSrc).filter((name) => fs.existsSync(path.join(functionsSrc, name, 'index.ts')))
for (const name of names) {
  const outDir = path.join(outRoot, name)
  fs.mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: [path.join(functionsSrc, name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // WeChat's cloud functions run Node 16 by default.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    define,
    legalComments: 'none',
    logLevel: 'warning',
  })
  const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK } }
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  // config.json beside a function's source carries what WeChat reads at deploy time: openapi permissions and
  // timer triggers (e.g. the service function's hourly reminders). Copied as is; absent means none.
  const config = path.join(functionsSrc, name, 'config.json')
  if (fs.existsSync(config)) fs.copyFileSync(config, path.join(outDir, 'config.json'))
  else fs.rmSync(path.join(outDir, 'config.json'), { force: true })
}

if (forTests) {
  console.log(`cloud functions built for the tests: ${names.join(', ')} in ${Date.now() - started} ms`)
  process.exit(0)
}

await build({
  entryPoints: [path.join(root, 'cloud', 'runtime', 'main.ts')],
  outfile: path.join(root, '.build', 'runtime.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  define,
  external: ['better-sqlite3', 'wx-server-sdk', 'mingo', 'bson'],
  logLevel: 'warning',
})
console.log(`cloud functions built: ${names.join(', ')} (+ local runtime) in ${Date.now() - started} ms`)
