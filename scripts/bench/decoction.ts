/**
 * The pharmacy queue under load: one page of one status through the real `decoction.queue` action
 * (router, caller lookup, audit, the page and the counts) with 1,000 and then 100,000 orders in the
 * collection. Orders are inserted in batches straight through the SDK, outside the timed part.
 *
 * The collection is shaped like a decoction room's: a working queue of a few hundred orders (the
 * room decocts a bounded number a day) and a history that grows (delivered, cancelled, rejected).
 * The history page is timed too (the listed status itself grows with the collection), and then every
 * status page once more: each must stay under twice its cost at 1,000 orders, which the engine's ordered
 * scan of the (status, createdAt) index gives. `npx tsx scripts/bench/decoction.ts` prints the figures.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../cloudfunctions/common/db'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { Engine } from '../../cloudfunctions/local/engine'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import { contextFor } from '../../cloudfunctions/local/session'
import type { OrderStatus } from '../../types/decoction'
import { holdKey, searchKeysOf } from '../../types/decoction-rules'
import { parseHerbList } from '../../types/decoction-herbs'
import { openSeededEngine } from './seeded'
import { time } from './timing'

/** The working queue: the same few hundred orders whatever the history holds. */
const QUEUE: Array<[OrderStatus, number]> = [
  ['submitted', 120],
  ['reviewed', 40],
  ['dispensing', 30],
  ['soaking', 20],
  ['decocting', 30],
  ['packed', 20],
  ['shipped', 30],
  ['ready_for_pickup', 10]
]
const QUEUE_SIZE = QUEUE.reduce((n, [, c]) => n + c, 0)
const ALL_STATUSES: OrderStatus[] = [...QUEUE.map(([s]) => s), 'delivered', 'cancelled', 'rejected']
const BATCH = 1000

const THIRTY_HERBS =
  '黄芪 党参 白术 茯苓 甘草 当归 川芎 白芍 熟地 桂枝 柴胡 黄芩 半夏 陈皮 枳壳 厚朴 木香 砂仁 香附 郁金 丹参 红花 桃仁 赤芍 牛膝 杜仲 续断 桑寄生 独活 防风'
    .split(' ')
    .map((n, i) => `${n} ${(i % 5) + 6}g${n === '砂仁' ? ' 后下' : ''}`)
    .join('\n')

export interface QueueFigures {
  orders: number
  /** Median ms of one `queue` call for `submitted` (page of 20 + counts), through the function. */
  pageMs: number
  /** Median ms of the page query alone, through the SDK. */
  queryMs: number
  /** Median ms of one `queue` call for `delivered` (the growing history). */
  historyMs: number
  /** Median ms of the history page query alone (`delivered`, newest first), through the SDK. */
  historyQueryMs: number
  /** Median ms of one `queue` call for every status, working and history. */
  statusMs: Record<string, number>
  roundTripsPerListing: number
}

export interface DecoctionBench {
  small: QueueFigures
  large: QueueFigures
  /** Median ms to parse a thirty-herb list (the prescription form parses as the pharmacist types). */
  herbParseMs: number
  ratio: number
  queryRatio: number
  historyRatio: number
  historyQueryRatio: number
  /** The status whose page grows most from 1,000 to 100,000 orders, and by how much. */
  worst: { status: string; ratio: number }
}

function order(i: number, status: OrderStatus, base: number) {
  const createdAt = new Date(base - i * 60_000).toISOString()
  const keys = {
    orderNo: `B${String(i).padStart(12, '0')}`,
    patientName: '王秀英',
    patientPhone: `138${String(i % 1e8).padStart(8, '0')}`,
    contactName: '王秀英',
    contactPhone: '13800000000'
  }
  return {
    ...keys,
    prescriptionId: `rx_${i}`,
    rxNo: `RXB${i}`,
    profileId: `p_${i % 5000}`,
    accountId: `acc_${i % 5000}`,
    delivery: i % 3 === 0 ? 'pickup' : 'courier',
    address: i % 3 === 0 ? null : { region: '济南市济阳区', detail: `济北街道${i % 300}号` },
    doses: 7,
    packsPerDose: 2,
    mlPerPack: 200,
    handlings: i % 4 === 0 ? ['先煎'] : [],
    status,
    holdKey: holdKey(`rx_${i}`),
    searchKeys: searchKeysOf(keys),
    createdAt,
    updatedAt: createdAt,
    ...(status === 'soaking' ? { soakStartedAt: new Date(base - (i % 60) * 60_000).toISOString() } : {})
  }
}

function historyStatus(i: number): OrderStatus {
  const r = i % 50
  return r === 0 ? 'rejected' : r < 3 ? 'cancelled' : 'delivered'
}

