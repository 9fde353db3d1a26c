import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { WAITLIST } from '../docs'
import { ownWait } from '../reads'
import { waitView } from '../views'

/** Leaves the queue; a ticket already promoted or closed stays as it is. */
export async function leaveWaitlist(input: { id: string }, ctx: ActionContext) {
  const w = await ownWait(ctx.user().accountId, input.id)
  const at = iso()
  const res = await db()
    .collection(WAITLIST)
    .where({ _id: w._id, status: 'waiting' })
    .update({ status: 'left', waitKey: `x:${w._id}`, updatedAt: at })
  if (!res.updated) throw new AppError('CONFLICT', w.status === 'promoted' ? '候补已成功，请在“我的预约”中查看或取消' : '已不在候补队列中')
  return waitView({ ...w, status: 'left', updatedAt: at }, 0)
}
