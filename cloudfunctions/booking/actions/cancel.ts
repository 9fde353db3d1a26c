import { actorFor, movedByThisRequest } from '../../common/transition'
import { APPOINTMENT_STATUS_LABELS } from '../../../types/booking'
import { cancelCheck } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { cancelAppointment } from '../moves'
import { ownAppointment } from '../reads'
import { appointmentView } from '../views'

/** The family cancels before the cutoff; the place goes to the first on the waitlist, or back to the pool. */
export async function cancel(input: { id: string; reason?: string }, ctx: ActionContext) {
  const user = ctx.user()
  const a = await ownAppointment(user.accountId, input.id)
  const actor = actorFor(user, ctx.requestId)
  const nowIso = iso()
  const returnVisitDays = (await getSettings()).booking.returnVisitDays
  if (a.status === 'cancelled' && movedByThisRequest(a, actor)) return appointmentView(a, { nowIso, returnVisitDays })
  if (a.status !== 'booked') throw new AppError('CONFLICT', `这条预约${APPOINTMENT_STATUS_LABELS[a.status]}，不能取消`)
  const check = cancelCheck(nowIso, a.cutoffAt)
  if (!check.allowed) throw new AppError('OUTSIDE_WINDOW', check.reason)
  const doc = await cancelAppointment(a, { actor, by: 'patient', reason: input.reason ?? '' })
  return appointmentView(doc, { nowIso, returnVisitDays })
}
