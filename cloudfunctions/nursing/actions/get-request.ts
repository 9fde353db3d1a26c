import type { ActionContext } from '../../common/router'
import { ownRequest } from '../reads'
import { requestDetail } from '../views'

export async function getRequest(input: { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  return requestDetail(await ownRequest(accountId, input.id), { as: 'family' })
}
