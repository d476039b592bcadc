import { startCloudBase, type CloudBase, type CloudBaseOptions } from '../../cloud/cloudbase'
import { asCloudInstance, realSdk } from '../../cloud/cloudbase/local'

/**
 * The real wx-server-sdk (4.0.2, what the functions deploy with) against a fresh local CloudBase server. Each call of
 * `sdkFor` makes its own SDK instance, as each cloud function has its own; `/admin/<functionName>` tells the server
 * which function calls.
 */
// The package's own d.ts types every call as `Promise | void | string` (callback style) and cloud/types shadows it for
// the functions; these tests drive the real SDK's promise API untyped and check what it does at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Sdk = any

// As in a cloud instance (SCF): without it the SDK probes Tencent's metadata host before every call.
asCloudInstance()

export interface Local {
  cloudbase: CloudBase
  sdkFor: (functionName?: string) => Sdk
}

export async function localCloud(options: CloudBaseOptions = {}, collections: readonly string[] = []): Promise<Local> {
  const cloudbase = await startCloudBase(options)
  cloudbase.createCollections(collections)
  return {
    cloudbase,
    sdkFor: (functionName) => realSdk(cloudbase, functionName),
  }
}

/** What the real SDK rejected with: its errCode and message. */
export async function failure(promise: Promise<unknown>): Promise<{ errCode: unknown; message: string; code: unknown }> {
  try {
    await promise
  } catch (error) {
    const e = error as { errCode?: unknown; message?: string; errMsg?: string; code?: unknown }
    return { errCode: e.errCode, message: e.message ?? e.errMsg ?? String(error), code: e.code }
  }
  throw new Error('expected the call to fail')
}
