import path from 'node:path'
import { configureLocalCloud } from './sdk'
import { reseed, startRuntime } from './server'

/** `node .build/runtime.cjs [--reseed-only]`: PORT, DATA_DIR, LINLITING_DEV (default on) from the environment. */
async function run(): Promise<void> {
  const root = process.env.LINLITING_ROOT ?? process.cwd()
  const dataDir = process.env.DATA_DIR ?? path.join(root, '.data')
  if (process.argv.includes('--reseed-only')) {
    configureLocalCloud({ dataDir })
    await reseed()
    console.log(`demo community re-seeded in ${dataDir}`)
    return
  }
  const runtime = await startRuntime({
    port: Number(process.env.PORT ?? 8787),
    dataDir,
    functionsDir: path.join(root, 'cloudfunctions'),
    staticDir: process.env.STATIC_DIR ?? path.join(root, 'dist-h5'),
    dev: process.env.LINLITING_DEV !== '0',
  })
  console.log(`邻里亭 local runtime: ${runtime.url}  (data: ${dataDir})`)
  const stop = () => void runtime.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

run().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
