import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { ENROLMENTS, type EnrolmentDoc } from '../docs'
import { anyProfile } from '../reads'
import { enrolmentView } from '../views'

/**
 * A doctor enrols a patient in a programme; enrolling again updates the complications on record.
 * One enrolment per patient and programme: its id is derived from both.
 */
export async function enrol(input: { profileId: string; programme: string; complications: string[] }, ctx: ActionContext) {
  const user = ctx.user()
  const programme = (await getSettings()).records.programmes.find((g) => g.code === input.programme)
  if (!programme) throw new AppError('INVALID_INPUT', '没有这个慢病项目', { programme: '没有这个慢病项目' })
  const unknown = input.complications.find((c) => !programme.complications.includes(c))
  if (unknown)
    throw new AppError('INVALID_INPUT', `「${unknown}」不在${programme.name}的并发症列表中`, { complications: '并发症不在列表中' })
  const p = await anyProfile(input.profileId)
  const doc: EnrolmentDoc = {
    _id: `en_${p._id}_${programme.code}`,
    profileId: p._id,
    accountId: p.accountId,
    programme: programme.code,
    status: 'active',
    complications: input.complications,
    enrolledAt: iso(),
    enrolledBy: user.accountId,
    enrolledByName: user.account.nickname
  }
  const { _id, ...rest } = doc
  await db().collection(ENROLMENTS).doc(_id).set(rest)
  await ctx.audit({ target: `profile:${p._id}`, detail: { programme: programme.code } })
  return enrolmentView(doc, programme.name)
}
