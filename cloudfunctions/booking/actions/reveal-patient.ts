import type { ProfileDoc } from '../../account/profiles'
import { ageOn } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { appointmentById } from '../docs'

/**
 * Opens one booking's patient for the session desk (to call them in or phone them) or for the
 * hotline (to read a booking back to the caller by name); audited.
 */
export async function revealPatient(input: { appointmentId: string }, ctx: ActionContext) {
  ctx.user()
  const a = await appointmentById(input.appointmentId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这条预约')
  const p = (await db().collection('profiles').where({ _id: a.profileId }).get()).data[0] as ProfileDoc | undefined
  if (!p) throw new AppError('NOT_FOUND', '没有找到这位就诊人')
  await ctx.audit({ target: `profile:${p._id}`, detail: { appointmentId: a._id, read: 'name,phone' } })
  return { name: p.name, phone: p.phone, idNumberMasked: p.idNumberMasked, age: ageOn(p.birthDate), sex: p.sex }
}
