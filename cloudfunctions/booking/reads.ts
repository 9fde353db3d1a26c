/**
 * Loading booking documents: by id for staff and timers, and with ownership for a family; another
 * family's record is NOT_FOUND, never FORBIDDEN.
 */
import { AppError } from '../common/errors'
import { byId, collection } from '../common/typed'
import {
  activeKeyOf,
  APPOINTMENTS,
  PATIENTS,
  SCHEDULES,
  WAITLIST,
  type AppointmentDoc,
  type PatientStateDoc,
  type ScheduleDoc,
  type WaitDoc
} from './docs'

export const scheduleById = (id: string) => byId<ScheduleDoc>(SCHEDULES, id)
export const appointmentById = (id: string) => byId<AppointmentDoc>(APPOINTMENTS, id)
export const patientStateById = (id: string) => byId<PatientStateDoc>(PATIENTS, id)
export const waitById = (id: string) => byId<WaitDoc>(WAITLIST, id)

export async function activeAppointmentFor(profileId: string, scheduleId: string): Promise<AppointmentDoc | undefined> {
  const res = await collection<AppointmentDoc>(APPOINTMENTS)
    .where({ activeKey: activeKeyOf(profileId, scheduleId) })
    .get()
  return res.data[0]
}

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
