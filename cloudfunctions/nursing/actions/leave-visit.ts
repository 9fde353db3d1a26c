import type { LocationInput } from '../../../types/nursing'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { REQUESTS } from '../docs'
import { ownVisit } from '../reads'
import { requestDetail } from '../views'
import { locationDoc } from '../visits'

/** 离开: the location on leaving, after the service is done (no status change; recorded once). */
export async function leaveVisit(input: { id: string; location: LocationInput }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const doc = await ownVisit(accountId, input.id)
  if (doc.status !== 'completed' && doc.status !== 'rated') throw new AppError('CONFLICT', '服务完成后才能记录离开')
  if (!doc.locations.left) {
    const at = locationDoc(input.location)
    await db()
      .collection(REQUESTS)
      .where({ _id: doc._id, nurseAccountId: accountId })
      .update({ 'locations.left': at, 'locations.last': at })
  }
  return requestDetail(await ownVisit(accountId, input.id), { as: 'nurse', accountId })
}
