import type { InputOf } from '../../types/contract'
import { recordsActions } from '../../types/records'
import { addDays, cstDay } from '../../types/records-rules'
import { now } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { killedAtWriteTo, rid, openBackend, type TestBackend } from '../helpers/backend'
import { bp, count, openTasks, profileOf, threeHighDays } from './helpers'

let b: TestBackend
let father: string
beforeEach(async () => {
  b = await openBackend()
  father = (await profileOf(b, 'li_mei', '李德福')).id
})
afterEach(() => b.close())

type FollowUpForm = InputOf<typeof recordsActions.recordFollowUp>['form']
const form = (more: Partial<FollowUpForm> = {}): FollowUpForm => ({
  method: 'phone',
  symptoms: ['头晕'],
  systolic: 156,
  diastolic: 94,
  lifestyle: { smokingPerDay: 0, drinking: 'light', exerciseTimesPerWeek: 2, salt: 'heavy' },
  adherence: 'intermittent',
  classification: 'unsatisfactory',
  nextDate: addDays(cstDay(now()), 14),
  ...more
})

test('three high days entered by the daughter open a task; the doctor sees it with the three readings and what he needs to call', async () => {
  // The seed's last two weeks are within his target: only the third new high day opens a task.
  const { opened } = await threeHighDays(b, father)
  expect(opened).toEqual([null, null, 'high_readings'])
  const res = await b.ok('doctor', 'records', 'followUpConsole', { filter: 'all' })
  const task = res.tasks.find((t) => t.patientName === '李德福' && t.reason === 'high_readings')!
  expect(task).toMatchObject({
    reason: 'high_readings',
    reasonLabel: '多次读数偏高',
    status: 'open',
    next: ['done', 'closed'],
    programmes: ['高血压']
  })
  expect(task.readings.map((r) => r.display)).toEqual(['156/94 mmHg', '162/98 mmHg', '158/96 mmHg'])
  expect(task.patient.phone).toBe('13953187721')
  expect(task.shortcuts).toEqual({ profileId: father, patientName: '李德福', reason: '多次读数偏高' })
})

