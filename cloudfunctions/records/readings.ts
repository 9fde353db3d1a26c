/**
 * Saving a reading: plausibility, the flag in the patient's context, and the tasks it opens, with
 * the reading and its task written in one transaction (common/readings.ts, which nursing uses for a
 * visit's vitals too). The open task's unique key (`openKey`) makes "never two open tasks for the
 * same patient and reason" hold when readings arrive at once: the losers of the race join the
 * winner's task instead.
 */
import type { Flag, MeasureInput, RecordRules } from '../../types/records-rules'
import type { Source } from '../../types/records'
import { inTransaction } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import type { ProfileDoc } from '../common/patients'
import {
  READINGS,
  activeEnrolments,
  openTasksFor,
  prepareReading,
  writeReadingsIn,
  type PreparedReading,
  type ReadingDoc,
  type TaskDoc
} from '../common/readings'
import { collection } from '../common/typed'

export { problemsOrThrow, readingId } from '../common/readings'

export interface NewReading {
  profile: ProfileDoc
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

export async function saveReading(n: NewReading, rules: RecordRules, at: Date): Promise<Saved> {
  const { profile, ...reading } = n
  const prepared = await prepareReading(profile, await activeEnrolments([profile._id]), reading, rules, at)
  return commit(prepared, profile)
}

const isConflict = (err: unknown) => /TRANSACTION_CONFLICT/.test(String((err as { code?: unknown })?.code ?? ''))

async function commit(p: PreparedReading, profile: ProfileDoc): Promise<Saved> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await openTasksFor(profile._id, [p])
    try {
      const [task] = await inTransaction((tx) => writeReadingsIn(tx, profile, [p], existing))
      return { doc: p.doc, flag: p.flag, task, duplicate: false }
    } catch (err) {
      if (!isDuplicateKeyError(err) && !isConflict(err)) throw err
      const saved = (await collection<ReadingDoc>(READINGS).where({ _id: p.doc._id }).get()).data[0]
      if (saved) return { doc: saved, flag: p.flag, task: null, duplicate: true }
      // Another reading opened the task first: join it on the next pass.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)))
    }
  }
  throw new AppError('CONFLICT', '同时提交的测量较多，请稍后重试')
}
