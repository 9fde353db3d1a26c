import { APPOINTMENT_STATUS_LABELS } from '../../../types/booking'
import { checkInCheck, chinaWallClock } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { Actor } from '../../common/transition'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import type { AppointmentDoc } from '../docs'
import { checkInAppointment } from '../moves'
import { ownAppointment } from '../reads'
import { appointmentView } from '../views'

/** 签到 on the day of the visit, until the session ends; shared by the patient and the session desk. */
export async function checkInOnTheDay(a: AppointmentDoc, actor: Actor) {
  if (a.status !== 'booked') throw new AppError('CONFLICT', `这条预约${APPOINTMENT_STATUS_LABELS[a.status]}，不需要签到`)
  const nowIso = iso()
  const check = checkInCheck(nowIso, { date: a.date, end: chinaWallClock(a.endsAt).time })
  if (!check.allowed) throw new AppError('OUTSIDE_WINDOW', check.reason)
  const { doc } = await checkInAppointment(a, actor)
  return appointmentView(doc, { nowIso, returnVisitDays: (await getSettings()).booking.returnVisitDays })
}

export async function checkIn(input: { id: string }, ctx: ActionContext) {
  const user = ctx.user()
  return checkInOnTheDay(await ownAppointment(user.accountId, input.id), user)
}
