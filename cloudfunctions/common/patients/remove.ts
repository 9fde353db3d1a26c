/**
 * Removing a profile: it leaves its family's list but stays behind the appointments and orders
 * that name it. Every service declared in PROFILE_HOLDERS is asked first.
 */
import { PROFILE_STATUS_LABELS, profileWorkflow, type ProfileStatus } from '../../../types/account'
import { db } from '../db'
import { AppError } from '../errors'
import { transition, type Actor } from '../transition'
import { PROFILES, type ProfileDoc } from './docs'
import { PROFILE_HOLDERS, type ProfileHolder } from './holders'
import { ownProfile } from './reads'

async function setSeal(holders: readonly ProfileHolder[], profileId: string, removed: boolean): Promise<void> {
  await Promise.all(holders.filter((h) => h.seal).map((h) => db().collection(h.collection).where({ _id: profileId }).update({ removed })))
}

async function isLive(h: ProfileHolder, profileId: string): Promise<boolean> {
  const _ = db().command
  const where: Record<string, unknown> = { [h.profileField]: profileId }
  if ('statuses' in h.live) where.status = _.in([...h.live.statuses])
  else where[h.live.counter] = _.gt(0)
  return (await db().collection(h.collection).where(where).count()).total > 0
}

/** What still holds the profile, by the message each service gave; empty when it may go. */
export async function liveHolds(profileId: string, holders: readonly ProfileHolder[] = PROFILE_HOLDERS): Promise<string[]> {
  const live = await Promise.all(holders.map((h) => isLive(h, profileId)))
  return holders.filter((_h, i) => live[i]).map((h) => h.message)
}

/**
 * The family's own profile goes, unless a service still holds it (CONFLICT with the service's
 * message). Sealed first, so a booking in flight either counted already or is refused.
 */
export async function removeOwnProfile(actor: Actor, id: string, holders: readonly ProfileHolder[] = PROFILE_HOLDERS): Promise<ProfileDoc> {
  const doc = await ownProfile(actor.accountId, id)
  await setSeal(holders, doc._id, true)
  const holds = await liveHolds(doc._id, holders)
  if (holds.length) {
    await setSeal(holders, doc._id, false)
    throw new AppError('CONFLICT', holds[0])
  }
  const { doc: removed } = await transition<ProfileStatus, ProfileDoc>({
    collection: PROFILES,
    id: doc._id,
    workflow: profileWorkflow,
    labels: PROFILE_STATUS_LABELS,
    from: 'active',
    to: 'removed',
    actor,
    // The person may be added again later: the unique key is freed with the place it took.
    patch: { uniqueKey: `removed:${doc._id}` },
    within: async (tx) => {
      await tx
        .collection('accounts')
        .doc(doc.accountId)
        .update({ profileCount: db().command.inc(-1) })
    }
  })
  return removed
}
