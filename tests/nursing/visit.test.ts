/**
 * The whole home visit on the embedded engine: 李梅 orders PICC 维护 for her father, 护理部 assesses
 * and assigns 周静, 周静 accepts, sets out, arrives, serves and records, 李梅 follows and rates.
 */
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { REQUESTS } from '../../cloudfunctions/nursing/docs'
import { addDays } from '../../types/booking-rules'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { setStorage } from '../../cloudfunctions/common/storage'
import { storeFilesLocally } from './fixtures'
import { assess, assign, errorCode, outboxOf, submit } from './helpers'

let b: TestBackend
const TODAY = '2026-12-01'
beforeEach(async () => {
  setNow(new Date(`${TODAY}T09:00:00+08:00`))
  b = await openBackend()
})
afterEach(async () => {
  await b.close()
  setNow(undefined)
  setStorage(undefined)
})

const here = { latitude: 36.6512, longitude: 117.1201 }
const door = { latitude: 36.9787, longitude: 117.1763 }

test('a daughter orders PICC care for her father and follows it from request to rating', async () => {
  const date = addDays(TODAY, 2)
  const req = await submit(b, { date, start: '10:00' })
  expect(req).toMatchObject({ status: 'submitted', statusLabel: '待评估', patientName: '李德福', windowLabel: `${date} 10:00-12:00` })
  expect(req.fees).toEqual({ visitFee: 10000, nursingFee: 12000, total: 22000 })
  expect(req.nextSteps).toEqual(['cancelled'])

  // No visit without an assessment: 护理部 cannot assign yet.
  expect(errorCode(await assign(b, req.id))).toBe('CONFLICT')
  await assess(b, req.id, 'medium')
  const { nurses } = await b.ok('dispatcher', 'nursing', 'qualifiedNurses', {
    id: req.id
  })
  expect(nurses.find((n) => n.name === '周静')!.problems).toEqual([])
  const assigned = await assign(b, req.id)
  expect(errorCode(assigned)).toBe('ok')

  const seen = async () => (await b.ok('li_mei', 'nursing', 'getRequest', { id: req.id })).request
  expect((await seen()).nurse).toMatchObject({ name: '周静', title: '主管护师', years: 8 })
  expect((await outboxOf(b.accountId('li_mei'))).map((m) => m.title)).toContain('已为您安排护士')
  expect((await outboxOf(b.accountId('nurse'))).map((m) => m.title)).toContain('新的上门护理派单')

  // Before accepting, the nurse sees the region only.
  const before = await b.ok('nurse', 'nursing', 'openVisit', { id: req.id })
  expect(before.request.address.detail).not.toContain('纬二路')
  expect(before.request.nextSteps.sort()).toEqual(['accepted', 'assessed'])

  const nurse = (action: string, data: Record<string, unknown>) =>
    b.callUnchecked('nurse', 'nursing', action, { id: req.id, ...data }, rid())
  expect(errorCode(await nurse('acceptVisit', {}))).toBe('ok')
  const live = await b.ok('nurse', 'nursing', 'openVisit', { id: req.id })
  expect(live.request.contactPhone).toMatch(/^1\d{10}$/)

  expect(errorCode(await nurse('depart', { location: here }))).toBe('ok')
  expect((await outboxOf(b.accountId('li_mei'))).map((m) => m.title)).toContain('护士已出发')
  const wrong = await nurse('arrive', { location: door, idLastFour: '0000' })
  expect(wrong.ok ? 'ok' : wrong.error.fields).toEqual({ idLastFour: '与就诊人不符' })
  const lastFour = (await b.ok('li_mei', 'account', 'listProfiles', {})).profiles.find((p) => p.name === '李德福')!.idNumberMasked.slice(-4)
  expect(errorCode(await nurse('arrive', { location: door, idLastFour: lastFour }))).toBe('ok')
  expect(errorCode(await nurse('startService', {}))).toBe('ok')
  const done = await nurse('completeVisit', {
    record: {
      items: [{ code: 'HL02', done: '冲管封管，更换贴膜和接头，穿刺点无红肿' }],
      vitals: { systolic: 150, diastolic: 95, heartRate: 80, spo2: 97 },
      advice: '血压偏高，请每日测量并按时服药'
    }
  })
  expect(errorCode(done)).toBe('ok')

  const after = await b.ok('li_mei', 'nursing', 'getRequest', { id: req.id })
  expect(after.request).toMatchObject({ status: 'completed', record: { vitals: { systolic: 150, diastolic: 95 } }, nextSteps: ['rated'] })
  // The family sees that the nurse arrived, not her coordinates.
  expect(after.request.locations).toEqual({})
  expect(after.timeline.map((e) => e.label)).toEqual(['提交申请', '评估通过', '派单', '接单', '出发', '到达', '开始服务', '完成服务'])
  expect(after.timeline.find((e) => e.to === 'en_route')).toMatchObject({ by: 'nurse', byName: '周静' })

  // 护理部 sees where she was at each step.
  const console = await b.ok('dispatcher', 'nursing', 'openRequest', { id: req.id })
  expect(console.request.locations).toMatchObject({ departed: here, arrived: door })

  const rated = await b.ok('li_mei', 'nursing', 'rateVisit', { id: req.id, stars: 5, comment: '周护士很细心' }, rid())
  expect(rated.request).toMatchObject({ status: 'rated', statusLabel: '已评价', rating: { stars: 5, comment: '周护士很细心' } })

  // Once the visit is over, the family's address and phone are hidden from the nurse again.
  expect(errorCode(await b.call('nurse', 'nursing', 'leaveVisit', { id: req.id, location: door }, rid()))).toBe('ok')
  const closed = await b.ok('nurse', 'nursing', 'openVisit', { id: req.id })
  expect(closed.request.contactPhone).toContain('****')
  expect(closed.request.locations.left).toMatchObject(door)
})

