/**
 * Reads by id that callers running at the same moment share: at release time hundreds of calls each
 * read the caller's account, the same session and their own booking state within a millisecond.
 * A loader collects the ids asked for while the function instance works through what has arrived
 * (until the event loop's next check phase) and reads them in one query, `_id in [...]`.
 *
 * Nothing is remembered between batches: callers asking for the same id while a batch gathers share
 * one entry, and the batch forgets them all as it is sent. A batch is sent only after every caller in
 * it asked, so each still reads the database as it stands after its call arrived, as its own read
 * would have. The documents handed out are the SDK's parsed objects, shared by the callers of one
 * batch: read them, never change them. In the cloud an instance serving one call at a time makes
 * batches of one, and the only cost is that one turn of the event loop.
 */
import DataLoader from 'dataloader'
import { db } from './db'
import { byId, collection } from './typed'

/** The SDK's default page is 100 documents; a batch never asks for more. */
const MAX_BATCH = 100

// Taken when this module loads, so that a test's fake timers cannot hold a batch back.
const nextCheckPhase = setImmediate

export type SharedById<T> = (id: string) => Promise<T | undefined>

export function sharedById<T extends { _id: string }>(name: string): SharedById<T> {
  const loader: DataLoader<string, T | undefined> = new DataLoader<string, T | undefined>(
    async (ids) => {
      // Whoever asks from now on waits for the next batch.
      loader.clearAll()
      if (ids.length === 1) return [await byId<T>(name, ids[0])]
      const res = await collection<T>(name)
        .where({ _id: db().command.in([...ids]) })
        .limit(ids.length)
        .get()
      const found = new Map(res.data.map((doc) => [doc._id, doc]))
      return ids.map((id) => found.get(id))
    },
    { maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => nextCheckPhase(run) }
  )
  return (id) => loader.load(id)
}
