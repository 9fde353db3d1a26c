/** Stored documents → what the app sees. */
import {
  CLASSIFICATION_LABELS,
  GLUCOSE_CONTEXT_LABELS,
  METHOD_LABELS,
  READING_KIND_LABELS,
  READING_UNITS,
  SOURCE_LABELS,
  TASK_REASON_LABELS,
  TASK_STATUS_LABELS,
  taskWorkflow,
  type EnrolmentView,
  type FollowUpView,
  type ReadingView,
  type ReferralView,
  type TaskView
} from '../../types/records'
import {
  ADVICE,
  FLAG_LABELS,
  ageOnDay,
  cstDay,
  flagReading,
  type Flag,
  type PatientContext,
  type RecordRules
} from '../../types/records-rules'
import { nextSteps } from '../../types/workflow'
import { measureOf, type EnrolmentDoc, type FollowUpDoc, type ReadingDoc, type TaskDoc } from './docs'
import type { ProfileDoc } from '../common/patients'

/** The flag as stored (level) with its advice recomputed in the patient's context. */
export function flagOf(r: ReadingDoc, p: PatientContext | null, rules: RecordRules): Flag {
  if (p) return flagReading(measureOf(r), p, rules)
  return { level: r.level, label: FLAG_LABELS[r.level], advice: ADVICE.recorded, uncontrolled: r.uncontrolled }
}

export function readingDisplay(r: ReadingDoc): string {
  const unit = READING_UNITS[r.kind].unit
  if (r.kind === 'bp') return `${r.systolic}/${r.diastolic} ${unit}`
  // One decimal where people read one (7.0 mmol/L, 36.5 ℃), so a threshold value reads as printed.
  const v = r.kind === 'glucose' || r.kind === 'temperature' || r.kind === 'weight' ? (r.value ?? 0).toFixed(1) : String(r.value)
  if (r.kind === 'glucose') return `${v} ${unit}（${GLUCOSE_CONTEXT_LABELS[r.context ?? 'random']}）`
  return `${v} ${unit}`
}

export function readingView(r: ReadingDoc, flag: Flag): ReadingView {
  return {
    id: r._id,
    profileId: r.profileId,
    kind: r.kind,
    kindLabel: READING_KIND_LABELS[r.kind],
    ...(r.systolic !== undefined ? { systolic: r.systolic, diastolic: r.diastolic } : {}),
    ...(r.value !== undefined ? { value: r.value } : {}),
    unit: READING_UNITS[r.kind].unit,
    ...(r.context ? { context: r.context } : {}),
    display: readingDisplay(r),
    measuredAt: r.measuredAt,
    source: r.source,
    sourceLabel: SOURCE_LABELS[r.source],
    flag: { level: flag.level, label: flag.label, advice: flag.advice, uncontrolled: flag.uncontrolled }
  }
}

export { patientContext } from '../common/readings'

export function taskView(
  t: TaskDoc,
  readings: ReadingView[],
  roles: readonly string[],
  today: string,
  referrals: ReferralView[] = []
): TaskView {
  return {
    id: t._id,
    profileId: t.profileId,
    patientName: t.patientName,
    reason: t.reason,
    reasonLabel: TASK_REASON_LABELS[t.reason],
    status: t.status,
    statusLabel: TASK_STATUS_LABELS[t.status],
    dueDate: t.dueDate,
    overdue: t.status === 'open' && t.dueDate < today,
    createdAt: t.createdAt,
    readings,
    next: nextSteps(taskWorkflow, t.status, roles),
    followUpId: t.followUpId,
    closeReason: t.closeReason,
    referrals
  }
}

export function followUpView(f: FollowUpDoc): FollowUpView {
  const form = f.form
  return {
    id: f._id,
    taskId: f.taskId,
    profileId: f.profileId,
    doctorName: f.doctorName,
    at: f.at,
    form: {
      ...form,
      methodLabel: METHOD_LABELS[form.method],
      classificationLabel: CLASSIFICATION_LABELS[form.classification],
      referral: form.referral ?? null
    },
    referralSuggested: f.referralSuggested,
    referralReason: f.referralReason
  }
}

export function enrolmentView(e: EnrolmentDoc, programmeName: string): EnrolmentView {
  return {
    id: e._id,
    profileId: e.profileId,
    programme: e.programme,
    programmeName,
    complications: e.complications,
    enrolledAt: e.enrolledAt,
    enrolledByName: e.enrolledByName
  }
}

export function patientSummary(p: ProfileDoc, at: Date) {
  return { profileId: p._id, name: p.name, sex: p.sex, age: ageOnDay(p.birthDate, cstDay(at)), phone: p.phone }
}

/** The reply to a saved reading: the reading with its flag, and the follow-up it opened or joined. */
export function savedReply(s: { doc: ReadingDoc; flag: Flag; task: TaskDoc | null }) {
  return {
    reading: readingView(s.doc, s.flag),
    taskOpened: s.task ? { id: s.task._id, reason: s.task.reason, reasonLabel: TASK_REASON_LABELS[s.task.reason] } : null
  }
}
