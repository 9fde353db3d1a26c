import { actorFor, movedByThisRequest } from '../../common/transition'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { orderView } from '../views'
import { moveOrder } from '../moves'
import { ownOrder } from '../reads'

/** The family cancels while the pharmacy has not started dispensing (the workflow table decides). */
export async function cancelOrder(input: { id: string; reason?: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const order = await ownOrder(accountId, input.id)
  const actor = actorFor({ accountId, roles }, ctx.requestId)
  if (order.status === 'cancelled' && movedByThisRequest(order, actor)) return orderView(order)
  if (order.status === 'cancelled') throw new AppError('CONFLICT', '订单已经取消了')
  if (order.status !== 'submitted' && order.status !== 'reviewed') {
    throw new AppError('CONFLICT', '药房已开始调配，不能再取消了；如有疑问请联系医院中药房')
  }
  const reason = input.reason ?? '家属取消'
  const doc = await moveOrder({
    id: order._id,
    to: 'cancelled',
    actor,
    side: 'family',
    note: reason,
    patch: { cancelReason: reason }
  })
  return orderView(doc)
}
