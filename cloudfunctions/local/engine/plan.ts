/**
 * Turning one write request into per-document changes against a view of the data (committed data, or a
 * transaction's view of it), and checking those changes against the unique indexes. Pure and synchronous, so
 * that a write is computed and validated without yielding to other writers.
 */
import { checkStorable, type UniqueIndex, type WriteOp } from './collection'
import { duplicateKeyError, invalidParam } from './errors'
import { generateId, idKey, isDocId } from './ids'
import type { CompiledQuery } from './query'
import { applyUpdate, replaceDocument, seedFromQuery } from './update'
import type { Doc, DocId, ModifyOptions, ModifyResult } from './types'

export interface View {
  /** Matching documents in natural order. */
  match(collection: string, query: CompiledQuery): Doc[]
  byId(collection: string, id: DocId): Doc | undefined
  /** The idKey of the document holding `key` in `index`, as this view sees it. */
  uniqueOwner(collection: string, index: UniqueIndex, key: string): string | undefined
}

export interface Plan<R> {
  ops: WriteOp[]
  result: R
}

export function planInsert(view: View, collection: string, docs: Doc[]): Plan<DocId[]> {
  const ops: WriteOp[] = []
  const seen = new Set<string>()
  for (const doc of docs) {
    const rawId = doc._id === undefined ? generateId() : doc._id
    if (!isDocId(rawId)) throw invalidParam('_id must be a string or a number')
    const key = idKey(rawId)
    if (seen.has(key) || view.byId(collection, rawId)) throw duplicateKeyError(collection, '_id_', { _id: rawId })
    seen.add(key)
    const { _id: _ignored, ...rest } = doc
    const after: Doc = { _id: rawId, ...rest }
    checkStorable(after)
    ops.push({ id: rawId, before: null, after })
  }
  return { ops, result: ops.map((op) => op.id) }
}

export function planModify(view: View, collection: string, query: CompiledQuery, data: Doc, opts: ModifyOptions): Plan<ModifyResult> {
  const matches = view.match(collection, query)
  const targets = opts.multi ? matches : matches.slice(0, 1)
  const ops: WriteOp[] = []
  let last: Doc | null = null
  for (const doc of targets) {
    const outcome = opts.merge ? applyUpdate(doc, data, false) : replaceDocument(doc, data)
    last = outcome.doc
    if (!outcome.modified) continue
    checkStorable(outcome.doc)
    ops.push({ id: doc._id as DocId, before: doc, after: outcome.doc })
  }
  // doc().set() counts the document it matched even when the content is the same, as CloudBase answers it;
  // an update counts only the documents it changed.
  const result: ModifyResult = { updated: opts.merge ? ops.length : targets.length, doc: last }
  if (targets.length === 0 && opts.upsert) {
    const seed = seedFromQuery(query.source)
    const built = opts.merge ? applyUpdate(seed, data, true).doc : { ...data }
    const rawId = built._id ?? seed._id ?? generateId()
    if (!isDocId(rawId)) throw invalidParam('_id must be a string or a number')
    if (view.byId(collection, rawId)) throw duplicateKeyError(collection, '_id_', { _id: rawId })
    const { _id: _ignored, ...rest } = built
    const after: Doc = { _id: rawId, ...rest }
    checkStorable(after)
    ops.push({ id: rawId, before: null, after })
    result.upsertId = rawId
    result.doc = after
  }
  return { ops, result }
}

export function planRemove(view: View, collection: string, query: CompiledQuery, multi: boolean): Plan<number> {
  const matches = view.match(collection, query)
  const targets = multi ? matches : matches.slice(0, 1)
  return { ops: targets.map((doc) => ({ id: doc._id as DocId, before: doc, after: null })), result: targets.length }
}

/** Throws the CloudBase duplicate-key error if applying `ops` would break a unique index. */
export function checkUnique(view: View, collection: string, uniques: Iterable<UniqueIndex>, ops: WriteOp[]): void {
  const changed = new Set(ops.map((op) => idKey(op.id)))
  for (const index of uniques) {
    const pending = new Map<string, string>()
    for (const op of ops) {
      if (!op.after) continue
      const key = index.keyOf(op.after)
      if (key === null) continue
      const me = idKey(op.id)
      const other = pending.get(key)
      if (other !== undefined && other !== me) throw duplicateKeyError(collection, index.def.name, index.keyObject(op.after))
      pending.set(key, me)
      const owner = view.uniqueOwner(collection, index, key)
      if (owner !== undefined && owner !== me && !changed.has(owner)) {
        throw duplicateKeyError(collection, index.def.name, index.keyObject(op.after))
      }
    }
  }
}
