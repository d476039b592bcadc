// Builds the cloud functions and the local runtime if needed, then starts it (or re-seeds with --reseed-only).
// Dev identity (X-Dev-Openid) stays off unless LINLITING_DEV=1 is set.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cloud.mjs')], { stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)
process.env.LINLITING_ROOT = root
process.chdir(root)
await import(path.join(root, '.build', 'runtime.cjs'))
