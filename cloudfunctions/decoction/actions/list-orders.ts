import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ORDERS, type OrderDoc } from '../docs'
import { orderSummary } from '../views'

/** The family's decoction orders, newest first (the 订单 tab). */
export async function listOrders(_input: unknown, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await db().collection(ORDERS).where({ accountId }).orderBy('createdAt', 'desc').limit(100).get()
  return { orders: (res.data as OrderDoc[]).map(orderSummary) }
}
