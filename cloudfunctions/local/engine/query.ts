/**
 * Query evaluation with mingo (MongoDB semantics), plus the equality conditions the engine can answer
 * from an index before filtering.
 */
import { Context, Query } from 'mingo'
import { loadModule } from './load'
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

/**
 * `$elemMatch` as MongoDB (and so CloudBase) evaluates it. mingo's also matches where MongoDB does not: a
 * field condition (`{ name: 'a' }`) against an array of plain values, and a path such as `items.name` whose
 * values, collected across the `items` array, are not arrays themselves. Here the value at the end of the
 * path must be an array; a field condition only matches its object elements, an operator condition
 * (`{ $gte: 2 }`) any element.
 */
const ELEM_MATCH = '$cloudbaseElemMatch'

function isOperatorForm(criteria: Record<string, unknown>): boolean {
  const keys = Object.keys(criteria)
  return keys.length > 0 && keys.every((k) => k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$nor')
}

/** The values at `path` as MongoDB walks it: arrays met on the way are entered element by element. */
function pathValues(value: unknown, parts: string[], at: number, out: unknown[]): void {
  if (at === parts.length) {
    out.push(value)
    return
  }
  const part = parts[at]
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) pathValues(value[Number(part)], parts, at + 1, out)
    for (const item of value) if (isPlainObject(item)) pathValues(item, parts, at, out)
    return
  }
  if (isPlainObject(value) && part in value) pathValues(value[part], parts, at + 1, out)
}

type QueryOptions = NonNullable<ConstructorParameters<typeof Query>[1]>

/**
 * mingo's `Query` is its `QueryImpl` plus, on every construction, a copy of the whole operator registry into a
 * fresh context: most of the cost of a query, paid on every request. The engine compiles with `QueryImpl`
 * directly and one options object built once; every operator is found in the global registry ('mingo/init/system').
 */
const QueryImpl = Object.getPrototypeOf(Query) as typeof Query
const { initOptions } = loadModule('mingo/core') as { initOptions(options: QueryOptions): QueryOptions }

const elemMatch = (selector: string, criteria: unknown, options: QueryOptions) => {
  if (!isPlainObject(criteria)) throw new Error('$elemMatch needs an object')
  const operatorForm = isOperatorForm(criteria)
  const inner = new QueryImpl(operatorForm ? { v: criteria } : criteria, options)
  const parts = selector.split('.')
  return (doc: Doc): boolean => {
    const values: unknown[] = []
    pathValues(doc, parts, 0, values)
    return values.some(
      (value) =>
        Array.isArray(value) && value.some((item) => (operatorForm ? inner.test({ v: item }) : isPlainObject(item) && inner.test(item)))
    )
  }
}

/** Our operators first; every other one from mingo's global registry (filled by 'mingo/init/system'). */
const QUERY_OPTIONS = initOptions({ context: Context.init({ query: { [ELEM_MATCH]: elemMatch } }), useGlobalContext: true } as QueryOptions)

function rewriteOperators(ops: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [op, arg] of Object.entries(ops)) {
    if (op === '$elemMatch' && isPlainObject(arg)) out[ELEM_MATCH] = isOperatorForm(arg) ? rewriteOperators(arg) : rewriteQuery(arg)
    else if (op === '$not' && isPlainObject(arg)) out[op] = rewriteOperators(arg)
    else out[op] = arg
  }
  return out
}

function rewriteQuery(query: Doc): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(query)) {
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
      out[key] = value.map((part) => (isPlainObject(part) ? rewriteQuery(part) : part))
    } else if (!key.startsWith('$') && isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      out[key] = rewriteOperators(value)
    } else {
      out[key] = value
    }
  }
  return out
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

const compiledOf = new WeakMap<Doc, CompiledQuery>()

/** Compiles once per query object (the wire layer hands the same object for a repeated condition). */
export function compileQuery(query: Doc | undefined): CompiledQuery {
  if (!query || Object.keys(query).length === 0) return MATCH_ALL
  let compiled = compiledOf.get(query)
  if (!compiled) {
    compiled = compileFresh(query)
    compiledOf.set(query, compiled)
  }
  return compiled
}

function compileFresh(query: Doc): CompiledQuery {
  // By far the most common read, one document by its id: a plain comparison, without building a mingo query.
  const keys = Object.keys(query)
  if (keys.length === 1 && keys[0] === '_id' && typeof query._id === 'string') {
    const id = query._id
    return { source: query, hints: [{ field: '_id', values: [id] }], test: (doc: Doc) => doc._id === id }
  }
  const mingoQuery = wrapMingo(() => new QueryImpl(rewriteQuery(query), QUERY_OPTIONS))
  const hints: IndexHint[] = []
  collectHints(query, hints)
  return {
    source: query,
    hints,
    test: (doc: Doc) => wrapMingo(() => mingoQuery.test(doc))
  }
}

/** The empty query, for sorting and projecting through mingo's cursor without building a Query each time. */
const EVERYTHING = new QueryImpl({}, QUERY_OPTIONS)

/** Sort, skip, limit and project (MongoDB find semantics: sort before skip/limit, projection last). */
export function applyReadOptions(docs: Doc[], opts: ReadOptions): Doc[] {
  const { order, offset, limit, projection } = opts
  let out = docs
  if (order && Object.keys(order).length > 0 && out.length > 1) {
    const sorted = out
    out = wrapMingo(() => EVERYTHING.find(sorted).sort(order).all() as Doc[])
  }
  if (offset || (limit !== undefined && limit < out.length)) {
    const start = offset ?? 0
    out = out.slice(start, limit === undefined ? undefined : start + limit)
  }
  if (projection && Object.keys(projection).length > 0) {
    const page = out
    out = wrapMingo(() => EVERYTHING.find(page, projection).all() as Doc[])
  }
  return out
}