test('the doctor closes a task with a phone follow-up and the next one is scheduled', async () => {
  const { task } = await threeHighDays(b, father)
  const res = await b.ok('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form() }, rid())
  expect(res.task).toMatchObject({ status: 'done', statusLabel: '已随访', followUpId: res.followUp.id, next: [] })
  expect(res.followUp).toMatchObject({
    doctorName: '郑国华',
    form: { methodLabel: '电话', classificationLabel: '控制不满意' },
    referralSuggested: false
  })
  expect(res.nextTask).toMatchObject({ reason: 'planned', status: 'open', dueDate: addDays(cstDay(now()), 14) })
  expect(await openTasks(father, 'high_readings')).toHaveLength(0)
  // The move went through the workflow and is on record; the family was told the next date.
  expect(await count('status_events', { docId: task._id, to: 'done' })).toBe(1)
  const told = await db()
    .collection('outbox')
    .where({ kind: 'records_follow_up_done', dedupeKey: `records_done_${task._id}` })
    .get()
  expect(told.data).toHaveLength(1)
  // The notice opens the family's 健康档案 on this patient (a page the app has).
  expect((told.data[0] as { page: string }).page).toBe(`/packages/records/home/index?profileId=${father}`)
  // A second try on the same task is refused.
  const again = await b.call('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form() }, rid())
  expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT')
})

test('a follow-up cut off before the family’s notice is written leaves the task open; done again, the family is told once', async () => {
  const { task } = await threeHighDays(b, father)
  const toldBefore = await count('outbox', { kind: 'records_follow_up_done' })
  const requestId = rid()
  const cut = await killedAtWriteTo(b, 'outbox', () =>
    b.call('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form() }, requestId)
  )
  expect(cut).toMatchObject({ ok: false })
  expect(await openTasks(father, 'high_readings')).toHaveLength(1)
  expect(await count('status_events', { docId: task._id, to: 'done' })).toBe(0)
  expect(await count('outbox', { kind: 'records_follow_up_done' })).toBe(toldBefore)
  await b.ok('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form() }, requestId)
  expect(await count('status_events', { docId: task._id, to: 'done' })).toBe(1)
  expect(await count('outbox', { kind: 'records_follow_up_done' })).toBe(toldBefore + 1)
})

test('uncontrolled twice in a row suggests referral', async () => {
  const { task } = await threeHighDays(b, father)
  const first = await b.ok('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form() }, rid())
  const second = await b.ok('doctor', 'records', 'recordFollowUp', { taskId: first.nextTask!.id, form: form() }, rid())
  expect(second.followUp).toMatchObject({ referralSuggested: true, referralReason: expect.stringContaining('连续两次控制不满意') })
  const record = await b.ok('doctor', 'records', 'patientRecord', { profileId: father })
  expect(record.referral.suggested).toBe(true)
})

test('a new complication suggests referral and is kept on the enrolment', async () => {
  const { task } = await threeHighDays(b, father)
  const res = await b.ok(
    'doctor',
    'records',
    'recordFollowUp',
    { taskId: task._id, form: form({ classification: 'complication', complications: ['脑卒中'] }) },
    rid()
  )
  expect(res.followUp.referralReason).toContain('脑卒中')
  const enrolment = await db().collection('programme_enrolments').where({ profileId: father }).get()
  expect((enrolment.data[0] as { complications: string[] }).complications).toEqual(['脑卒中'])
})

test('a next date today or in the past is refused on its field and changes nothing', async () => {
  const { task } = await threeHighDays(b, father)
  const res = await b.call('doctor', 'records', 'recordFollowUp', { taskId: task._id, form: form({ nextDate: cstDay(now()) }) }, rid())
  expect(res.ok ? 'ok' : res.error.fields).toEqual({ 'form.nextDate': '下次随访日期应晚于今天' })
  expect(await openTasks(father, 'high_readings')).toHaveLength(1)
  expect(await count('follow_ups', { taskId: task._id })).toBe(0)
})

test('a task closed without a follow-up keeps its reason and frees the way for a new one', async () => {
  const { task } = await threeHighDays(b, father)
  const closed = await b.ok('doctor', 'records', 'closeTask', { taskId: task._id, reason: '患者已住院治疗' }, rid())
  expect(closed).toMatchObject({ status: 'closed', closeReason: '患者已住院治疗' })
  const critical = await bp(b, 'li_mei', father, 190, 115)
  expect(critical.ok && critical.data.taskOpened?.reason).toBe('critical_reading')
})

test('a family cannot record a follow-up or close a task', async () => {
  const { task } = await threeHighDays(b, father)
  const res = await b.call('li_mei', 'records', 'closeTask', { taskId: task._id, reason: '不需要了' }, rid())
  expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN')
})

test('a doctor finds a patient by phone and enrols them; the programme list is a setting', async () => {
  const { patients } = await b.ok('doctor', 'records', 'findPatients', {
    phone: '15806351290'
  })
  expect(patients.map((p) => p.name).sort()).toEqual(['张伟', '张子涵'])
  const wei = patients.find((p) => p.name === '张伟')!
  const e = await b.ok('doctor', 'records', 'enrol', { profileId: wei.profileId, programme: 't2dm' }, rid())
  expect(e.programmeName).toBe('2型糖尿病')
  const bad = await b.call('doctor', 'records', 'enrol', { profileId: wei.profileId, programme: 'asthma' }, rid())
  expect(bad.ok ? 'ok' : bad.error.fields).toEqual({ programme: '没有这个慢病项目' })
  const { programmes } = await b.ok('li_mei', 'records', 'programmes', {})
  expect(programmes.map((p) => p.name)).toEqual(['高血压', '2型糖尿病', '高血脂'])
})

test('the doctor’s read of a patient record is audited', async () => {
  await b.ok('doctor', 'records', 'patientRecord', { profileId: father })
  expect(await count('audit_log', { 'actor.accountId': b.accountId('doctor'), target: `profile:${father}` })).toBeGreaterThanOrEqual(1)
})
