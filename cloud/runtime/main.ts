import fs from 'node:fs'
import path from 'node:path'
import { reseed, startRuntime } from './server'

/**
 * `node .build/runtime.cjs [--reseed-only]`: PORT, DATA_DIR, STATIC_DIR and LINLITING_DEV from the environment. Dev
 * identity is off unless LINLITING_DEV=1 (`npm start` sets it and says so).
 */
async function run(): Promise<void> {
  const root = process.env.LINLITING_ROOT ?? process.cwd()
  const dataDir = process.env.DATA_DIR ?? path.join(root, '.data')
  if (process.argv.includes('--reseed-only')) {
    await reseed(dataDir)
    console.log(`demo community re-seeded in ${dataDir}`)
    return
  }
  const dev = process.env.LINLITING_DEV === '1'
  const runtime = await startRuntime({
    port: Number(process.env.PORT ?? 8787),
    dataDir,
    functionsDir: path.join(root, 'cloudfunctions'),
    indexesFile: fs.existsSync(path.join(root, 'cloud', 'indexes.json')) ? path.join(root, 'cloud', 'indexes.json') : undefined,
    staticDir: process.env.STATIC_DIR ?? path.join(root, 'dist-h5'),
    dev,
    // Each function's time limit is its config.json `timeout` (else the cloud's 3 s); LINLITING_FUNCTION_TIMEOUT_MS
    // overrides them all (the crash run, on two shared cores).
    timeoutMs: Number(process.env.LINLITING_FUNCTION_TIMEOUT_MS) || undefined,
  })
  console.log(`邻里亭 local runtime: ${runtime.url}  (data: ${dataDir})`)
  console.log(
    dev
      ? 'dev-identity mode (LINLITING_DEV=1): every request says who it is with the X-Dev-Openid header, so anyone who can reach this port can act as any user. For trying the app on this machine only.'
      : 'dev identity is off: with no WeChat to say who is calling, /fn refuses every call. LINLITING_DEV=1 turns dev identity on (npm start does).',
  )
  const stop = () => void runtime.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

run().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
