import type { ActionContext } from '../../common/router'
import { prescriptionView } from '../views'
import { holders, ownPrescription } from '../reads'

export async function getPrescription(input: { id: string }, ctx: ActionContext) {
  const rx = await ownPrescription(ctx.user().accountId, input.id)
  const held = await holders([rx._id])
  return prescriptionView(rx, held.get(rx._id) ?? null)
}