test('a nurse declines with a reason and the request goes back to 护理部 to reassign', async () => {
  const req = await submit(b, { date: addDays(TODAY, 2) })
  await assess(b, req.id)
  await assign(b, req.id)
  const declined = await b.ok('nurse', 'nursing', 'declineVisit', { id: req.id, reason: '该时段已有其他安排' }, rid())
  expect(declined.request).toMatchObject({ status: 'assessed', nurse: null, nextSteps: [] })
  expect((await outboxOf(b.accountId('dispatcher'))).map((m) => m.title)).toContain('护士婉拒了派单')
  // She let go of the window: she may be assigned it again.
  expect(errorCode(await assign(b, req.id))).toBe('ok')
})

test('a retried submit (same requestId) makes one request', async () => {
  const requestId = rid()
  const first = await submit(b, { date: addDays(TODAY, 2), requestId })
  const again = await submit(b, { date: addDays(TODAY, 2), requestId })
  expect(again.id).toBe(first.id)
  const { requests } = await b.ok('li_mei', 'nursing', 'myRequests', {})
  expect(requests.filter((r) => r.id === first.id)).toHaveLength(1)
  expect(requests.length).toBe(new Set(requests.map((r) => r.id)).size)
})

test('a submit retried after its saved reply is gone (cut off after the write, or kept past its days) still makes one request', async () => {
  const requestId = rid()
  const first = await submit(b, { date: addDays(TODAY, 2), requestId })
  await db()
    .collection('requests')
    .where({ accountId: b.accountId('li_mei') })
    .remove()
  const again = await submit(b, { date: addDays(TODAY, 2), requestId })
  expect(again.id).toBe(first.id)
  expect(again.requestNo).toBe(first.requestNo)
  const { requests } = await b.ok('li_mei', 'nursing', 'myRequests', {})
  expect(requests.filter((r) => r.id === first.id)).toHaveLength(1)
  expect(requests.length).toBe(new Set(requests.map((r) => r.id)).size)
  const sameDay = requests.filter((r) => r.date === addDays(TODAY, 2) && r.status === 'submitted')
  expect(sameDay).toHaveLength(1)
})

