import { actorFor, movedByThisRequest } from '../../common/transition'
import { APPOINTMENT_STATUS_LABELS } from '../../../types/booking'
import { cancelCheck, dateLabel } from '../../../types/booking-rules'
import { maskName } from '../../../types/idcard'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { appointmentById } from '../reads'
import { cancelAppointment } from '../moves'
import { BOOKING_PAGE } from '../waitlist'
import { appointmentView } from '../views'

/** The hotline cancels for a caller, before the same cutoff a patient has; the family is told. */
export async function hotlineCancel(input: { id: string; reason: string }, ctx: ActionContext) {
  const user = ctx.user()
  const a = await appointmentById(input.id)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这条预约')
  const actor = actorFor(user, ctx.requestId)
  const returnVisitDays = (await getSettings()).booking.returnVisitDays
  const masked = (doc: typeof a) => {
    const view = appointmentView(doc, { nowIso: iso(), returnVisitDays })
    return { ...view, patientName: maskName(view.patientName) }
  }
  if (a.status === 'cancelled' && movedByThisRequest(a, actor)) return masked(a)
  if (a.status !== 'booked') throw new AppError('CONFLICT', `这条预约${APPOINTMENT_STATUS_LABELS[a.status]}，不能取消`)
  const nowIso = iso()
  const check = cancelCheck(nowIso, a.cutoffAt)
  if (!check.allowed) throw new AppError('OUTSIDE_WINDOW', check.reason)
  const doc = await cancelAppointment(a, {
    actor,
    by: 'hotline',
    reason: input.reason,
    notice: {
      accountId: a.accountId,
      kind: 'booking_cancelled',
      title: '预约已取消',
      body: `应来电要求，热线已取消${a.patientName}${dateLabel(a.date)} ${a.start}-${a.end} ${a.departmentName} ${a.doctorName}的预约（${input.reason}）。`,
      page: `${BOOKING_PAGE}?id=${a._id}`,
      dedupeKey: `cancelled_${a._id}`
    }
  })
  await ctx.audit({ target: `appointment:${a._id}`, detail: { to: 'cancelled', reason: input.reason } })
  return masked(doc)
}
