/**
 * Health-record readings, shared by the services that write them: records (the family's own, a
 * device's export) and nursing (a visit's vital signs, DOMAIN §4, source `nurse`). The stored
 * reading, the follow-up task a reading may open, and the one way to write both: judged by the pure
 * rules in types/records-rules.ts, then written inside the caller's transaction, so a nurse's
 * completed visit and its readings (and any task they open) are one change or none.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FollowUpForm, Source, TaskStatus } from '../../types/records'
import {
  addDays,
  ageOnDay,
  cstDay,
  flagReading,
  normalizeMeasure,
  openTaskKey,
  readingProblems,
  tasksForReading,
  type Classification,
  type Flag,
  type GlucoseContext,
  type MeasureInput,
  type PatientContext,
  type ReadingKind,
  type RecordRules,
  type TaskReason,
  type TaskToOpen
} from '../../types/records-rules'
import { iso } from './clock'
import { db, firstDoc, type Transaction } from './db'
import { AppError } from './errors'
import type { ProfileDoc } from './patients'
import { collection, txDoc } from './typed'

export const READINGS = 'readings'
export const TASKS = 'follow_up_tasks'
export const FOLLOW_UPS = 'follow_ups'
export const ENROLMENTS = 'programme_enrolments'

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

export interface NewReading {
  measure: MeasureInput
  measuredAt: string
  source: Source
  enteredBy: string
  /** Derived from the caller's request (or the device row, or the visit), so a retry finds the same reading. */
  key: string
  note?: string
  visitId?: string
}

/** A reading judged and ready to write, with the tasks it opens. */
export interface PreparedReading {
  doc: ReadingDoc
  flag: Flag
  toOpen: TaskToOpen[]
  /** For a run of high days: the other readings in it, shown to the doctor with the task. */
  causes: string[]
}

const MAX_JOINED_READINGS = 20
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32)
export const readingId = (key: string) => `rd_${hash(key)}`
const newTaskId = () => `fu_${randomBytes(12).toString('hex')}`

export function patientContext(p: ProfileDoc, enrolments: EnrolmentDoc[], at: Date): PatientContext {
  return { age: ageOnDay(p.birthDate, cstDay(at)), programmes: enrolments.filter((e) => e.profileId === p._id).map((e) => e.programme) }
}

export function problemsOrThrow(problems: Record<string, string>): void {
  const first = Object.values(problems)[0]
  if (first) throw new AppError('INVALID_INPUT', first, problems)
}

export async function activeEnrolments(profileIds: string[]): Promise<EnrolmentDoc[]> {
  if (!profileIds.length) return []
  const _ = db().command
  return (
    await collection<EnrolmentDoc>(ENROLMENTS)
      .where({ profileId: _.in(profileIds), status: 'active' })
      .limit(100)
      .get()
  ).data
}

/**
 * Judges one reading (INVALID_INPUT with field errors when implausible) and works out the tasks it
 * opens. Reads only: nothing is written until `writeReadingsIn`.
 */
export async function prepareReading(
  profile: ProfileDoc,
  enrolments: EnrolmentDoc[],
  n: NewReading,
  rules: RecordRules,
  at: Date
): Promise<PreparedReading> {
  const measure = normalizeMeasure(n.measure)
  problemsOrThrow(readingProblems(measure, n.measuredAt, at, rules))
  const measuredAt = new Date(n.measuredAt).toISOString()
  const flag = flagReading(measure, patientContext(profile, enrolments, new Date(measuredAt)), rules)
  const day = cstDay(measuredAt)
  const highs = flag.level === 'high' && flag.uncontrolled ? await uncontrolledAround(profile._id, measure.kind, day, rules) : []
  const doc: ReadingDoc = {
    _id: readingId(n.key),
    profileId: profile._id,
    accountId: profile.accountId,
    kind: measure.kind,
    ...(measure.kind === 'bp' ? { systolic: measure.systolic, diastolic: measure.diastolic } : { value: measure.value }),
    ...(measure.kind === 'glucose' ? { context: measure.context } : {}),
    ...(n.measure.kind === 'glucose' && n.measure.unit === 'mg/dL' ? { entered: { value: n.measure.value, unit: 'mg/dL' } } : {}),
    measuredAt,
    day,
    source: n.source,
    enteredBy: n.enteredBy,
    ...(n.note ? { note: n.note } : {}),
    ...(n.visitId ? { visitId: n.visitId } : {}),
    level: flag.level,
    uncontrolled: flag.uncontrolled,
    createdAt: iso(at)
  }
  const toOpen = tasksForReading(
    flag,
    day,
    highs.map((h) => h.day),
    rules
  )
  const causes = toOpen.some((t) => t.reason === 'high_readings') ? highs.map((h) => h._id) : []
  return { doc, flag, toOpen, causes }
}

