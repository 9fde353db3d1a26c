/**
 * The 90-day chart under a growing history: `records.listReadings { days: 90 }` through the real
 * function (router, caller lookup, profile check, settings, enrolments, the bounded query) for 李德福
 * with 100 readings, then with 10,000 (the 100 of the last 90 days plus years of older readings of
 * every kind, inserted straight through the SDK outside the timed part). The (profileId, kind,
 * measuredAt) index keeps the cost with the period's readings, so the ratio should stay under 2.
 * Then the database round trips of one reading saved through `addReading`, its flag and the rule
 * check included, counted at the engine as scripts/bench/booking.ts does.
 * `npx tsx scripts/bench/records.ts` prints the figures.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../cloudfunctions/common/db'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { Engine } from '../../cloudfunctions/local/engine'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import { contextFor } from '../../cloudfunctions/local/session'
import { READINGS, TASKS, type ReadingDoc } from '../../cloudfunctions/records/docs'
import { cstDay, type ReadingKind } from '../../types/records-rules'
import { openSeededEngine } from './seeded'
import { time } from './timing'

const DAY = 86400_000
const BATCH = 1000
const KINDS: ReadingKind[] = ['bp', 'glucose', 'heart_rate', 'weight', 'temperature', 'spo2']

export interface ChartFigures {
  readings: number
  /** Median ms of one listReadings call (bp, 90 days), through the function. */
  chartMs: number
  /** Points the chart got back (the last 90 days' blood pressure). */
  points: number
  roundTripsPerChart: number
}

export interface RecordsBench {
  small: ChartFigures
  large: ChartFigures
  ratio: number
  /** Round trips of one normal reading saved (flag, rule check, write). */
  roundTripsPerReading: number
  /** Round trips of one high reading that, being the third high day in 14, opens a follow-up task. */
  roundTripsPerTaskOpeningReading: number
}

function reading(profileId: string, accountId: string, kind: ReadingKind, at: number, i: number): Omit<ReadingDoc, '_id'> {
  const measuredAt = new Date(at).toISOString()
  const values: Partial<ReadingDoc> =
    kind === 'bp'
      ? { systolic: 118 + (i % 15), diastolic: 72 + (i % 10) }
      : kind === 'glucose'
        ? { value: 5.2 + (i % 8) / 10, context: 'fasting' }
        : { value: { heart_rate: 72, weight: 64, temperature: 36.5, spo2: 97, bp: 0, glucose: 0 }[kind] }
  return {
    profileId,
    accountId,
    kind,
    ...values,
    measuredAt,
    day: cstDay(new Date(at)),
    source: 'self',
    enteredBy: accountId,
    level: 'normal',
    uncontrolled: false,
    createdAt: measuredAt
  } as Omit<ReadingDoc, '_id'>
}

async function insert(docs: Array<Omit<ReadingDoc, '_id'>>): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH)
    await db()
      .collection(READINGS)
      .add(docs.slice(i, i + BATCH))
}

const call = async (action: string, data: unknown) => {
  const res = await cloudFunctions.records.main(
    { action, data, requestId: randomUUID() },
    contextFor(demoOpenid('li_mei'), 'records', randomUUID())
  )
  if (!res.ok) throw new Error(`${action} failed: ${res.error.message}`)
  return res.data as Record<string, unknown>
}

async function measure(engine: Engine, profileId: string, readings: number, runs: number): Promise<ChartFigures> {
  const chart = () => call('listReadings', { profileId, kind: 'bp', days: 90 })
  const chartMs = await time(runs, chart, 5)
  engine.resetRoundTrips()
  const last = await chart()
  return { readings, chartMs, points: (last.readings as unknown[]).length, roundTripsPerChart: engine.roundTrips }
}

export async function benchRecords(opts: { small?: number; large?: number; runs?: number } = {}): Promise<RecordsBench> {
  const small = opts.small ?? 100
  const large = opts.large ?? 10_000
  const runs = opts.runs ?? 30
  const { engine, close } = await openSeededEngine('records')
  try {
    const father = (await db().collection('profiles').where({ name: '李德福' }).limit(1).get()).data[0] as {
      _id: string
      accountId: string
    }
    if (!father) throw new Error('seeded profile 李德福 missing')
    await db().collection(READINGS).where({ profileId: father._id }).remove()
    // The seeded open task would be joined, not opened, by the bench's third high day.
    await db().collection(TASKS).where({ profileId: father._id }).remove()
    const now = Date.now()
    // 100 blood pressure readings over the last 89 days: what the 90-day chart shows in both runs.
    const recent = Array.from({ length: small }, (_, i) =>
      reading(father._id, father.accountId, 'bp', now - 3600_000 - i * ((89 * DAY) / small), i)
    )
    await insert(recent)
    const a = await measure(engine, father._id, small, runs)
    // Then years of older history, every kind, four a day, ending before the 90-day window.
    const older = Array.from({ length: large - small }, (_, i) =>
      reading(father._id, father.accountId, KINDS[i % KINDS.length], now - 91 * DAY - i * (DAY / 4), i)
    )
    await insert(older)
    const b = await measure(engine, father._id, large, runs)

    // One reading saved: a normal one, then high ones on three days so the last opens a task.
    const add = (measure: Record<string, unknown>, at: number) =>
      call('addReading', { profileId: father._id, measure, measuredAt: new Date(at).toISOString() })
    engine.resetRoundTrips()
    await add({ kind: 'bp', systolic: 126, diastolic: 80 }, now - 60_000)
    const roundTripsPerReading = engine.roundTrips
    await add({ kind: 'bp', systolic: 152, diastolic: 96 }, now - 2 * DAY)
    await add({ kind: 'bp', systolic: 154, diastolic: 95 }, now - DAY)
    engine.resetRoundTrips()
    const third = await add({ kind: 'bp', systolic: 156, diastolic: 97 }, now - 120_000)
    const roundTripsPerTaskOpeningReading = engine.roundTrips
    if (!third.taskOpened) throw new Error('the third high day did not open a follow-up task')
    return { small: a, large: b, ratio: b.chartMs / a.chartMs, roundTripsPerReading, roundTripsPerTaskOpeningReading }
  } finally {
    await close()
  }
}

export function printRecords(r: RecordsBench): void {
  const row = (f: ChartFigures) =>
    `${String(f.readings).padStart(6)} readings   90-day chart ${f.chartMs.toFixed(2).padStart(7)} ms   ${f.points} points   ${f.roundTripsPerChart} round trips`
  console.log(row(r.small))
  console.log(row(r.large))
  console.log(`ratio 10,000/100          ${r.ratio.toFixed(2)}  (target < 2)  ${r.ratio < 2 ? 'OK' : 'OVER TARGET'}`)
  console.log(`round trips per reading saved  ${r.roundTripsPerReading}  (a normal one, through addReading: rule check included)`)
  console.log(`round trips per reading that opens a task  ${r.roundTripsPerTaskOpeningReading}  (the third high day in 14)`)
}

if (require.main === module) {
  benchRecords()
    .then(printRecords)
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
