// `npm start`: build the cloud functions, the local runtime and the H5 app, then serve everything on 127.0.0.1.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run(process.execPath, ['scripts/build-cloud.mjs'])
run(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'])
process.env.LINLITING_ROOT = root
// npm start is for trying the app on this machine: it asks for dev identity (the runtime prints what that means).
// `npm run runtime` and direct runs leave it off unless LINLITING_DEV=1 is set.
process.env.LINLITING_DEV ??= '1'
process.chdir(root)
await import(path.join(root, '.build', 'runtime.cjs'))
