import { db } from '../../common/db'
import type { AccountDoc } from '../../common/identity'
import { deliverPending } from '../../common/outbox'

/** WeChat's openid of an account; none for hotline-managed accounts (callers without WeChat). */
async function openidOf(accountId: string): Promise<string | undefined> {
  const account = (await db().collection('accounts').where({ _id: accountId }).get()).data[0] as AccountDoc | undefined
  if (!account || account.openid.startsWith('hotline:')) return undefined
  return account.openid
}

export async function deliverOutbox() {
  return deliverPending(openidOf)
}