async function insert(from: number, to: number, statusOf: (i: number) => OrderStatus, base: number): Promise<void> {
  for (let i = from; i < to; i += BATCH) {
    const docs = []
    for (let j = i; j < Math.min(to, i + BATCH); j++) docs.push(order(j, statusOf(j), base))
    await db().collection('decoction_orders').add(docs)
  }
}

async function measure(engine: Engine, orders: number, runs: number): Promise<QueueFigures> {
  const fn = cloudFunctions.decoction
  const listing = async (status: OrderStatus) => {
    const res = await fn.main({ action: 'queue', data: { status } }, contextFor(demoOpenid('pharmacist'), 'decoction', randomUUID()))
    if (!res.ok) throw new Error(`queue failed: ${res.error.message}`)
    return res
  }
  const pageMs = await time(runs, () => listing('submitted'))
  const queryMs = await time(runs, () =>
    db().collection('decoction_orders').where({ status: 'submitted' }).orderBy('createdAt', 'desc').limit(21).get()
  )
  const historyMs = await time(runs, () => listing('delivered'))
  const historyQueryMs = await time(runs, () =>
    db().collection('decoction_orders').where({ status: 'delivered' }).orderBy('createdAt', 'desc').limit(21).get()
  )
  const statusMs: Record<string, number> = {}
  for (const status of ALL_STATUSES) statusMs[status] = await time(Math.max(5, Math.floor(runs / 3)), () => listing(status))
  engine.resetRoundTrips()
  await listing('submitted')
  return { orders, pageMs, queryMs, historyMs, historyQueryMs, statusMs, roundTripsPerListing: engine.roundTrips }
}

export async function benchDecoction(opts: { small?: number; large?: number; runs?: number } = {}): Promise<DecoctionBench> {
  const small = opts.small ?? 1_000
  const large = opts.large ?? 100_000
  const runs = opts.runs ?? 30
  const { engine, close } = await openSeededEngine('decoction')
  try {
    await db()
      .collection('decoction_orders')
      .where({ status: db().command.exists(true) })
      .remove()
    const base = Date.now()
    const queueStatus = QUEUE.flatMap(([s, n]) => Array.from({ length: n }, () => s))
    await insert(0, QUEUE_SIZE, (i) => queueStatus[i], base)
    await insert(QUEUE_SIZE, small, historyStatus, base)
    const a = await measure(engine, small, runs)
    await insert(small, large, historyStatus, base)
    const b = await measure(engine, large, runs)
    let worst = { status: '', ratio: 0 }
    for (const status of ALL_STATUSES) {
      const ratio = b.statusMs[status] / a.statusMs[status]
      if (ratio > worst.ratio) worst = { status, ratio }
    }
    return {
      small: a,
      large: b,
      ratio: b.pageMs / a.pageMs,
      queryRatio: b.queryMs / a.queryMs,
      historyRatio: b.historyMs / a.historyMs,
      historyQueryRatio: b.historyQueryMs / a.historyQueryMs,
      worst,
      herbParseMs: await time(200, async () => parseHerbList(THIRTY_HERBS), 50)
    }
  } finally {
    await close()
  }
}

export function printDecoction(r: DecoctionBench): void {
  const row = (f: QueueFigures) =>
    `${String(f.orders).padStart(7)} orders   queue page ${f.pageMs.toFixed(2).padStart(7)} ms   query ${f.queryMs.toFixed(2).padStart(6)} ms   ` +
    `history page ${f.historyMs.toFixed(2).padStart(7)} ms   query ${f.historyQueryMs.toFixed(2).padStart(6)} ms`
  console.log(`working queue ${QUEUE_SIZE} orders; the rest is history (delivered/cancelled/rejected)`)
  console.log(row(r.small))
  console.log(row(r.large))
  console.log(
    `ratio 100k/1k   queue page ${r.ratio.toFixed(2)}   query ${r.queryRatio.toFixed(2)}   ` +
      `history page ${r.historyRatio.toFixed(2)}   query ${r.historyQueryRatio.toFixed(2)}   (target < 2)`
  )
  console.log(
    `every status page, ratio 100k/1k: ${Object.keys(r.small.statusMs)
      .map((s) => `${s} ${(r.large.statusMs[s] / r.small.statusMs[s]).toFixed(2)}`)
      .join(', ')}`
  )
  console.log(`worst status page ratio    ${r.worst.ratio.toFixed(2)} (${r.worst.status})  ${r.worst.ratio < 2 ? 'OK' : 'OVER TARGET'}`)
  console.log(
    `round trips per listing    ${r.large.roundTripsPerListing} (caller lookup, page, overdue count, ${QUEUE.length} status counts, audit)`
  )
  console.log(
    `herb list parse, 30 lines  ${r.herbParseMs.toFixed(3)} ms  (target < 16, one frame)  ${r.herbParseMs < 16 ? 'OK' : 'OVER TARGET'}`
  )
}

if (require.main === module) {
  benchDecoction()
    .then(printDecoction)
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
