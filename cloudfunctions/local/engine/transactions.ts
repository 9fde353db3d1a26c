/**
 * Transactions as CloudBase (MongoDB underneath) runs them: any number open at once, each reading a snapshot
 * of the data as it was when it started plus its own writes, and buffering its writes until commit.
 *
 * Conflicts are raised at the conflicting write, not at commit, with `DATABASE_TRANSACTION_CONFLICT`, and the
 * transaction is then over (MongoDB aborts it; the SDK's runTransaction retries with a new one without
 * rolling back): a transaction may not write a document that was changed after its snapshot, nor one that
 * another open transaction has written (first writer wins). A plain write to a document an open transaction
 * has written waits until that transaction ends, as MongoDB's does. Reads never conflict: this is snapshot
 * isolation, so two transactions that each read what the other writes can both commit (write skew), exactly as
 * in the cloud.
 *
 * Snapshots come from the write history: every applied write records the document before and after, stamped
 * with the write's sequence number, for as long as an open transaction may need the old version.
 */
import type { Collection, UniqueIndex } from './collection'
import { EngineError, ErrorCode } from './errors'
import { compareIds, idKey, randomHex } from './ids'
import type { View } from './plan'
import type { CompiledQuery } from './query'
import type { Doc, DocId } from './types'

/** CloudBase's wording for a request naming a transaction that is over (committed, rolled back, timed out). */
export const TRANSACTION_NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

const TRANSACTION_CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with others. Please check your request, but if the problem persists, contact us.'

export function transactionConflict(detail: string): EngineError {
  return new EngineError(ErrorCode.DATABASE_TRANSACTION_CONFLICT, `${TRANSACTION_CONFLICT} (${detail})`)
}

interface OverlayEntry {
  id: DocId
  /** null: deleted in this transaction. */
  doc: Doc | null
}

interface Version {
  seq: number
  before: Doc | null
}

/** Old versions of recently written documents, kept while an open transaction's snapshot predates them. */
export class WriteHistory {
  private readonly byCollection = new Map<string, Map<string, { id: DocId; versions: Version[] }>>()

  record(collection: string, id: DocId, before: Doc | null, seq: number): void {
    let docs = this.byCollection.get(collection)
    if (!docs) {
      docs = new Map()
      this.byCollection.set(collection, docs)
    }
    const key = idKey(id)
    const entry = docs.get(key)
    if (entry) entry.versions.push({ seq, before })
    else docs.set(key, { id, versions: [{ seq, before }] })
  }

  /** The sequence number of the last write to this document still remembered, or 0. */
  lastWrite(collection: string, key: string): number {
    const versions = this.byCollection.get(collection)?.get(key)?.versions
    return versions ? versions[versions.length - 1].seq : 0
  }

  /** The document as it was at `snapshot`, if it has changed since (null: it did not exist then). */
  asOf(collection: string, key: string, snapshot: number): { doc: Doc | null } | undefined {
    const versions = this.byCollection.get(collection)?.get(key)?.versions
    if (!versions) return undefined
    for (const v of versions) if (v.seq > snapshot) return { doc: v.before }
    return undefined
  }

  /** Every document of the collection changed since `snapshot`, with its value at `snapshot`. */
  changedSince(collection: string, snapshot: number): Map<string, Doc | null> | null {
    const docs = this.byCollection.get(collection)
    if (!docs || docs.size === 0) return null
    let out: Map<string, Doc | null> | null = null
    for (const [key, entry] of docs) {
      for (const v of entry.versions) {
        if (v.seq > snapshot) {
          out ??= new Map()
          out.set(key, v.before)
          break
        }
      }
    }
    return out
  }

  /** Forgets versions no snapshot at or after `oldest` can need; null: no transaction is open. */
  prune(oldest: number | null): void {
    if (oldest === null) {
      this.byCollection.clear()
      return
    }
    for (const [name, docs] of this.byCollection) {
      for (const [key, entry] of docs) {
        const keep = entry.versions.filter((v) => v.seq > oldest)
        if (keep.length === 0) docs.delete(key)
        else entry.versions = keep
      }
      if (docs.size === 0) this.byCollection.delete(name)
    }
  }
}

export class Transaction {
  active = true
  /** Set once its commit has started applying; it then ends only when the commit does. */
  committing = false
  readonly overlay = new Map<string, Map<string, OverlayEntry>>()
  readonly ended: Promise<void>
  private markEnded!: () => void

  constructor(
    readonly id: string,
    /** The write sequence number its reads see. */
    readonly snapshot: number,
    private readonly lookup: (name: string) => Collection | null,
    private readonly history: WriteHistory,
    readonly timer: NodeJS.Timeout
  ) {
    this.ended = new Promise<void>((resolve) => {
      this.markEnded = resolve
    })
  }

  finish(): void {
    this.active = false
    this.markEnded()
  }

  overlayOf(collection: string): Map<string, OverlayEntry> {
    let map = this.overlay.get(collection)
    if (!map) {
      map = new Map()
      this.overlay.set(collection, map)
    }
    return map
  }

  stage(collection: string, id: DocId, doc: Doc | null): void {
    this.overlayOf(collection).set(idKey(id), { id, doc })
  }

