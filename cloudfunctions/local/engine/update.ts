/**
 * Update operators (MongoDB semantics, evaluated by mingo's updater) and document replacement.
 * `$tcb_server_date` values were already resolved to Dates when the update was decoded.
 */
import { update as mingoUpdate } from 'mingo'
type UpdateExpression = Parameters<typeof mingoUpdate>[1]
import { EngineError, ErrorCode, invalidParam } from './errors'
import { toWire } from './ejson'
import type { Doc } from './types'

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert'
])

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

function touchesId(path: string): boolean {
  return path === '_id' || path.startsWith('_id.')
}

/**
 * Groups an update into `{ $op: { path: arg } }`. Plain keys (a raw update without operators) become `$set`.
 * `_.addToSet({ each: [...] })` reaches the wire as `{ each: [...] }` (the SDK does not add the `$`);
 * CloudBase treats it as `$each`, and so do we.
 */
export function normalizeUpdate(spec: Doc): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [key, value] of Object.entries(spec)) {
    if (!key.startsWith('$')) {
      out.$set = { ...(out.$set ?? {}), [key]: value }
      continue
    }
    if (!OPERATORS.has(key)) throw new EngineError(ErrorCode.DATABASE_INVALID_OPERRATOR, `unknown update operator ${key}`)
    if (!isPlainObject(value)) throw invalidParam(`${key} needs an object of field paths`)
    const args: Record<string, unknown> = {}
    for (const [path, arg] of Object.entries(value)) {
      if (touchesId(path) || (key === '$rename' && typeof arg === 'string' && touchesId(arg))) {
        throw invalidParam('不能更新_id的值')
      }
      if (key === '$addToSet' && isPlainObject(arg) && Object.keys(arg).length === 1 && Array.isArray(arg.each)) {
        args[path] = { $each: arg.each }
      } else {
        args[path] = arg
      }
    }
    out[key] = { ...(out[key] ?? {}), ...args }
  }
  return out
}

/**
 * A deep copy of stored data made in this realm. `structuredClone` makes its Dates in the host's realm, which
 * under jest is not the test's: mingo then no longer takes them for Dates, and sorts and groups them apart
 * from equal dates that were never cloned.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T
  if (Array.isArray(value)) return value.map(cloneData) as T
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as unknown as Date).getTime()) as T
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cloneData(v)
  return out as T
}

export interface UpdateOutcome {
  doc: Doc
  modified: boolean
}

/** Applies an update to a copy of `doc`. `inserting` enables `$setOnInsert` (upsert creating a document). */
export function applyUpdate(doc: Doc, spec: Doc, inserting: boolean): UpdateOutcome {
  const normalized = normalizeUpdate(spec)
  const next = cloneData(doc)
  let modified = false
  for (const [op, args] of Object.entries(normalized)) {
    let operator = op
    if (op === '$setOnInsert') {
      if (!inserting) continue
      operator = '$set'
    }
    let paths: string[]
    try {
      paths = mingoUpdate(next, { [operator]: args } as unknown as UpdateExpression)
    } catch (err) {
      throw new EngineError(ErrorCode.DATABASE_REQUEST_FAILED, `update ${operator} failed: ${(err as Error).message}`)
    }
    if (paths.length > 0) modified = true
  }
  if (next._id !== doc._id) throw invalidParam('不能更新_id的值')
  return { doc: next, modified }
}

/** doc().set(): the new content replaces everything but `_id`. */
export function replaceDocument(existing: Doc, replacement: Doc): UpdateOutcome {
  if ('_id' in replacement && replacement._id !== existing._id) throw invalidParam('不能更新_id的值')
  const next: Doc = { _id: existing._id, ...cloneData(replacement) }
  next._id = existing._id
  return { doc: next, modified: toWire(next) !== toWire(existing) }
}

/** The document an upsert starts from: the query's plain equality fields (top level and inside `$and`). */
export function seedFromQuery(query: Doc): Doc {
  const seed: Doc = {}
  const visit = (q: Doc): void => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const part of value) if (isPlainObject(part)) visit(part)
        continue
      }
      if (key.startsWith('$')) continue
      let literal: unknown = value
      if (isPlainObject(value)) {
        const keys = Object.keys(value)
        if (keys.length === 1 && keys[0] === '$eq') literal = value.$eq
        else if (keys.some((k) => k.startsWith('$'))) continue
      }
      if (literal instanceof RegExp) continue
      mingoUpdate(seed, { $set: { [key]: literal } } as unknown as UpdateExpression)
    }
  }
  visit(query)
  return seed
}
