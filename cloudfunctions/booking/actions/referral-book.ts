import { dateLabel } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import { enqueueIn, type OutboxInput } from '../../common/outbox'
import { taskForReferral } from '../../common/referrals'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import type { AppointmentDoc } from '../docs'
import { appointmentNotice } from '../moves'
import { placeBooking } from '../place-booking'
import { appointmentView } from '../views'

interface ReferralInput {
  scheduleId: string
  sliceId: string
  profileId: string
  taskId: string
}

/**
 * The follow-up doctor books the patient of a follow-up task an expert (转诊), by the booking rules
 * every booking keeps (one per session, the active limit, a no-show ban). The appointment records
 * him and the task; the family's notice commits with it.
 */
export async function referralBook(input: ReferralInput, ctx: ActionContext) {
  const { accountId, account } = ctx.user()
  await taskForReferral(input.taskId, input.profileId)
  await requireHealthDataConsent({ profileId: input.profileId }, '预约专家号')
  const doc = await placeBooking({
    by: { accountId, hotline: true, name: account.nickname },
    scheduleId: input.scheduleId,
    sliceId: input.sliceId,
    profileId: input.profileId,
    requestKey: `${accountId}:${ctx.requestId}`,
    referralTaskId: input.taskId,
    within: (tx, a) => enqueueIn(tx, referralNotice(a))
  })
  await ctx.audit({ target: `appointment:${doc._id}`, detail: { profileId: input.profileId, taskId: input.taskId } })
  const view = appointmentView(doc, { nowIso: iso(), returnVisitDays: (await getSettings()).booking.returnVisitDays })
  // The family cancels in 我的预约; the doctor has no cancel of his own.
  return { ...view, cancel: { allowed: false, reason: '如需取消，请家属在“我的预约”中取消' } }
}

function referralNotice(a: AppointmentDoc): OutboxInput {
  return appointmentNotice(a, {
    kind: 'booking_referral',
    title: '医生已为您预约专家',
    body: `随访医生${a.bookedByName}为${a.patientName}预约了${dateLabel(a.date)} ${a.start}-${a.end}，${a.hospitalName}${a.departmentName} ${a.doctorName}，第${a.queueNo}号，就诊地点${a.place}。如不能就诊，请在“我的预约”中取消。`,
    last: { number4: String(a.queueNo) },
    dedupeKey: `referral_${a._id}`
  })
}
