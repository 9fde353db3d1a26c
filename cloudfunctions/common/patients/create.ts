/**
 * Creating a profile, the one way for a family's 就诊人 and for the hotline's caller: the
 * per-account limit is taken on the account's counter before the insert, so concurrent adds cannot
 * pass it together, and given back if the insert fails.
 */
import type { Relation } from '../../../types/account'
import { birthDateFromId, maskIdNumber, sexFromId } from '../../../types/idcard'
import { iso } from '../clock'
import { encryptField, lookupHash } from '../crypto'
import { db } from '../db'
import { AppError, isDuplicateKeyError } from '../errors'
import { getSettings } from '../settings'
import { collection } from '../typed'
import { DUPLICATE_PROFILE, PROFILES, type ProfileDoc } from './docs'
import { personKey } from './reads'

export interface ProfileInput {
  name: string
  idNumber: string
  phone: string
  relation: Relation
}

/** The fields that follow from an ID number (a changed ID number changes all of them). */
export function identityFields(accountId: string, idNumber: string) {
  return {
    idNumberEnc: encryptField(idNumber),
    idNumberHash: lookupHash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    sex: sexFromId(idNumber),
    birthDate: birthDateFromId(idNumber),
    uniqueKey: personKey(accountId, idNumber)
  }
}

/** A profile document ready to insert (the seed uses it too). */
export function newProfile(accountId: string, input: ProfileInput, at = iso()): Omit<ProfileDoc, '_id'> {
  return {
    accountId,
    name: input.name,
    phone: input.phone,
    relation: input.relation,
    ...identityFields(accountId, input.idNumber),
    status: 'active',
    createdAt: at,
    updatedAt: at
  }
}

export const duplicateProfile = () => new AppError('CONFLICT', DUPLICATE_PROFILE, { idNumber: DUPLICATE_PROFILE })

/**
 * Adds a profile to an account within the hospital's limit. `full` is what the person hears when
 * the account has no room; a person already in the account is CONFLICT (duplicateProfile).
 *
 * The place is taken on the account's counter (one conditional update, stamped `profileHeldAt`)
 * before the insert, so concurrent adds cannot pass the limit; a transaction per add was measured
 * to answer 系统繁忙 to ten people adding at once. A call killed between the two leaves the counter
 * one high: recovery (common/recovery) derives it again once the stamp is older than a lease.
 * `requestKey` (accountId:requestId) is stored on the profile, so a retry of a call whose first run
 * inserted but never answered returns that profile instead of refusing a duplicate.
 */
export async function createProfile(
  accountId: string,
  input: ProfileInput,
  opts: { full: (max: number) => string; extra?: Partial<ProfileDoc>; requestKey?: string }
): Promise<ProfileDoc> {
  const { maxProfiles } = (await getSettings()).account
  const _ = db().command
  const doc: Omit<ProfileDoc, '_id'> = {
    ...newProfile(accountId, input),
    ...(opts.extra ?? {}),
    ...(opts.requestKey ? { requestKey: opts.requestKey } : {})
  }
  const taken = await db()
    .collection('accounts')
    .where({ _id: accountId, profileCount: _.lt(maxProfiles) })
    .update({ profileCount: _.inc(1), profileHeldAt: iso() })
  if (!taken.updated) {
    const mine = await sameRequest(doc.uniqueKey, opts.requestKey)
    if (mine) return mine
    throw new AppError('CONFLICT', opts.full(maxProfiles))
  }
  try {
    const added = await collection<ProfileDoc>(PROFILES).add(doc)
    return { ...doc, _id: added.id as string }
  } catch (err) {
    await db()
      .collection('accounts')
      .doc(accountId)
      .update({ profileCount: _.inc(-1) })
    if (!isDuplicateKeyError(err)) throw err
    const mine = await sameRequest(doc.uniqueKey, opts.requestKey)
    if (mine) return mine
    throw duplicateProfile()
  }
}

/** The profile an earlier run of the same request created, if any. */
async function sameRequest(uniqueKey: string, requestKey: string | undefined): Promise<ProfileDoc | undefined> {
  if (!requestKey) return undefined
  const res = await collection<ProfileDoc>(PROFILES).where({ uniqueKey, requestKey }).limit(1).get()
  return res.data[0]
}
