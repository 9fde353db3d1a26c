/**
 * Saving a reading: plausibility, the flag in the patient's context, and the tasks it opens, with
 * the reading and its task written in one transaction. The open task's unique key (`openKey`)
 * makes "never two open tasks for the same patient and reason" hold when readings arrive at once:
 * the losers of the race join the winner's task instead.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Source } from '../../types/records'
import {
  addDays,
  cstDay,
  flagReading,
  normalizeMeasure,
  openTaskKey,
  readingProblems,
  tasksForReading,
  type Flag,
  type MeasureInput,
  type RecordRules,
  type TaskToOpen
} from '../../types/records-rules'
import { iso } from '../common/clock'
import { db, firstDoc, inTransaction } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import { READINGS, TASKS, type ReadingDoc, type TaskDoc } from './docs'
import { enrolmentsOf, type PatientDoc } from './reads'
import { patientContext } from './views'

export interface NewReading {
  profile: PatientDoc
  measure: MeasureInput
  measuredAt: string
  source: Source
  enteredBy: string
  /** Derived from the caller's request (or the device row), so a retry finds the same reading. */
  key: string
  note?: string
  visitId?: string
}

export interface Saved {
  doc: ReadingDoc
  flag: Flag
  task: TaskDoc | null
  duplicate: boolean
}

const MAX_JOINED_READINGS = 20
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32)
export const readingId = (key: string) => `rd_${hash(key)}`
const newTaskId = () => `fu_${randomBytes(12).toString('hex')}`

export function problemsOrThrow(problems: Record<string, string>): void {
  const first = Object.values(problems)[0]
  if (first) throw new AppError('INVALID_INPUT', first, problems)
}

export async function saveReading(n: NewReading, rules: RecordRules, at: Date): Promise<Saved> {
  const measure = normalizeMeasure(n.measure)
  problemsOrThrow(readingProblems(measure, n.measuredAt, at, rules))
  const measuredAt = new Date(n.measuredAt).toISOString()
  const enrolments = await enrolmentsOf([n.profile._id])
  const flag = flagReading(measure, patientContext(n.profile, enrolments, new Date(measuredAt)), rules)
  const day = cstDay(measuredAt)
  const highs = flag.level === 'high' && flag.uncontrolled ? await uncontrolledAround(n.profile._id, measure.kind, day, rules) : []
  const doc: ReadingDoc = {
    _id: readingId(n.key),
    profileId: n.profile._id,
    accountId: n.profile.accountId,
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
  // A run of high days is shown to the doctor with every reading in it.
  const causes = toOpen.some((t) => t.reason === 'high_readings') ? highs.map((h) => h._id) : []
  return commit(doc, flag, toOpen, n.profile, causes)
}

async function uncontrolledAround(
  profileId: string,
  kind: string,
  day: string,
  r: RecordRules
): Promise<Array<{ _id: string; day: string }>> {
  const _ = db().command
  const res = await db()
    .collection(READINGS)
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
  return res.data as Array<{ _id: string; day: string }>
}

async function openTasksFor(profileId: string, reasons: TaskToOpen[]): Promise<Map<string, TaskDoc>> {
  if (!reasons.length) return new Map()
  const _ = db().command
  const res = await db()
    .collection(TASKS)
    .where({ openKey: _.in(reasons.map((t) => openTaskKey(profileId, t.reason))) })
    .get()
  return new Map((res.data as TaskDoc[]).map((t) => [t.reason, t]))
}

const isConflict = (err: unknown) => /TRANSACTION_CONFLICT/.test(String((err as { code?: unknown })?.code ?? ''))

async function commit(doc: ReadingDoc, flag: Flag, toOpen: TaskToOpen[], profile: PatientDoc, causes: string[]): Promise<Saved> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await openTasksFor(profile._id, toOpen)
    try {
      const task = await inTransaction(async (tx) => {
        await tx.collection(READINGS).add(doc)
        let touched: TaskDoc | null = null
        for (const t of toOpen) {
          const cur = existing.get(t.reason)
          const fresh = cur ? firstDoc<TaskDoc>(await tx.collection(TASKS).doc(cur._id).get()) : undefined
          if (fresh && fresh.status === 'open') {
            const readingIds = [doc._id, ...fresh.readingIds].slice(0, MAX_JOINED_READINGS)
            await tx.collection(TASKS).doc(fresh._id).update({ readingIds, updatedAt: doc.createdAt })
            touched ??= { ...fresh, readingIds }
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
            readingIds: [doc._id, ...(t.reason === 'high_readings' ? causes : [])].slice(0, MAX_JOINED_READINGS),
            followUpId: null,
            closeReason: null,
            createdAt: doc.createdAt,
            updatedAt: doc.createdAt
          }
          await tx.collection(TASKS).add(task)
          touched ??= task
        }
        return touched
      })
      return { doc, flag, task, duplicate: false }
    } catch (err) {
      if (!isDuplicateKeyError(err) && !isConflict(err)) throw err
      const again = await db().collection(READINGS).doc(doc._id).get()
      const saved = again.data[0] as ReadingDoc | undefined
      if (saved) return { doc: saved, flag, task: null, duplicate: true }
      // Another reading opened the task first: join it on the next pass.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)))
    }
  }
  throw new AppError('CONFLICT', '同时提交的测量较多，请稍后重试')
}
