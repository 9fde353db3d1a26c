/** Task views with the readings behind them, in each patient's context, for the console and records. */
import type { TaskView } from '../../types/records'
import { TASK_REASON_LABELS, cstDay, type RecordRules } from '../../types/records-rules'
import { db } from '../common/db'
import { READINGS, type EnrolmentDoc, type ReadingDoc, type TaskDoc } from './docs'
import { enrolmentsOf, profilesByIds, type PatientDoc } from './reads'
import { patientContext, readingView, taskView, flagOf } from './views'

export interface TaskContext {
  profiles: Map<string, PatientDoc>
  enrolments: EnrolmentDoc[]
  readings: Map<string, ReadingDoc>
}

export async function loadTaskContext(tasks: TaskDoc[]): Promise<TaskContext> {
  const ids = [...new Set(tasks.flatMap((t) => t.readingIds))]
  const _ = db().command
  const profileIds = [...new Set(tasks.map((t) => t.profileId))]
  const [profiles, enrolments, readings] = await Promise.all([
    profilesByIds(profileIds),
    enrolmentsOf(profileIds),
    ids.length
      ? db()
          .collection(READINGS)
          .where({ _id: _.in(ids) })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] })
  ])
  return { profiles, enrolments, readings: new Map((readings.data as ReadingDoc[]).map((r) => [r._id, r])) }
}

export function taskViewIn(t: TaskDoc, c: TaskContext, roles: readonly string[], at: Date, rules: RecordRules): TaskView {
  const p = c.profiles.get(t.profileId)
  const readings = t.readingIds
    .map((id) => c.readings.get(id))
    .filter((r): r is ReadingDoc => !!r)
    .sort((a, b) => (a.measuredAt < b.measuredAt ? 1 : -1))
    .map((r) => readingView(r, flagOf(r, p ? patientContext(p, c.enrolments, new Date(r.measuredAt)) : null, rules)))
  return taskView(t, readings, roles, cstDay(at))
}

export function shortcutsOf(t: TaskDoc) {
  return { profileId: t.profileId, patientName: t.patientName, reason: TASK_REASON_LABELS[t.reason] }
}
