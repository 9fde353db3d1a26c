import { forgetAddress } from '../../common/addresses'
import type { ActionContext } from '../../common/router'

export async function removeAddress(input: { id: string }, ctx: ActionContext) {
  await forgetAddress(ctx.user().accountId, input.id)
  return { id: input.id }
}
