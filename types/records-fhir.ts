/**
 * A patient's record as a FHIR R4 Bundle (type collection): Patient, Observations with LOINC codes
 * and UCUM units (vital-signs category and profile where they are vital signs; blood glucose is a
 * laboratory result), Appointments, MedicationRequests for herbal prescriptions, ServiceRequests
 * for home nursing visits, CarePlans for programmes and Tasks for follow-ups. An expert the
 * follow-up doctor booked from a task (随访转诊) names that Task in its supportingInformation, and
 * the Task names the Appointment in its output. Every reference is `Type/id` and resolves to an
 * entry's fullUrl inside the Bundle. Pure.
 */
import type { Classification, FlagLevel, Measure, ReadingKind, TaskReason } from './records-rules'
import { CLASSIFICATION_LABELS, TASK_REASON_LABELS } from './records-rules'
import { LOINC, READING_UNITS } from './records'

export interface FhirPatientInput {
  id: string
  name: string
  sex: 'male' | 'female'
  birthDate: string
  phone?: string
}
export interface FhirReadingInput {
  id: string
  measure: Measure
  measuredAt: string
  level: FlagLevel
  source: string
}
export interface FhirTaskInput {
  id: string
  reason: TaskReason
  status: 'open' | 'done' | 'closed'
  dueDate: string
  createdAt: string
  readingIds: string[]
  followUp?: { at: string; classification: Classification; notes: string; nextDate: string }
}
export interface FhirAppointmentInput {
  id: string
  status: string
  start: string
  end: string
  description: string
  /** Booked by the follow-up doctor from this follow-up task (booking.referralBook). */
  referral?: { taskId: string; bookedByName: string }
}
export interface FhirEnrolmentInput {
  id: string
  programmeName: string
  enrolledAt: string
}
export interface FhirPrescriptionInput {
  id: string
  rxNo: string
  doctorName: string
  diagnosis?: string
  herbs: Array<{ name: string; grams: number; handling: string | null }>
  doses: number
  instructions: string
  createdAt: string
}
export interface FhirNursingInput {
  id: string
  requestNo: string
  status: string
  items: string[]
  start: string
  end: string
  createdAt: string
}
export interface FhirRecordInput {
  patient: FhirPatientInput
  readings: FhirReadingInput[]
  tasks: FhirTaskInput[]
  appointments: FhirAppointmentInput[]
  enrolments: FhirEnrolmentInput[]
  prescriptions: FhirPrescriptionInput[]
  nursingVisits: FhirNursingInput[]
}

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>
export type FhirBundle = {
  resourceType: 'Bundle'
  type: 'collection'
  timestamp: string
  entry: Array<{ fullUrl: string; resource: FhirResource }>
}

export const FHIR_BASE = 'https://fhir.hospital.example/fhir'
const LOINC_SYSTEM = 'http://loinc.org'
const UCUM = 'http://unitsofmeasure.org'
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category'
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation'
const VITAL_PROFILE: Partial<Record<ReadingKind, string>> = {
  bp: 'http://hl7.org/fhir/StructureDefinition/bp',
  heart_rate: 'http://hl7.org/fhir/StructureDefinition/heartrate',
  weight: 'http://hl7.org/fhir/StructureDefinition/bodyweight',
  temperature: 'http://hl7.org/fhir/StructureDefinition/bodytemp',
  spo2: 'http://hl7.org/fhir/StructureDefinition/oxygensat'
}

/** FHIR ids allow [A-Za-z0-9-.]{1,64}. */
export function fhirId(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64)
  return s.length ? s : 'x'
}

const coding = (c: { code: string; display: string }) => ({ system: LOINC_SYSTEM, code: c.code, display: c.display })
const quantity = (value: number, kind: ReadingKind) => ({
  value,
  unit: READING_UNITS[kind].ucum,
  system: UCUM,
  code: READING_UNITS[kind].ucum
})
const INTERP: Record<FlagLevel, { code: string; display: string }> = {
  normal: { code: 'N', display: 'Normal' },
  high: { code: 'H', display: 'High' },
  low: { code: 'L', display: 'Low' },
  critical: { code: 'HH', display: 'Critical high' }
}

