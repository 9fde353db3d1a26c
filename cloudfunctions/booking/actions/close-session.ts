import { SCHEDULE_STATUS_LABELS, scheduleWorkflow, type ScheduleStatus } from '../../../types/booking'
import { sessionEndsAt } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { transition } from '../../common/transition'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { scheduleById } from '../reads'
import { cancelAllBookings, closeWaitlist } from '../closing'
import { scheduleView } from '../views'

/**
 * 停诊: closes the session so nobody can book it, cancels every booking on it (freeing nothing for
 * others), clears its waitlist and tells each patient. Calling it again on a closed session
 * finishes any cancellation an earlier call left undone.
 */
export async function closeSession(input: { id: string; reason: string }, ctx: ActionContext) {
  const user = ctx.user()
  let s = await scheduleById(input.id)
  if (!s) throw new AppError('NOT_FOUND', '没有找到这场出诊')
  if (s.status !== 'closed') {
    if (s.status === 'published' && iso() >= sessionEndsAt(s)) throw new AppError('CONFLICT', '本场出诊已结束，不能停诊')
    const moved = await transition<ScheduleStatus, ScheduleDoc>({
      collection: SCHEDULES,
      id: s._id,
      workflow: scheduleWorkflow,
      labels: SCHEDULE_STATUS_LABELS,
      to: 'closed',
      from: s.status,
      actor: user,
      note: input.reason,
      patch: { closeReason: input.reason, closedAt: iso(), closedBy: user.accountId, uniqueKey: `closed:${s._id}` }
    })
    s = moved.doc
  }
  const reason = s.closeReason || input.reason
  const cancelled = await cancelAllBookings(s, reason, user)
  await closeWaitlist(s, reason, { accountId: user.accountId, roles: user.roles })
  await ctx.audit({ target: `schedule:${s._id}`, detail: { reason, cancelled } })
  return { session: scheduleView(s, iso()), cancelled }
}
