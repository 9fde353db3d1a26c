/**
 * Recovery for the account's profile counter: `profileCount` = the account's active profiles.
 * Adding a profile takes the counter before the insert (common/patients/create.ts), so a call killed
 * between them leaves it one high. An account whose counter was taken within `graceMs` may have an
 * add in flight and is left alone; the update is conditional on the value read, so a profile added
 * or removed meanwhile makes it match nothing and the next pass looks again.
 */
import { iso } from '../clock'
import { db } from '../db'
import { PROFILES } from '../patients/docs'

const PAGE = 500

export async function repairProfileCounts(graceMs: number): Promise<number> {
  const nowMs = new Date(iso()).getTime()
  const _ = db().command
  let fixed = 0
  let after = ''
  for (;;) {
    const res = await db()
      .collection('accounts')
      .where({ _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .field({ profileCount: true, profileHeldAt: true })
      .limit(PAGE)
      .get()
    const accounts = res.data as { _id: string; profileCount?: number; profileHeldAt?: string }[]
    for (const a of accounts) {
      if (a.profileHeldAt && nowMs - new Date(a.profileHeldAt).getTime() < graceMs) continue
      const { total } = await db().collection(PROFILES).where({ accountId: a._id, status: 'active' }).count()
      if ((a.profileCount ?? 0) === total) continue
      const done = await db()
        .collection('accounts')
        .where({ _id: a._id, profileCount: a.profileCount ?? _.exists(false), profileHeldAt: a.profileHeldAt ?? _.exists(false) })
        .update({ profileCount: total })
      fixed += done.updated ?? 0
    }
    if (accounts.length < PAGE) return fixed
    after = accounts[accounts.length - 1]._id
  }
}
