/**
 * 护理部's board under load: one tab through the real `nursing.board` action (router, caller lookup,
 * the page, the count of every tab from the maintained count per status, open alarms) with 1,000
 * and then 100,000 requests in the collection. Requests are inserted in batches straight through
 * the SDK, outside the timed part, copied from a seeded demo request; being outside the workflow,
 * they are then counted by the repair (as recovery would), which is timed too.
 *
 * Shaped like a county nursing department's: a working set of about a hundred requests (a handful
 * of nurses make a bounded number of visits a day) and a history that grows (completed, rated,
 * cancelled, rejected). `npx tsx scripts/bench/nursing.ts` prints the figures.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../cloudfunctions/common/db'
import { repairStatusCounts } from '../../cloudfunctions/common/status-counts'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { Engine } from '../../cloudfunctions/local/engine'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import { demoNursingId } from '../../cloudfunctions/local/seed-nursing'
import { contextFor } from '../../cloudfunctions/local/session'
import { REQUESTS, freeSlot, nurseSlotKey, type RequestDoc } from '../../cloudfunctions/nursing/docs'
import { BOARD_STATUSES, type NursingStatus } from '../../types/nursing'
import { openSeededEngine } from './seeded'
import { time } from './timing'

const WORKING: Array<[NursingStatus, number]> = [
  ['submitted', 40],
  ['assessed', 15],
  ['assigned', 15],
  ['accepted', 10],
  ['en_route', 6],
  ['arrived', 4],
  ['in_service', 4]
]
const WORKING_SIZE = WORKING.reduce((n, [, c]) => n + c, 0)
const BATCH = 1000

export interface BoardFigures {
  requests: number
  /** Median ms of one `board` call for the 待评估 tab (page + counts + alarms), through the function. */
  boardMs: number
  /** Median ms of one `board` call for the 已完成 tab (the growing history). */
  historyMs: number
  roundTripsPerLoad: number
  /** ms of one repair pass deriving every status's count again by reading the collection. */
  repairMs: number
}

export interface NursingBench {
  small: BoardFigures
  large: BoardFigures
  ratio: number
  historyRatio: number
}

function historyStatus(i: number): NursingStatus {
  const r = i % 20
  return r === 0 ? 'rejected' : r < 3 ? 'cancelled' : r < 10 ? 'completed' : 'rated'
}

async function insert(template: RequestDoc, from: number, to: number, statusOf: (i: number) => NursingStatus, base: number) {
  const nurse = template.nurseAccountId
  for (let i = from; i < to; i += BATCH) {
    const docs = []
    for (let j = i; j < Math.min(to, i + BATCH); j++) {
      const status = statusOf(j)
      const _id = `nr_bench_${j}`
      const createdAt = new Date(base - j * 60_000).toISOString()
      const assigned = !['submitted', 'assessed', 'rejected', 'cancelled'].includes(status)
      const { _id: _ignored, ...rest } = template
      docs.push({
        ...rest,
        _id,
        requestNo: `HLB${String(j).padStart(10, '0')}`,
        status,
        riskRank: status === 'submitted' ? 0 : 1 + (j % 3),
        nurseAccountId: assigned ? nurse : null,
        // A bench nurse per visit keeps the unique slot rule out of the way.
        nurseSlot: assigned ? nurseSlotKey(`${nurse}_${j}`, template.date, template.window.start) : freeSlot(_id),
        createdAt,
        updatedAt: createdAt
      })
    }
    await db().collection(REQUESTS).add(docs)
  }
}

async function measure(engine: Engine, requests: number, runs: number): Promise<BoardFigures> {
  const load = async (status: NursingStatus) => {
    const res = await cloudFunctions.nursing.main(
      { action: 'board', data: { status } },
      contextFor(demoOpenid('dispatcher'), 'nursing', randomUUID())
    )
    if (!res.ok) throw new Error(`board failed: ${res.error.message}`)
    return res
  }
  const boardMs = await time(runs, () => load('submitted'), 30)
  const historyMs = await time(runs, () => load('completed'), 30)
  engine.resetRoundTrips()
  await load('submitted')
  const roundTripsPerLoad = engine.roundTrips
  // After the timed part (its reading of every request would weigh on the timings through the
  // garbage collector): the requests inserted outside the workflow counted again, then checked.
  const started = performance.now()
  await repairStatusCounts()
  const repairMs = performance.now() - started
  const { counts } = (await load('submitted')).data as { counts: Record<string, number> }
  const total = Object.values(counts).reduce((n, c) => n + c, 0)
  if (total !== requests) throw new Error(`the tabs count ${total} requests of ${requests}`)
  return { requests, boardMs, historyMs, roundTripsPerLoad, repairMs }
}

export async function benchNursing(opts: { small?: number; large?: number; runs?: number } = {}): Promise<NursingBench> {
  const small = opts.small ?? 1_000
  const large = opts.large ?? 100_000
  const runs = opts.runs ?? 20
  const { engine, close } = await openSeededEngine('nursing')
  try {
    const template = (await db().collection(REQUESTS).doc(demoNursingId('done')).get()).data[0] as RequestDoc
    await db()
      .collection(REQUESTS)
      .where({ status: db().command.exists(true) })
      .remove()
    const base = Date.now()
    const working = WORKING.flatMap(([s, n]) => Array.from({ length: n }, () => s))
    await insert(template, 0, WORKING_SIZE, (i) => working[i], base)
    await insert(template, WORKING_SIZE, small, historyStatus, base)
    const a = await measure(engine, small, runs)
    await insert(template, small, large, historyStatus, base)
    const b = await measure(engine, large, runs)
    return { small: a, large: b, ratio: b.boardMs / a.boardMs, historyRatio: b.historyMs / a.historyMs }
  } finally {
    await close()
  }
}

export function printNursing(r: NursingBench): void {
  const row = (f: BoardFigures) =>
    `${String(f.requests).padStart(7)} requests   board (待评估) ${f.boardMs.toFixed(2).padStart(7)} ms   ` +
    `board (已完成) ${f.historyMs.toFixed(2).padStart(7)} ms   repair of the counts ${f.repairMs.toFixed(0).padStart(5)} ms`
  console.log(
    `working set ${WORKING_SIZE} requests; the rest is history (completed/rated/cancelled/rejected); ${BOARD_STATUSES.length} tabs`
  )
  console.log(row(r.small))
  console.log(row(r.large))
  console.log(
    `ratio 100k/1k   board ${r.ratio.toFixed(2)}   history tab ${r.historyRatio.toFixed(2)}   (target < 2)  ` +
      `${Math.max(r.ratio, r.historyRatio) < 2 ? 'OK' : 'OVER TARGET'}`
  )
  console.log(
    `round trips per board load ${r.large.roundTripsPerLoad} (caller lookup, page, the maintained count of every tab, open alarms, audit; ` +
      `nurse names too on tabs with a nurse; was 15 with a count per tab)`
  )
}

if (require.main === module) {
  benchNursing()
    .then(printNursing)
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
