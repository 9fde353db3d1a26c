import type { PatientMatch } from '../../../types/account'
import { maskName, maskPhone } from '../../../types/idcard'
import { ageOn } from '../../common/clock'
import { lookupHash } from '../../common/crypto'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import type { ProfileDoc } from '../profiles'

/**
 * Staff find a patient by phone or ID number (exact match on a keyed hash, never a scan of
 * plaintext). Names and phones come back masked; every search is audited.
 */
export async function findPatients(input: { phone?: string; idNumber?: string }, ctx: ActionContext) {
  ctx.user()
  const where: Record<string, unknown> = { status: 'active' }
  if (input.idNumber) where.idNumberHash = lookupHash(input.idNumber)
  if (input.phone) where.phone = input.phone
  const res = await db().collection('profiles').where(where).limit(20).get()
  const patients: PatientMatch[] = (res.data as ProfileDoc[]).map((p) => ({
    id: p._id,
    accountId: p.accountId,
    nameMasked: maskName(p.name),
    sex: p.sex,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate),
    phoneMasked: maskPhone(p.phone),
    idNumberMasked: p.idNumberMasked
  }))
  await ctx.audit({ target: 'profiles:search', detail: { by: input.idNumber ? 'idNumber' : 'phone', found: patients.length } })
  return { patients }
}
