/**
 * An expert booked from a follow-up task (随访转诊) in the records: the family's FHIR export says so
 * (the Appointment's supportingInformation is the follow-up Task, the Task's output the Appointment,
 * both resolvable inside the Bundle, which still validates), and the family's overview shows the
 * visit to come, whether the task it was booked from is still open or was just followed up.
 */
import type { ScheduleView } from '../../types/booking'
import { fhirId, type FhirResource } from '../../types/records-fhir'
import { addDays, cstDay } from '../../types/records-rules'
import { now } from '../../cloudfunctions/common/clock'
import { rid, type TestBackend } from '../helpers/backend'
import { closeBackend, openAt, profileOf, publishedSession } from '../booking/helpers'
import { fhirProblems, unresolvedReferences } from './fhir-validate'
import { openTasks } from './helpers'

let b: TestBackend
let s: ScheduleView
let father: string
let taskId: string
beforeEach(async () => {
  b = await openAt()
  s = await publishedSession(b)
  father = await profileOf(b, 'li_mei', 'parent')
  // The seed planned 李德福's next follow-up when 郑国华 last called him: an open task.
  taskId = (await openTasks(father))[0]._id
})
afterEach(() => closeBackend(b))

const refer = (slice = 0) =>
  b.ok('doctor', 'booking', 'referralBook', { scheduleId: s.id, sliceId: s.slices[slice].id, profileId: father, taskId }, rid())

test('an expert booked from a follow-up task points at the task in the FHIR export, and the task at it', async () => {
  const booked = await refer()
  const { bundle } = await b.ok('li_mei', 'records', 'exportFhir', { profileId: father })
  const resources = bundle.entry.map((e) => e.resource)
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]))
  const apptRef = `Appointment/${fhirId(booked.id)}`
  const taskRef = `Task/${fhirId(taskId)}`
  const appt = byRef.get(apptRef)!
  expect(appt.supportingInformation).toEqual([{ reference: taskRef, display: expect.stringContaining('随访') }])
  expect(appt.comment).toBe('随访医生郑国华预约（随访转诊）')
  const task = byRef.get(taskRef)!
  expect(task.output).toEqual(expect.arrayContaining([{ type: { text: '转诊预约' }, valueReference: { reference: apptRef } }]))
  // Appointments booked by the family themselves point at no task.
  const own = resources.filter((r: FhirResource) => r.resourceType === 'Appointment' && r.id !== appt.id)
  expect(own.length).toBeGreaterThan(0)
  for (const a of own) expect(a.supportingInformation).toBeUndefined()

  expect(unresolvedReferences(bundle)).toEqual([])
  expect(fhirProblems(bundle)).toEqual([])
})

test('李梅’s overview shows the expert booked from the open task, and still after the task is followed up; not once she cancels it', async () => {
  const booked = await refer()
  const expected = {
    appointmentId: booked.id,
    date: s.date,
    start: s.slices[0].start,
    departmentName: s.departmentName,
    doctorName: s.doctorName,
    statusLabel: '待就诊',
    bookedByName: '郑国华'
  }
  const first = await b.ok('li_mei', 'records', 'overview', { profileId: father })
  expect(first.openTasks.find((t) => t.id === taskId)?.referrals).toEqual([expect.objectContaining(expected)])
  expect(first.referrals).toEqual([expect.objectContaining(expected)])

  // 郑国华 follows the task up: it is done and the next is planned; the visit to come still shows.
  await b.ok(
    'doctor',
    'records',
    'recordFollowUp',
    {
      taskId,
      form: {
        method: 'phone',
        lifestyle: { smokingPerDay: 0, drinking: 'none', exerciseTimesPerWeek: 3, salt: 'light' },
        adherence: 'regular',
        classification: 'unsatisfactory',
        nextDate: addDays(cstDay(now()), 14)
      }
    },
    rid()
  )
  const after = await b.ok('li_mei', 'records', 'overview', { profileId: father })
  expect(after.openTasks.map((t) => t.id)).not.toContain(taskId)
  expect(after.referrals).toEqual([expect.objectContaining(expected)])

  await b.ok('li_mei', 'booking', 'cancel', { id: booked.id }, rid())
  const cancelled = await b.ok('li_mei', 'records', 'overview', { profileId: father })
  expect(cancelled.referrals).toEqual([])
})
