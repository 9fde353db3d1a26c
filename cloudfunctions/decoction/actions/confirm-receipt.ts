import { actorFor, movedByThisRequest } from '../../common/transition'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { orderView } from '../views'
import { moveOrder } from '../moves'
import { ownOrder } from '../reads'

/** The family confirms the parcel arrived (or the medicine was collected). */
export async function confirmReceipt(input: { id: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const order = await ownOrder(accountId, input.id)
  const actor = actorFor({ accountId, roles }, ctx.requestId)
  if (order.status === 'delivered' && movedByThisRequest(order, actor)) return orderView(order)
  if (order.status === 'delivered') throw new AppError('CONFLICT', '已经确认过收货了')
  if (order.status !== 'shipped' && order.status !== 'ready_for_pickup') {
    throw new AppError('CONFLICT', '药还没有发出，暂时不能确认收货')
  }
  const doc = await moveOrder({ id: order._id, to: 'delivered', actor, side: 'family' })
  return orderView(doc)
}
