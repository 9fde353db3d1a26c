import type { NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { moveRequest } from '../moves'
import { anyRequest } from '../reads'
import { requestDetail } from '../views'

/** 护理部 takes a visit back before the nurse sets out, to reassign it (then `assignNurse` again). */
export async function unassignNurse(input: { id: string; from?: NursingStatus; reason: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await anyRequest(input.id)
  const moved = await moveRequest({
    id: doc._id,
    to: 'assessed',
    ...(input.from ? { from: input.from } : {}),
    as: 'nursing',
    actor: { accountId, roles },
    note: input.reason
  })
  return requestDetail(moved, { as: 'nursing' })
}
