/**
 * A maintained count of documents per status, for consoles that show a count on every status tab
 * (护理部's board). Counting a history status (已完成, 已评价…) by reading it grows with the history;
 * this count is one document read. It is kept exact by the writers: `transition` moves one from the
 * old status to the new in the move's own transaction, and whoever inserts a counted document
 * counts it in the insert's transaction (`countInsertIn`). `repairStatusCounts` derives it again
 * (recovery), conditional on no move having happened while it counted.
 */
import { db, firstDoc, type Transaction } from './db'
import { isDuplicateKeyError } from './errors'

export const STATUS_COUNTS = 'status_counts'

/** The collections whose statuses are counted; the count document's id is the collection's name. */
export const COUNTED_COLLECTIONS: ReadonlySet<string> = new Set(['nursing_requests'])

/** The stored shape: `v` changes with every counted write, so a repair can tell it raced one. */
export type StatusCountsDoc = { _id: string; v: number } & Record<string, number>

const isCounted = (collection: string) => COUNTED_COLLECTIONS.has(collection)

/** One document moved from `from` to `to`, inside the move's transaction. */
export async function countMoveIn(tx: Transaction, collection: string, from: string, to: string): Promise<void> {
  if (!isCounted(collection) || from === to) return
  const _ = db().command
  await tx
    .collection(STATUS_COUNTS)
    .doc(collection)
    .update({ [from]: _.inc(-1), [to]: _.inc(1), v: _.inc(1) })
}

/** A new document in `status`, inside the insert's transaction. */
export async function countInsertIn(tx: Transaction, collection: string, status: string): Promise<void> {
  if (!isCounted(collection)) return
  const _ = db().command
  await tx
    .collection(STATUS_COUNTS)
    .doc(collection)
    .update({ [status]: _.inc(1), v: _.inc(1) })
}

/** Every status counted by reading the collection: one group-by, used to start and to repair the count. */
async function countByReading(collection: string): Promise<Record<string, number>> {
  const _ = db().command
  const res = await db()
    .collection(collection)
    .aggregate()
    .group({ _id: '$status', n: _.aggregate.sum(1) })
    .end()
  return Object.fromEntries((res.data as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]))
}

/**
 * The count of each status, one read. The first read ever (no count document yet) counts by reading
 * and stores the result; writes made before then found no document to change and are in that count.
 */
export async function statusCounts(collection: string): Promise<Record<string, number>> {
  const res = await db().collection(STATUS_COUNTS).doc(collection).get()
  const doc = firstDoc<StatusCountsDoc>(res)
  if (doc) {
    const { _id: _unusedId, v: _unusedV, ...counts } = doc
    return counts
  }
  const counts = await countByReading(collection)
  try {
    await db()
      .collection(STATUS_COUNTS)
      .add({ _id: collection, v: 0, ...counts })
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
  return counts
}

/**
 * Derives the counts again from the documents and stores them if they differ, unless a counted write
 * happened meanwhile (then the next pass does it). Answers how many statuses it corrected.
 */
export async function repairStatusCounts(): Promise<number> {
  let fixed = 0
  for (const collection of COUNTED_COLLECTIONS) {
    const seen = firstDoc<StatusCountsDoc>(await db().collection(STATUS_COUNTS).doc(collection).get())
    if (!seen) continue // the first board read counts it
    const counts = await countByReading(collection)
    const { _id: _unusedId, v, ...stored } = seen
    const wrong = [...new Set([...Object.keys(stored), ...Object.keys(counts)])].filter((s) => (stored[s] ?? 0) !== (counts[s] ?? 0))
    if (!wrong.length) continue
    const res = await db()
      .collection(STATUS_COUNTS)
      .where({ _id: collection, v })
      .update(Object.fromEntries(wrong.map((s) => [s, counts[s] ?? 0])))
    if (res.updated) fixed += wrong.length
  }
  return fixed
}
