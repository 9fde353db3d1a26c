import type { ActionContext } from '../../common/router'
import { checkInOnTheDay } from '../check-in'
import { ownAppointment } from '../reads'

export async function checkIn(input: { id: string }, ctx: ActionContext) {
  const user = ctx.user()
  return checkInOnTheDay(await ownAppointment(user.accountId, input.id), user)
}
