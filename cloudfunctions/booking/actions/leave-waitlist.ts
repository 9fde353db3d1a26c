import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { leaveWait } from '../moves'
import { ownWait } from '../reads'
import { waitView } from '../views'

/** Leaves the queue; a ticket already promoted or closed stays as it is. */
export async function leaveWaitlist(input: { id: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const w = await ownWait(accountId, input.id)
  const left = await leaveWait(w, { accountId, roles })
  if (!left) throw new AppError('CONFLICT', w.status === 'promoted' ? '候补已成功，请在“我的预约”中查看或取消' : '已不在候补队列中')
  return waitView(left, 0)
}
