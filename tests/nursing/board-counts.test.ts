/**
 * 护理部's tab counts, history tabs included, on the embedded engine: they follow every move (a
 * submit, an assessment, a rejection, a cancel), stay exact when many moves
 * happen at once, and a count that went wrong (a write from outside the workflow) is derived again
 * by the repair without losing a move made meanwhile.
 */
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { repairStatusCounts } from '../../cloudfunctions/common/status-counts'
import { runRecovery } from '../../cloudfunctions/common/recovery'
import { REQUESTS } from '../../cloudfunctions/nursing/docs'
import { addDays } from '../../types/booking-rules'
import { BOARD_STATUSES } from '../../types/nursing'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { assess, submit } from './helpers'

let b: TestBackend
const TODAY = '2026-12-01'
beforeEach(async () => {
  setNow(new Date(`${TODAY}T09:00:00+08:00`))
  b = await openBackend()
})
afterEach(async () => {
  await b.close()
  setNow(undefined)
})

const tabs = async () => (await b.ok('dispatcher', 'nursing', 'board', { status: 'submitted' })).counts

/** What the tabs should say: the requests counted one by one. */
async function counted(): Promise<Record<string, number>> {
  const res = await db().collection(REQUESTS).limit(1000).get()
  const all = res.data as Array<{ status: string }>
  return Object.fromEntries(BOARD_STATUSES.map((s) => [s, all.filter((r) => r.status === s).length]))
}

test('every tab has a count and it follows each move: submitted, assessed, rejected, cancelled', async () => {
  const start = await tabs()
  expect(Object.keys(start).sort()).toEqual([...BOARD_STATUSES].sort())
  expect(start).toEqual(await counted())

  const a = await submit(b, { date: addDays(TODAY, 2) })
  const c = await submit(b, { date: addDays(TODAY, 2), start: '14:00' })
  expect(await tabs()).toEqual({ ...start, submitted: start.submitted + 2 })
  await assess(b, a.id)
  await b.ok('dispatcher', 'nursing', 'assessRequest', { id: c.id, decision: 'reject', reason: 'aggression' }, rid())
  await b.ok('li_mei', 'nursing', 'cancelRequest', { id: a.id, reason: '父亲住院了' }, rid())
  expect(await tabs()).toEqual({ ...start, rejected: start.rejected + 1, cancelled: start.cancelled + 1 })
  expect(await tabs()).toEqual(await counted())
})

test('many families submitting and 护理部 assessing at once: the counts stay exact', async () => {
  await tabs()
  const families = [
    { family: 'li_mei', patient: '李德福' },
    { family: 'zhang_wei', patient: '张伟' }
  ]
  const made = await Promise.all(
    Array.from({ length: 8 }, (_x, i) =>
      submit(b, { ...families[i % 2], date: addDays(TODAY, 2 + (i % 4)), start: i < 4 ? '10:00' : '14:00' })
    )
  )
  await Promise.all(made.slice(0, 5).map((r) => assess(b, r.id)))
  expect(await tabs()).toEqual(await counted())
})

test('a count gone wrong is derived again by the repair; a move made after it still counts', async () => {
  const right = await tabs()
  // A write from outside the workflow (an import, a hand fix in the console) leaves the count behind.
  await db().collection(REQUESTS).where({ status: 'rated' }).update({ status: 'completed' })
  expect(await tabs()).toEqual(right)
  expect(await repairStatusCounts()).toBe(2)
  const repaired = await tabs()
  expect(repaired).toEqual(await counted())
  expect(repaired.rated).toBe(0)
  expect(await repairStatusCounts()).toBe(0)

  await submit(b, { date: addDays(TODAY, 2) })
  expect(await tabs()).toEqual({ ...repaired, submitted: repaired.submitted + 1 })
})

test('the recovery pass that reads everything puts a wrong count right; a pass over recent changes only leaves it to that one', async () => {
  const right = await tabs()
  expect((await runRecovery()).full).toBe(1) // the first pass has no mark to start from
  await db().collection(REQUESTS).where({ status: 'rated' }).update({ status: 'completed' })
  const recent = await runRecovery()
  expect(recent.full).toBe(0)
  expect(recent.statusCounts).toBe(0)
  expect(await tabs()).toEqual(right)
  const full = await runRecovery({ full: true })
  expect(full.statusCounts).toBe(2)
  expect(await tabs()).toEqual(await counted())
  expect((await tabs()).rated).toBe(0)
  expect(right.rated).toBeGreaterThan(0)
})
