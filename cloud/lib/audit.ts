import { randomBytes } from 'node:crypto'
import { C } from './collections'
import type { Ctx } from './router'
import type { Transaction } from '../types/database'

let sequence = 0

/** Sortable ids: time, then a per-instance sequence, so entries written in the same millisecond keep their order. */
function auditId(now: Date): string {
  sequence = (sequence + 1) % 1_000_000
  return `${now.getTime().toString().padStart(15, '0')}${String(sequence).padStart(6, '0')}${randomBytes(3).toString('hex')}`
}

export interface AuditEntry {
  action: string
  target: string
  before: unknown
  after: unknown
}

/** The audit document for an entry, for writing inside a transaction together with the change it records. */
export function auditDoc(ctx: Ctx, entry: AuditEntry) {
  return { _id: auditId(ctx.now), actor: ctx.openid, fn: ctx.fn, action: entry.action, target: entry.target, before: entry.before ?? null, after: entry.after ?? null, at: ctx.now }
}

/** Every leader and admin action is written here: who, what, when, before and after. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.collection(C.audit).add({ data: auditDoc(ctx, entry) })
}

/**
 * The same entry written inside a transaction, so that a change and the record of who made it stand or fall together:
 * a crash between the two would leave a leader's decision that nobody answers for.
 */
export async function auditIn(t: Transaction, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await t.collection(C.audit).add({ data: auditDoc(ctx, entry) })
}
