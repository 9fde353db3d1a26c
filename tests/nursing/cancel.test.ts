/**
 * The family's cancel at its edges, on the embedded engine: 4 hours and a minute before the window
 * vs 4 hours less a minute, once the nurse has set out, after arrival; and another family's request.
 */
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { addDays } from '../../types/booking-rules'
import type { RequestDetail } from '../../types/nursing'
import { demoNursingId } from '../../cloudfunctions/local/seed-nursing'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { assess, errorCode, submit } from './helpers'

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

const MIN = 60_000
const cancel = (id: string, as = 'li_mei') => b.call<RequestDetail>(as, 'nursing', 'cancelRequest', { id, reason: '父亲住院了' }, rid())

/** An assessed PICC request (100元 visit + 120元 care) for 10:00 tomorrow, and the clock set `minutes` before it opens. */
async function assessedAt(minutesBefore: number) {
  const req = await submit(b, { date: addDays(TODAY, 1), start: '10:00' })
  await assess(b, req.id)
  setNow(new Date(Date.parse(`${addDays(TODAY, 1)}T10:00:00+08:00`) - minutesBefore * MIN))
  return req.id
}

test('4 hours and 1 minute before the window: cancelled free, everything refunded', async () => {
  const id = await assessedAt(241)
  const preview = await b.ok<RequestDetail>('li_mei', 'nursing', 'getRequest', { id })
  expect(preview.request.cancelTerms).toMatchObject({ allowed: true, refund: 22000, text: '现在取消免费，全额退款220元' })
  const res = await cancel(id)
  expect(res.ok && res.data.request.cancellation).toMatchObject({
    by: 'family',
    refund: 22000,
    kept: 0,
    text: '现在取消免费，全额退款220元'
  })
})

test('4 hours less 1 minute before: cancelled, the visit fee kept and the nursing fee refunded, in those words', async () => {
  const id = await assessedAt(239)
  const res = await cancel(id)
  expect(res.ok && res.data.request).toMatchObject({
    status: 'cancelled',
    cancellation: { refund: 12000, kept: 10000, text: '距上门时段开始不足4小时，取消将收取上门费100元，退还护理费120元' }
  })
})

test('once the nurse has set out: the visit fee is kept', async () => {
  const res = await cancel(demoNursingId('enRoute'))
  expect(res.ok && res.data.request.cancellation).toMatchObject({ refund: 5000, kept: 10000 })
  expect(res.ok && res.data.timeline.at(-1)).toMatchObject({ to: 'cancelled', label: '家属取消', by: 'family' })
})

test('after arrival the family cannot cancel, and nothing changes', async () => {
  const id = demoNursingId('arrived')
  const res = await cancel(id, 'zhang_wei')
  expect(res.ok ? 'ok' : res.error).toMatchObject({ code: 'CONFLICT', message: '护士已到达，服务不能取消' })
  const detail = await b.ok<RequestDetail>('zhang_wei', 'nursing', 'getRequest', { id })
  expect(detail.request).toMatchObject({ status: 'arrived', cancelTerms: { allowed: false } })
  expect(detail.request.nextSteps).not.toContain('cancelled')
})

test('another family can neither see nor cancel a request', async () => {
  const id = demoNursingId('picc')
  const before = (await db().collection('nursing_requests').doc(id).get()).data[0]
  expect(errorCode(await b.call('zhang_wei', 'nursing', 'getRequest', { id }))).toBe('NOT_FOUND')
  expect(errorCode(await cancel(id, 'zhang_wei'))).toBe('NOT_FOUND')
  expect(errorCode(await b.call('zhang_wei', 'nursing', 'rateVisit', { id: demoNursingId('done'), stars: 1 }, rid()))).toBe('NOT_FOUND')
  const { requests } = await b.ok<{ requests: Array<{ id: string }> }>('zhang_wei', 'nursing', 'myRequests', {})
  expect(requests.map((r) => r.id)).not.toContain(id)
  expect((await db().collection('nursing_requests').doc(id).get()).data[0]).toEqual(before)
})

test('a nurse cannot open or move a visit that is not hers', async () => {
  await b.ok('admin', 'account', 'grantRole', { accountId: b.accountId('liu_yang'), role: 'nurse', name: '刘洋' })
  const id = demoNursingId('pressure')
  expect(errorCode(await b.call('liu_yang', 'nursing', 'openVisit', { id }))).toBe('NOT_FOUND')
  expect(errorCode(await b.call('liu_yang', 'nursing', 'depart', { id, location: { latitude: 36.6, longitude: 117.1 } }, rid()))).toBe(
    'NOT_FOUND'
  )
})
