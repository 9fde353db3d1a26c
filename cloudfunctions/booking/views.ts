/** How booking documents are shown: what a person may do now, decided by the pure rules. */
import type { AppointmentView, ScheduleView, WaitView, WindowState } from '../../types/booking'
import {
  bookingWindow,
  cancelCheck,
  chinaWallClock,
  checkInCheck,
  returnVisitOpen,
  returnVisitUntil,
  sessionEndsAt,
  totalRemaining,
  whatToBring,
  windowText
} from '../../types/booking-rules'
import type { AppointmentDoc, ScheduleDoc, WaitDoc } from './docs'

export function windowOf(s: ScheduleDoc, nowIso: string): WindowState {
  if (s.status === 'draft') return 'draft'
  if (s.status === 'closed') return 'closed'
  if (nowIso >= sessionEndsAt(s)) return 'ended'
  return bookingWindow(nowIso, s)
}

function windowSentence(s: ScheduleDoc, state: WindowState): string {
  switch (state) {
    case 'draft':
      return '草稿，发布后患者才能看到'
    case 'closed':
      return `已停诊：${s.closeReason}`
    case 'ended':
      return '本场出诊已结束'
    default:
      return windowText(state, s)
  }
}

export function scheduleView(s: ScheduleDoc, nowIso: string): ScheduleView {
  const state = windowOf(s, nowIso)
  return {
    id: s._id,
    doctorId: s.doctorId,
    doctorName: s.doctorName,
    doctorTitle: s.doctorTitle,
    homeHospital: s.homeHospital,
    specialty: s.specialty,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    hospitalId: s.hospitalId,
    hospitalName: s.hospitalName,
    date: s.date,
    session: s.session,
    start: s.start,
    end: s.end,
    clinicType: s.clinicType,
    fee: s.fee,
    place: s.place,
    returnVisit: s.returnVisit,
    status: s.status,
    releaseAt: s.releaseAt,
    cutoffAt: s.cutoffAt,
    closeReason: s.closeReason,
    slices: s.slices.map((x) => ({ id: x.id, start: x.start, end: x.end, quota: x.quota, remaining: x.remaining })),
    quota: s.slices.reduce((n, x) => n + x.quota, 0),
    remaining: totalRemaining(s.slices),
    window: state,
    windowText: windowSentence(s, state)
  }
}

export interface AppointmentViewContext {
  nowIso: string
  returnVisitDays: number
  /** Ids of visits whose free return visit has been booked already. */
  returnsUsed?: ReadonlySet<string>
}

const NOT_NOW = { allowed: false, reason: '' }

export function appointmentView(a: AppointmentDoc, ctx: AppointmentViewContext): AppointmentView {
  const booked = a.status === 'booked'
  const today = chinaWallClock(ctx.nowIso).date
  const offer =
    a.status === 'completed' &&
    a.returnVisitAllowed &&
    !a.returnOf &&
    !ctx.returnsUsed?.has(a._id) &&
    returnVisitOpen(a.date, today, ctx.returnVisitDays)
  return {
    id: a._id,
    status: a.status,
    scheduleId: a.scheduleId,
    profileId: a.profileId,
    patientName: a.patientName,
    channel: a.channel,
    bookedByName: a.bookedByName,
    referralTaskId: a.referralTaskId ?? '',
    queueNo: a.queueNo,
    sliceId: a.sliceId,
    date: a.date,
    start: a.start,
    end: a.end,
    session: a.session,
    doctorName: a.doctorName,
    doctorTitle: a.doctorTitle,
    departmentId: a.departmentId,
    departmentName: a.departmentName,
    hospitalName: a.hospitalName,
    place: a.place,
    clinicType: a.clinicType,
    fee: a.fee,
    returnOf: a.returnOf,
    whatToBring: whatToBring({ isReturn: !!a.returnOf }),
    cancelReason: a.cancelReason,
    cancelledBy: a.cancelledBy,
    fromWaitlist: a.fromWaitlist,
    createdAt: a.createdAt,
    cancel: booked ? cancelCheck(ctx.nowIso, a.cutoffAt) : NOT_NOW,
    checkIn: booked ? checkInCheck(ctx.nowIso, { date: a.date, end: a.endsAt ? chinaWallClock(a.endsAt).time : a.end }) : NOT_NOW,
    returnVisit: offer ? { until: returnVisitUntil(a.date, ctx.returnVisitDays), departmentName: a.departmentName } : null
  }
}

export function waitView(w: WaitDoc, position: number): WaitView {
  return {
    id: w._id,
    scheduleId: w.scheduleId,
    profileId: w.profileId,
    patientName: w.patientName,
    status: w.status,
    position: w.status === 'waiting' ? position : 0,
    date: w.date,
    start: w.start,
    end: w.end,
    doctorName: w.doctorName,
    departmentName: w.departmentName,
    appointmentId: w.appointmentId,
    createdAt: w.createdAt
  }
}
