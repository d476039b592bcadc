import { randomBytes } from 'node:crypto'
import { idKey, type Doc } from './ejson'
import { refuse } from './errors'
import type { DocumentStore, Write } from './store'

/**
 * Transactions as CloudBase runs them (MongoDB underneath): many at once, each reading a snapshot taken when it
 * started, its writes invisible to everyone else until it commits. The first transaction to write a document holds it
 * until it ends; another transaction that writes the same document — or one committed by anybody after its snapshot —
 * fails at that write with DATABASE_TRANSACTION_CONFLICT and is aborted. A write outside any transaction waits for
 * the holder to end, as MongoDB makes it wait. A transaction still open after its lifetime (30 s) is aborted and every
 * later call on it fails. There is no global lock: the server handles one request at a time on Node's event loop, and
 * a transaction spans many requests.
 */
export interface TransactionOptions {
  /** CloudBase aborts a transaction that is neither committed nor aborted within 30 s. */
  lifetimeMs: number
}

type State = 'open' | 'committed' | 'aborted' | 'conflicted' | 'expired'

interface Transaction {
  id: string
  snapshot: number
  state: State
  startedAt: number
  /** Pending writes by document key, in first-write order. */
  writes: Map<string, Write>
  timer: NodeJS.Timeout
  ended: Promise<void>
  end: () => void
}

export interface TransactionCounters {
  started: number
  committed: number
  aborted: number
  conflicts: number
  expired: number
  open: number
  maxOpen: number
  /** Writes outside a transaction that had to wait for a transaction holding their document. */
  blockedWrites: number
}

export class Transactions {
  private readonly open = new Map<string, Transaction>()
  private readonly finished = new Map<string, State>()
  /** Document key → the open transaction that has written it. */
  private readonly holders = new Map<string, Transaction>()
  readonly counters: TransactionCounters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0, open: 0, maxOpen: 0, blockedWrites: 0 }

  constructor(
    private readonly store: DocumentStore,
    private readonly options: TransactionOptions,
  ) {}

  start(): string {
    const id = randomBytes(12).toString('hex')
    let end = () => {}
    const ended = new Promise<void>((resolve) => (end = resolve))
    const transaction: Transaction = {
      id,
      snapshot: this.store.openSnapshot(),
      state: 'open',
      startedAt: Date.now(),
      writes: new Map(),
      ended,
      end,
      timer: setTimeout(() => this.finish(transaction, 'expired'), this.options.lifetimeMs),
    }
    transaction.timer.unref()
    this.open.set(id, transaction)
    this.counters.started++
    this.counters.open = this.open.size
    this.counters.maxOpen = Math.max(this.counters.maxOpen, this.open.size)
    return id
  }

  /** The document as this transaction sees it: its own pending write, else its snapshot. */
  read(transactionId: string, collection: string, id: unknown): Doc | null {
    const transaction = this.require(transactionId)
    const pending = transaction.writes.get(documentKey(collection, id))
    if (pending) return pending.doc
    return this.store.readAt(collection, id, transaction.snapshot)
  }

  /** Buffers a write, or refuses it (and aborts the transaction) when another writer got to the document first. */
  write(transactionId: string, write: Write): void {
    const transaction = this.require(transactionId)
    const key = documentKey(write.collection, write.id)
    const holder = this.holders.get(key)
    const writtenSince = this.store.lastWriteOf(write.collection, write.id) > transaction.snapshot
    if ((holder && holder !== transaction) || writtenSince) {
      this.counters.conflicts++
      this.finish(transaction, 'conflicted')
      throw refuse.conflict()
    }
    this.holders.set(key, transaction)
    transaction.writes.set(key, write)
  }

  commit(transactionId: string): void {
    const transaction = this.require(transactionId)
    this.store.commit([...transaction.writes.values()])
    this.finish(transaction, 'committed')
  }

  /** Aborting a transaction the server already ended (a conflict, the lifetime) answers success, so the SDK's own rollback after an error is harmless. */
  abort(transactionId: string): void {
    const transaction = this.open.get(transactionId)
    if (transaction) return this.finish(transaction, 'aborted')
    const state = this.finished.get(transactionId)
    if (state === 'committed' || state === undefined) throw refuse.transactionGone(transactionId, state ?? 'unknown transaction')
  }

  /**
   * Resolves once no open transaction holds any of these documents. A write outside a transaction calls this before
   * it looks at the documents, and again after waiting, since the holder's commit may have changed what matches.
   */
  async waitForHolders(keys: Iterable<string>): Promise<boolean> {
    let waited = false
    for (;;) {
      let holder: Transaction | undefined
      for (const key of keys) {
        holder = this.holders.get(key)
        if (holder) break
      }
      if (!holder) return waited
      if (!waited) this.counters.blockedWrites++
      waited = true
      await holder.ended
    }
  }

  /** Document keys held by open transactions in this collection (so a multi-document write can check them at once). */
  heldIn(collection: string): string[] {
    const prefix = `${collection}\u0000`
    return [...this.holders.keys()].filter((key) => key.startsWith(prefix))
  }

  /** Aborts every open transaction (closing the server; a test putting the database back). */
  abortAll(): void {
    for (const transaction of [...this.open.values()]) this.finish(transaction, 'aborted')
  }

  close(): void {
    this.abortAll()
  }

  private require(transactionId: string): Transaction {
    const transaction = this.open.get(transactionId)
    if (transaction) return transaction
    throw refuse.transactionGone(transactionId, this.finished.get(transactionId) ?? 'unknown transaction')
  }

  private finish(transaction: Transaction, state: Exclude<State, 'open'>): void {
    if (transaction.state !== 'open') return
    transaction.state = state
    clearTimeout(transaction.timer)
    this.open.delete(transaction.id)
    this.finished.set(transaction.id, state)
    if (this.finished.size > 10_000) this.finished.delete(this.finished.keys().next().value as string)
    for (const [key, holder] of this.holders) if (holder === transaction) this.holders.delete(key)
    this.store.releaseSnapshot(transaction.snapshot)
    if (state === 'committed') this.counters.committed++
    else if (state === 'expired') this.counters.expired++
    else this.counters.aborted++
    this.counters.open = this.open.size
    transaction.end()
  }
}

export function documentKey(collection: string, id: unknown): string {
  return `${collection}\u0000${idKey(id)}`
}
