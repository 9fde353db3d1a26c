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

export interface UpdateOutcome {
  doc: Doc
  modified: boolean
}

/** Applies an update to a copy of `doc`. `inserting` enables `$setOnInsert` (upsert creating a document). */
export function applyUpdate(doc: Doc, spec: Doc, inserting: boolean): UpdateOutcome {
  const normalized = normalizeUpdate(spec)
  const next = structuredClone(doc)
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
  const next: Doc = { _id: existing._id, ...structuredClone(replacement) }
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
