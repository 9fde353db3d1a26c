/** Builders for records tests. */
import type { ProfileView } from '../../types/account'
import type { ReadingView } from '../../types/records'
import { db } from '../../cloudfunctions/common/db'
import { now } from '../../cloudfunctions/common/clock'
import { rid, type TestBackend } from '../helpers/backend'

export async function profileOf(b: TestBackend, account: string, name: string): Promise<ProfileView> {
  const { profiles } = await b.ok<{ profiles: ProfileView[] }>(account, 'account', 'listProfiles', {})
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
  return b.call<Reply>(as, 'records', 'addReading', { profileId, measure: { kind: 'bp', systolic, diastolic }, measuredAt }, requestId)
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
