import { handlingGroups } from '../../../types/decoction-herbs'
import { expectedPacks } from '../../../types/decoction-rules'
import { maskName } from '../../../types/idcard'
import type { ActionContext } from '../../common/router'
import { anyOrder, anyPrescription } from '../reads'

/** What goes on the printed label: masked name, doses, packs, and the handling notes. */
export async function orderLabel(input: { id: string }, ctx: ActionContext) {
  ctx.user()
  const order = await anyOrder(input.id)
  const rx = await anyPrescription(order.prescriptionId)
  return {
    orderNo: order.orderNo,
    rxNo: order.rxNo,
    patientNameMasked: maskName(order.patientName),
    doses: order.doses,
    packsPerDose: order.packsPerDose,
    packs: order.packCount ?? expectedPacks(order.doses, order.packsPerDose),
    mlPerPack: order.mlPerPack,
    delivery: order.delivery,
    handlings: handlingGroups(rx.herbs),
    instructions: rx.instructions,
    ...(order.decoction ? { decoctedAt: order.decoction.startedAt } : {})
  }
}
