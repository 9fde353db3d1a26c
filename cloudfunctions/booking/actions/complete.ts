import { APPOINTMENT_STATUS_LABELS } from '../../../types/booking'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { appointmentById } from '../reads'
import { completeAppointment } from '../moves'
import { appointmentView } from '../views'

/** 已就诊: a checked-in patient has been seen (by the desk or the doctor). */
export async function complete(input: { id: string }, ctx: ActionContext) {
  const user = ctx.user()
  const a = await appointmentById(input.id)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这条预约')
  if (a.status !== 'checked_in') throw new AppError('CONFLICT', `这条预约${APPOINTMENT_STATUS_LABELS[a.status]}，签到后才能标记为已就诊`)
  const { doc } = await completeAppointment(a, user)
  await ctx.audit({ target: `appointment:${a._id}`, detail: { to: 'completed' } })
  return appointmentView(doc, { nowIso: iso(), returnVisitDays: (await getSettings()).booking.returnVisitDays })
}
