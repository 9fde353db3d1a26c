import { HEALTH_DATA_CONSENT_VERSION, type Relation } from '../../../types/account'
import { maskPhone } from '../../../types/idcard'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import { accountIdFor, type AccountDoc } from '../../common/identity'
import { createProfile, patientMatch, profileOfPerson, type ProfileDoc } from '../../common/patients'
import type { ActionContext } from '../../common/router'

interface Input {
  phone: string
  name: string
  idNumber: string
  relation: Relation
  consent: true
}

/**
 * A caller without a smartphone has no WeChat account: their profiles live in an account the hotline
 * manages for their phone number, so the same caller is found with the same profiles next time.
 * The caller's spoken consent to health-data processing is recorded with the staff member who took it.
 */
export function hotlineAccountId(phone: string): string {
  return accountIdFor(`hotline:${phone}`)
}

async function ensureHotlineAccount(phone: string, staffId: string, at: string): Promise<string> {
  const _id = hotlineAccountId(phone)
  const account: AccountDoc & Record<string, unknown> = {
    _id,
    openid: `hotline:${phone}`,
    nickname: `热线来电 ${maskPhone(phone)}`,
    roles: [],
    preferences: { elderMode: true },
    healthDataConsent: { version: HEALTH_DATA_CONSENT_VERSION, at },
    profileCount: 0,
    createdAt: at,
    managedBy: 'hotline',
    phone,
    consentTakenBy: staffId
  }
  try {
    await db().collection('accounts').add(account)
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
  return _id
}

function view(p: ProfileDoc, created: boolean) {
  const { nameMasked, phoneMasked, idNumberMasked, age } = patientMatch(p)
  return { id: p._id, accountId: p.accountId, name: p.name, nameMasked, phoneMasked, idNumberMasked, age, created }
}

export async function hotlinePatient(input: Input, ctx: ActionContext) {
  const staff = ctx.user()
  const at = iso()
  const accountId = await ensureHotlineAccount(input.phone, staff.accountId, at)
  const found = await profileOfPerson(accountId, input.idNumber)
  if (found) return view(found, false)
  try {
    const doc = await createProfile(accountId, input, {
      full: (max) => `这个手机号下已有${max}位就诊人，请核对后选择已有的就诊人`,
      extra: {
        createdBy: staff.accountId,
        createdVia: 'hotline',
        consent: { healthData: HEALTH_DATA_CONSENT_VERSION, at, takenBy: staff.accountId, method: 'phone' }
      }
    })
    await ctx.audit({ target: `profile:${doc._id}`, detail: { created: true, via: 'hotline' } })
    return view(doc, true)
  } catch (err) {
    // The same caller created at the same moment by another request: that profile is theirs.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
    const again = await profileOfPerson(accountId, input.idNumber)
    if (!again) throw err
    return view(again, false)
  }
}
