/**
 * The embedded document engine: the local stand-in for CloudBase's database, driven through the real SDK by
 * `requesterClass()`. See ARCHITECTURE.md, "The embedded engine".
 */
import { existsSync, promises as fs } from 'fs'
import { join, resolve } from 'path'
import 'mingo/init/system'
import { Aggregator, ProcessingMode } from 'mingo'
import { Collection, type UniqueIndex, type WriteOp } from './collection'
import { EngineError, ErrorCode, invalidParam } from './errors'
import { Journal } from './journal'
import { lockDataDir } from './lock'
import { idKey } from './ids'
import { Mutex } from './mutex'
import { checkUnique, planInsert, planModify, planRemove, type View } from './plan'
import { applyReadOptions, compileQuery } from './query'
import { cloneData } from './update'
import { makeRequesterClass, type RequesterClass } from './requester'
import { dispatch, type Reply } from './actions'
import { TransactionManager, WriteHistory, transactionConflict, type Transaction } from './transactions'
import type { Doc, DocId, IndexDef, IndexManifest, ModifyOptions, ModifyResult, ReadOptions } from './types'

export interface EngineOptions {
  /** Where `<collection>.db` files live. Default: `$DATA_DIR` or `.data`. */
  dataDir?: string
  /** Keep everything in memory (tests that need no files). */
  inMemory?: boolean
  /** A transaction open longer than this is aborted. Default 30 s. */
  transactionTimeoutMs?: number
  /** nedb rewrites each datafile this often (and always on open). Default 10 min; 0 disables. */
  compactionIntervalMs?: number
}

const INDEX_FILE = '_indexes.json'
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/

export class Engine {
  /** Number of requests the SDK has sent (DB round trips). Resettable with `resetRoundTrips()`. */
  roundTrips = 0

  private readonly collections = new Map<string, Promise<Collection>>()
  private readonly loaded = new Map<string, Collection>()
  private readonly indexDefs = new Map<string, IndexDef[]>()
  private readonly writeLock = new Mutex()
  private readonly transactions: TransactionManager
  private readonly journal: Journal
  /** Bumped after every applied write; a transaction's snapshot is the value when it started. */
  private seq = 0
  private readonly history = new WriteHistory()
  /** Set while a transaction's commit is being applied; reads outside transactions wait for it. */
  private committing: Promise<void> | null = null
  private closed = false
  private unlock: () => void = () => undefined

  private constructor(
    readonly dataDir: string | null,
    private readonly opts: EngineOptions
  ) {
    this.journal = new Journal(dataDir)
    this.transactions = new TransactionManager(opts.transactionTimeoutMs ?? 30_000, (name) => this.loaded.get(name) ?? null, this.history)
  }

  static async open(opts: EngineOptions = {}): Promise<Engine> {
    const dataDir = opts.inMemory ? null : resolve(opts.dataDir ?? process.env.DATA_DIR ?? '.data')
    const engine = new Engine(dataDir, opts)
    if (dataDir) {
      await fs.mkdir(dataDir, { recursive: true })
      engine.unlock = lockDataDir(dataDir)
      try {
        await engine.loadIndexDefs()
        await engine.replayJournal()
      } catch (err) {
        await engine.close()
        throw err
      }
    }
    return engine
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.transactions.abortAll()
    await this.writeLock.idle()
    const all = await Promise.allSettled(Array.from(this.collections.values()))
    for (const result of all) if (result.status === 'fulfilled') await result.value.close()
    this.unlock()
  }

  /** Documents that reads of this collection have tested against a query so far (MongoDB's docsExamined). */
  docsExamined(name: string): number {
    return this.loaded.get(name)?.examined ?? 0
  }

  resetRoundTrips(): void {
    this.roundTrips = 0
  }

  /** A class to put in `Db.reqClass` (via `setDatabaseRequester` in common/db.ts), bound to this engine. */
  requesterClass(): RequesterClass {
    return makeRequesterClass(this)
  }

  /** One SDK request: counts the round trip and answers like CloudBase, errors as `{ code, message }`. */
  async handle(api: string, params: unknown): Promise<Reply> {
    this.roundTrips++
    return dispatch(this, api, params)
  }

  /** Rewrites every open datafile now (nedb also does it on open and every `compactionIntervalMs`). */
  async compact(): Promise<void> {
    await this.writeLock.run(async () => {
      for (const collection of this.loaded.values()) await collection.compact()
    })
  }

  // ---------------------------------------------------------------- indexes

