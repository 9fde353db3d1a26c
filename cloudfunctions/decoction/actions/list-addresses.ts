import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ADDRESSES, addressView, type AddressDoc } from '../model'

/** The account's saved contacts and addresses, most recently used first. */
export async function listAddresses(_input: unknown, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await db().collection(ADDRESSES).where({ accountId }).orderBy('lastUsedAt', 'desc').limit(50).get()
  return { addresses: (res.data as AddressDoc[]).map(addressView) }
}