async function uncontrolledAround(
  profileId: string,
  kind: string,
  day: string,
  r: RecordRules
): Promise<Array<{ _id: string; day: string }>> {
  const _ = db().command
  const res = await collection<ReadingDoc>(READINGS)
    .where({
      profileId,
      kind,
      uncontrolled: true,
      day: _.gte(addDays(day, -(r.highRunDays - 1))).and(_.lte(addDays(day, r.highRunDays - 1)))
    })
    .field({ day: true })
    .orderBy('day', 'desc')
    .limit(200)
    .get()
  return res.data
}

/** The patient's open tasks for the reasons these readings would open, by reason (read before the transaction). */
export async function openTasksFor(profileId: string, prepared: readonly PreparedReading[]): Promise<Map<string, TaskDoc>> {
  const reasons = [...new Set(prepared.flatMap((p) => p.toOpen.map((t) => t.reason)))]
  if (!reasons.length) return new Map()
  const _ = db().command
  const res = await collection<TaskDoc>(TASKS)
    .where({ openKey: _.in(reasons.map((r) => openTaskKey(profileId, r))) })
    .get()
  return new Map(res.data.map((t) => [t.reason, t]))
}

/**
 * Writes the readings and opens (or joins) their tasks inside the caller's transaction. A task
 * already open for the patient and reason is joined, never doubled; a task opened by an earlier
 * reading of the same batch is joined too. Returns the task each reading opened or joined.
 * If another reading opens the same task at the same moment, the unique open key refuses one of
 * the two transactions (duplicate key): the caller reads `openTasksFor` again and retries.
 */
export async function writeReadingsIn(
  tx: Transaction,
  profile: ProfileDoc,
  prepared: readonly PreparedReading[],
  existing: Map<string, TaskDoc>
): Promise<Array<TaskDoc | null>> {
  const opened = new Map<string, TaskDoc>()
  const out: Array<TaskDoc | null> = []
  for (const p of prepared) {
    const { doc } = p
    await tx.collection(READINGS).add(doc)
    let touched: TaskDoc | null = null
    for (const t of p.toOpen) {
      const mine = opened.get(t.reason)
      const cur = existing.get(t.reason)
      const fresh = mine ?? (cur ? firstDoc<TaskDoc>(await tx.collection(TASKS).doc(cur._id).get()) : undefined)
      if (fresh && fresh.status === 'open') {
        const readingIds = [doc._id, ...fresh.readingIds].slice(0, MAX_JOINED_READINGS)
        await txDoc<TaskDoc>(tx, TASKS, fresh._id).update({ readingIds, updatedAt: doc.createdAt })
        const joined = { ...fresh, readingIds }
        if (mine) opened.set(t.reason, joined)
        touched ??= joined
        continue
      }
      const task: TaskDoc = {
        _id: newTaskId(),
        profileId: profile._id,
        accountId: profile.accountId,
        patientName: profile.name,
        reason: t.reason,
        status: 'open',
        openKey: openTaskKey(profile._id, t.reason),
        dueDate: t.dueDate,
        readingIds: [doc._id, ...(t.reason === 'high_readings' ? p.causes : [])].slice(0, MAX_JOINED_READINGS),
        followUpId: null,
        closeReason: null,
        createdAt: doc.createdAt,
        updatedAt: doc.createdAt
      }
      await tx.collection(TASKS).add(task)
      opened.set(t.reason, task)
      touched ??= task
    }
    out.push(touched)
  }
  return out
}
