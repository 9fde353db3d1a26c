import { addressView, correctAddress, rememberAddress, type AddressFields } from '../../common/addresses'
import type { ActionContext } from '../../common/router'

/** Adds an address, or corrects a saved one of the account's own. */
export async function saveAddress(input: AddressFields & { id?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const { id, ...fields } = input
  return addressView(id ? await correctAddress(accountId, id, fields) : await rememberAddress(accountId, fields))
}
