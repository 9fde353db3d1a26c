import { searchTerm } from '../../../types/decoction-rules'
import { now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { ORDERS, type OrderDoc } from '../docs'
import { queueItem } from '../views'
import { collection } from '../../common/typed'

/** Finds orders by order number, the patient's or contact's full name, or phone; shown masked. */
export async function searchOrders(input: { q: string }, ctx: ActionContext) {
  ctx.user()
  const term = searchTerm(input.q)
  const { soakingMinutes } = (await getSettings()).decoction
  const res = await collection<OrderDoc>(ORDERS).where({ searchKeys: term.value }).orderBy('createdAt', 'desc').limit(20).get()
  const at = now()
  await ctx.audit({ target: `${ORDERS}:search`, detail: { by: term.kind, found: res.data.length } })
  return { orders: res.data.map((o) => queueItem(o, at, soakingMinutes)) }
}
