/**
 * Ordered (compound) indexes, so that `where({ status }).orderBy('createdAt', 'desc').limit(20)` reads about 20
 * documents instead of sorting every document of that status. Each index keeps its entries sorted by its keys
 * in their directions, then by _id; values and their order are mingo's own (`resolve`, `compare`), so that a
 * scan yields exactly what sorting the matches with mingo yields, ties included (mingo's sort is stable over
 * natural order, i.e. ascending _id, in both directions).
 *
 * An index with an array value in any of its fields (a multikey index, e.g. search keys) is not used for
 * scans: the order of an array key is not the order mingo sorts it in.
 */
import { compareIds } from './ids'
import { loadModule } from './load'
import type { CompiledQuery } from './query'
import type { Doc, DocId, IndexDef } from './types'

// mingo's own value order and path resolution, the ones its $sort uses ('mingo/util' has no typings this
// project's module resolution can see).
const { compare, resolve } = loadModule('mingo/util') as {
  compare(a: unknown, b: unknown): number
  resolve(obj: object, selector: string): unknown
}

interface Bound {
  value: unknown
  inclusive: boolean
}

export interface ScanPlan {
  prefix: unknown[]
  forward: boolean
  range: { low?: Bound; high?: Bound }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

function isScalarBound(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) || value instanceof Date
}

/** The `$gt`/`$gte`/`$lt`/`$lte` bounds the query puts on `field` (top level and inside `$and`); any one is safe. */
function rangeOf(source: Doc, field: string | undefined): { low?: Bound; high?: Bound } {
  const range: { low?: Bound; high?: Bound } = {}
  if (field === undefined) return range
  const visit = (q: Doc): void => {
    const cond = q[field]
    if (isPlainObject(cond)) {
      for (const [op, value] of Object.entries(cond)) {
        if (!isScalarBound(value)) continue
        if ((op === '$gt' || op === '$gte') && !range.low) range.low = { value, inclusive: op === '$gte' }
        if ((op === '$lt' || op === '$lte') && !range.high) range.high = { value, inclusive: op === '$lte' }
      }
    }
    const and = q.$and
    if (Array.isArray(and)) for (const part of and) if (isPlainObject(part)) visit(part)
  }
  visit(source)
  return range
}

interface Entry {
  values: unknown[]
  doc: Doc
}

function valueAt(doc: Doc, field: string): unknown {
  return resolve(doc, field)
}

export class OrderedIndex {
  readonly fields: string[]
  readonly directions: Array<1 | -1>
  /** Set once any document has an array in an indexed field; the index then serves no scans. */
  multikey = false
  private entries: Entry[] = []
  /** Documents tested against a query by scans of this index, for tests and benches. */
  examined = 0

  constructor(readonly def: IndexDef) {
    this.fields = def.keys.map((k) => k.field)
    this.directions = def.keys.map((k) => (k.direction === -1 ? -1 : 1))
  }

  private valuesOf(doc: Doc): unknown[] {
    const values = this.fields.map((f) => valueAt(doc, f))
    if (values.some((v) => Array.isArray(v))) this.multikey = true
    return values
  }

  /** Index order over the first `n` fields. */
  private compareValues(a: unknown[], b: unknown[], n: number): number {
    for (let i = 0; i < n; i++) {
      const c = compare(a[i], b[i])
      if (c !== 0) return c * this.directions[i]
    }
    return 0
  }

  private compareEntries(a: Entry, b: Entry): number {
    return this.compareValues(a.values, b.values, this.fields.length) || compareIds(a.doc._id as DocId, b.doc._id as DocId)
  }

