import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { C } from '../lib/collections'
import type { CloudSdk } from '../lib/sdk'
import { seedDemo } from '../runtime/seed'
import { acceptSeededSubscriptions } from '../runtime/seed-subscriptions'
import { readFunctionConfigs, readIndexes, startCloudBase, type CloudBase, type CloudBaseOptions } from './index'
import { createInstances, type CallClock, type Caller, type Instances } from './instances'

/**
 * The local cloud as one piece: the local CloudBase server on a data folder (SQLite file + storage folder) or in
 * memory, the collections of cloud/lib/collections.ts created (the deploy's setup step), the demo community seeded
 * through the real wx-server-sdk when the database is empty, and the deployable bundles (cloudfunctions/<name>/index.js)
 * running on the real SDK in a pool of instances. The local runtime (cloud/runtime/server.ts) serves it over HTTP.
 *
 * Clock: the instances are worker threads of this process, so a Date shifted in this process by a preloaded module
 * (tests/e2e/clock.cjs through NODE_OPTIONS or --require, which Node runs in every worker too) shifts theirs as well;
 * `clockOffsetMs` adds a fixed offset of the instances' own on top, and `clock` sets each call's (Jest's faked clock
 * reaches the instances only that way: tests/cloud/harness.ts).
 */
export interface LocalCloudOptions {
  /** The data folder (`cloudbase.sqlite` and `files/`), or null for memory only. */
  dataDir: string | null
  /** The folder holding `<name>/index.js` and `<name>/config.json` (normally `cloudfunctions/`). */
  bundlesDir: string
  /** Seed the demo community when the database has no areas (default true). */
  seed?: boolean
  /** The instant the seed is made at (default now). */
  seedNow?: Date
  clockOffsetMs?: number
  /** The clock of each call (see InstancesOptions). */
  clock?: () => CallClock
  /** Overrides every function's time limit (ms). */
  timeoutMs?: number
  /**
   * The declared indexes (cloud/indexes.json): a query no index covers is logged (`npm start`) or refused (tests).
   * Absent: not checked.
   */
  indexes?: { file: string; onMissing: 'log' | 'refuse'; log?: (message: string) => void }
  /** Passed on to the server (limits, subscribe templates, filesUrl …). */
  server?: Omit<CloudBaseOptions, 'database' | 'filesDir' | 'functions' | 'indexes'>
}

export interface LocalCloud {
  cloudbase: CloudBase
  instances: Instances
  /** The real SDK as an administrator (no function's permissions): seeding, the upload endpoint, tests. */
  admin: CloudSdk
  invoke(name: string, event: unknown, caller?: Caller): Promise<unknown>
  close(): Promise<void>
}

/** The SQLite file of a data folder. */
export const DATABASE_FILE = 'cloudbase.sqlite'

// As in a cloud instance (SCF): without it the real SDK probes Tencent's metadata host before each call.
export function asCloudInstance(): void {
  process.env.TENCENTCLOUD_RUNENV ??= 'SCF'
  process.env.TENCENTCLOUD_REGION ??= 'ap-shanghai'
  process.env.SCF_NAMESPACE ??= 'local'
  process.env.SILENCE ??= 'true'
}

/** A real wx-server-sdk instance pointed at the server, as the given function (or none). */
export function realSdk(cloudbase: CloudBase, functionName?: string): CloudSdk {
  asCloudInstance()
  // Required at run time by its folder: the package is large and bundles keep it external, as the functions' do, and a
  // test runner's mapping of the name 'wx-server-sdk' must not swap it for anything else.
  const sdk = createRequire(__filename)(packageFolder('wx-server-sdk')) as { createNewInstance: (config: Record<string, unknown>) => CloudSdk }
  return sdk.createNewInstance({ env: cloudbase.env, serviceUrl: cloudbase.serviceUrl(functionName), secretId: 'local', secretKey: 'local' })
}

function packageFolder(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'node_modules', name)
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed (npm install)`)
  }
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const cloudbase = await startCloudBase({
    ...options.server,
    database: options.dataDir ? path.join(options.dataDir, DATABASE_FILE) : ':memory:',
    filesDir: options.dataDir ? path.join(options.dataDir, 'files') : null,
    functions: readFunctionConfigs(options.bundlesDir),
    indexes: options.indexes ? { declared: readIndexes(options.indexes.file), onMissing: options.indexes.onMissing, log: options.indexes.log } : undefined,
  })
  try {
    cloudbase.createCollections(Object.values(C))
    const admin = realSdk(cloudbase)
    if (options.seed !== false && cloudbase.documents(C.areas).length === 0) {
      await seedDemo(admin.database(), options.seedNow ?? new Date())
      acceptSeededSubscriptions(cloudbase)
    }
    const instances = createInstances({ cloudbase, bundlesDir: options.bundlesDir, clockOffsetMs: options.clockOffsetMs, clock: options.clock, timeoutMs: options.timeoutMs })
    return {
      cloudbase,
      instances,
      admin,
      invoke: (name, event, caller) => instances.invoke(name, event, caller),
      async close() {
        await instances.close()
        await cloudbase.close()
      },
    }
  } catch (error) {
    await cloudbase.close()
    throw error
  }
}

/** Empties the database of a data folder and seeds the demo community again (refused while a runtime holds it). */
export async function reseedDataDir(dataDir: string, now = new Date()): Promise<void> {
  const cloudbase = await startCloudBase({ database: path.join(dataDir, DATABASE_FILE), filesDir: path.join(dataDir, 'files') })
  try {
    cloudbase.createCollections(Object.values(C))
    cloudbase.clear()
    await seedDemo(realSdk(cloudbase).database(), now)
    acceptSeededSubscriptions(cloudbase)
  } finally {
    await cloudbase.close()
  }
}
