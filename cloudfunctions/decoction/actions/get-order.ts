import type { ActionContext } from '../../common/router'
import { eventView, orderView, prescriptionView } from '../views'
import { anyPrescription, eventsOf, ownOrder } from '../reads'

/** One of the family's orders with its prescription and its history (the timeline). */
export async function getOrder(input: { id: string }, ctx: ActionContext) {
  const order = await ownOrder(ctx.user().accountId, input.id)
  const [rx, events] = await Promise.all([anyPrescription(order.prescriptionId), eventsOf(order._id)])
  return {
    order: orderView(order),
    prescription: prescriptionView(rx, order.holdKey.startsWith('rx:') ? order : null),
    events: events.map((e) => eventView(e))
  }
}
