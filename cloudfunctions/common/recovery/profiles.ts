/**
 * Recovery for the account's profile counter: `profileCount` = the account's active profiles.
 * Adding a profile takes the counter before the insert (common/patients/create.ts), so a call killed
 * between them leaves it one high. An account whose counter was taken within the grace may have an
 * add in flight and is left alone; the update is conditional on the value read, so a profile added
 * or removed meanwhile makes it match nothing and the next pass looks again. Only accounts whose
 * counter was taken since the last pass are read (./scope.ts).
 */
import { db } from '../db'
import { PROFILES } from '../patients/docs'
import { candidates, lookAgain, settled, type Scope } from './scope'

interface AccountCounter {
  _id: string
  profileCount?: number
  profileHeldAt?: string
}

export async function repairProfileCounts(scope: Scope): Promise<number> {
  const _ = db().command
  let fixed = 0
  for await (const accounts of candidates<AccountCounter>('accounts', {}, 'profileHeldAt', scope, {
    profileCount: true,
    profileHeldAt: true
  })) {
    for (const a of accounts) {
      if (!settled(a.profileHeldAt, scope)) continue
      const { total } = await db().collection(PROFILES).where({ accountId: a._id, status: 'active' }).count()
      if ((a.profileCount ?? 0) === total) continue
      const done = await db()
        .collection('accounts')
        .where({ _id: a._id, profileCount: a.profileCount ?? _.exists(false), profileHeldAt: a.profileHeldAt ?? _.exists(false) })
        .update({ profileCount: total })
      if (done.updated) fixed += done.updated
      else lookAgain(a.profileHeldAt, scope)
    }
  }
  return fixed
}
