import { ownProfile } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { PRESCRIPTIONS, type PrescriptionDoc } from '../docs'
import { prescriptionView } from '../views'
import { holders } from '../reads'
import { collection } from '../../common/typed'

/** The family's prescriptions (of one profile, or all), newest first, each with the order holding it. */
export async function listPrescriptions(input: { profileId?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  if (input.profileId) await ownProfile(accountId, input.profileId)
  const where = input.profileId ? { accountId, profileId: input.profileId } : { accountId }
  const res = await collection<PrescriptionDoc>(PRESCRIPTIONS).where(where).orderBy('createdAt', 'desc').limit(100).get()
  const list = res.data
  const held = await holders(list.map((p) => p._id))
  return { prescriptions: list.map((p) => prescriptionView(p, held.get(p._id) ?? null)) }
}
