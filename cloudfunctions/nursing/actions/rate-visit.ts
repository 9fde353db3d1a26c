import { iso } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { moveRequest } from '../moves'
import { ownRequest } from '../reads'
import { requestDetail } from '../views'

export async function rateVisit(input: { id: string; stars: number; comment?: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await ownRequest(accountId, input.id)
  const moved = await moveRequest({
    id: doc._id,
    to: 'rated',
    from: 'completed',
    as: 'family',
    actor: { accountId, roles },
    patch: { rating: { stars: input.stars, comment: input.comment ?? '', at: iso() } },
    eventData: { stars: input.stars }
  })
  return requestDetail(moved, { as: 'family' })
}
