import type { AccountView } from '../../../types/account'
import type { ActionContext } from '../../common/router'
import { accountView } from '../views'

export async function whoami(_input: unknown, ctx: ActionContext): Promise<AccountView> {
  return accountView(ctx.user().account)
}
