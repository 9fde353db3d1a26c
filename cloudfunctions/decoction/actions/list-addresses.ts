import { addressView, savedAddresses } from '../../common/addresses'
import type { ActionContext } from '../../common/router'

/** The account's saved contacts and addresses, most recently used first. */
export async function listAddresses(_input: unknown, ctx: ActionContext) {
  return { addresses: (await savedAddresses(ctx.user().accountId)).map(addressView) }
}
