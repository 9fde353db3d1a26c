/** Builders for records tests. */
import type { ProfileView } from '../../types/account'
import type { ReadingView } from '../../types/records'
import { db } from '../../cloudfunctions/common/db'
import { now } from '../../cloudfunctions/common/clock'
import { rid, type TestBackend } from '../helpers/backend'

export async function profileOf(b: TestBackend, account: string, name: string): Promise<ProfileView> {
  const { profiles } = await b.ok(account, 'account', 'listProfiles', {})
  const p = profiles.find((x) => x.name === name)
  if (!p) throw new Error(`no profile ${name}`)
  return p
}

export const hoursAgo = (h: number) => new Date(now().getTime() - h * 3600_000).toISOString()

export type Reply = { reading: ReadingView; taskOpened: { id: string; reason: string; reasonLabel: string } | null }

export function bp(
  b: TestBackend,
  as: string,
  profileId: string,
  systolic: number,
  diastolic: number,
  measuredAt = hoursAgo(1),
  requestId = rid()
) {
  return b.call(as, 'records', 'addReading', { profileId, measure: { kind: 'bp', systolic, diastolic }, measuredAt }, requestId)
}

export async function count(collection: string, where: Record<string, unknown>): Promise<number> {
  const res = await db().collection(collection).where(where).count()
  return res.total as number
}

export async function openTasks(profileId: string, reason?: string) {
  const res = await db()
    .collection('follow_up_tasks')
    .where({ profileId, status: 'open', ...(reason ? { reason } : {}) })
    .get()
  return res.data as Array<{ _id: string; reason: string; readingIds: string[]; dueDate: string }>
}

/**
 * The family enters three readings over 李德福's 150/90 target on three days (the day before
 * yesterday, yesterday, now): the third opens the "three high readings" task, which is returned.
 */
export async function threeHighDays(b: TestBackend, profileId: string, as = 'li_mei') {
  // Whole days apart, so three China calendar days at any hour (at 00:03, 23.9 hours back is the same day).
  const entered = [
    await bp(b, as, profileId, 158, 96, hoursAgo(48.1)),
    await bp(b, as, profileId, 162, 98, hoursAgo(24.1)),
    await bp(b, as, profileId, 156, 94, hoursAgo(0.1))
  ]
  const opened = entered.map((r) => (r.ok ? (r.data.taskOpened?.reason ?? null) : r.error.message))
  const [task] = await openTasks(profileId, 'high_readings')
  return { opened, task }
}
