/**
 * Accounts the hotline manages for callers without WeChat (one per phone number), shared by every
 * service that takes bookings or requests by phone.
 */
import { HEALTH_DATA_CONSENT_VERSION } from '../../../types/account'
import { maskPhone } from '../../../types/idcard'
import { isDuplicateKeyError } from '../errors'
import { accountIdFor, type AccountDoc } from '../identity'
import { collection } from '../typed'

/**
 * A caller without a smartphone has no WeChat account: their profiles live in an account the hotline
 * manages for their phone number, so the same caller is found with the same profiles next time.
 * The caller's spoken consent to health-data processing is recorded with the staff member who took it.
 */
export function hotlineAccountId(phone: string): string {
  return accountIdFor(`hotline:${phone}`)
}

export async function ensureHotlineAccount(phone: string, staffId: string, at: string): Promise<string> {
  const _id = hotlineAccountId(phone)
  const account: AccountDoc & { managedBy: 'hotline'; phone: string; consentTakenBy: string } = {
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
    await collection<AccountDoc>('accounts').add(account)
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
  return _id
}
