/** The records service's collections and the documents it stores. */
import type { Classification, GlucoseContext, Measure, ReadingKind, TaskReason } from '../../types/records-rules'
import type { FollowUpForm, Source, TaskStatus } from '../../types/records'

export const READINGS = 'readings'
export const TASKS = 'follow_up_tasks'
export const FOLLOW_UPS = 'follow_ups'
export const ENROLMENTS = 'programme_enrolments'
export const PROFILES = 'profiles'
/** Other services' collections the timeline reads by profileId (never their code). */
export const APPOINTMENTS = 'appointments'
export const DECOCTION_ORDERS = 'decoction_orders'
export const PRESCRIPTIONS = 'prescriptions'
/** Read only once the nursing service declares it in the collection manifest. */
export const NURSING_VISITS = 'nursing_requests'

export interface ReadingDoc {
  _id: string
  profileId: string
  /** The family that owns the profile. */
  accountId: string
  kind: ReadingKind
  systolic?: number
  diastolic?: number
  /** Glucose in mmol/L whatever was typed; the typed value is kept below. */
  value?: number
  context?: GlucoseContext
  entered?: { value: number; unit: string }
  measuredAt: string
  /** China day of measuredAt: what "different days" counts. */
  day: string
  source: Source
  enteredBy: string
  note?: string
  level: 'normal' | 'high' | 'low' | 'critical'
  uncontrolled: boolean
  visitId?: string
  createdAt: string
}

export interface TaskDoc {
  _id: string
  profileId: string
  accountId: string
  patientName: string
  reason: TaskReason
  status: TaskStatus
  /** `profileId:reason` while open (unique index), `x:<id>` after: one open task per patient and reason. */
  openKey: string
  dueDate: string
  readingIds: string[]
  followUpId: string | null
  closeReason: string | null
  createdAt: string
  updatedAt: string
}

export interface FollowUpDoc {
  _id: string
  taskId: string
  profileId: string
  accountId: string
  doctorId: string
  doctorName: string
  at: string
  day: string
  form: FollowUpForm
  classification: Classification
  referralSuggested: boolean
  referralReason: string | null
}

export interface EnrolmentDoc {
  _id: string
  profileId: string
  accountId: string
  programme: string
  status: 'active' | 'ended'
  complications: string[]
  enrolledAt: string
  enrolledBy: string
  enrolledByName: string
}

export function measureOf(r: ReadingDoc): Measure {
  if (r.kind === 'bp') return { kind: 'bp', systolic: r.systolic ?? 0, diastolic: r.diastolic ?? 0 }
  if (r.kind === 'glucose') return { kind: 'glucose', value: r.value ?? 0, context: r.context ?? 'random' }
  return { kind: r.kind, value: r.value ?? 0 }
}
