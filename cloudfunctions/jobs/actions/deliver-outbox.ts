import type { AccountDoc } from '../../common/identity'
import { deliverPending } from '../../common/outbox'
import { collection } from '../../common/typed'

/** WeChat's openid of an account; none for hotline-managed accounts (callers without WeChat). */
async function openidOf(accountId: string): Promise<string | undefined> {
  const account = (await collection<AccountDoc>('accounts').where({ _id: accountId }).get()).data[0]
  if (!account || account.openid.startsWith('hotline:')) return undefined
  return account.openid
}

export async function deliverOutbox() {
  return deliverPending(openidOf)
}
