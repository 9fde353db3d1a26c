/** Task views with the readings behind them, in each patient's context, for the console and records. */
import { APPOINTMENT_STATUS_LABELS } from '../../types/booking'
import type { ReferralView, TaskView } from '../../types/records'
import { TASK_REASON_LABELS, cstDay, type RecordRules } from '../../types/records-rules'
import { db } from '../common/db'
import { APPOINTMENTS, READINGS, type EnrolmentDoc, type ReadingDoc, type AppointmentRow, type TaskDoc } from './docs'
import type { ProfileDoc } from '../common/patients'
import { enrolmentsOf, profileMap } from './reads'
import { patientContext, readingView, taskView, flagOf } from './views'
import { collection } from '../common/typed'

export interface TaskContext {
  profiles: Map<string, ProfileDoc>
  enrolments: EnrolmentDoc[]
  readings: Map<string, ReadingDoc>
  /** Experts booked from each task (by task id). */
  referrals: Map<string, ReferralView[]>
}

export async function loadTaskContext(tasks: TaskDoc[]): Promise<TaskContext> {
  const ids = [...new Set(tasks.flatMap((t) => t.readingIds))]
  const _ = db().command
  const profileIds = [...new Set(tasks.map((t) => t.profileId))]
  const [profiles, enrolments, readings, referrals] = await Promise.all([
    profileMap(profileIds),
    enrolmentsOf(profileIds),
    ids.length
      ? collection<ReadingDoc>(READINGS)
          .where({ _id: _.in(ids) })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    referralsOf(profileIds)
  ])
  return { profiles, enrolments, readings: new Map(readings.data.map((r) => [r._id, r])), referrals }
}

/** The experts booked from follow-up tasks (booking.referralBook) for these patients, by task id, soonest first. */
export async function referralsOf(profileIds: string[]): Promise<Map<string, ReferralView[]>> {
  const referrals = new Map<string, ReferralView[]>()
  if (!profileIds.length) return referrals
  const booked = await collection<AppointmentRow>(APPOINTMENTS)
    .where({ profileId: db().command.in(profileIds), channel: 'referral' })
    .orderBy('date', 'desc')
    .limit(200)
    .get()
  for (const a of [...booked.data].reverse()) {
    if (!a.referralTaskId) continue
    referrals.set(a.referralTaskId, [...(referrals.get(a.referralTaskId) ?? []), referralView(a)])
  }
  return referrals
}

function referralView(a: AppointmentRow): ReferralView {
  return {
    appointmentId: a._id,
    date: a.date,
    start: a.start,
    end: a.end,
    doctorName: a.doctorName,
    doctorTitle: a.doctorTitle,
    departmentName: a.departmentName,
    hospitalName: a.hospitalName,
    queueNo: a.queueNo,
    status: a.status,
    statusLabel: APPOINTMENT_STATUS_LABELS[a.status as keyof typeof APPOINTMENT_STATUS_LABELS] ?? a.status,
    bookedByName: a.bookedByName
  }
}

export function taskViewIn(t: TaskDoc, c: TaskContext, roles: readonly string[], at: Date, rules: RecordRules): TaskView {
  const p = c.profiles.get(t.profileId)
  const readings = t.readingIds
    .map((id) => c.readings.get(id))
    .filter((r): r is ReadingDoc => !!r)
    .sort((a, b) => (a.measuredAt < b.measuredAt ? 1 : -1))
    .map((r) => readingView(r, flagOf(r, p ? patientContext(p, c.enrolments, new Date(r.measuredAt)) : null, rules)))
  return taskView(t, readings, roles, cstDay(at), c.referrals.get(t._id) ?? [])
}

export function shortcutsOf(t: TaskDoc) {
  return { profileId: t.profileId, patientName: t.patientName, reason: TASK_REASON_LABELS[t.reason] }
}
