/**
 * Query evaluation with mingo (MongoDB semantics), plus the equality conditions the engine can answer
 * from an index before filtering.
 */
import { Query, find } from 'mingo'
import { EngineError, ErrorCode } from './errors'
import type { Doc, ReadOptions } from './types'

/** `field` must equal one of `values` (conjunctive with the rest of the query). */
export interface IndexHint {
  field: string
  values: Array<string | number | boolean | Date>
}

export interface CompiledQuery {
  readonly source: Doc
  readonly hints: IndexHint[]
  test(doc: Doc): boolean
}

type Indexable = string | number | boolean | Date

function isIndexable(value: unknown): value is Indexable {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    value instanceof Date
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

function collectHints(query: Doc, out: IndexHint[]): void {
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collectHints(part, out)
      continue
    }
    if (key.startsWith('$')) continue
    if (isIndexable(value)) {
      out.push({ field: key, values: [value] })
    } else if (isPlainObject(value)) {
      if ('$eq' in value && isIndexable(value.$eq)) {
        out.push({ field: key, values: [value.$eq] })
      } else if (Array.isArray(value.$in) && value.$in.length > 0 && value.$in.every(isIndexable)) {
        out.push({ field: key, values: value.$in as Indexable[] })
      }
    }
  }
}

const MATCH_ALL: CompiledQuery = { source: {}, hints: [], test: () => true }

function wrapMingo<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof EngineError) throw err
    throw new EngineError(ErrorCode.DATABASE_INVALID_OPERRATOR, `invalid query: ${(err as Error).message}`)
  }
}

export function compileQuery(query: Doc | undefined): CompiledQuery {
  if (!query || Object.keys(query).length === 0) return MATCH_ALL
  const mingoQuery = wrapMingo(() => new Query(query))
  const hints: IndexHint[] = []
  collectHints(query, hints)
  return {
    source: query,
    hints,
    test: (doc: Doc) => wrapMingo(() => mingoQuery.test(doc))
  }
}

/** Sort, skip, limit and project (MongoDB find semantics: sort before skip/limit, projection last). */
export function applyReadOptions(docs: Doc[], opts: ReadOptions): Doc[] {
  const { order, offset, limit, projection } = opts
  let out = docs
  if (order && Object.keys(order).length > 0 && out.length > 1) {
    const sorted = out
    out = wrapMingo(() => find(sorted, {}).sort(order).all() as Doc[])
  }
  if (offset || (limit !== undefined && limit < out.length)) {
    const start = offset ?? 0
    out = out.slice(start, limit === undefined ? undefined : start + limit)
  }
  if (projection && Object.keys(projection).length > 0) {
    const page = out
    out = wrapMingo(() => find(page, {}, projection).all() as Doc[])
  }
  return out
}
