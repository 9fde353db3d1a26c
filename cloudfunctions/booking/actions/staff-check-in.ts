import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { appointmentById } from '../reads'
import { checkInOnTheDay } from '../check-in'

/** The session desk checks a patient in on the day. */
export async function staffCheckIn(input: { id: string }, ctx: ActionContext) {
  const user = ctx.user()
  const a = await appointmentById(input.id)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这条预约')
  const view = await checkInOnTheDay(a, user)
  await ctx.audit({ target: `appointment:${a._id}`, detail: { to: 'checked_in' } })
  return view
}
