import type { AdvanceInput } from '../../../types/decoction'
import { now } from '../../common/clock'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { orderView } from '../views'
import { moveOrder } from '../moves'
import { stepWrite } from '../steps'
import { anyOrder, anyPrescription } from '../reads'

/**
 * A pharmacist moves an order one step. `from` is the status they saw: if a colleague moved the
 * order meanwhile, the move is refused and they are told what it became.
 */
export async function advanceOrder(input: AdvanceInput, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const order = await anyOrder(input.id)
  const rx = input.to === 'decocting' ? await anyPrescription(order.prescriptionId) : undefined
  const { soakingMinutes } = (await getSettings()).decoction
  const write = stepWrite(input, order, rx?.herbs ?? [], now(), soakingMinutes)
  const doc = await moveOrder({
    id: order._id,
    to: input.to,
    from: input.from,
    actor: { accountId, roles },
    side: 'pharmacy',
    ...(write.note ? { note: write.note } : {}),
    patch: write.patch,
    data: write.data
  })
  return orderView(doc)
}
