import type { ActionEvent } from '../../cloud/contracts/define'
import type { Envelope } from '../../cloud/contracts/envelope'
import { configureLocalCloud, localCloud, runAs } from '../../cloud/runtime/sdk'
import { seedDemo } from '../../cloud/runtime/seed'
import { FUNCTION_NAMES, type FunctionName } from '../../cloud/contracts/define'
import type { Main } from '../../cloud/lib/router'

/**
 * Runs the real function code against the local runtime's real database (in memory), seeded with the demo
 * community. Only WeChat's servers are stood in for — by the local SDK the runtime itself uses.
 */
export const functions = Object.fromEntries(
  // every function of the table, by name
  FUNCTION_NAMES.map((name) => [name, (require(`../../cloud/functions/${name}`) as { main: Main }).main]),
) as Record<FunctionName, Main>
export type FunctionKey = FunctionName

/** The demo community seeded at `now`: by default the test's clock (the real one, or the clock matrix's). */
export async function freshCommunity(now = new Date()) {
  const cloud = configureLocalCloud({ dataDir: null })
  await seedDemo(cloud.db, now)
  return cloud
}

export async function invoke<T = unknown>(fn: FunctionKey, openid: string, action: string, input?: unknown, extra: Partial<ActionEvent> = {}): Promise<Envelope<T>> {
  const event = { action, input, ...extra }
  return (await runAs(openid, () => functions[fn](event, {}))) as Envelope<T>
}

/** Invokes and expects success; returns the data. */
export async function ok<T = unknown>(fn: FunctionKey, openid: string, action: string, input?: unknown): Promise<T> {
  const result = await invoke<T>(fn, openid, action, input)
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${result.error.code} ${result.error.message}`)
  return result.data
}

/** Invokes and expects a failure; returns the error code. */
export async function code(fn: FunctionKey, openid: string, action: string, input?: unknown): Promise<string> {
  const result = await invoke(fn, openid, action, input)
  if (result.ok) throw new Error(`${fn}.${action} as ${openid} unexpectedly succeeded`)
  return result.error.code
}

/** A snapshot of every collection, to prove that a refused call wrote nothing. */
export async function snapshot(): Promise<string> {
  const { store } = localCloud()
  const out: Record<string, unknown> = {}
  for (const name of store.collections().sort()) {
    const { data } = await localCloud().db.collection(name).limit(1000).get()
    out[name] = data
  }
  return JSON.stringify(out)
}