  async ensureIndexes(manifest: IndexManifest): Promise<void> {
    this.assertOpen()
    await this.writeLock.run(async () => {
      try {
        for (const entry of manifest.collections) {
          const collection = await this.collection(entry.name, true)
          if (!collection) continue
          for (const def of entry.indexes ?? []) {
            await collection.ensureIndex(def)
            const defs = this.indexDefs.get(entry.name) ?? []
            const at = defs.findIndex((d) => d.name === def.name)
            if (at >= 0) defs[at] = def
            else defs.push(def)
            this.indexDefs.set(entry.name, defs)
          }
        }
      } finally {
        await this.saveIndexDefs()
      }
    })
  }

  private async loadIndexDefs(): Promise<void> {
    if (!this.dataDir) return
    const file = join(this.dataDir, INDEX_FILE)
    if (!existsSync(file)) return
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, IndexDef[]>
    for (const [name, defs] of Object.entries(parsed)) this.indexDefs.set(name, defs)
  }

  private async saveIndexDefs(): Promise<void> {
    if (!this.dataDir) return
    const file = join(this.dataDir, INDEX_FILE)
    await fs.writeFile(`${file}.tmp`, JSON.stringify(Object.fromEntries(this.indexDefs), null, 2))
    await fs.rename(`${file}.tmp`, file)
  }

  // ---------------------------------------------------------------- collections

  private assertOpen(): void {
    if (this.closed) throw new EngineError(ErrorCode.DATABASE_REQUEST_FAILED, 'the local engine is closed')
  }

  /** Loads (and with `create`, creates) a collection; null if it does not exist and `create` is false. */
  async collection(name: string, create: boolean): Promise<Collection | null> {
    this.assertOpen()
    if (typeof name !== 'string' || !NAME_PATTERN.test(name)) throw invalidParam(`invalid collection name: ${String(name)}`)
    let pending = this.collections.get(name)
    if (!pending) {
      const filename = this.dataDir ? join(this.dataDir, `${name}.db`) : null
      if (!create && (filename === null || !existsSync(filename))) return null
      pending = Collection.open(name, {
        filename,
        indexes: this.indexDefs.get(name) ?? [],
        compactionIntervalMs: this.opts.compactionIntervalMs ?? 10 * 60_000
      }).then((collection) => {
        this.loaded.set(name, collection)
        return collection
      })
      this.collections.set(name, pending)
      pending.catch(() => this.collections.delete(name))
    }
    return pending
  }

  /** `db.createCollection(name)`: CloudBase refuses an existing name. */
  async createCollection(name: string): Promise<void> {
    const existing = await this.collection(name, false)
    if (existing) throw new EngineError(ErrorCode.DATABASE_COLLECTION_ALREADY_EXIST, `collection ${name} already exists`)
    await this.collection(name, true)
  }

  private readonly committedView: View = {
    match: (collection, query) => this.loaded.get(collection)?.match(query) ?? [],
    byId: (collection, id) => this.loaded.get(collection)?.get(id),
    uniqueOwner: (_collection, index, key) => index.entries.get(key)
  }

  private uniquesOf(name: string): Iterable<UniqueIndex> {
    return this.loaded.get(name)?.uniques.values() ?? []
  }

  // ---------------------------------------------------------------- reads

  private async settled(): Promise<void> {
    while (this.committing) await this.committing
  }

  async find(name: string, query: Doc | undefined, opts: ReadOptions, txId?: string): Promise<Doc[]> {
    const compiled = compileQuery(query)
    const tx = txId ? this.transactions.get(txId) : null
    const collection = await this.collection(name, false)
    if (tx) {
      this.transactions.get(tx.id)
      return applyReadOptions(tx.view.match(name, compiled), opts)
    }
    await this.settled()
    if (!collection) return []
    if (opts.order && opts.limit !== undefined && Object.keys(opts.order).length > 0) {
      const page = collection.scanOrdered(compiled, opts.order, (opts.offset ?? 0) + opts.limit)
      if (page) return applyReadOptions(page, { ...opts, order: undefined })
    }
    return applyReadOptions(collection.match(compiled), opts)
  }

  async count(name: string, query: Doc | undefined): Promise<number> {
    const compiled = compileQuery(query)
    const collection = await this.collection(name, false)
    await this.settled()
    return collection ? collection.match(compiled).length : 0
  }

