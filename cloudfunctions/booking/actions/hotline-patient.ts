import { HEALTH_DATA_CONSENT_VERSION, type Relation } from '../../../types/account'
import { maskName, maskPhone } from '../../../types/idcard'
import { newProfile, type ProfileDoc } from '../../account/profiles'
import { ageOn, iso } from '../../common/clock'
import { lookupHash } from '../../common/crypto'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import { accountIdFor, type AccountDoc } from '../../common/identity'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'

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
  return {
    id: p._id,
    accountId: p.accountId,
    name: p.name,
    nameMasked: maskName(p.name),
    phoneMasked: maskPhone(p.phone),
    idNumberMasked: p.idNumberMasked,
    age: ageOn(p.birthDate),
    created
  }
}

export async function hotlinePatient(input: Input, ctx: ActionContext) {
  const staff = ctx.user()
  const at = iso()
  const accountId = await ensureHotlineAccount(input.phone, staff.accountId, at)
  const uniqueKey = `${accountId}:${lookupHash(input.idNumber)}`
  const found = (await db().collection('profiles').where({ uniqueKey, status: 'active' }).get()).data[0] as ProfileDoc | undefined
  if (found) return view(found, false)

  const { maxProfiles } = (await getSettings()).account
  const _ = db().command
  const taken = await db()
    .collection('accounts')
    .where({ _id: accountId, profileCount: _.lt(maxProfiles) })
    .update({ profileCount: _.inc(1) })
  if (!taken.updated) throw new AppError('CONFLICT', `这个手机号下已有${maxProfiles}位就诊人，请核对后选择已有的就诊人`)
  const doc = {
    ...newProfile(accountId, input),
    createdBy: staff.accountId,
    createdVia: 'hotline',
    consent: { healthData: HEALTH_DATA_CONSENT_VERSION, at, takenBy: staff.accountId, method: 'phone' }
  }
  try {
    const added = await db().collection('profiles').add(doc)
    await ctx.audit({ target: `profile:${added.id as string}`, detail: { created: true, via: 'hotline' } })
    return view({ ...doc, _id: added.id as string }, true)
  } catch (err) {
    await db()
      .collection('accounts')
      .doc(accountId)
      .update({ profileCount: _.inc(-1) })
    if (!isDuplicateKeyError(err)) throw err
    const again = (await db().collection('profiles').where({ uniqueKey, status: 'active' }).get()).data[0] as ProfileDoc | undefined
    if (!again) throw err
    return view(again, false)
  }
}
