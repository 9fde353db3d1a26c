/**
 * Transactions. One transaction is open at a time in the process (others wait in `begin`), so transactions
 * are serial among themselves. A transaction's writes go to its overlay and reach the collections only at commit,
 * so nobody else sees them before. Writes outside transactions do not wait for an open transaction; instead each
 * one is logged while a transaction is open, and commit fails with DATABASE_TRANSACTION_CONFLICT (which the SDK's
 * runTransaction retries) if such a write touched anything the transaction read or wrote after it read it.
 * A transaction left open longer than the timeout is aborted.
 */
import type { Collection, UniqueIndex } from './collection'
import { EngineError, ErrorCode } from './errors'
import { compareIds, idKey, randomHex } from './ids'
import { Mutex } from './mutex'
import type { View } from './plan'
import type { CompiledQuery } from './query'
import type { Doc, DocId } from './types'

interface OverlayEntry {
  id: DocId
  /** null: deleted in this transaction. */
  doc: Doc | null
}

interface ReadRecord {
  collection: string
  test: (doc: Doc) => boolean
  seq: number
}

export interface LoggedWrite {
  collection: string
  before: Doc | null
  after: Doc | null
  seq: number
}

export class Transaction {
  active = true
  /** Set once its commit has started applying; it then ends only when the commit does. */
  committing = false
  readonly overlay = new Map<string, Map<string, OverlayEntry>>()
  private readonly reads: ReadRecord[] = []
  private readonly foreignWrites: LoggedWrite[] = []

  constructor(
    readonly id: string,
    private readonly lookup: (name: string) => Collection | null,
    readonly release: () => void,
    readonly timer: NodeJS.Timeout
  ) {}

  overlayOf(collection: string): Map<string, OverlayEntry> {
    let map = this.overlay.get(collection)
    if (!map) {
      map = new Map()
      this.overlay.set(collection, map)
    }
    return map
  }

  recordRead(collection: string, test: (doc: Doc) => boolean, seq: number): void {
    this.reads.push({ collection, test, seq })
  }

  stage(collection: string, id: DocId, doc: Doc | null): void {
    this.overlayOf(collection).set(idKey(id), { id, doc })
  }

  logForeignWrite(write: LoggedWrite): void {
    this.foreignWrites.push(write)
  }

  /** Did a write outside this transaction change something it read, after it read it? */
  hasConflict(): boolean {
    for (const write of this.foreignWrites) {
      for (const read of this.reads) {
        if (read.collection !== write.collection || write.seq <= read.seq) continue
        if ((write.before && read.test(write.before)) || (write.after && read.test(write.after))) return true
      }
    }
    return false
  }

  readonly view: View = {
    match: (collection: string, query: CompiledQuery): Doc[] => {
      const overlay = this.overlay.get(collection)
      const committed = this.lookup(collection)?.match(query) ?? []
      if (!overlay || overlay.size === 0) return committed
      const out = committed.filter((doc) => !overlay.has(idKey(doc._id as DocId)))
      let added = false
      for (const entry of overlay.values()) {
        if (entry.doc && query.test(entry.doc)) {
          out.push(entry.doc)
          added = true
        }
      }
      if (added) out.sort((a, b) => compareIds(a._id as DocId, b._id as DocId))
      return out
    },
    byId: (collection: string, id: DocId): Doc | undefined => {
      const entry = this.overlay.get(collection)?.get(idKey(id))
      if (entry) return entry.doc ?? undefined
      return this.lookup(collection)?.get(id)
    },
    uniqueOwner: (collection: string, index: UniqueIndex, key: string): string | undefined => {
      const overlay = this.overlay.get(collection)
      if (overlay) {
        for (const [k, entry] of overlay) if (entry.doc && index.keyOf(entry.doc) === key) return k
      }
      const owner = index.entries.get(key)
      if (owner !== undefined && !(overlay && overlay.has(owner))) return owner
      return undefined
    }
  }
}

export class TransactionManager {
  private readonly lock = new Mutex()
  private current: Transaction | null = null
  private readonly open = new Map<string, Transaction>()

  constructor(
    private readonly timeoutMs: number,
    private readonly lookup: (name: string) => Collection | null
  ) {}

  /** The open transaction, if any (writes outside transactions are logged against it). */
  get active(): Transaction | null {
    return this.current
  }

  async begin(): Promise<Transaction> {
    const release = await this.lock.acquire()
    const id = randomHex(12)
    const timer = setTimeout(() => {
      const tx = this.open.get(id)
      if (tx && !tx.committing) this.end(tx)
    }, this.timeoutMs)
    timer.unref()
    const tx = new Transaction(id, this.lookup, release, timer)
    this.open.set(id, tx)
    this.current = tx
    return tx
  }

  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined
    if (!tx || !tx.active) {
      throw new EngineError(
        ErrorCode.DATABASE_TRANSACTION_FAIL,
        `transaction ${String(id)} is not open (already committed, rolled back, or aborted after ${this.timeoutMs} ms)`
      )
    }
    return tx
  }

  /** True if `id` names an open transaction. */
  isOpen(id: unknown): boolean {
    return typeof id === 'string' && this.open.has(id)
  }

  /** Rollback: ignored for a transaction whose commit is already applying. */
  abort(tx: Transaction): void {
    if (!tx.committing) this.end(tx)
  }

  end(tx: Transaction): void {
    if (!tx.active) return
    tx.active = false
    clearTimeout(tx.timer)
    this.open.delete(tx.id)
    if (this.current === tx) this.current = null
    tx.release()
  }

  abortAll(): void {
    for (const tx of Array.from(this.open.values())) this.end(tx)
  }
}
