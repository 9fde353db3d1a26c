/**
 * A nurse's visit record is part of the patient's health record: the vital signs 周静 records when
 * she completes the visit are readings (source nurse) of 李德福's record, written with the
 * completion, and a dangerous one opens the doctor's follow-up task by the same rules as the family's.
 */
import { now, setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { addDays } from '../../types/booking-rules'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { assess, assign, errorCode, profileId, submit } from './helpers'

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

const door = { latitude: 36.9787, longitude: 117.1763 }
const count = async (c: string, where: Record<string, unknown>) => (await db().collection(c).where(where).count()).total

/** 李德福's PICC visit brought to 开始服务 by 周静, with the clock at the window. */
async function inService(): Promise<string> {
  const date = addDays(TODAY, 1)
  const req = await submit(b, { date, start: '10:00' })
  await assess(b, req.id)
  expect(errorCode(await assign(b, req.id))).toBe('ok')
  setNow(new Date(`${date}T10:05:00+08:00`))
  const nurse = (action: string, data: Record<string, unknown> = {}) =>
    b.callUnchecked('nurse', 'nursing', action, { id: req.id, ...data }, rid())
  expect(errorCode(await nurse('acceptVisit'))).toBe('ok')
  expect(errorCode(await nurse('depart', { location: door }))).toBe('ok')
  const lastFour = (await b.ok('li_mei', 'account', 'listProfiles', {})).profiles.find((p) => p.name === '李德福')!.idNumberMasked.slice(-4)
  expect(errorCode(await nurse('arrive', { location: door, idLastFour: lastFour }))).toBe('ok')
  expect(errorCode(await nurse('startService'))).toBe('ok')
  return req.id
}

const complete = (id: string, vitals: Record<string, number>) =>
  b.callUnchecked(
    'nurse',
    'nursing',
    'completeVisit',
    { id, record: { items: [{ code: 'HL02', done: '冲管封管，更换贴膜和接头' }], vitals, advice: '血压很高，请立即就医' } },
    rid()
  )

test('after 周静 completes a visit with BP 185/115, 李德福’s record shows the reading from the nurse and one follow-up task', async () => {
  const father = await profileId(b, 'li_mei', '李德福')
  const critical = { profileId: father, reason: 'critical_reading', status: 'open' }
  expect(await count('follow_up_tasks', critical)).toBe(0)
  const id = await inService()

  expect(errorCode(await complete(id, { systolic: 185, diastolic: 115, spo2: 97 }))).toBe('ok')

  const { readings } = await b.ok('li_mei', 'records', 'listReadings', { profileId: father, kind: 'bp', days: 7 })
  const fromNurse = readings.filter((r) => r.source === 'nurse')
  expect(fromNurse).toHaveLength(1)
  expect(fromNurse[0]).toMatchObject({ systolic: 185, diastolic: 115, sourceLabel: '护士测量', flag: { level: 'critical' } })
  const spo2 = await b.ok('li_mei', 'records', 'listReadings', { profileId: father, kind: 'spo2', days: 7 })
  expect(spo2.readings.filter((r) => r.source === 'nurse').map((r) => r.value)).toEqual([97])

  // One task for the doctor, naming the nurse's reading; a second try at completing changes nothing.
  const tasks = await db().collection('follow_up_tasks').where(critical).get()
  expect(tasks.data).toHaveLength(1)
  expect((tasks.data[0] as { readingIds: string[] }).readingIds).toContain(fromNurse[0].id)
  expect(errorCode(await complete(id, { systolic: 185, diastolic: 115 }))).toBe('CONFLICT')
  expect(await count('follow_up_tasks', critical)).toBe(1)
  expect(await count('readings', { profileId: father, source: 'nurse' })).toBe(2)

  const record = await b.ok('doctor', 'records', 'patientRecord', { profileId: father })
  expect(record.tasks.filter((t) => t.reason === 'critical_reading')).toHaveLength(1)
})

test('an implausible vital sign refuses the completion and writes nothing: the visit stays in service', async () => {
  const father = await profileId(b, 'li_mei', '李德福')
  const id = await inService()
  const before = await count('readings', { profileId: father })

  const res = await complete(id, { systolic: 80, diastolic: 90, heartRate: 70 })
  expect(res.ok ? 'ok' : res.error.fields).toEqual({ 'record.vitals.systolic': '收缩压（高压）应高于舒张压（低压），请核对是否填反' })

  expect(await count('readings', { profileId: father })).toBe(before)
  expect((await b.ok('nurse', 'nursing', 'openVisit', { id })).request.status).toBe('in_service')
})

test('a critical reading from the family at the same moment as the nurse’s: still one task, holding both readings', async () => {
  const father = await profileId(b, 'li_mei', '李德福')
  const id = await inService()
  const [fromFamily, fromNurse] = await Promise.all([
    b.callUnchecked(
      'li_mei',
      'records',
      'addReading',
      { profileId: father, measure: { kind: 'bp', systolic: 190, diastolic: 118 }, measuredAt: now().toISOString() },
      rid()
    ),
    complete(id, { systolic: 185, diastolic: 115 })
  ])
  expect([errorCode(fromFamily), errorCode(fromNurse)]).toEqual(['ok', 'ok'])
  const tasks = await db().collection('follow_up_tasks').where({ profileId: father, reason: 'critical_reading', status: 'open' }).get()
  expect(tasks.data).toHaveLength(1)
  const sources = await db()
    .collection('readings')
    .where({ profileId: father, _id: db().command.in((tasks.data[0] as { readingIds: string[] }).readingIds) })
    .get()
  expect((sources.data as Array<{ source: string }>).map((r) => r.source).sort()).toEqual(['nurse', 'self'])
})