  /** First position whose entry is not before `probe` (by the first `n` fields; with `after`, not at or before). */
  private bound(values: unknown[], n: number, after: boolean): number {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = this.compareValues(this.entries[mid].values, values, n)
      if (c < 0 || (after && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private position(entry: Entry): number {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.compareEntries(this.entries[mid], entry) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  rebuild(docs: Doc[]): void {
    this.multikey = false
    this.entries = docs.map((doc) => ({ values: this.valuesOf(doc), doc }))
    this.entries.sort((a, b) => this.compareEntries(a, b))
  }

  add(doc: Doc): void {
    const entry = { values: this.valuesOf(doc), doc }
    this.entries.splice(this.position(entry), 0, entry)
  }

  delete(doc: Doc): void {
    const probe = { values: this.fields.map((f) => valueAt(doc, f)), doc }
    let at = this.position(probe)
    // The stored entry is found by id among equal keys (the probe is the same document, so it sorts the same).
    while (at < this.entries.length && this.entries[at].doc._id !== doc._id) at++
    if (at < this.entries.length) this.entries.splice(at, 1)
  }

  /**
   * How this index serves `order` under `query`: the leading fields pinned to one value by the query, then the
   * order fields in sequence, all in the index's directions or all reversed. A range on the first order field
   * (`$gt`, `$gte`, `$lt`, `$lte`) narrows the scan too. Null if the index cannot serve the order.
   */
  plan(query: CompiledQuery, order: Array<[string, 1 | -1]>): ScanPlan | null {
    if (this.multikey || order.length === 0) return null
    const prefix: unknown[] = []
    for (const field of this.fields) {
      const hint = query.hints.find((h) => h.field === field && h.values.length === 1)
      if (!hint) break
      prefix.push(hint.values[0])
    }
    if (prefix.length + order.length > this.fields.length) return null
    let sign = 0
    for (let i = 0; i < order.length; i++) {
      const at = prefix.length + i
      if (this.fields[at] !== order[i][0]) return null
      const s = order[i][1] === this.directions[at] ? 1 : -1
      if (sign === 0) sign = s
      else if (s !== sign) return null
    }
    return { prefix, forward: sign === 1, range: rangeOf(query.source, this.fields[prefix.length]) }
  }

  /**
   * The first `need` documents matching `query` in the order the plan serves. Entries whose order fields are
   * equal form a run, emitted in ascending _id as mingo's stable sort leaves them.
   */
  scan(query: CompiledQuery, plan: ScanPlan, orderFields: number, need: number): Doc[] {
    const p = plan.prefix.length
    let start = this.bound(plan.prefix, p, false)
    let end = this.bound(plan.prefix, p, true)
    // In index order a value bound is a lower or an upper position depending on the field's direction. mingo's
    // $gt/$gte/$lt/$lte only match values of the bound's own type that compare past it, and the index is in
    // mingo's compare order, so no matching document lies outside the narrowed positions.
    const from = (value: unknown, inclusive: boolean) => this.bound([...plan.prefix, value], p + 1, !inclusive)
    const to = (value: unknown, inclusive: boolean) => this.bound([...plan.prefix, value], p + 1, inclusive)
    const { low, high } = plan.range
    const ascending = this.directions[p] === 1
    if (low) {
      if (ascending) start = Math.max(start, from(low.value, low.inclusive))
      else end = Math.min(end, to(low.value, low.inclusive))
    }
    if (high) {
      if (ascending) end = Math.min(end, to(high.value, high.inclusive))
      else start = Math.max(start, from(high.value, high.inclusive))
    }
    const width = p + orderFields
    const out: Doc[] = []
    let run: Doc[] = []
    let runValues: unknown[] | null = null
    const flush = () => {
      if (run.length > 1) run.sort((a, b) => compareIds(a._id as DocId, b._id as DocId))
      for (const doc of run) out.push(doc)
      run = []
    }
    const step = plan.forward ? 1 : -1
    for (let i = plan.forward ? start : end - 1; plan.forward ? i < end : i >= start; i += step) {
      const entry = this.entries[i]
      if (runValues === null || this.compareValues(entry.values, runValues, width) !== 0) {
        flush()
        if (out.length >= need) break
        runValues = entry.values
      }
      this.examined++
      if (query.test(entry.doc)) run.push(entry.doc)
    }
    flush()
    return out.length > need ? out.slice(0, need) : out
  }
}
