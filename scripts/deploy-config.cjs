// The deploy configuration, one file read at build time (not source): linliting.config.json when present (gitignored,
// filled per environment), else the committed linliting.config.example.json with placeholders. config/index.ts (weapp),
// scripts/build-cloud.mjs (functions), jest.config.js and scripts/predeploy-check.mjs read it through here.
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const CONFIG_FILE = 'linliting.config.json'
const EXAMPLE_FILE = 'linliting.config.example.json'

/** { file, config }: the filled file if there is one, else the example. */
function readDeployConfig(dir = root) {
  const own = path.join(dir, CONFIG_FILE)
  const file = fs.existsSync(own) ? own : path.join(dir, EXAMPLE_FILE)
  return { file, config: JSON.parse(fs.readFileSync(file, 'utf8')) }
}

/** The template ids by kind, as the contracts read them (SUBSCRIBE_TEMPLATE_IDS). */
function templateIds(config) {
  return Object.fromEntries(Object.entries(config.subscribeTemplates).map(([kind, template]) => [kind, template.id]))
}

/** Build-time constants (esbuild `define` / Taro `defineConstants`: each value is source text). */
function deployDefines(config, { cloud }) {
  const defines = { CLOUD_ENV: JSON.stringify(config.envId), SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(templateIds(config)) }
  if (cloud) defines.MINIPROGRAM_STATE = JSON.stringify(config.miniprogramState)
  return defines
}

module.exports = { CONFIG_FILE, EXAMPLE_FILE, readDeployConfig, templateIds, deployDefines }