test('a window outside service hours or too soon is refused with the reason', async () => {
  const tooLate = await b.callUnchecked('li_mei', 'nursing', 'submitRequest', {}, rid())
  expect(errorCode(tooLate)).toBe('INVALID_INPUT')
  await expect(submit(b, { date: TODAY, start: '10:00' })).rejects.toThrow(/OUTSIDE_WINDOW .*2小时以后/)
  await expect(submit(b, { date: addDays(TODAY, 1), start: '19:00' })).rejects.toThrow(/OUTSIDE_WINDOW .*08:00-20:00/)
})

test('photos: uploaded to the family folder, shown back, limited in size, and only the family’s own', async () => {
  storeFilesLocally(b)
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
  const up = await b.ok('li_mei', 'nursing', 'uploadPhoto', { contentType: 'image/png', base64: png })
  expect(up.url).toMatch(/^data:image\/png;base64,/)
  const req = await submit(b, { date: addDays(TODAY, 2), photos: [up.fileId] })
  expect(req.photos).toEqual([{ fileId: up.fileId, url: up.url }])

  const limit = DEFAULT_SETTINGS.nursing.photoMaxKB * 1024
  const atLimit = Buffer.alloc(limit, 0)
  atLimit.set([0x89, 0x50, 0x4e, 0x47])
  expect((await b.call('li_mei', 'nursing', 'uploadPhoto', { contentType: 'image/png', base64: atLimit.toString('base64') })).ok).toBe(true)
  const big = Buffer.alloc(limit + 1, 0)
  big.set([0x89, 0x50, 0x4e, 0x47])
  const tooBig = await b.call('li_mei', 'nursing', 'uploadPhoto', { contentType: 'image/png', base64: big.toString('base64') })
  expect(tooBig.ok ? 'ok' : tooBig.error.message).toBe('图片不能超过600KB')

  const theirs = await b.ok('zhang_wei', 'nursing', 'uploadPhoto', { contentType: 'image/png', base64: png })
  await expect(submit(b, { date: addDays(TODAY, 3), photos: [theirs.fileId] })).rejects.toThrow(/INVALID_INPUT/)
})

test('a nurse whose phone gives no location still sets out and checks in, and 护理部 sees 位置不可用 on those steps', async () => {
  const req = await submit(b, { date: addDays(TODAY, 2), start: '10:00' })
  await assess(b, req.id, 'low')
  expect(errorCode(await assign(b, req.id))).toBe('ok')
  // Unchecked: one of these steps leaves the location out on purpose.
  const nurse = (action: string, data: Record<string, unknown>) =>
    b.callUnchecked('nurse', 'nursing', action, { id: req.id, ...data }, rid())
  expect(errorCode(await nurse('acceptVisit', {}))).toBe('ok')
  expect(errorCode(await nurse('depart', { location: null }))).toBe('ok')
  // Leaving the location out altogether is still a mistake of the app, not a refusal to locate.
  expect(errorCode(await nurse('arrive', { idLastFour: '0000' }))).toBe('INVALID_INPUT')
  const lastFour = (await b.ok('li_mei', 'account', 'listProfiles', {})).profiles.find((p) => p.name === '李德福')!.idNumberMasked.slice(-4)
  expect(errorCode(await nurse('arrive', { location: null, idLastFour: lastFour }))).toBe('ok')

  const seen = await b.ok('dispatcher', 'nursing', 'openRequest', { id: req.id })
  expect(seen.request.status).toBe('arrived')
  expect(seen.request.locations.departed).toBeUndefined()
  expect(seen.timeline.filter((e) => e.to === 'en_route' || e.to === 'arrived').map((e) => e.note)).toEqual(['位置不可用', '位置不可用'])
})

test('a request submitted on a day the demo data already has requests gets a number of its own', async () => {
  const req = await submit(b, { date: addDays(TODAY, 2) })
  const sameNo = await db().collection(REQUESTS).where({ requestNo: req.requestNo }).count()
  expect(sameNo.total).toBe(1)
  // The demo holds requests created earlier this China day (the seed's 'dressing', 30 minutes ago).
  const today = await db()
    .collection(REQUESTS)
    .where({ requestNo: db().RegExp({ regexp: `^HL${TODAY.replace(/-/g, '')}` }) })
    .count()
  expect(today.total).toBeGreaterThan(1)
})
