// The deploy's setup step (once per environment, and again after a new collection): creates every collection of
// cloud/lib/collections.ts — in the cloud any other call on a missing one fails with -502005 — then prints the database
// permission rule, the storage rule and the indexes (cloud/indexes.json) to apply in the console. Idempotent.
//   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… node scripts/cloud-setup.mjs   (a key of the account that owns the environment)
//   node scripts/cloud-setup.mjs --print-only                                      (no cloud; prints what to apply)
// The environment id comes from linliting.config.json. `--service-url <url>` points the SDK elsewhere (the tests use
// the local CloudBase server).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import deployConfig from './deploy-config.cjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const argument = (name) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

/** The collection names of cloud/lib/collections.ts (one `key: 'name',` line each). */
export function collectionNames(source = fs.readFileSync(path.join(root, 'cloud', 'lib', 'collections.ts'), 'utf8')) {
  const body = source.slice(source.indexOf('export const C = {'))
  return [...body.matchAll(/^\s+\w+: '([A-Za-z0-9_-]+)',?$/gm)].map(([, name]) => name)
}

function printRules(names) {
  const rules = fs.readFileSync(path.join(root, 'cloud', 'database-rules.json'), 'utf8').trim()
  const storage = fs.readFileSync(path.join(root, 'cloud', 'storage-rules.json'), 'utf8').trim()
  const indexes = JSON.parse(fs.readFileSync(path.join(root, 'cloud', 'indexes.json'), 'utf8'))
  console.log(`\n数据库 → 每个集合 → 数据权限 → 自定义安全规则 (all ${names.length} collections; the functions use the server SDK, which these rules do not restrict):\n${rules}`)
  console.log(`\n存储 → 权限设置 → 自定义安全规则:\n${storage}`)
  console.log('\n数据库 → 集合 → 索引管理 (non-unique unless marked; 1 ascending, -1 descending):')
  for (const [collection, list] of Object.entries(indexes)) {
    if (collection.startsWith('$')) continue
    for (const index of list) {
      const keys = Object.entries(index.keys).map(([field, direction]) => `${field} ${direction}`).join(', ')
      console.log(`  ${collection}: ${index.name} (${keys})${index.unique ? ' unique' : ''}`)
    }
  }
}

async function createCollections(names) {
  const { config } = deployConfig.readDeployConfig(root)
  const serviceUrl = argument('--service-url')
  const env = argument('--env') ?? config.envId
  if (!env) throw new Error(`no environment id: fill envId in ${deployConfig.CONFIG_FILE}`)
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (API key of the account that owns the environment)')
  const cloud = createRequire(import.meta.url)('wx-server-sdk')
  const db = cloud.createNewInstance({ env, secretId, secretKey, ...(serviceUrl ? { serviceUrl } : {}) }).database()
  let created = 0
  for (const name of names) {
    try {
      await db.createCollection(name)
      created++
      console.log(`created ${name}`)
    } catch (error) {
      if (error.code === 'DATABASE_COLLECTION_ALREADY_EXIST' || /already exist|Table exist/i.test(String(error.message))) continue
      throw error
    }
  }
  console.log(`collections: ${created} created, ${names.length - created} already there (${env})`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = collectionNames()
  try {
    if (!process.argv.includes('--print-only')) await createCollections(names)
    printRules(names)
  } catch (error) {
    console.error(`cloud-setup: ${error.message}`)
    process.exit(1)
  }
}
