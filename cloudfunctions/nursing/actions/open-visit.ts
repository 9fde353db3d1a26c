import type { ActionContext } from '../../common/router'
import { ownVisit } from '../reads'
import { requestDetail } from '../views'

/** The nurse's own visit; the family's address and phone only while it is live (views.ts). */
export async function openVisit(input: { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  return requestDetail(await ownVisit(accountId, input.id), { as: 'nurse', accountId })
}
