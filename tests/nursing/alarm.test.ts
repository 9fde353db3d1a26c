/** The one-tap alarm: it reaches every dispatcher at once with the visit and the last location, and stays on the console until acknowledged. */
import { setNow } from '../../cloudfunctions/common/clock'
import { demoAlarmId, demoNursingId } from '../../cloudfunctions/local/seed-nursing'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { errorCode, makeStaff, outboxOf } from './helpers'

let b: TestBackend
beforeEach(async () => {
  setNow(new Date('2026-12-01T14:20:00+08:00'))
  b = await openBackend()
})
afterEach(async () => {
  await b.close()
  setNow(undefined)
})

const board = () => b.ok('dispatcher', 'nursing', 'board', { status: 'en_route' })

test('an alarm mid-visit reaches every dispatcher’s outbox with the visit and the location', async () => {
  const second = await makeStaff(b, 'liu_yang', 'nursing_dispatcher')
  const id = demoNursingId('arrived')
  const location = { latitude: 36.98123, longitude: 117.17654, accuracy: 15 }
  const alarm = await b.ok('nurse', 'nursing', 'raiseAlarm', { id, location, note: '家属情绪激动' }, rid())
  expect(alarm).toMatchObject({ requestId: id, nurseName: '周静', nursePhone: '13906351588', status: 'open', location })
  for (const dispatcher of [b.accountId('dispatcher'), second]) {
    const msg = (await outboxOf(dispatcher)).find((m) => m.kind === 'nursing_alarm' && m.body.includes(alarm.requestNo))
    expect(msg?.body).toContain('纬度36.98123，经度117.17654')
    expect(msg?.body).toContain('13906351588')
  }
  expect((await board()).openAlarms.map((a) => a.id)).toContain(alarm.id)
  const detail = await b.ok('dispatcher', 'nursing', 'openRequest', { id })
  expect(detail.request.locations.arrived).toBeDefined()
})

test('without a fresh fix the alarm carries the last recorded location', async () => {
  const alarm = await b.ok('nurse', 'nursing', 'raiseAlarm', { id: demoNursingId('enRoute') }, rid())
  expect(alarm.location).toMatchObject({ latitude: 36.6512, longitude: 117.1201 })
})

test('the banner stays until a dispatcher acknowledges it', async () => {
  const raised = await b.ok('nurse', 'nursing', 'raiseAlarm', { id: demoNursingId('enRoute') }, rid())
  expect((await board()).openAlarms.map((a) => a.id)).toEqual([raised.id])
  expect((await board()).openAlarms.map((a) => a.id)).toEqual([raised.id])
  const ack = await b.ok('dispatcher', 'nursing', 'acknowledgeAlarm', { id: raised.id, note: '已电话联系，平安' })
  expect(ack).toMatchObject({ status: 'acknowledged', acknowledgedByName: '吴芳' })
  expect((await board()).openAlarms).toEqual([])
})

test('a demo session opens without a red banner: the seeded alarm is history, already handled', async () => {
  expect((await board()).openAlarms).toEqual([])
  const all = await b.ok('dispatcher', 'nursing', 'alarms', {})
  expect(all).toMatchObject({
    alarms: expect.arrayContaining([expect.objectContaining({ id: demoAlarmId(), status: 'acknowledged', acknowledgedByName: '吴芳' })])
  })
})

test('no alarm on a visit that is over, and none on another nurse’s visit', async () => {
  expect(errorCode(await b.call('nurse', 'nursing', 'raiseAlarm', { id: demoNursingId('done') }, rid()))).toBe('CONFLICT')
  await makeStaff(b, 'liu_yang', 'nurse')
  expect(errorCode(await b.call('liu_yang', 'nursing', 'raiseAlarm', { id: demoNursingId('enRoute') }, rid()))).toBe('NOT_FOUND')
})
