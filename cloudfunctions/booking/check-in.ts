/** 签到: the rule and the move, shared by the patient's own check-in and the session desk's. */
import { APPOINTMENT_STATUS_LABELS } from '../../types/booking'
import { checkInCheck, chinaWallClock } from '../../types/booking-rules'
import { iso } from '../common/clock'
import { AppError } from '../common/errors'
import { getSettings } from '../common/settings'
import type { Actor } from '../common/transition'
import type { AppointmentDoc } from './docs'
import { checkInAppointment } from './moves'
import { appointmentView } from './views'

/** 签到 on the day of the visit, until the session ends. */
export async function checkInOnTheDay(a: AppointmentDoc, actor: Actor) {
  if (a.status !== 'booked') throw new AppError('CONFLICT', `这条预约${APPOINTMENT_STATUS_LABELS[a.status]}，不需要签到`)
  const nowIso = iso()
  const check = checkInCheck(nowIso, { date: a.date, end: chinaWallClock(a.endsAt).time })
  if (!check.allowed) throw new AppError('OUTSIDE_WINDOW', check.reason)
  const { doc } = await checkInAppointment(a, actor)
  return appointmentView(doc, { nowIso, returnVisitDays: (await getSettings()).booking.returnVisitDays })
}
