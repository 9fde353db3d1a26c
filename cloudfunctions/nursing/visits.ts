/** The nurse's steps on her own visit: load it (another nurse's visit is NOT_FOUND), move it, show it. */
import type { LocationInput, NursingStatus } from '../../types/nursing'
import { iso } from '../common/clock'
import type { ActionContext } from '../common/router'
import type { LocationDoc, RequestDoc } from './docs'
import { moveRequest, type Move } from './moves'
import { ownVisit } from './reads'
import { requestDetail } from './views'

export function locationDoc(l: LocationInput): LocationDoc {
  return { latitude: l.latitude, longitude: l.longitude, ...(l.accuracy !== undefined ? { accuracy: l.accuracy } : {}), at: iso() }
}

export async function nurseStep(
  ctx: ActionContext,
  input: { id: string; from?: NursingStatus },
  to: NursingStatus,
  extra: (doc: RequestDoc) => Pick<Move, 'note' | 'patch' | 'eventData'> = () => ({})
) {
  const { accountId, roles } = ctx.user()
  const doc = await ownVisit(accountId, input.id)
  const moved = await moveRequest({
    id: doc._id,
    to,
    ...(input.from ? { from: input.from } : {}),
    as: 'nurse',
    actor: { accountId, roles },
    ...extra(doc)
  })
  return requestDetail(moved, { as: 'nurse', accountId })
}
