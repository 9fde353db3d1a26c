/** Booking documents as stored, and the keys that make the booking rules unique indexes. */
import { createHash } from 'node:crypto'
import type { AppointmentStatus, CancelledBy, Channel, ClinicType, ScheduleStatus, Session, WaitlistStatus } from '../../types/booking'
import type { Relation } from '../../types/account'
import { queueNumber, sessionEndsAt } from '../../types/booking-rules'

export const SCHEDULES = 'schedules'
export const APPOINTMENTS = 'appointments'
/** Per patient profile (`_id` = profile id): the counters the booking rules are checked against. */
export const PATIENTS = 'booking_patients'
export const WAITLIST = 'booking_waitlist'
/** The catalogue: written by the demo seed and the hospital's admin, read by booking. */
export const HOSPITALS = 'hospitals'
export const DEPARTMENTS = 'departments'
export const DOCTORS = 'doctors'

export interface HospitalDoc {
  _id: string
  name: string
  level: string
  address: string
}
export interface DepartmentDoc {
  _id: string
  hospitalId: string
  name: string
}
export interface DoctorDoc {
  _id: string
  name: string
  title: string
  homeHospital: string
  specialty: string
  hospitalId: string
  departmentId: string
}

export interface SliceDoc {
  id: string
  start: string
  end: string
  quota: number
  remaining: number
  taken: number
}

export interface ScheduleDoc {
  _id: string
  /** doctor:date:start while not closed: one session per doctor per start time. */
  uniqueKey: string
  doctorId: string
  doctorName: string
  doctorTitle: string
  homeHospital: string
  specialty: string
  departmentId: string
  departmentName: string
  hospitalId: string
  hospitalName: string
  date: string
  session: Session
  start: string
  end: string
  clinicType: ClinicType
  fee: number
  place: string
  returnVisit: boolean
  status: ScheduleStatus
  /** ISO instants, set at publish from the hospital's settings; '' while a draft. */
  releaseAt: string
  cutoffAt: string
  closeReason: string
  slices: SliceDoc[]
  createdBy: string
  createdAt: string
  updatedAt: string
  publishedAt?: string
  closedAt?: string
  closedBy?: string
  /** When a booking last took a place here: a mismatch newer than a lease may be a booking in flight (common/recovery/booking.ts). */
  heldAt?: string
}

export interface AppointmentDoc {
  _id: string
  /** accountId:requestId of the booking call; the id is derived from it, so a retry cannot insert twice. */
  requestKey: string
  /** profile:schedule while booked or checked in: a second guard against two bookings in one session. */
  activeKey: string
  /** r:<original> for a return visit, so each visit gives one; a:<id> otherwise. */
  returnKey: string
  status: AppointmentStatus
  scheduleId: string
  sliceId: string
  sliceIndex: number
  profileId: string
  /** The account that owns the profile: whose 我的预约 shows it. */
  accountId: string
  patientName: string
  channel: Channel
  /** Who pressed book: the family's account, a hotline staff member, or `system` for the waitlist. */
  bookedBy: string
  bookedByName: string
  /** The follow-up task a `referral` was booked from; '' (or absent on older documents) otherwise. */
  referralTaskId?: string
  queueNo: number
  date: string
  start: string
  end: string
  session: Session
  /** When the session ends: a booking not checked in by then is a no-show. */
  endsAt: string
  cutoffAt: string
  doctorId: string
  doctorName: string
  doctorTitle: string
  departmentId: string
  departmentName: string
  hospitalName: string
  place: string
  clinicType: ClinicType
  fee: number
  returnVisitAllowed: boolean
  returnOf: string
  fromWaitlist: boolean
  cancelReason: string
  cancelledBy: CancelledBy
  checkedInAt: string
  completedAt: string
  createdAt: string
  updatedAt: string
}

