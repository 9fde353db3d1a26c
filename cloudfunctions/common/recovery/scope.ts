/**
 * What one recovery pass reads. Every write that can be left half-done stamps its document when it
 * takes a counter (`heldAt` on a session and a patient's booking state, `profileHeldAt` on an
 * account), so only documents stamped since the last completed pass can be wrong. A pass reads those
 * through an index on the stamp, and the first pass, or one after the clock went back, reads them all.
 */
import { db } from '../db'

export interface Scope {
  /** A document stamped more recently than this may have its call still in flight: left alone. */
  graceMs: number
  nowMs: number
  /** Only documents stamped at or after this instant; every document when undefined. */
  since?: string
  /** Stamps of documents the next pass must read again (a repair that met a concurrent change). */
  again: string[]
  /** A document without a stamp met a concurrent change: the next pass reads everything. */
  againAll: boolean
}

const PAGE = 500

/**
 * The documents of `name` matching `where` that a pass looks at, a page at a time: those stamped
 * (`stamp`) since the scope's instant, read in stamp order from its index, or all of them by id.
 */
export async function* candidates<T extends { _id: string }>(
  name: string,
  where: Record<string, unknown>,
  stamp: string,
  scope: Scope,
  /** The fields to read, when not the whole document. */
  fields?: Record<string, true>
): AsyncGenerator<T[]> {
  const _ = db().command
  if (scope.since !== undefined) {
    // Keyset pages in stamp order: a document re-stamped meanwhile moves ahead of the cursor and is
    // read again (harmless), never skipped.
    let from = scope.since
    let sameStamp = 0
    for (;;) {
      const res = await db()
        .collection(name)
        .where({ ...where, [stamp]: _.gte(from) })
        .orderBy(stamp, 'asc')
        .skip(sameStamp)
        .limit(PAGE)
        .field(fields ?? {})
        .get()
      const docs = res.data as T[]
      if (docs.length) yield docs
      if (docs.length < PAGE) return
      const last = String((docs[docs.length - 1] as Record<string, unknown>)[stamp])
      sameStamp = (last === from ? sameStamp : 0) + docs.filter((d) => (d as Record<string, unknown>)[stamp] === last).length
      from = last
    }
  }
  let after = ''
  for (;;) {
    const res = await db()
      .collection(name)
      .where({ ...where, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field(fields ?? {})
      .get()
    const docs = res.data as T[]
    if (docs.length) yield docs
    if (docs.length < PAGE) return
    after = docs[docs.length - 1]._id
  }
}

/** A document stamped within the grace may be mid-call: a later pass looks at it. */
export function settled(stamp: string | undefined, scope: Scope): boolean {
  return !stamp || scope.nowMs - new Date(stamp).getTime() >= scope.graceMs
}

/** A repair matched nothing (the document changed since it was read): the next pass reads it again. */
export function lookAgain(stamp: string | undefined, scope: Scope): void {
  if (stamp) scope.again.push(stamp)
  else scope.againAll = true
}
