import { maskName } from '../../../types/idcard'
import { iso } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { placeBooking } from '../place-booking'
import { appointmentView } from '../views'

/** The hotline books for a caller's profile; the appointment records the staff member (channel hotline). */
export async function hotlineBook(input: { scheduleId: string; sliceId: string; profileId: string }, ctx: ActionContext) {
  const { accountId, account } = ctx.user()
  await requireHealthDataConsent({ profileId: input.profileId }, '预约专家号')
  const doc = await placeBooking({
    by: { accountId, hotline: true, name: account.nickname },
    ...input,
    requestKey: `${accountId}:${ctx.requestId}`
  })
  await ctx.audit({ target: `appointment:${doc._id}`, detail: { profileId: input.profileId, scheduleId: input.scheduleId } })
  const view = appointmentView(doc, { nowIso: iso(), returnVisitDays: (await getSettings()).booking.returnVisitDays })
  return { ...view, patientName: maskName(view.patientName) }
}
