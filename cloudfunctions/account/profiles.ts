/** Patient profiles (就诊人) as stored, and how they are shown. */
import type { ProfileView, Relation } from '../../types/account'
import { birthDateFromId, maskIdNumber, sexFromId, type Sex } from '../../types/idcard'
import { ageOn, iso } from '../common/clock'
import { decryptField, encryptField, lookupHash } from '../common/crypto'
import { db } from '../common/db'
import { AppError } from '../common/errors'

export interface ProfileDoc {
  _id: string
  accountId: string
  name: string
  idNumberEnc: string
  idNumberHash: string
  idNumberMasked: string
  sex: Sex
  birthDate: string
  phone: string
  relation: Relation
  status: 'active' | 'removed'
  /** Unique while active: one person appears once in an account's list. */
  uniqueKey: string
  createdAt: string
  updatedAt: string
}

export function identityFields(accountId: string, idNumber: string) {
  const idNumberHash = lookupHash(idNumber)
  return {
    idNumberEnc: encryptField(idNumber),
    idNumberHash,
    idNumberMasked: maskIdNumber(idNumber),
    sex: sexFromId(idNumber),
    birthDate: birthDateFromId(idNumber),
    uniqueKey: `${accountId}:${idNumberHash}`
  }
}

export function newProfile(
  accountId: string,
  input: { name: string; idNumber: string; phone: string; relation: Relation }
): Omit<ProfileDoc, '_id'> {
  const at = iso()
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

export function profileView(p: ProfileDoc): ProfileView {
  return {
    id: p._id,
    name: p.name,
    idNumberMasked: p.idNumberMasked,
    sex: p.sex,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate),
    phone: p.phone,
    relation: p.relation
  }
}

export function revealIdNumber(p: ProfileDoc): string {
  return decryptField(p.idNumberEnc)
}

/** The caller's own active profile, or NOT_FOUND (also for another family's profile). */
export async function ownProfile(accountId: string, id: string): Promise<ProfileDoc> {
  const res = await db().collection('profiles').where({ _id: id, accountId, status: 'active' }).get()
  const doc = res.data[0] as ProfileDoc | undefined
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这位就诊人')
  return doc
}

export const DUPLICATE_PROFILE = '这位就诊人已在您的列表中'
