/**
 * One collection: a nedb Datastore (storage, _id and single-field indexes, append-only file) plus the
 * unique indexes, which the engine keeps itself so that compound keys, CloudBase-shaped duplicate errors and
 * transactions all work. Every method here is called by the engine under its write lock; reads are synchronous
 * and return nedb's own objects, which nobody may mutate.
 */
import Datastore from '@seald-io/nedb'
import { promises as fs } from 'fs'
import { duplicateKeyError, invalidParam } from './errors'
import { toWire } from './ejson'
import { compareIds, idKey, isDocId } from './ids'
import { loadModule } from './load'
import { OrderedIndex, type ScanPlan } from './ordered'
import type { CompiledQuery } from './query'
import type { Doc, DocId, IndexDef } from './types'

interface NedbIndex {
  getMatching(value: unknown): Doc[]
}

interface NedbInternals {
  indexes: Record<string, NedbIndex>
  persistence: {
    persistNewStateAsync(newDocs: Doc[]): Promise<void>
  }
}

// nedb's own serializer (dates as {$$date}), the format its datafile uses.
const nedbModel = loadModule('@seald-io/nedb/lib/model') as { serialize(doc: Doc): string }

/** A change to one document: insert (before null), replace, or remove (after null). */
export interface WriteOp {
  id: DocId
  before: Doc | null
  after: Doc | null
}

export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return undefined
    if (Array.isArray(current)) {
      if (/^\d+$/.test(segment)) current = current[Number(segment)]
      else return current.map((item) => getPath(item, segment))
    } else if (typeof current === 'object' && !(current instanceof Date)) {
      current = (current as Record<string, unknown>)[segment]
    } else {
      return undefined
    }
  }
  return current
}

function keyPart(value: unknown): string {
  if (value === undefined || value === null) return 'z'
  if (typeof value === 'number') return `n${value}`
  if (typeof value === 'string') return `s${value}`
  if (typeof value === 'boolean') return `b${value}`
  if (value instanceof Date) return `d${value.getTime()}`
  return `j${toWire({ v: value })}`
}

export class UniqueIndex {
  readonly entries = new Map<string, string>()

  constructor(readonly def: IndexDef) {}

  /** null: the document is not in a sparse index. */
  keyOf(doc: Doc): string | null {
    const values = this.def.keys.map((k) => getPath(doc, k.field))
    if (this.def.sparse && values.every((v) => v === undefined)) return null
    return values.map(keyPart).join('\u0000')
  }

  keyObject(doc: Doc): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const k of this.def.keys) out[k.field] = getPath(doc, k.field) ?? null
    return out
  }
}

/** nedb refuses these keys; reject them up front so that a write never fails half-way. */
export function checkStorable(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkStorable(item, `${path}${i}.`))
    return
  }
  if (value instanceof RegExp) throw invalidParam(`field ${path.slice(0, -1) || '(root)'} cannot store a regular expression`)
  if (value === null || typeof value !== 'object' || value instanceof Date) return
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('$')) throw invalidParam(`field name ${path}${key} cannot start with $`)
    if (key.includes('.')) throw invalidParam(`field name ${path}${key} cannot contain a dot`)
    checkStorable(item, `${path}${key}.`)
  }
}

export interface CollectionOptions {
  filename: string | null
  indexes: IndexDef[]
  compactionIntervalMs: number
}

export class Collection {
  readonly uniques = new Map<string, UniqueIndex>()
  private readonly ordered = new Map<string, OrderedIndex>()
  private readonly lookupFields = new Set<string>(['_id'])
  private appendHandle: Promise<fs.FileHandle> | null = null

  private constructor(
    readonly name: string,
    private readonly ds: Datastore<Doc>
  ) {}

  /**
   * nedb appends each write with fs.appendFile (open, write, close). Same bytes, same order, but through one
   * handle kept open in append mode; dropped whenever nedb compacts (it replaces the file by rename).
   * Writes still resolve only after the data is in the file.
   */
  private keepAppendHandleOpen(filename: string): void {
    const persistence = this.internals.persistence
    persistence.persistNewStateAsync = async (newDocs: Doc[]): Promise<void> => {
      let text = ''
      for (const doc of newDocs) text += nedbModel.serialize(doc) + '\n'
      if (!text) return
      if (!this.appendHandle) {
        const opening = fs.open(filename, 'a')
        this.appendHandle = opening
        opening.catch(() => {
          if (this.appendHandle === opening) this.appendHandle = null
        })
      }
      const handle = await this.appendHandle
      await handle.appendFile(text, 'utf8')
    }
    this.ds.on('compaction.done', () => this.dropAppendHandle())
  }

  private dropAppendHandle(): void {
    const handle = this.appendHandle
    this.appendHandle = null
    if (handle) handle.then((h) => h.close()).catch(() => undefined)
  }

  static async open(name: string, opts: CollectionOptions): Promise<Collection> {
    const ds = new Datastore<Doc>(opts.filename === null ? { inMemoryOnly: true } : { filename: opts.filename, corruptAlertThreshold: 1 })
    await ds.loadDatabaseAsync()
    if (opts.filename !== null && opts.compactionIntervalMs > 0) ds.setAutocompactionInterval(opts.compactionIntervalMs)
    const collection = new Collection(name, ds)
    if (opts.filename !== null) collection.keepAppendHandleOpen(opts.filename)
    for (const def of opts.indexes) await collection.ensureIndex(def)
    return collection
  }

