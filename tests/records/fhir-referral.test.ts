/**
 * An expert booked from a follow-up task (随访转诊) says so in the family's FHIR export: the
 * Appointment's supportingInformation is the follow-up Task, and the Task's output is the
 * Appointment, both resolvable inside the Bundle, which still validates.
 */
import { fhirId, type FhirResource } from '../../types/records-fhir'
import { db } from '../../cloudfunctions/common/db'
import { rid, type TestBackend } from '../helpers/backend'
import { closeBackend, openAt, profileOf, publishedSession } from '../booking/helpers'
import { fhirProblems, unresolvedReferences } from './fhir-validate'

let b: TestBackend
afterEach(() => closeBackend(b))

test('an expert booked from a follow-up task points at the task in the FHIR export, and the task at it', async () => {
  b = await openAt()
  const father = await profileOf(b, 'li_mei', 'parent')
  const s = await publishedSession(b)
  // The seed planned 李德福's next follow-up when 郑国华 last called him: an open task.
  const open = await db().collection('follow_up_tasks').where({ profileId: father, status: 'open' }).get()
  const taskId = (open.data[0] as { _id: string })._id
  const booked = await b.ok(
    'doctor',
    'booking',
    'referralBook',
    { scheduleId: s.id, sliceId: s.slices[0].id, profileId: father, taskId },
    rid()
  )

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
