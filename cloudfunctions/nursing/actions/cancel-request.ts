import { familyCancelTerms } from '../../../types/nursing-rules'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { moveRequest } from '../moves'
import { ownRequest } from '../reads'
import { requestDetail } from '../views'

/**
 * The family cancels; what is refunded is decided from the status the request is in and the time
 * now, and recorded with the words the family was shown. The move refuses if the nurse has moved
 * the request on meanwhile (e.g. arrived), so the terms recorded are the terms of the status moved from.
 */
export async function cancelRequest(input: { id: string; reason?: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await ownRequest(accountId, input.id)
  const now = iso()
  const terms = familyCancelTerms(doc.status, doc.windowStartsAt, now, doc.fees, (await getSettings()).nursing)
  if (!terms.allowed) throw new AppError('CONFLICT', terms.text)
  const reason = input.reason ?? '家属取消'
  const moved = await moveRequest({
    id: doc._id,
    to: 'cancelled',
    from: doc.status,
    as: 'family',
    actor: { accountId, roles },
    note: reason,
    patch: { cancellation: { by: 'family', reason, refund: terms.refund, kept: terms.kept, text: terms.text, at: now } },
    eventData: { refund: terms.refund, kept: terms.kept }
  })
  return requestDetail(moved, { as: 'family' })
}
