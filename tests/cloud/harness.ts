import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Checkpoint, CloudBase, Intercept } from '../../cloud/cloudbase'
import type { CallClock } from '../../cloud/cloudbase/instances'
import { startLocalCloud, type LocalCloud } from '../../cloud/cloudbase/local'
import type { ActionEvent, FunctionName } from '../../cloud/contracts/define'
import type { Envelope } from '../../cloud/contracts/envelope'
import { chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import type { Database } from '../../cloud/types/database'
import { seedDemo } from '../../cloud/runtime/seed'
import { acceptSeededSubscriptions } from '../../cloud/runtime/seed-subscriptions'

/**
 * The cloud functions as the cloud runs them: the deployable bundles (built by Jest's global setup,
 * tests/cloud/global-setup.cjs, into .build/test-functions/) on the real wx-server-sdk, one call per instance in a pool
 * of worker threads, against the local CloudBase server (cloud/cloudbase/) with its collections created, its declared
 * indexes enforced and the demo community seeded through the real SDK. Only WeChat's servers are stood in for — by
 * that server. One local cloud per test file, closed after it.
 *
 * Clock: the instances see the test's clock at every call (a faked Date — jest's, or the clock matrix's — reaches
 * them as an offset), and the server reads the test process's own clock (server dates, transaction lifetimes).
 */
export type FunctionKey = FunctionName

const BUNDLES = path.join(__dirname, '..', '..', '.build', 'test-functions')
const INDEXES = path.join(__dirname, '..', '..', 'cloud', 'indexes.json')

// Real time, whatever a test does to Date or to the global performance object.
const realNow = performance.now.bind(performance)

/**
 * The clock of each call: the real one, or — when the test fakes Date (jest's fake timers, the clock matrix) — stopped
 * at the test's instant for the call, as the functions saw it when they ran in the test's own thread: successive calls
 * then never go back in time, whatever each one takes.
 */
function testClock(): CallClock {
  const faked = (Date as unknown as { isFake?: boolean }).isFake === true
  return faked ? { stoppedAt: Date.now() } : { offsetMs: Date.now() - (performance.timeOrigin + realNow()) }
}

interface Seeded {
  at: number
  day: string
  checkpoint: Checkpoint
}

let starting: Promise<LocalCloud> | null = null
let started: LocalCloud | null = null
let empty: Checkpoint | null = null
const seeded: Seeded[] = []

afterAll(async () => {
  const local = starting ? await starting : null
  starting = null
  started = null
  empty = null
  seeded.length = 0
  await local?.close()
})

async function localCloud(): Promise<LocalCloud> {
  starting ??= startLocalCloud({
    dataDir: null,
    bundlesDir: BUNDLES,
    seed: false,
    clock: testClock,
    // LINLITING_INDEX_LOG=<file>: list the uncovered query shapes there instead of refusing them (declaring indexes).
    indexes: process.env.LINLITING_INDEX_LOG
      ? { file: INDEXES, onMissing: 'log', log: (message) => appendFileSync(process.env.LINLITING_INDEX_LOG as string, `${message}\n`) }
      : { file: INDEXES, onMissing: 'refuse' },
    server: { messagePushDelayMs: 20 },
  }).then((local) => {
    started = local
    empty = local.cloudbase.checkpoint()
    return local
  })
  return starting
}

function current(): LocalCloud {
  if (!started) throw new Error('the local cloud has not started: call freshCommunity() (or startCloud()) first')
  return started
}

/** The local cloud of this test file, started on first use, with no community in it. */
export async function startCloud(): Promise<CloudBase> {
  return (await localCloud()).cloudbase
}

/**
 * The demo community seeded at `now`: by default the test's clock (the real one, or the clock matrix's). A seed made
 * in this file on the same China day within ten minutes of `now` is put back instead of seeding again (its dates
 * differ from a fresh seed's by those minutes at most; the day decides what "today" holds).
 */
export async function freshCommunity(now = new Date()): Promise<{ db: Database; cloudbase: CloudBase }> {
  const local = await localCloud()
  await local.cloudbase.settle()
  const day = chinaDay(now)
  const reuse = seeded.find((seed) => seed.day === day && Math.abs(seed.at - now.getTime()) < 10 * 60_000)
  if (reuse) local.cloudbase.rollback(reuse.checkpoint)
  else {
    local.cloudbase.rollback(empty as Checkpoint)
    await seedDemo(local.admin.database(), now)
    acceptSeededSubscriptions(local.cloudbase)
    seeded.push({ at: now.getTime(), day, checkpoint: local.cloudbase.checkpoint() })
  }
  local.cloudbase.intercept(null)
  return { db: local.admin.database(), cloudbase: local.cloudbase }
}

/** The real SDK's database, as an administrator (no function's permissions): for arranging and checking. */
export function db(): Database {
  return current().admin.database()
}

export function cloudbase(): CloudBase {
  return current().cloudbase
}

/** The committed documents of a collection (read-only). */
export function documents(collection: string): Record<string, unknown>[] {
  return current().cloudbase.documents(collection)
}

/** Stores a file as an administrator would (what a client's upload leaves in storage); returns its fileID. */
export async function upload(cloudPath: string, bytes: Buffer): Promise<string> {
  return (await current().admin.uploadFile({ cloudPath, fileContent: bytes })).fileID
}

/** What the openapi emulation received (subscribe messages, content checks, image checks), oldest first. */
export function outbox(): { kind: string; function?: string; payload: Record<string, unknown>; at: Date }[] {
  return current().cloudbase.outbox() as never
}

/**
 * What wx.requestSubscribeMessage leaves behind when `openid` taps 允许 for these templates: one more send of each
 * (WeChat refuses a subscribeMessage.send without one, 43101). A test records the acceptances the app would have
 * obtained before the call that carries its `subscribe` flags.
 */
export function acceptMessages(openid: string, templateIds: readonly string[]): void {
  current().cloudbase.acceptSubscription(openid, templateIds)
}

/** The acceptances left: of one template for one person. */
export function acceptancesLeft(openid: string, templateId: string): number {
  return current().cloudbase.subscriptions(openid).find((entry) => entry.templateId === templateId)?.count ?? 0
}

/** Waits until every image check asked so far has had its verdict pushed to its function and answered. */
export async function settleMediaChecks(): Promise<void> {
  await current().cloudbase.settle()
}

/**
 * Runs `body` with WeChat's message pushes (image verdicts) held, to see what others see before a verdict; they go out
 * when it ends (settleMediaChecks waits for them).
 */
export async function beforeVerdicts<T>(body: () => Promise<T>): Promise<T> {
  current().cloudbase.holdPushes(true)
  try {
    return await body()
  } finally {
    current().cloudbase.holdPushes(false)
  }
}

/** A hook on every request the server receives (faults, counting); removed by the next freshCommunity. */
export function intercept(hook: Intercept | null): void {
  current().cloudbase.intercept(hook)
}

/** Calls a function with a raw event, as the caller (`''`: no OPENID; `null`: no WeChat user at all, as a push or a timer). */
export async function call(fn: FunctionKey, openid: string | null, event: unknown): Promise<unknown> {
  const local = started ?? (await localCloud())
  return local.invoke(fn, event, openid === null ? {} : { openid })
}

export async function invoke<T = unknown>(fn: FunctionKey, openid: string, action: string, input?: unknown, extra: Partial<ActionEvent> = {}): Promise<Envelope<T>> {
  return (await call(fn, openid, { action, input, ...extra })) as Envelope<T>
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

/** Every collection's documents, to prove that a refused call wrote nothing (the outbox is not a collection). */
export async function snapshot(): Promise<string> {
  const out: Record<string, unknown> = {}
  for (const name of Object.values(C).sort()) out[name] = documents(name)
  return JSON.stringify(out)
}
