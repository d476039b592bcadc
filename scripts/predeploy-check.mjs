// `npm run predeploy`: refuses to let a deploy go out with the example's placeholders. Reads the deploy configuration
// (linliting.config.json; `--config <file>` to check another) and checks the environment id, miniprogramState and every
// subscribe template (a real id, the keywords the cloud code sends). When it passes it prints the deploy commands with
// the environment id, so the id lives in that one file (cloudbaserc.json names `{{env.ENV_ID}}`, and `-e` gives it;
// no .env file: tests/weapp/package-check.mjs treats every .env value as a secret, and the id is in the weapp).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import deployConfig from './deploy-config.cjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const argument = (name) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}
const configFile = argument('--config') ?? path.join(root, deployConfig.CONFIG_FILE)
const example = JSON.parse(fs.readFileSync(path.join(root, deployConfig.EXAMPLE_FILE), 'utf8'))

// WeChat's subscribe template ids are 43 URL-safe characters; a keyword is a kind and a number (thing1, time2 …).
const TEMPLATE_ID = /^[A-Za-z0-9_-]{20,64}$/
const STATES = ['formal', 'trial', 'developer']

const problems = []
let config = null
if (!fs.existsSync(configFile)) {
  problems.push(`${path.relative(root, configFile) || configFile} is missing: copy ${deployConfig.EXAMPLE_FILE} to ${deployConfig.CONFIG_FILE} and fill it`)
} else {
  try {
    config = JSON.parse(fs.readFileSync(configFile, 'utf8'))
  } catch (error) {
    problems.push(`${configFile} is not JSON: ${error.message}`)
  }
}
if (config) {
  if (typeof config.envId !== 'string' || config.envId.trim() === '') problems.push('envId is empty: the 云开发 environment id (云开发控制台 → 设置 → 环境 ID)')
  else if (!/^[a-z0-9][a-z0-9-]{3,62}$/.test(config.envId)) problems.push(`envId "${config.envId}" is not an environment id (lower-case letters, digits and -)`)
  if (!STATES.includes(config.miniprogramState)) problems.push(`miniprogramState must be one of ${STATES.join(', ')}`)
  for (const [kind, wanted] of Object.entries(example.subscribeTemplates)) {
    const template = config.subscribeTemplates?.[kind]
    if (!template) {
      problems.push(`subscribeTemplates.${kind} is missing`)
      continue
    }
    if (typeof template.id !== 'string' || /TEMPLATE_ID/.test(template.id) || template.id === wanted.id || !TEMPLATE_ID.test(template.id)) {
      problems.push(`subscribeTemplates.${kind}.id "${template.id ?? ''}" is a placeholder: the id of the ${wanted.title} template added in 订阅消息`)
    }
    // The functions send exactly the example's keywords (cloud/lib/service/notices.ts, cloud/lib/volunteer-notices.ts):
    // a template with other keywords makes WeChat refuse every message (47003).
    const keywords = Array.isArray(template.keywords) ? [...template.keywords].sort() : []
    if (keywords.join(',') !== [...wanted.keywords].sort().join(',')) {
      problems.push(`subscribeTemplates.${kind}.keywords must be ${wanted.keywords.join(', ')} (what the functions send); choose a template with these keywords`)
    }
  }
}

if (problems.length > 0) {
  console.error(`predeploy: not ready to deploy (${path.relative(root, configFile) || configFile}):`)
  for (const problem of problems) console.error(`  - ${problem}`)
  process.exit(1)
}
console.log(`predeploy: ready for ${config.envId} (${config.miniprogramState}). Next:
  npm run build
  npx tcb fn deploy --force -e ${config.envId}      (every function of cloudbaserc.json, with its timeout, memory and triggers)
  npm run cloud:setup                              (collections; prints the rules and indexes to apply)`)
