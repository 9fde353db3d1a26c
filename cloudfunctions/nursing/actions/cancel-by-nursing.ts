import type { NursingStatus } from '../../../types/nursing'
import { dispatcherCancelTerms } from '../../../types/nursing-rules'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { moveRequest } from '../moves'
import { anyRequest } from '../reads'
import { requestDetail } from '../views'

/** 护理部 cancels with a reason, any time before the nurse arrives; the family gets everything back. */
export async function cancelByNursing(input: { id: string; from?: NursingStatus; reason: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await anyRequest(input.id)
  const terms = dispatcherCancelTerms(doc.status, doc.fees)
  if (!terms.allowed) throw new AppError('CONFLICT', terms.text)
  const moved = await moveRequest({
    id: doc._id,
    to: 'cancelled',
    from: input.from ?? doc.status,
    as: 'nursing',
    actor: { accountId, roles },
    note: input.reason,
    patch: { cancellation: { by: 'nursing', reason: input.reason, refund: terms.refund, kept: terms.kept, text: terms.text, at: iso() } },
    eventData: { refund: terms.refund, kept: terms.kept }
  })
  return requestDetail(moved, { as: 'nursing' })
}
