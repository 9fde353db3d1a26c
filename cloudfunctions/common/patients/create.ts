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
 */
export async function createProfile(
  accountId: string,
  input: ProfileInput,
  opts: { full: (max: number) => string; extra?: Partial<ProfileDoc> }
): Promise<ProfileDoc> {
  const { maxProfiles } = (await getSettings()).account
  const _ = db().command
  const taken = await db()
    .collection('accounts')
    .where({ _id: accountId, profileCount: _.lt(maxProfiles) })
    .update({ profileCount: _.inc(1) })
  if (!taken.updated) throw new AppError('CONFLICT', opts.full(maxProfiles))
  const doc = { ...newProfile(accountId, input), ...(opts.extra ?? {}) }
  try {
    const added = await collection<ProfileDoc>(PROFILES).add(doc)
    return { ...doc, _id: added.id as string }
  } catch (err) {
    await db()
      .collection('accounts')
      .doc(accountId)
      .update({ profileCount: _.inc(-1) })
    if (isDuplicateKeyError(err)) throw duplicateProfile()
    throw err
  }
}