  /** The committed document as of this transaction's snapshot (ignoring its own writes). */
  private committedAt(collection: string, key: string, id: DocId): Doc | undefined {
    const old = this.history.asOf(collection, key, this.snapshot)
    if (old) return old.doc ?? undefined
    return this.lookup(collection)?.get(id)
  }

  readonly view: View = {
    match: (collection: string, query: CompiledQuery): Doc[] => {
      const overlay = this.overlay.get(collection)
      const changed = this.history.changedSince(collection, this.snapshot)
      const committed = this.lookup(collection)?.match(query) ?? []
      if ((!overlay || overlay.size === 0) && !changed) return committed
      const hidden = (key: string) => (overlay !== undefined && overlay.has(key)) || (changed !== null && changed.has(key))
      const out = committed.filter((doc) => !hidden(idKey(doc._id as DocId)))
      let added = false
      if (changed) {
        for (const [key, doc] of changed) {
          if (doc && !(overlay && overlay.has(key)) && query.test(doc)) {
            out.push(doc)
            added = true
          }
        }
      }
      if (overlay) {
        for (const entry of overlay.values()) {
          if (entry.doc && query.test(entry.doc)) {
            out.push(entry.doc)
            added = true
          }
        }
      }
      if (added) out.sort((a, b) => compareIds(a._id as DocId, b._id as DocId))
      return out
    },
    byId: (collection: string, id: DocId): Doc | undefined => {
      const key = idKey(id)
      const entry = this.overlay.get(collection)?.get(key)
      if (entry) return entry.doc ?? undefined
      return this.committedAt(collection, key, id)
    },
    uniqueOwner: (collection: string, index: UniqueIndex, key: string): string | undefined => {
      const overlay = this.overlay.get(collection)
      if (overlay) {
        for (const [k, entry] of overlay) if (entry.doc && index.keyOf(entry.doc) === key) return k
      }
      const owner = index.entries.get(key)
      if (owner !== undefined && !(overlay && overlay.has(owner))) {
        const old = this.history.asOf(collection, owner, this.snapshot)
        if (!old || (old.doc && index.keyOf(old.doc) === key)) return owner
      }
      const changed = this.history.changedSince(collection, this.snapshot)
      if (changed) {
        for (const [k, doc] of changed) {
          if (doc && !(overlay && overlay.has(k)) && index.keyOf(doc) === key) return k
        }
      }
      return undefined
    }
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>()
  /** `collection\0idKey` → the open transaction that has written that document. */
  private readonly holders = new Map<string, Transaction>()

  constructor(
    private readonly timeoutMs: number,
    private readonly lookup: (name: string) => Collection | null,
    readonly history: WriteHistory
  ) {}

  begin(snapshot: number): Transaction {
    const id = randomHex(12)
    const timer = setTimeout(() => {
      const tx = this.open.get(id)
      if (tx && !tx.committing) this.end(tx)
    }, this.timeoutMs)
    timer.unref()
    const tx = new Transaction(id, snapshot, this.lookup, this.history, timer)
    this.open.set(id, tx)
    return tx
  }

  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined
    if (!tx || !tx.active) throw new EngineError(ErrorCode.DATABASE_TRANSACTION_FAIL, TRANSACTION_NOT_EXIST)
    return tx
  }

  /** True if `id` names an open transaction. */
  isOpen(id: unknown): boolean {
    return typeof id === 'string' && this.open.has(id)
  }

  get anyOpen(): boolean {
    return this.open.size > 0
  }

  /** The open transaction other than `self` that has written this document, if any. */
  holderOf(collection: string, key: string, self?: Transaction): Transaction | null {
    const tx = this.holders.get(`${collection}\u0000${key}`)
    return tx && tx !== self && tx.active ? tx : null
  }

  /** Another open transaction's pending write that gives `indexKey` in this unique index, if any. */
  uniqueKeyHeldByOther(collection: string, index: UniqueIndex, indexKey: string, self: Transaction): boolean {
    for (const tx of this.open.values()) {
      if (tx === self) continue
      const overlay = tx.overlay.get(collection)
      if (!overlay) continue
      for (const entry of overlay.values()) if (entry.doc && index.keyOf(entry.doc) === indexKey) return true
    }
    return false
  }

  hold(tx: Transaction, collection: string, key: string): void {
    this.holders.set(`${collection}\u0000${key}`, tx)
  }

  /** Rollback: ignored for a transaction whose commit is already applying. */
  abort(tx: Transaction): void {
    if (!tx.committing) this.end(tx)
  }

  end(tx: Transaction): void {
    if (!tx.active) return
    clearTimeout(tx.timer)
    this.open.delete(tx.id)
    for (const [name, overlay] of tx.overlay) {
      for (const key of overlay.keys()) {
        const at = `${name}\u0000${key}`
        if (this.holders.get(at) === tx) this.holders.delete(at)
      }
    }
    tx.finish()
    this.pruneHistory()
  }

  private prunedFor: number | null = null

  /** Drops old versions once the oldest open snapshot has moved on (a full pass only when it has). */
  pruneHistory(): void {
    let oldest: number | null = null
    for (const tx of this.open.values()) if (oldest === null || tx.snapshot < oldest) oldest = tx.snapshot
    if (oldest !== null && oldest === this.prunedFor) return
    this.prunedFor = oldest
    this.history.prune(oldest)
  }

  abortAll(): void {
    for (const tx of Array.from(this.open.values())) this.end(tx)
  }
}
