import { ageOn } from '../../common/clock'
import { profileForStaff } from '../../common/patients'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { appointmentById } from '../reads'

/**
 * Opens one booking's patient for the session desk (to call them in or phone them) or for the
 * hotline (to read a booking back to the caller by name); audited.
 */
export async function revealPatient(input: { appointmentId: string }, ctx: ActionContext) {
  ctx.user()
  const a = await appointmentById(input.appointmentId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这条预约')
  const p = await profileForStaff(ctx, a.profileId, { appointmentId: a._id, read: 'name,phone' })
  return { name: p.name, phone: p.phone, idNumberMasked: p.idNumberMasked, age: ageOn(p.birthDate), sex: p.sex }
}
