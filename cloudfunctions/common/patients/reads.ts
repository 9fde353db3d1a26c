/**
 * Loading profiles with ownership: the caller's own profile, or, for staff, any profile with a
 * reason that is audited. Another family's profile is NOT_FOUND, never FORBIDDEN.
 */
import { lookupHash } from '../crypto'
import { db } from '../db'
import { AppError } from '../errors'
import type { ActionContext } from '../router'
import { collection } from '../typed'
import { NO_PROFILE, PROFILES, type ProfileDoc } from './docs'

const profiles = () => collection<ProfileDoc>(PROFILES)

/** The caller's own active profile, or NOT_FOUND (also for another family's profile). */
export async function ownProfile(accountId: string, id: string): Promise<ProfileDoc> {
  const doc = (await profiles().where({ _id: id, accountId, status: 'active' }).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', NO_PROFILE)
  return doc
}

/** Any active profile, for staff acting for a patient (the hotline, the pharmacy entering a prescription). */
export async function anyActiveProfile(id: string, notFound = NO_PROFILE): Promise<ProfileDoc> {
  const doc = (await profiles().where({ _id: id, status: 'active' }).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', notFound)
  return doc
}

/**
 * A profile opened by staff, removed or not (it stays behind the records that name it), with the
 * reason written to the audit log next to who opened it.
 */
export async function profileForStaff(ctx: ActionContext, id: string, reason: Record<string, unknown>): Promise<ProfileDoc> {
  const doc = (await profiles().where({ _id: id }).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', NO_PROFILE)
  await ctx.audit({ target: `profile:${doc._id}`, detail: reason })
  return doc
}

/** Profiles by id (any status), for lists that name many patients at once. */
export async function profilesByIds(ids: readonly string[], limit = 1000): Promise<ProfileDoc[]> {
  if (!ids.length) return []
  return (
    await profiles()
      .where({ _id: db().command.in([...ids]) })
      .limit(limit)
      .get()
  ).data
}

/** An account's active profiles, oldest first (the order the family added them). */
export async function activeProfilesOf(accountId: string): Promise<ProfileDoc[]> {
  return (await profiles().where({ accountId, status: 'active' }).orderBy('createdAt', 'asc').get()).data
}

/** The active profile of this person (by ID number) in this account, if any. */
export async function profileOfPerson(accountId: string, idNumber: string): Promise<ProfileDoc | undefined> {
  return (
    await profiles()
      .where({ uniqueKey: personKey(accountId, idNumber), status: 'active' })
      .get()
  ).data[0]
}

export function personKey(accountId: string, idNumber: string): string {
  return `${accountId}:${lookupHash(idNumber)}`
}

/** Staff search by phone or ID number: exact match on a keyed hash, never a scan of plaintext. */
export async function findActiveProfiles(by: { phone?: string; idNumber?: string }): Promise<ProfileDoc[]> {
  const where: Record<string, unknown> = { status: 'active' }
  if (by.idNumber) where.idNumberHash = lookupHash(by.idNumber)
  if (by.phone) where.phone = by.phone
  return (await profiles().where(where).limit(20).get()).data
}
