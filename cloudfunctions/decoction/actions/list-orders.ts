import type { ActionContext } from '../../common/router'
import { ORDERS, type OrderDoc } from '../docs'
import { orderSummary } from '../views'
import { collection } from '../../common/typed'

/** The family's decoction orders, newest first (the 订单 tab). */
export async function listOrders(_input: unknown, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await collection<OrderDoc>(ORDERS).where({ accountId }).orderBy('createdAt', 'desc').limit(100).get()
  return { orders: res.data.map(orderSummary) }
}