function observation(r: FhirReadingInput, patientRef: string): FhirResource {
  const m = r.measure
  const vital = m.kind !== 'glucose'
  const base: FhirResource = {
    resourceType: 'Observation',
    id: fhirId(r.id),
    ...(vital ? { meta: { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns', VITAL_PROFILE[m.kind]] } } : {}),
    status: 'final',
    category: [
      {
        coding: [
          vital
            ? { system: CATEGORY, code: 'vital-signs', display: 'Vital Signs' }
            : { system: CATEGORY, code: 'laboratory', display: 'Laboratory' }
        ]
      }
    ],
    subject: { reference: patientRef },
    effectiveDateTime: r.measuredAt,
    interpretation: [{ coding: [{ system: INTERPRETATION, ...INTERP[r.level] }] }]
  }
  switch (m.kind) {
    case 'bp':
      return {
        ...base,
        code: { coding: [coding(LOINC.bp)], text: '血压' },
        component: [
          { code: { coding: [coding(LOINC.systolic)] }, valueQuantity: quantity(m.systolic, 'bp') },
          { code: { coding: [coding(LOINC.diastolic)] }, valueQuantity: quantity(m.diastolic, 'bp') }
        ]
      }
    case 'spo2':
      return {
        ...base,
        code: { coding: [coding(LOINC.spo2), coding(LOINC.spo2Pulse)], text: '血氧饱和度' },
        valueQuantity: quantity(m.value, 'spo2')
      }
    case 'glucose':
      return { ...base, code: { coding: [coding(LOINC.glucose)], text: '血糖' }, valueQuantity: quantity(m.value, 'glucose') }
    default:
      return { ...base, code: { coding: [coding(LOINC[m.kind])] }, valueQuantity: quantity(m.value, m.kind) }
  }
}

const TASK_STATUS = { open: 'requested', done: 'completed', closed: 'cancelled' } as const
const APPT_STATUS: Record<string, string> = {
  booked: 'booked',
  checked_in: 'checked-in',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow'
}

// A home nursing request is an order for a service: active until done, revoked when refused or cancelled.
const NURSING_STATUS: Record<string, string> = {
  completed: 'completed',
  rated: 'completed',
  rejected: 'revoked',
  cancelled: 'revoked'
}

export function recordBundle(input: FhirRecordInput, timestamp: string): FhirBundle {
  const entry: FhirBundle['entry'] = []
  const add = (r: FhirResource) => entry.push({ fullUrl: `${FHIR_BASE}/${r.resourceType}/${r.id}`, resource: r })
  const p = input.patient
  const patientRef = `Patient/${fhirId(p.id)}`
  add({
    resourceType: 'Patient',
    id: fhirId(p.id),
    // Only the whole name: splitting family from given name by character is wrong for 欧阳 and the like.
    name: [{ text: p.name }],
    gender: p.sex,
    birthDate: p.birthDate,
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'mobile' }] } : {})
  })
  const readingIds = new Set<string>()
  for (const r of input.readings) {
    add(observation(r, patientRef))
    readingIds.add(r.id)
  }
  // A referral names its task only when the task is in the Bundle too.
  const taskIds = new Set(input.tasks.map((t) => t.id))
  const referredFrom = (a: FhirAppointmentInput) => (a.referral && taskIds.has(a.referral.taskId) ? a.referral : null)
  const taskLabel = new Map(input.tasks.map((t) => [t.id, `随访：${TASK_REASON_LABELS[t.reason]}`]))
  for (const a of input.appointments) {
    const referral = referredFrom(a)
    add({
      resourceType: 'Appointment',
      id: fhirId(a.id),
      status: APPT_STATUS[a.status] ?? 'booked',
      description: a.description,
      ...(referral
        ? {
            supportingInformation: [{ reference: `Task/${fhirId(referral.taskId)}`, display: taskLabel.get(referral.taskId) }],
            comment: `随访医生${referral.bookedByName}预约（随访转诊）`
          }
        : {}),
      start: a.start,
      end: a.end,
      participant: [{ actor: { reference: patientRef, display: p.name }, status: 'accepted' }]
    })
  }
  for (const rx of input.prescriptions) {
    const herbs = rx.herbs.map((h) => `${h.name}${h.grams}g${h.handling ? `（${h.handling}）` : ''}`).join('、')
    add({
      resourceType: 'MedicationRequest',
      id: fhirId(rx.id),
      identifier: [{ system: `${FHIR_BASE}/sid/rx-no`, value: rx.rxNo }],
      status: 'active',
      intent: 'order',
      category: [{ text: '中药饮片（代煎）' }],
      medicationCodeableConcept: { text: `中药饮片处方：${herbs}` },
      subject: { reference: patientRef, display: p.name },
      authoredOn: rx.createdAt,
      requester: { display: rx.doctorName },
      ...(rx.diagnosis ? { reasonCode: [{ text: rx.diagnosis }] } : {}),
      dosageInstruction: [{ text: rx.instructions || `共${rx.doses}剂` }],
      dispenseRequest: { quantity: { value: rx.doses, unit: '剂' } }
    })
  }
  for (const v of input.nursingVisits) {
    add({
      resourceType: 'ServiceRequest',
      id: fhirId(v.id),
      identifier: [{ system: `${FHIR_BASE}/sid/nursing-request-no`, value: v.requestNo }],
      status: NURSING_STATUS[v.status] ?? 'active',
      intent: 'order',
      category: [{ text: '互联网+护理服务（上门护理）' }],
      code: { text: v.items.join('、') || '上门护理' },
      subject: { reference: patientRef, display: p.name },
      occurrencePeriod: { start: v.start, end: v.end },
      authoredOn: v.createdAt,
      locationCode: [{ text: '居家' }]
    })
  }
  for (const e of input.enrolments) {
    add({
      resourceType: 'CarePlan',
      id: fhirId(e.id),
      status: 'active',
      intent: 'plan',
      title: `${e.programmeName}慢病管理`,
      subject: { reference: patientRef },
      period: { start: e.enrolledAt }
    })
  }
  for (const t of input.tasks) {
    const output = [
      ...(t.followUp ? [{ type: { text: '此次随访分类' }, valueString: CLASSIFICATION_LABELS[t.followUp.classification] }] : []),
      ...input.appointments
        .filter((a) => referredFrom(a)?.taskId === t.id)
        .map((a) => ({ type: { text: '转诊预约' }, valueReference: { reference: `Appointment/${fhirId(a.id)}` } }))
    ]
    add({
      resourceType: 'Task',
      id: fhirId(t.id),
      status: TASK_STATUS[t.status],
      intent: 'plan',
      description: taskLabel.get(t.id),
      for: { reference: patientRef },
      authoredOn: t.createdAt,
      restriction: { period: { end: t.dueDate } },
      ...(t.readingIds.some((id) => readingIds.has(id))
        ? {
            input: t.readingIds
              .filter((id) => readingIds.has(id))
              .map((id) => ({ type: { text: '触发读数' }, valueReference: { reference: `Observation/${fhirId(id)}` } }))
          }
        : {}),
      ...(t.followUp
        ? {
            executionPeriod: { end: t.followUp.at },
            note: [{ text: `${t.followUp.notes}${t.followUp.notes ? '；' : ''}下次随访 ${t.followUp.nextDate}` }]
          }
        : {}),
      ...(output.length ? { output } : {})
    })
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp, entry }
}

