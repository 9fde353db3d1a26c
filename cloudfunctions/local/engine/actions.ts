/**
 * The wire actions `@cloudbase/database@1.4.3` sends, their parameters, and the reply shapes its callers read:
 * get → `data.list` (EJSON strings), count → `data.total`, add → `data.insertedIds`, update/set →
 * `data.updated` + `data.upsert_id`, remove → `data.deleted`, aggregate → `data.list`, startTransaction →
 * top-level `transactionId`. Errors are `{ code, message, requestId }`, as CloudBase replies.
 */
import { invalidParam, toWireError, EngineError, ErrorCode } from './errors'
import { parseWire, parseWireObject, replyWire, storedToWire } from './ejson'
import type { Engine } from './engine'
import { randomHex } from './ids'
import type { Doc, DocId, ReadOptions } from './types'

export type Reply = { requestId: string; code?: string; message?: string } & Record<string, unknown>

/** The SDK always sends a limit for where().get(): 100 by default, at most 1000. We enforce the same. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

type Params = Record<string, unknown>

function asParams(params: unknown): Params {
  if (params === undefined || params === null) return {}
  if (typeof params !== 'object' || Array.isArray(params)) throw invalidParam('request parameters must be an object')
  return params as Params
}

function collectionName(p: Params): string {
  if (typeof p.collectionName !== 'string' || !p.collectionName) throw invalidParam('collectionName is required')
  return p.collectionName
}

function wireText(value: unknown, what: string): string {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  throw invalidParam(`${what} must be an EJSON string`)
}

/**
 * Parsed query conditions by their wire text. Callers send the same conditions over and over (a session by
 * id, an account by openid); a parsed condition is never modified, and compileQuery keeps one compiled form
 * per parsed object, so a repeated condition is neither parsed nor compiled again. Conditions holding a server
 * date depend on the time and are not kept.
 */
const parsedQueries = new Map<string, Doc>()
const PARSED_QUERIES_KEPT = 2000

function parseQuery(text: string, now: number, key: string): Doc {
  if (text.includes('$tcb_server_date')) return parseWireObject(text, now, 'query', key)
  const kept = parsedQueries.get(text)
  if (kept) {
    parsedQueries.delete(text)
    parsedQueries.set(text, kept)
    return kept
  }
  const parsed = parseWireObject(text, now, 'query', key)
  parsedQueries.set(text, parsed)
  if (parsedQueries.size > PARSED_QUERIES_KEPT) parsedQueries.delete(parsedQueries.keys().next().value as string)
  return parsed
}

function optionalObject(p: Params, key: string, now: number, mode: 'query' | 'document'): Doc | undefined {
  const value = p[key]
  if (value === undefined || value === null || value === '') return undefined
  if (key === 'query') return parseQuery(wireText(value, key), now, key)
  return parseWireObject(wireText(value, key), now, mode, key)
}

function txIdOf(p: Params): string | undefined {
  return typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : undefined
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback
}

function readOptions(p: Params, now: number): ReadOptions {
  const opts: ReadOptions = {}
  const order = optionalObject(p, 'order', now, 'query')
  if (order) {
    opts.order = {}
    for (const [field, dir] of Object.entries(order)) {
      opts.order[field] = dir === -1 || dir === 'desc' || (typeof dir === 'number' && dir < 0) ? -1 : 1
    }
  }
  if (typeof p.offset === 'number' && p.offset > 0) opts.offset = Math.floor(p.offset)
  if (typeof p.limit === 'number' && p.limit > 0) opts.limit = Math.min(Math.floor(p.limit), MAX_LIMIT)
  else if (p.queryType !== 'DOC') opts.limit = DEFAULT_LIMIT
  const projection = optionalObject(p, 'projection', now, 'query')
  if (projection && Object.keys(projection).length > 0) opts.projection = projection
  return opts
}

function requestId(): string {
  return randomHex(8)
}

