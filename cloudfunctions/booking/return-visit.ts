/** 三天有效: a completed visit's one free return visit to the same department within the window. */
import { dateLabel, returnVisitOpen, returnVisitUntil } from '../../types/booking-rules'
import { today } from '../common/clock'
import { AppError } from '../common/errors'
import { appointmentById, scheduleById } from './reads'
import { type AppointmentDoc } from './docs'

/** The caller's completed visit that still offers its free return visit, or the reason it does not. */
export async function returnableVisit(accountId: string, appointmentId: string, days: number): Promise<AppointmentDoc> {
  const visit = await appointmentById(appointmentId)
  if (!visit || visit.accountId !== accountId) throw new AppError('NOT_FOUND', '没有找到这次就诊记录')
  if (visit.status !== 'completed' || !visit.returnVisitAllowed || visit.returnOf) {
    throw new AppError('CONFLICT', '这次就诊不提供免费复诊')
  }
  if (!returnVisitOpen(visit.date, today(), days)) {
    throw new AppError('OUTSIDE_WINDOW', `免费复诊已于${dateLabel(returnVisitUntil(visit.date, days))}到期`)
  }
  return visit
}

/** Checks that booking `scheduleId` for `profileId` may use the visit's free return visit. */
export async function checkReturnBooking(
  accountId: string,
  input: { returnOf: string; profileId: string; scheduleId: string },
  days: number
): Promise<void> {
  const visit = await returnableVisit(accountId, input.returnOf, days)
  if (visit.profileId !== input.profileId)
    throw new AppError('INVALID_INPUT', '免费复诊只限原就诊人', { profileId: '免费复诊只限原就诊人' })
  const s = await scheduleById(input.scheduleId)
  if (!s || s.departmentId !== visit.departmentId) {
    throw new AppError('INVALID_INPUT', `免费复诊需预约${visit.departmentName}的出诊`, { scheduleId: '请选择同一科室的出诊' })
  }
  const until = returnVisitUntil(visit.date, days)
  if (s.date > until) throw new AppError('OUTSIDE_WINDOW', `免费复诊须在${dateLabel(until)}前就诊，请选择更早的出诊`)
}
