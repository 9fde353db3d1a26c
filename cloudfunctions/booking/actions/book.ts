import { iso } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { placeBooking } from '../place-booking'
import { checkReturnBooking } from '../return-visit'
import { appointmentView } from '../views'

interface BookInput {
  scheduleId: string
  sliceId: string
  profileId: string
  returnOf?: string
}

/** A family books one of its own profiles into a slice (channel self or family from the profile's relation). */
export async function book(input: BookInput, ctx: ActionContext) {
  const { accountId, account } = ctx.user()
  await requireHealthDataConsent({ account }, '预约专家号')
  const rules = (await getSettings()).booking
  if (input.returnOf) await checkReturnBooking(accountId, { ...input, returnOf: input.returnOf }, rules.returnVisitDays)
  const doc = await placeBooking({
    by: { accountId, hotline: false, name: account.nickname },
    profileId: input.profileId,
    scheduleId: input.scheduleId,
    sliceId: input.sliceId,
    requestKey: `${accountId}:${ctx.requestId}`,
    returnOf: input.returnOf
  })
  return appointmentView(doc, { nowIso: iso(), returnVisitDays: rules.returnVisitDays })
}
