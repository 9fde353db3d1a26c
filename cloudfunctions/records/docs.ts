/**
 * The records service's collections and the documents it stores. Readings, tasks, follow-ups and
 * enrolments live in common/readings.ts, since nursing writes a visit's vitals as readings too.
 */
import type { Measure } from '../../types/records-rules'
import type { ReadingDoc } from '../common/readings'

export { READINGS, TASKS, FOLLOW_UPS, ENROLMENTS } from '../common/readings'
export type { ReadingDoc, TaskDoc, FollowUpDoc, EnrolmentDoc } from '../common/readings'
/** Other services' collections the timeline reads by profileId (never their code). */
export const APPOINTMENTS = 'appointments'
export const DECOCTION_ORDERS = 'decoction_orders'
export const PRESCRIPTIONS = 'prescriptions'
export const NURSING_VISITS = 'nursing_requests'

/** What records reads of an appointment the doctor booked from a task (booking's document, by field). */
export interface ReferralAppointmentDoc {
  _id: string
  profileId: string
  channel: string
  referralTaskId?: string
  status: string
  date: string
  start: string
  end: string
  doctorName: string
  doctorTitle: string
  departmentName: string
  hospitalName: string
  queueNo: number
  bookedByName: string
}

export function measureOf(r: ReadingDoc): Measure {
  if (r.kind === 'bp') return { kind: 'bp', systolic: r.systolic ?? 0, diastolic: r.diastolic ?? 0 }
  if (r.kind === 'glucose') return { kind: 'glucose', value: r.value ?? 0, context: r.context ?? 'random' }
  return { kind: r.kind, value: r.value ?? 0 }
}
