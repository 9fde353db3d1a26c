import type { ActionContext } from '../../common/router'
import { ORDERS } from '../docs'
import { eventView, orderView, prescriptionView } from '../views'
import { anyOrder, anyPrescription, eventsOf, staffNames } from '../reads'

/** The pharmacist opens one order: names, phones and address unmasked, so the opening is audited. */
export async function openOrder(input: { id: string }, ctx: ActionContext) {
  ctx.user()
  const order = await anyOrder(input.id)
  const [rx, events] = await Promise.all([anyPrescription(order.prescriptionId), eventsOf(order._id)])
  const names = await staffNames(events.map((e) => e.by.accountId))
  await ctx.audit({ target: `${ORDERS}:${order._id}`, detail: { orderNo: order.orderNo, patientProfileId: order.profileId } })
  return {
    order: orderView(order),
    prescription: prescriptionView(rx, order.holdKey.startsWith('rx:') ? order : null),
    events: events.map((e) => eventView(e, names))
  }
}
