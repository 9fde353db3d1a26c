/**
 * Keyset pages for the staff queues (see types/paging.ts): the cursor after a page, from the key of
 * its last row and how many rows shown so far share it.
 */
import type { PageCursor } from '../../types/paging'

export interface RowKey {
  at: string
  rank?: number
}

const sameKey = (a: RowKey, b: RowKey) => a.at === b.at && a.rank === b.rank

/** The cursor after `rows` (this page, in order) when more follow; `from` is the cursor this page began at. */
export function cursorAfter<D>(rows: D[], keyOf: (row: D) => RowKey, from?: PageCursor): PageCursor | undefined {
  if (rows.length === 0) return from
  const last = keyOf(rows[rows.length - 1])
  const here = rows.filter((row) => sameKey(keyOf(row), last)).length
  // A page whose rows all share the key it began at continues that key's run.
  const before = from && sameKey(from, last) ? from.same : 0
  return { at: last.at, ...(last.rank === undefined ? {} : { rank: last.rank }), same: before + here }
}