  async close(): Promise<void> {
    this.ds.stopAutocompaction()
    const handle = this.appendHandle
    this.appendHandle = null
    if (handle) await handle.then((h) => h.close()).catch(() => undefined)
  }

  async compact(): Promise<void> {
    await this.ds.compactDatafileAsync()
  }

  private get internals(): NedbInternals {
    return this.ds as unknown as NedbInternals
  }

  /** All documents in natural order (ascending _id). */
  all(): Doc[] {
    return this.ds.getAllData()
  }

  get(id: DocId): Doc | undefined {
    return this.internals.indexes._id.getMatching(id).find((doc) => doc._id === id)
  }

  /** How many documents reads have tested against a query (index scans included), for tests and benches. */
  get examined(): number {
    let n = this.matchExamined
    for (const index of this.ordered.values()) n += index.examined
    return n
  }

  private matchExamined = 0

  /** Documents matching `query`, in natural order; uses an index when the query pins an indexed field. */
  match(query: CompiledQuery): Doc[] {
    const hint =
      query.hints.find((h) => h.field === '_id') ??
      query.hints.find((h) => this.lookupFields.has(h.field) && this.internals.indexes[h.field])
    if (!hint) {
      const all = this.all()
      this.matchExamined += all.length
      return all.filter((doc) => query.test(doc))
    }
    const index = this.internals.indexes[hint.field]
    const seen = new Set<string>()
    const found: Doc[] = []
    for (const value of hint.values) {
      for (const doc of index.getMatching(value)) {
        const key = idKey(doc._id as DocId)
        if (seen.has(key)) continue
        seen.add(key)
        this.matchExamined++
        if (query.test(doc)) found.push(doc)
      }
    }
    if (hint.values.length > 1 || found.length > 1) found.sort((a, b) => compareIds(a._id as DocId, b._id as DocId))
    return found
  }

  /**
   * The first `need` documents matching `query` sorted by `order`, read in order from an index that serves it,
   * or null if none does (the caller then sorts every match).
   */
  scanOrdered(query: CompiledQuery, order: Record<string, 1 | -1>, need: number): Doc[] | null {
    const sortKeys = Object.entries(order)
    let best: { index: OrderedIndex; plan: ScanPlan } | null = null
    for (const index of this.ordered.values()) {
      const plan = index.plan(query, sortKeys)
      if (plan && (!best || plan.prefix.length > best.plan.prefix.length)) best = { index, plan }
    }
    if (!best) return null
    return best.index.scan(query, best.plan, sortKeys.length, need)
  }

  async ensureIndex(def: IndexDef): Promise<void> {
    if (!def.keys.length) throw invalidParam(`index ${def.name} has no keys`)
    const first = def.keys[0].field
    if (first !== '_id' && !this.lookupFields.has(first)) {
      await this.ds.ensureIndexAsync({ fieldName: first })
      this.lookupFields.add(first)
    }
    if (first !== '_id') {
      const ordered = new OrderedIndex(def)
      ordered.rebuild(this.all())
      this.ordered.set(def.name, ordered)
    }
    if (!def.unique) {
      this.uniques.delete(def.name)
      return
    }
    const index = new UniqueIndex(def)
    for (const doc of this.all()) {
      const key = index.keyOf(doc)
      if (key === null) continue
      if (index.entries.has(key)) throw duplicateKeyError(this.name, def.name, index.keyObject(doc))
      index.entries.set(key, idKey(doc._id as DocId))
    }
    this.uniques.set(def.name, index)
  }

  /**
   * Applies changes that the caller has already validated (ids and unique keys). Inserts go to the file in
   * one append; each replace/remove is one append.
   */
  async apply(ops: WriteOp[]): Promise<void> {
    const inserts = ops.filter((op) => op.before === null && op.after !== null).map((op) => op.after as Doc)
    try {
      if (inserts.length === 1) await this.ds.insertAsync(inserts[0])
      else if (inserts.length > 1) await this.ds.insertAsync(inserts)
      for (const op of ops) {
        if (op.before === null) continue
        if (op.after !== null) await this.ds.updateAsync({ _id: op.id }, op.after, {})
        else await this.ds.removeAsync({ _id: op.id }, {})
      }
    } catch (err) {
      this.rebuildUniques()
      for (const index of this.ordered.values()) index.rebuild(this.all())
      throw err
    }
    for (const index of this.ordered.values()) {
      for (const op of ops) if (op.before) index.delete(op.before)
      for (const op of ops) {
        const stored = op.after ? this.get(op.id) : undefined
        if (stored) index.add(stored)
      }
    }
    for (const index of this.uniques.values()) {
      for (const op of ops) {
        if (!op.before) continue
        const key = index.keyOf(op.before)
        if (key !== null && index.entries.get(key) === idKey(op.id)) index.entries.delete(key)
      }
      for (const op of ops) {
        if (!op.after) continue
        const key = index.keyOf(op.after)
        if (key !== null) index.entries.set(key, idKey(op.id))
      }
    }
  }

  private rebuildUniques(): void {
    for (const index of this.uniques.values()) {
      index.entries.clear()
      for (const doc of this.all()) {
        const key = index.keyOf(doc)
        if (key !== null && isDocId(doc._id)) index.entries.set(key, idKey(doc._id))
      }
    }
  }
}
