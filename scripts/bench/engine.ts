/**
 * The embedded engine's throughput through the real SDK (`@cloudbase/node-sdk` → requester → engine), on an
 * on-disk data dir in a temp folder. `npx tsx scripts/bench/engine.ts` prints the figures.
 */
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { db, setDatabaseRequester } from '../../cloudfunctions/common/db'
import { Engine } from '../../cloudfunctions/local/engine'

export interface EngineBench {
  insertsPerSec: number
  indexedQueriesPerSec: number
  conditionalUpdatesPerSec: number
  roundTripsPerConditionalUpdate: number
  /**
   * CPU time (µs, this process) per indexed query and per conditional update: steadier than the rates on a
   * machine shared with other work, and what the engine's own cost per request is.
   */
  cpuMicrosPerIndexedQuery: number
  cpuMicrosPerConditionalUpdate: number
}

function cpuMicros(startedAt: NodeJS.CpuUsage, count: number): number {
  const d = process.cpuUsage(startedAt)
  return (d.user + d.system) / count
}

function perSec(count: number, startedAt: bigint): number {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9
  return count / seconds
}

/** `n`: how many inserts, queries and conditional updates to time (default 2000). The query collection has 10k docs. */
export async function benchEngine(opts: { n?: number } = {}): Promise<EngineBench> {
  const n = opts.n ?? 2000
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-bench-'))
  const engine = await Engine.open({ dataDir })
  try {
    await engine.ensureIndexes({
      collections: [
        {
          name: 'bench_slots',
          indexes: [
            {
              name: 'doctor_day',
              keys: [
                { field: 'doctorId', direction: 1 },
                { field: 'day', direction: 1 }
              ]
            }
          ]
        }
      ]
    })
    setDatabaseRequester(engine.requesterClass())
    const database = db()
    const _ = database.command

    // Sequential adds of small documents.
    let started = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await database.collection('bench_inserts').add({ i, name: `patient ${i}`, at: new Date() })
    const insertsPerSec = perSec(n, started)

    // where({ indexedField }).get() on a 10k-document collection (10 matches per doctor).
    const docs = Array.from({ length: 10_000 }, (_unused, i) => ({
      doctorId: `d${i % 1000}`,
      day: `2024-06-${String(1 + (i % 28)).padStart(2, '0')}`,
      remaining: 20
    }))
    for (let i = 0; i < docs.length; i += 500) await database.collection('bench_slots').add(docs.slice(i, i + 500))
    started = process.hrtime.bigint()
    let cpu = process.cpuUsage()
    for (let i = 0; i < n; i++)
      await database
        .collection('bench_slots')
        .where({ doctorId: `d${(i * 7) % 1000}` })
        .get()
    const indexedQueriesPerSec = perSec(n, started)
    const cpuMicrosPerIndexedQuery = cpuMicros(cpu, n)

    // The booking pattern: decrement a slot's remaining count only if some is left.
    const { ids } = await database.collection('bench_quota').add(Array.from({ length: 100 }, () => ({ remaining: 2 * n })))
    const slotIds = ids as string[]
    // As many untimed first, so that V8 has optimized the path (the booking burst is timed warm too).
    for (let i = 0; i < n; i++) {
      await database
        .collection('bench_quota')
        .where({ _id: slotIds[i % slotIds.length], remaining: _.gt(0) })
        .update({ remaining: _.inc(-1) })
    }
    engine.resetRoundTrips()
    started = process.hrtime.bigint()
    cpu = process.cpuUsage()
    for (let i = 0; i < n; i++) {
      await database
        .collection('bench_quota')
        .where({ _id: slotIds[i % slotIds.length], remaining: _.gt(0) })
        .update({ remaining: _.inc(-1) })
    }
    const conditionalUpdatesPerSec = perSec(n, started)
    const cpuMicrosPerConditionalUpdate = cpuMicros(cpu, n)
    const roundTripsPerConditionalUpdate = engine.roundTrips / n

    return {
      insertsPerSec,
      indexedQueriesPerSec,
      conditionalUpdatesPerSec,
      roundTripsPerConditionalUpdate,
      cpuMicrosPerIndexedQuery,
      cpuMicrosPerConditionalUpdate
    }
  } finally {
    setDatabaseRequester(undefined)
    await engine.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  benchEngine()
    .then((r) => {
      console.log(`inserts/s                     ${r.insertsPerSec.toFixed(0)}`)
      console.log(`indexed queries/s (10k docs)  ${r.indexedQueriesPerSec.toFixed(0)}`)
      console.log(`conditional updates/s         ${r.conditionalUpdatesPerSec.toFixed(0)}`)
      console.log(`round trips per cond. update  ${r.roundTripsPerConditionalUpdate}`)
      console.log(`CPU µs per indexed query      ${r.cpuMicrosPerIndexedQuery.toFixed(0)}`)
      console.log(`CPU µs per cond. update       ${r.cpuMicrosPerConditionalUpdate.toFixed(0)}`)
    })
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
