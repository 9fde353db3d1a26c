/**
 * 随访转诊: the follow-up doctor books the patient of a follow-up task an expert, by every booking
 * rule, with the appointment recording him and the task, and the family told in the same commit.
 */
import type { ScheduleView } from '../../types/booking'
import { db } from '../../cloudfunctions/common/db'
import { setNow } from '../../cloudfunctions/common/clock'
import { rid, type TestBackend } from '../helpers/backend'
import { closeBackend, count, openAt, profileOf, publishedSession, WEDNESDAY_10AM } from './helpers'

let b: TestBackend
let s: ScheduleView
let father: string
let taskId: string
beforeEach(async () => {
  b = await openAt()
  s = await publishedSession(b)
  father = await profileOf(b, 'li_mei', 'parent')
  // The seed planned 李德福's next follow-up when 郑国华 last called him: an open task.
  const open = await db().collection('follow_up_tasks').where({ profileId: father, status: 'open' }).get()
  taskId = (open.data[0] as { _id: string })._id
})
afterEach(() => closeBackend(b))

const refer = (over: Partial<{ profileId: string; taskId: string; slice: number }> = {}, requestId = rid()) =>
  b.call(
    'doctor',
    'booking',
    'referralBook',
    { scheduleId: s.id, sliceId: s.slices[over.slice ?? 0].id, profileId: over.profileId ?? father, taskId: over.taskId ?? taskId },
    requestId
  )

test('郑国华 books 李德福 an expert from his task: the appointment names him and the task, the family is told, the task shows it', async () => {
  const requestId = rid()
  const res = await refer({}, requestId)
  if (!res.ok) throw new Error(res.error.message)
  expect(res.data).toMatchObject({
    status: 'booked',
    patientName: '李德福',
    channel: 'referral',
    bookedByName: '郑国华',
    referralTaskId: taskId,
    doctorName: s.doctorName,
    // The family cancels; the doctor has no cancel of his own.
    cancel: { allowed: false }
  })
  // A retry after a lost reply is the same booking.
  const again = await refer({}, requestId)
  expect(again.ok && again.data.id).toBe(res.data.id)
  expect(await count('appointments', { profileId: father, scheduleId: s.id })).toBe(1)

  const notices = await db()
    .collection('outbox')
    .where({ kind: 'booking_referral', accountId: b.accountId('li_mei') })
    .get()
  expect(notices.data).toHaveLength(1)
  expect((notices.data[0] as { body: string }).body).toContain('随访医生郑国华为李德福预约了')

  // 李梅 sees it under 我的预约 as booked by the doctor, and may cancel it herself.
  const mine = await b.ok('li_mei', 'booking', 'listMine', {})
  expect(mine.upcoming.find((a) => a.id === res.data.id)).toMatchObject({
    channel: 'referral',
    bookedByName: '郑国华',
    cancel: { allowed: true }
  })

  const { tasks } = await b.ok('doctor', 'records', 'followUpConsole', { filter: 'all' })
  expect(tasks.find((t) => t.id === taskId)?.referrals).toEqual([
    expect.objectContaining({
      appointmentId: res.data.id,
      doctorName: s.doctorName,
      date: s.date,
      statusLabel: '待就诊',
      bookedByName: '郑国华'
    })
  ])
  expect(await count('audit_log', { target: `appointment:${res.data.id}`, 'actor.accountId': b.accountId('doctor') })).toBe(1)
})

test('a task of another patient, an unknown task, or one finished long ago is refused and books nothing', async () => {
  const wei = await profileOf(b, 'zhang_wei')
  const before = await count('appointments', {})
  const other = await refer({ profileId: wei })
  expect(other.ok ? 'ok' : other.error).toMatchObject({
    code: 'INVALID_INPUT',
    fields: { taskId: expect.stringContaining('不是这位患者的') }
  })
  const unknown = await refer({ taskId: 'fu_nosuchtask' })
  expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND')

  // Closed today, it still may be booked from; eight days later it may not.
  await b.ok('doctor', 'records', 'closeTask', { taskId, reason: '患者已转上级医院' }, rid())
  setNow(new Date(Date.parse(WEDNESDAY_10AM) + 8 * 86400_000).toISOString())
  const late = await refer()
  expect(late.ok ? 'ok' : late.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已结束超过7天') })
  expect(await count('appointments', {})).toBe(before)
  expect(await count('outbox', { kind: 'booking_referral' })).toBe(0)
})

test('a task just done still books; the booking rules hold as for every booking (the active limit)', async () => {
  await b.ok('doctor', 'records', 'closeTask', { taskId, reason: '已电话随访，转诊专家' }, rid())
  // 李德福 holds two bookings from the seed; a third is the limit.
  const first = await refer({ slice: 0 })
  expect(first.ok ? 'ok' : first.error.message).toBe('ok')
  const other = await publishedSession(b, { doctorId: 'doc_4', start: '09:00', end: '10:00' })
  const res = await b.call(
    'doctor',
    'booking',
    'referralBook',
    { scheduleId: other.id, sliceId: other.slices[0].id, profileId: father, taskId },
    rid()
  )
  expect(res.ok ? 'ok' : res.error.message).toContain('3个')
  expect(await count('outbox', { kind: 'booking_referral' })).toBe(1)
})

test('the doctor no longer books or reads through the hotline', async () => {
  const book = await b.call('doctor', 'booking', 'hotlineBook', { scheduleId: s.id, sliceId: s.slices[0].id, profileId: father }, rid())
  expect(book.ok ? 'ok' : book.error.code).toBe('FORBIDDEN')
  const read = await b.call('doctor', 'booking', 'hotlineAppointments', { profileId: father })
  expect(read.ok ? 'ok' : read.error.code).toBe('FORBIDDEN')
})
