import { WITHDRAWAL_MEANING } from '../../../types/trust'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'

/**
 * Withdraws consent to health-data processing: every service's create actions refuse new work for
 * this account (common/consent.ts) until it is given again; what exists is kept and stays readable.
 */
export async function withdrawHealthDataConsent(_input: { confirm: true }, ctx: ActionContext) {
  const { account } = ctx.user()
  const at = iso()
  await db().collection('accounts').doc(account._id).update({ healthDataConsent: null, healthDataConsentWithdrawnAt: at })
  await ctx.audit({ target: `account:${account._id}`, detail: { consent: 'health_data', withdrawn: true } })
  return { withdrawnAt: at, meaning: [...WITHDRAWAL_MEANING] }
}
