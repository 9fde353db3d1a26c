import type { NursingStatus } from '../../../types/nursing'
import { AppError } from '../../common/errors'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { assignPatch, moveRequest } from '../moves'
import { candidatesFor } from '../nurses'
import { anyRequest } from '../reads'
import { requestDetail } from '../views'

/**
 * Only to a qualified nurse competent for every item. Her window is held by a unique slot written
 * with the move, so two dispatchers assigning her at the same moment cannot both win.
 */
export async function assignNurse(input: { id: string; from?: NursingStatus; nurseAccountId: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await anyRequest(input.id)
  const [candidate] = await candidatesFor(doc, (await getSettings()).nursing, input.nurseAccountId)
  if (!candidate) throw new AppError('NOT_FOUND', '没有找到这位护士')
  if (candidate.problems.length) throw new AppError('CONFLICT', `不能派给${candidate.staff.name}：${candidate.problems.join('；')}`)
  const moved = await moveRequest({
    id: doc._id,
    to: 'assigned',
    from: input.from ?? 'assessed',
    as: 'nursing',
    actor: { accountId, roles },
    patch: assignPatch(doc, input.nurseAccountId),
    eventData: { nurseAccountId: input.nurseAccountId },
    note: `派给${candidate.staff.name}`,
    nurseName: candidate.staff.name
  })
  return requestDetail(moved, { as: 'nursing' })
}
