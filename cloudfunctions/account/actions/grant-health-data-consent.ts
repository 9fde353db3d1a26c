import { db } from '../../common/db'
import { iso } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { accountView } from '../views'

/** Separate, explicit consent to processing health data (PIPL sensitive personal information). */
export async function grantHealthDataConsent(input: { version: string }, ctx: ActionContext) {
  const { account } = ctx.user()
  const consent = { version: input.version, at: iso() }
  await db().collection('accounts').doc(account._id).update({ healthDataConsent: consent })
  await ctx.audit({ target: `account:${account._id}`, detail: { consent: 'health_data', version: input.version } })
  return accountView({ ...account, healthDataConsent: consent })
}