export interface PatientStateDoc {
  _id: string
  accountId: string
  name: string
  relation: Relation
  activeCount: number
  activeSchedules: string[]
  /** ISO instant; '' when not banned (and '' sorts before every instant). */
  bannedUntil: string
  banReason: string
  /** Instants of no-shows still inside the counting window. */
  noShows: string[]
  /** The profile was removed from its family's list (account.removeProfile). */
  removed?: boolean
  liftedAt?: string
  liftedBy?: string
  liftReason?: string
  createdAt: string
  /** When a booking last held this patient: a mismatch newer than a lease may be a booking in flight (common/recovery/booking.ts). */
  heldAt?: string
  /**
   * Ids of the appointments this patient's latest booking attempts would make (the last
   * RECENT_BOOKINGS): a refusal reads the appointment its request would have made, to replay a lost
   * reply, only when its id is here. Absent on states written before it existed (then it always reads).
   */
  recentBookings?: string[]
}

/** How many booking attempts of one patient a retry may lag behind and still replay its lost reply. */
export const RECENT_BOOKINGS = 20

export interface WaitDoc {
  _id: string
  /** profile:schedule while waiting. */
  waitKey: string
  scheduleId: string
  profileId: string
  accountId: string
  patientName: string
  channel: Channel
  joinedBy: string
  status: WaitlistStatus
  appointmentId: string
  date: string
  start: string
  end: string
  /** The session's cutoff: a ticket still waiting then has not got a place. */
  cutoffAt: string
  doctorName: string
  departmentName: string
  createdAt: string
  updatedAt: string
}

/** A waiting ticket for a profile on a full session: the one place it is built (action and seed). */
export function newWaitTicket(
  profile: { _id: string; accountId: string; name: string; relation: Relation },
  s: ScheduleDoc,
  joinedBy: string,
  at: string
): Omit<WaitDoc, '_id'> {
  return {
    waitKey: activeKeyOf(profile._id, s._id),
    scheduleId: s._id,
    profileId: profile._id,
    accountId: profile.accountId,
    patientName: profile.name,
    channel: profile.relation === 'self' ? 'self' : 'family',
    joinedBy,
    status: 'waiting',
    appointmentId: '',
    date: s.date,
    start: s.start,
    end: s.end,
    cutoffAt: s.cutoffAt,
    doctorName: s.doctorName,
    departmentName: s.departmentName,
    createdAt: at,
    updatedAt: at
  }
}

/** What every appointment starts with, however it was booked: nothing cancelled, checked in or done yet. */
export function freshAppointment(nowIso: string) {
  return {
    status: 'booked' as const,
    cancelReason: '',
    cancelledBy: '' as const,
    checkedInAt: '',
    completedAt: '',
    createdAt: nowIso,
    updatedAt: nowIso
  }
}

export function appointmentIdFor(requestKey: string): string {
  return `ap_${createHash('sha256').update(requestKey).digest('hex').slice(0, 28)}`
}

export function sliceIndexOf(sliceId: string): number {
  return Number(sliceId.slice(1))
}

export function activeKeyOf(profileId: string, scheduleId: string): string {
  return `${profileId}:${scheduleId}`
}

/**
 * What an appointment copies from its session and slice at booking time, so that the list and the
 * reminders read one document. The one place this copy is made (booking, waitlist, demo seed).
 */
export function sessionSnapshot(s: ScheduleDoc, i: number) {
  const slice = s.slices[i]
  return {
    scheduleId: s._id,
    sliceId: slice.id,
    sliceIndex: i,
    queueNo: queueNumber(s.slices, i),
    date: s.date,
    start: slice.start,
    end: slice.end,
    session: s.session,
    endsAt: sessionEndsAt(s),
    cutoffAt: s.cutoffAt,
    doctorId: s.doctorId,
    doctorName: s.doctorName,
    doctorTitle: s.doctorTitle,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    hospitalName: s.hospitalName,
    place: s.place,
    clinicType: s.clinicType,
    // 三天有效 is for 普通/专家 visits where the session allows it, never for 特需.
    returnVisitAllowed: s.returnVisit && s.clinicType !== 'special'
  }
}
