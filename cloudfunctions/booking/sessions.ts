/** Building and checking a doctor's sessions (出诊) for the scheduler. */
import type { SessionInput } from '../../types/booking'
import { dateLabel, rangesOverlap } from '../../types/booking-rules'
import { today } from '../common/clock'
import { AppError } from '../common/errors'
import { DEPARTMENTS, DOCTORS, HOSPITALS, SCHEDULES, type DepartmentDoc, type DoctorDoc, type HospitalDoc, type ScheduleDoc } from './docs'
import { collection } from '../common/typed'

export interface DoctorPlace {
  doctor: DoctorDoc
  departmentName: string
  hospitalName: string
}

export async function doctorPlace(doctorId: string): Promise<DoctorPlace> {
  const doctor = (await collection<DoctorDoc>(DOCTORS).where({ _id: doctorId }).get()).data[0]
  if (!doctor) throw new AppError('INVALID_INPUT', '没有这位医生', { doctorId: '没有这位医生' })
  const [department, hospital] = await Promise.all([
    collection<DepartmentDoc>(DEPARTMENTS).where({ _id: doctor.departmentId }).get(),
    collection<HospitalDoc>(HOSPITALS).where({ _id: doctor.hospitalId }).get()
  ])
  const name = (res: { data: Array<{ name: string }> }) => res.data[0]?.name ?? ''
  return { doctor, departmentName: name(department), hospitalName: name(hospital) }
}

export function uniqueKeyOf(doctorId: string, date: string, start: string): string {
  return `${doctorId}:${date}:${start}`
}

export function futureDateOnly(date: string): void {
  if (date <= today()) throw new AppError('INVALID_INPUT', '只能安排明天及以后的出诊', { date: '只能安排明天及以后的出诊' })
}

/** A doctor sees patients in one place at a time: refuses a range overlapping another live session that day. */
export async function checkNoOverlap(
  doctorName: string,
  s: { doctorId: string; date: string; start: string; end: string },
  exceptId?: string
) {
  const res = await collection<ScheduleDoc>(SCHEDULES).where({ doctorId: s.doctorId, date: s.date }).get()
  const clash = res.data.find((o) => o._id !== exceptId && o.status !== 'closed' && rangesOverlap(o, s))
  if (clash) {
    throw new AppError('CONFLICT', `${doctorName}在${dateLabel(s.date)} ${clash.start}-${clash.end}已有出诊，时间不能重叠`)
  }
}

export function sessionFields(input: SessionInput, place: DoctorPlace) {
  return {
    uniqueKey: uniqueKeyOf(input.doctorId, input.date, input.start),
    doctorId: place.doctor._id,
    doctorName: place.doctor.name,
    doctorTitle: place.doctor.title,
    homeHospital: place.doctor.homeHospital,
    specialty: place.doctor.specialty,
    departmentId: place.doctor.departmentId,
    departmentName: place.departmentName,
    hospitalId: place.doctor.hospitalId,
    hospitalName: place.hospitalName,
    date: input.date,
    session: input.session,
    start: input.start,
    end: input.end,
    clinicType: input.clinicType,
    fee: input.fee,
    place: input.place,
    returnVisit: input.returnVisit,
    slices: input.slices.map((x, i) => ({ id: `s${i}`, start: x.start, end: x.end, quota: x.quota, remaining: x.quota, taken: 0 }))
  }
}

export const DUPLICATE_SESSION = '这位医生在该时间已有出诊'
