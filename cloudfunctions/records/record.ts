/** A patient's whole record for export: JSON for people and a FHIR R4 Bundle for systems. */
import { fhirNursingFromRow, fhirPrescriptionFromRow, recordBundle, type FhirBundle } from '../../types/records-fhir'
import { getSettings } from '../common/settings'
import { db } from '../common/db'
import type { ProfileDoc } from '../common/patients'
import { APPOINTMENTS, FOLLOW_UPS, NURSING_VISITS, PRESCRIPTIONS, READINGS, TASKS, measureOf } from './docs'
import { enrolmentsOf } from './reads'
import { enrolmentView, followUpView, patientSummary, readingView, flagOf, patientContext } from './views'

const MAX = 1000

// Other services' documents are read as plain rows (never through their function code), so each field is checked.
type Row = Record<string, unknown>

export async function loadRecord(p: ProfileDoc, at: string): Promise<{ record: Record<string, unknown>; bundle: FhirBundle }> {
  const all = (c: string, field: string) => db().collection(c).where({ profileId: p._id }).orderBy(field, 'desc').limit(MAX).get()
  const [settings, enrolments, readings, tasks, followUps, appts, rxs, visits] = await Promise.all([
    getSettings(),
    enrolmentsOf([p._id]),
    all(READINGS, 'measuredAt'),
    all(TASKS, 'createdAt'),
    all(FOLLOW_UPS, 'at'),
    all(APPOINTMENTS, 'date'),
    all(PRESCRIPTIONS, 'createdAt'),
    all(NURSING_VISITS, 'createdAt')
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
        description: `${a.hospitalName ?? ''} ${a.departmentName ?? ''} ${a.doctorName ?? ''}`.trim()
      })),
      enrolments: enrolments.map((e) => ({ id: e._id, programmeName: names.get(e.programme) ?? e.programme, enrolledAt: e.enrolledAt })),
      prescriptions: (rxs.data as Row[]).map(fhirPrescriptionFromRow),
      nursingVisits: (visits.data as Row[]).map(fhirNursingFromRow)
    },
    at
  )
  return { record, bundle }
}
