/**
 * Separate consent to health-data processing (PIPL sensitive personal information). Withdrawn, it
 * stops new health-data work in every service; what exists stays readable. Each service's create
 * actions call `requireHealthDataConsent` once, with the profile (or the account) the work is for.
 */
import { AppError } from './errors'
import type { AccountDoc } from './identity'
import { collection } from './typed'

/** The caller's own account as already loaded (no round trip), or the family of a profile staff act for. */
export type ConsentSubject = { account: ConsentState } | { profileId: string } | { accountId: string }

export interface ConsentState {
  healthDataConsent: AccountDoc['healthDataConsent']
  healthDataConsentWithdrawnAt?: string | null
}

/**
 * Only a withdrawal refuses here: an account that never consented has no profiles to work on
 * (addProfile asks for consent first), and hotline accounts record the caller's spoken consent.
 */
export function consentProblem(account: ConsentState, what: string): string | undefined {
  if (account.healthDataConsent || !account.healthDataConsentWithdrawnAt) return undefined
  return `该账号已撤回《健康信息处理知情同意书》，暂不能${what}。已有的记录仍可查看；如需继续，请在「我的 → 隐私与数据」重新同意`
}

/**
 * Refuses (CONFLICT, Chinese message) unless the family the work is for consents. A profile that
 * does not exist passes: the service's own ownership check answers NOT_FOUND as before.
 */
export async function requireHealthDataConsent(who: ConsentSubject, what: string): Promise<void> {
  if ('account' in who) {
    const problem = consentProblem(who.account, what)
    if (problem) throw new AppError('CONFLICT', problem, { consent: problem })
    return
  }
  let accountId: string | undefined
  if ('accountId' in who) accountId = who.accountId
  else
    accountId = (await collection<{ _id: string; accountId: string }>('profiles').where({ _id: who.profileId }).limit(1).get()).data[0]
      ?.accountId
  if (!accountId) return
  const account = (await collection<AccountDoc & ConsentState>('accounts').where({ _id: accountId }).limit(1).get()).data[0]
  if (!account) return
  const problem = consentProblem(account, what)
  if (problem) throw new AppError('CONFLICT', problem, { consent: problem })
}
