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

/**
 * Booking's appointment as records reads it (timeline, export, the experts booked from a task), by
 * field: booking's own type stays in its folder. Fields an older document may lack are optional.
 */
export interface AppointmentRow {
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
  place?: string
  queueNo: number
  bookedByName: string
}

/** Another service's document read as a plain row, each field checked where it is used. */
export type Row = Record<string, unknown> & { _id: string }

export function measureOf(r: ReadingDoc): Measure {
  if (r.kind === 'bp') return { kind: 'bp', systolic: r.systolic ?? 0, diastolic: r.diastolic ?? 0 }
  if (r.kind === 'glucose') return { kind: 'glucose', value: r.value ?? 0, context: r.context ?? 'random' }
  return { kind: r.kind, value: r.value ?? 0 }
}