type Row = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * A stored herbal prescription as a Bundle input. Read as a plain row (the records export and the
 * family's data export read other services' collections, never their code), so each field is checked.
 */
export function fhirPrescriptionFromRow(r: Row): FhirPrescriptionInput {
  return {
    id: str(r._id),
    rxNo: str(r.rxNo),
    doctorName: str(r.doctorName),
    ...(str(r.diagnosis) ? { diagnosis: str(r.diagnosis) } : {}),
    herbs: (Array.isArray(r.herbs) ? (r.herbs as Row[]) : []).map((h) => ({
      name: str(h.name),
      grams: typeof h.grams === 'number' ? h.grams : 0,
      handling: str(h.handling) || null
    })),
    doses: typeof r.doses === 'number' ? r.doses : 0,
    instructions: str(r.instructions),
    createdAt: str(r.createdAt)
  }
}

/** A stored nursing request as a Bundle input; its window is China time on its date. */
export function fhirNursingFromRow(v: Row): FhirNursingInput {
  const window = (v.window ?? {}) as Row
  return {
    id: str(v._id),
    requestNo: str(v.requestNo),
    status: str(v.status),
    items: (Array.isArray(v.items) ? (v.items as Row[]) : []).map((i) => str(i.name)).filter(Boolean),
    start: new Date(`${str(v.date)}T${str(window.start) || '00:00'}:00+08:00`).toISOString(),
    end: new Date(`${str(v.date)}T${str(window.end) || '23:59'}:00+08:00`).toISOString(),
    createdAt: str(v.createdAt)
  }
}