async function run(engine: Engine, api: string, p: Params, now: number): Promise<Record<string, unknown>> {
  switch (api) {
    case 'database.getDocument': {
      const docs = await engine.find(collectionName(p), optionalObject(p, 'query', now, 'query'), readOptions(p, now), txIdOf(p))
      return { data: { list: docs.map(storedToWire) } }
    }
    case 'database.calculateDocument': {
      const total = await engine.count(collectionName(p), optionalObject(p, 'query', now, 'query'))
      return { data: { total } }
    }
    case 'database.insertDocument': {
      const raw = Array.isArray(p.data) ? p.data : [p.data]
      const docs = raw.map((item) => parseWireObject(wireText(item, 'data'), now, 'document', 'document'))
      if (docs.length === 0) throw invalidParam('nothing to insert')
      const ids = await engine.insert(collectionName(p), docs, txIdOf(p))
      return { data: { insertedIds: ids } }
    }
    case 'database.modifyDocument': {
      const merge = flag(p.merge, true)
      const data = parseWireObject(wireText(p.data, 'data'), now, merge ? 'query' : 'document', 'data')
      const result = await engine.modify(
        collectionName(p),
        optionalObject(p, 'query', now, 'query'),
        data,
        { multi: flag(p.multi, false), merge, upsert: flag(p.upsert, false) },
        txIdOf(p)
      )
      const out: Record<string, unknown> = { updated: result.updated }
      if (result.upsertId !== undefined) out.upsert_id = result.upsertId
      return { data: out }
    }
    case 'database.modifyAndReturnDoc': {
      const data = parseWireObject(wireText(p.data, 'data'), now, 'query', 'data')
      const result = await engine.modify(
        collectionName(p),
        optionalObject(p, 'query', now, 'query'),
        data,
        { multi: false, merge: true, upsert: false },
        txIdOf(p)
      )
      return { data: { updated: result.updated, doc: result.doc ? replyWire(result.doc) : null } }
    }
    case 'database.removeDocument': {
      const deleted = await engine.remove(collectionName(p), optionalObject(p, 'query', now, 'query'), flag(p.multi, false), txIdOf(p))
      return { data: { deleted } }
    }
    case 'database.aggregateDocuments': {
      if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array')
      const pipeline = p.stages.map((stage) => {
        const { stageKey, stageValue } = (stage ?? {}) as { stageKey?: unknown; stageValue?: unknown }
        if (typeof stageKey !== 'string') throw invalidParam('each stage needs a stageKey')
        return { [stageKey]: parseWire(wireText(stageValue, 'stageValue'), now, 'query') } as Doc
      })
      const docs = await engine.aggregate(collectionName(p), pipeline)
      return { data: { list: docs.map(replyWire) } }
    }
    case 'database.addCollection': {
      await engine.createCollection(collectionName(p))
      return {}
    }
    case 'database.startTransaction':
      return { transactionId: await engine.startTransaction() }
    case 'database.commitTransaction':
      await engine.commitTransaction(p.transactionId)
      return {}
    case 'database.abortTransaction':
      await engine.abortTransaction(p.transactionId)
      return {}
    // The older transaction API (transaction.ts in the SDK; not wired into Db in 1.4.3, kept for completeness).
    case 'database.getInTransaction': {
      const txId = requireTx(p)
      const docs = await engine.find(collectionName(p), { _id: docIdOf(p) }, {}, txId)
      return { data: replyWire(docs[0] ?? null) }
    }
    case 'database.updateDocInTransaction': {
      const txId = requireTx(p)
      const upsert = flag(p.upsert, false)
      const data = parseWireObject(wireText(p.data, 'data'), now, upsert ? 'document' : 'query', 'data')
      const result = await engine.modify(collectionName(p), { _id: docIdOf(p) }, data, { multi: false, merge: !upsert, upsert }, txId)
      const out: Record<string, unknown> = { updated: result.updated }
      if (result.upsertId !== undefined) out.upserted = JSON.stringify([{ _id: result.upsertId }])
      return out
    }
    case 'database.deleteDocInTransaction': {
      const txId = requireTx(p)
      return { deleted: await engine.remove(collectionName(p), { _id: docIdOf(p) }, false, txId) }
    }
    default:
      throw new EngineError(ErrorCode.INVALID_ACTION, `the local engine does not support ${api}`)
  }
}

function requireTx(p: Params): string {
  const txId = txIdOf(p)
  if (!txId) throw invalidParam('transactionId is required')
  return txId
}

function docIdOf(p: Params): DocId {
  const id = p._id
  if (typeof id === 'string' || typeof id === 'number') return id
  throw invalidParam('_id is required')
}

export async function dispatch(engine: Engine, api: string, params: unknown): Promise<Reply> {
  const id = requestId()
  try {
    const result = await run(engine, api, asParams(params), Date.now())
    return { ...result, requestId: id }
  } catch (err) {
    return { ...toWireError(err), requestId: id }
  }
}
