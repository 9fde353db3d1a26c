/** How booking facts read on screen, from the shared rules and labels. */
import { CLINIC_TYPE_LABELS, SESSION_LABELS, type AppointmentView, type ScheduleView } from '../../../../types/booking'
import { dateLabel, feeLabel } from '../../../../types/booking-rules'

export function sessionWhen(s: Pick<ScheduleView, 'date' | 'session' | 'start' | 'end'>): string {
  return `${dateLabel(s.date)} ${SESSION_LABELS[s.session]} ${s.start}-${s.end}`
}

export function appointmentWhen(a: Pick<AppointmentView, 'date' | 'session' | 'start' | 'end'>): string {
  return `${dateLabel(a.date)} ${SESSION_LABELS[a.session]} ${a.start}-${a.end}`
}

export function feeText(fee: number, clinicType: ScheduleView['clinicType']): string {
  return `${CLINIC_TYPE_LABELS[clinicType]} · 挂号费${fee === 0 ? '免' : feeLabel(fee)}`
}

/**
 * What the hotline reads back to a caller, in one breath: by full name once it has been revealed
 * (audited), else by the masked name.
 */
export function readBack(a: AppointmentView, fullName?: string): string {
  return `${fullName ?? a.patientName}，${appointmentWhen(a)}，${a.hospitalName}${a.departmentName}${a.doctorName}${a.doctorTitle}，第${a.queueNo}号，地点${a.place}。请带身份证或医保卡，提前20分钟到诊区签到。`
}

/** The short state of a session on a card: 余号 N, 约满, 未开放, 已截止, 停诊. */
export function availability(s: ScheduleView): { text: string; tone: 'open' | 'full' | 'off' } {
  if (s.window === 'closed') return { text: '停诊', tone: 'off' }
  if (s.window === 'ended') return { text: '已结束', tone: 'off' }
  if (s.window === 'cutoff') return { text: '已截止', tone: 'off' }
  if (s.window === 'draft') return { text: '草稿', tone: 'off' }
  if (s.window === 'not_yet') return { text: '未开放', tone: 'off' }
  if (s.remaining === 0) return { text: '约满', tone: 'full' }
  return { text: `余号 ${s.remaining}`, tone: 'open' }
}

/**
 * Who cancelled, and why if a reason was given: 李梅代为取消, 本人取消：临时出差, 热线代为取消：…,
 * 医院停诊：专家临时外出会诊. `accountName` is the signed-in family's, who made a family cancellation.
 */
export function cancelledLine(a: Pick<AppointmentView, 'cancelledBy' | 'cancelReason' | 'channel'>, accountName: string): string {
  // Cancellations made before reasons became optional carry 本人取消 as their reason.
  const reason = a.cancelReason === '本人取消' ? '' : a.cancelReason
  let who: string
  if (a.cancelledBy === 'hospital') who = '医院停诊'
  else if (a.cancelledBy === 'hotline') who = '热线代为取消'
  else if (a.cancelledBy === 'patient') who = a.channel === 'self' || !accountName ? '本人取消' : `${accountName}代为取消`
  else who = '已取消'
  return reason ? `${who}：${reason}` : who
}