  async aggregate(name: string, pipeline: Doc[]): Promise<Doc[]> {
    for (const stage of pipeline) {
      const op = Object.keys(stage)[0]
      if (op === '$out' || op === '$merge') throw new EngineError(ErrorCode.DATABASE_INVALID_OPERRATOR, `${op} is not supported`)
      if (op === '$lookup' || op === '$unionWith' || op === '$graphLookup') {
        const arg = stage[op]
        const from = typeof arg === 'string' ? arg : ((arg as { from?: unknown; coll?: unknown }).from ?? (arg as { coll?: unknown }).coll)
        if (typeof from === 'string') await this.collection(from, false)
      }
    }
    const collection = await this.collection(name, false)
    await this.settled()
    // A leading $match is answered like a find (using indexes); the aggregation then works on copies, so that no
    // stage can touch the stored documents.
    let stages = pipeline
    let source: Doc[] = []
    if (collection) {
      const first = pipeline[0]
      if (first && Object.keys(first).length === 1 && first.$match && typeof first.$match === 'object') {
        source = collection.match(compileQuery(first.$match as Doc))
        stages = pipeline.slice(1)
      } else {
        source = collection.all()
      }
    }
    try {
      const aggregator = new Aggregator(stages, {
        processingMode: ProcessingMode.CLONE_INPUT,
        collectionResolver: (from: string) => cloneData(this.loaded.get(from)?.all() ?? [])
      })
      return aggregator.run(source) as Doc[]
    } catch (err) {
      if (err instanceof EngineError) throw err
      throw new EngineError(ErrorCode.DATABASE_INVALID_OPERRATOR, `aggregate failed: ${(err as Error).message}`)
    }
  }

  // ---------------------------------------------------------------- writes

  /**
   * Applies validated changes to the collections. Each change is remembered (with the document before it)
   * before it is applied, stamped with the sequence number the write will have, so that a transaction whose
   * snapshot predates it, even one started while it is being applied, reads the old version.
   */
  private async applyOps(groups: Array<{ collection: Collection; ops: WriteOp[] }>): Promise<void> {
    const seq = this.seq + 1
    for (const { collection, ops } of groups) for (const op of ops) this.history.record(collection.name, op.id, op.before, seq)
    try {
      for (const { collection, ops } of groups) {
        if (ops.length === 0) continue
        await collection.apply(ops)
      }
    } finally {
      this.seq = seq
      if (!this.transactions.anyOpen) this.history.prune(null)
    }
  }

  /**
   * A plain write computed under the write lock. If it would change a document that an open transaction has
   * written, it lets go of the lock, waits for that transaction to end, and computes the write again.
   */
  private async plainWrite<R>(
    name: string,
    collection: Collection,
    plan: () => { ops: WriteOp[]; result: R; check?: () => void }
  ): Promise<R> {
    for (;;) {
      const blocker = await this.writeLock.run(async () => {
        this.assertOpen()
        const planned = plan()
        for (const op of planned.ops) {
          const holder = this.transactions.holderOf(name, idKey(op.id))
          if (holder) return holder
        }
        planned.check?.()
        await this.applyOps([{ collection, ops: planned.ops }])
        return { done: planned.result }
      })
      if ('done' in blocker) return blocker.done as R
      await blocker.ended
    }
  }

  /**
   * A transaction's write, checked as MongoDB checks it: the documents it changes must not have been changed
   * since its snapshot, nor be held by another open transaction, and its unique keys must not have been taken
   * since. Otherwise the transaction is over and the write answers DATABASE_TRANSACTION_CONFLICT.
   */
  private stageWrite(tx: Transaction, name: string, ops: WriteOp[]): void {
    const collection = this.loaded.get(name)
    const changing = new Set(ops.map((op) => idKey(op.id)))
    const conflict = (detail: string): never => {
      this.transactions.end(tx)
      throw transactionConflict(detail)
    }
    for (const op of ops) {
      const key = idKey(op.id)
      if (this.history.lastWrite(name, key) > tx.snapshot) conflict(`${name}/${String(op.id)} was changed after the transaction started`)
      if (this.transactions.holderOf(name, key, tx)) conflict(`${name}/${String(op.id)} is being written by another transaction`)
      if (!op.after || !collection) continue
      for (const index of collection.uniques.values()) {
        const indexKey = index.keyOf(op.after)
        if (indexKey === null) continue
        const owner = index.entries.get(indexKey)
        if (owner !== undefined && owner !== key && !changing.has(owner) && !tx.overlayOf(name).has(owner)) {
          conflict(`${name} index ${index.def.name} key was taken after the transaction started`)
        }
        if (this.transactions.uniqueKeyHeldByOther(name, index, indexKey, tx)) {
          conflict(`${name} index ${index.def.name} key is being written by another transaction`)
        }
      }
    }
    for (const op of ops) {
      tx.stage(name, op.id, op.after)
      this.transactions.hold(tx, name, idKey(op.id))
    }
  }

