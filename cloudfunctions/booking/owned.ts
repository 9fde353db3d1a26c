/** Reading a family's own booking records: another family's are NOT_FOUND, never FORBIDDEN. */
import { AppError } from '../common/errors'
import { appointmentById, waitById, type AppointmentDoc, type WaitDoc } from './docs'

export async function ownAppointment(accountId: string, id: string): Promise<AppointmentDoc> {
  const a = await appointmentById(id)
  if (!a || a.accountId !== accountId) throw new AppError('NOT_FOUND', '没有找到这条预约')
  return a
}

export async function ownWait(accountId: string, id: string): Promise<WaitDoc> {
  const w = await waitById(id)
  if (!w || w.accountId !== accountId) throw new AppError('NOT_FOUND', '没有找到这条候补')
  return w
}
