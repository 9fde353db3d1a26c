/** A patient's whole record for export: JSON for people and a FHIR R4 Bundle for systems. */
import { fhirNursingFromRow, fhirPrescriptionFromRow, recordBundle, type FhirBundle } from '../../types/records-fhir'
import { getSettings } from '../common/settings'
import { collection } from '../common/typed'
import type { ProfileDoc } from '../common/patients'
import {
  APPOINTMENTS,
  FOLLOW_UPS,
  NURSING_VISITS,
  PRESCRIPTIONS,
  READINGS,
  TASKS,
  measureOf,
  type AppointmentRow,
  type FollowUpDoc,
  type ReadingDoc,
  type Row,
  type TaskDoc
} from './docs'
import { enrolmentsOf } from './reads'
import { enrolmentView, followUpView, patientSummary, readingView, flagOf, patientContext } from './views'

const MAX = 1000

export async function loadRecord(p: ProfileDoc, at: string): Promise<{ record: Record<string, unknown>; bundle: FhirBundle }> {
  // Other services' prescriptions and visits are plain rows (never their function code), each field checked.
  const all = <T extends { _id: string }>(c: string, field: string) =>
    collection<T>(c).where({ profileId: p._id }).orderBy(field, 'desc').limit(MAX).get()
  const [settings, enrolments, readings, tasks, followUps, appts, rxs, visits] = await Promise.all([
    getSettings(),
    enrolmentsOf([p._id]),
    all<ReadingDoc>(READINGS, 'measuredAt'),
    all<TaskDoc>(TASKS, 'createdAt'),
    all<FollowUpDoc>(FOLLOW_UPS, 'at'),
    all<AppointmentRow>(APPOINTMENTS, 'date'),
    all<Row>(PRESCRIPTIONS, 'createdAt'),
    all<Row>(NURSING_VISITS, 'createdAt')
  ])
  const rules = settings.records
  const names = new Map(rules.programmes.map((g) => [g.code, g.name]))
  const rs = readings.data
  const ts = tasks.data
  const fs = followUps.data
  const as = appts.data
  const byTask = new Map(fs.map((f) => [f.taskId, f]))
  const record = {
    patient: patientSummary(p, new Date(at)),
    birthDate: p.birthDate,
    enrolments: enrolments.map((e) => enrolmentView(e, names.get(e.programme) ?? e.programme)),
    readings: rs.map((r) => readingView(r, flagOf(r, patientContext(p, enrolments, new Date(r.measuredAt)), rules))),
    followUps: fs.map(followUpView),
    appointments: as.map((a) => ({
      id: a._id,
      date: a.date,
      start: a.start,
      department: a.departmentName,
      doctor: a.doctorName,
      status: a.status
    })),
    exportedAt: at
  }
  const bundle = recordBundle(
    {
      patient: { id: p._id, name: p.name, sex: p.sex, birthDate: p.birthDate, phone: p.phone },
      readings: rs.map((r) => ({ id: r._id, measure: measureOf(r), measuredAt: r.measuredAt, level: r.level, source: r.source })),
      tasks: ts.map((t) => {
        const f = byTask.get(t._id)
        return {
          id: t._id,
          reason: t.reason,
          status: t.status,
          dueDate: t.dueDate,
          createdAt: t.createdAt,
          readingIds: t.readingIds,
          ...(f ? { followUp: { at: f.at, classification: f.classification, notes: f.form.notes, nextDate: f.form.nextDate } } : {})
        }
      }),
      appointments: as.map((a) => ({
        id: a._id,
        status: a.status,
        start: new Date(`${a.date}T${a.start}:00+08:00`).toISOString(),
        end: new Date(`${a.date}T${a.end}:00+08:00`).toISOString(),
        description: `${a.hospitalName} ${a.departmentName} ${a.doctorName}`.trim(),
        ...(a.channel === 'referral' && a.referralTaskId ? { referral: { taskId: a.referralTaskId, bookedByName: a.bookedByName } } : {})
      })),
      enrolments: enrolments.map((e) => ({ id: e._id, programmeName: names.get(e.programme) ?? e.programme, enrolledAt: e.enrolledAt })),
      prescriptions: rxs.data.map(fhirPrescriptionFromRow),
      nursingVisits: visits.data.map(fhirNursingFromRow)
    },
    at
  )
  return { record, bundle }
}