  async insert(name: string, docs: Doc[], txId?: string): Promise<DocId[]> {
    if (txId) {
      const tx = this.transactions.get(txId)
      await this.collection(name, false)
      this.transactions.get(txId)
      const plan = planInsert(tx.view, name, docs)
      checkUnique(tx.view, name, this.uniquesOf(name), plan.ops)
      this.stageWrite(tx, name, plan.ops)
      return plan.result
    }
    const collection = await this.collection(name, true)
    if (!collection) return []
    return this.plainWrite(name, collection, () => {
      const plan = planInsert(this.committedView, name, docs)
      checkUnique(this.committedView, name, collection.uniques.values(), plan.ops)
      return plan
    })
  }

  async modify(name: string, query: Doc | undefined, data: Doc, opts: ModifyOptions, txId?: string): Promise<ModifyResult> {
    const compiled = compileQuery(query)
    if (txId) {
      const tx = this.transactions.get(txId)
      await this.collection(name, false)
      this.transactions.get(txId)
      const plan = planModify(tx.view, name, compiled, data, opts)
      checkUnique(tx.view, name, this.uniquesOf(name), plan.ops)
      this.stageWrite(tx, name, plan.ops)
      return plan.result
    }
    const collection = await this.collection(name, opts.upsert)
    if (!collection) return { updated: 0, doc: null }
    return this.plainWrite(name, collection, () => {
      const plan = planModify(this.committedView, name, compiled, data, opts)
      checkUnique(this.committedView, name, collection.uniques.values(), plan.ops)
      return plan
    })
  }

  async remove(name: string, query: Doc | undefined, multi: boolean, txId?: string): Promise<number> {
    const compiled = compileQuery(query)
    if (txId) {
      const tx = this.transactions.get(txId)
      await this.collection(name, false)
      this.transactions.get(txId)
      const plan = planRemove(tx.view, name, compiled, multi)
      this.stageWrite(tx, name, plan.ops)
      return plan.result
    }
    const collection = await this.collection(name, false)
    if (!collection) return 0
    return this.plainWrite(name, collection, () => planRemove(this.committedView, name, compiled, multi))
  }

  // ---------------------------------------------------------------- transactions

  async startTransaction(): Promise<string> {
    this.assertOpen()
    return this.transactions.begin(this.seq).id
  }

  async abortTransaction(txId: unknown): Promise<void> {
    if (!this.transactions.isOpen(txId)) return
    this.transactions.abort(this.transactions.get(txId))
  }

  async commitTransaction(txId: unknown): Promise<void> {
    const tx = this.transactions.get(txId)
    const names = Array.from(tx.overlay.keys())
    for (const name of names) await this.collection(name, true)
    await this.writeLock.run(async () => {
      this.assertOpen()
      this.transactions.get(txId)
      // From here on neither the timeout nor a rollback may end it half-applied.
      tx.committing = true
      try {
        const groups: Array<{ collection: Collection; ops: WriteOp[] }> = []
        for (const name of names) {
          const collection = this.loaded.get(name)
          if (!collection) continue
          const ops: WriteOp[] = []
          for (const entry of tx.overlayOf(name).values()) {
            const before = collection.get(entry.id) ?? null
            if (before === null && entry.doc === null) continue
            ops.push({ id: entry.id, before, after: entry.doc })
          }
          checkUnique(this.committedView, name, collection.uniques.values(), ops)
          groups.push({ collection, ops })
        }
        const total = groups.reduce((n, g) => n + g.ops.length, 0)
        if (total === 0) return
        let done!: () => void
        this.committing = new Promise<void>((r) => {
          done = r
        })
        try {
          if (total > 1) await this.journal.write(groups)
          await this.applyOps(groups)
          if (total > 1) await this.journal.clear()
        } finally {
          this.committing = null
          done()
        }
      } finally {
        this.transactions.end(tx)
      }
    })
  }

  // ---------------------------------------------------------------- recovery

  /** Finishes a commit that a crash interrupted (see journal.ts). */
  private async replayJournal(): Promise<void> {
    const byCollection = new Map<string, WriteOp[]>()
    for (const change of await this.journal.pending()) {
      const collection = await this.collection(change.collection, true)
      if (!collection) continue
      const before = collection.get(change.id) ?? null
      if (before === null && change.after === null) continue
      const list = byCollection.get(change.collection) ?? []
      list.push({ id: change.id, before, after: change.after })
      byCollection.set(change.collection, list)
    }
    for (const [name, ops] of byCollection) await this.loaded.get(name)?.apply(ops)
    await this.journal.clear()
  }
}
