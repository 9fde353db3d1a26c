import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import { enqueue } from '../../common/outbox'
import type { ActionContext } from '../../common/router'
import { PATIENTS } from '../docs'
import { patientStateById } from '../reads'

/** An admin lifts a no-show ban early, with a reason; the no-shows before it stop counting. */
export async function liftBan(input: { profileId: string; reason: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const state = await patientStateById(input.profileId)
  if (!state) throw new AppError('NOT_FOUND', '没有找到这位就诊人的预约记录')
  const at = iso()
  const _ = db().command
  const res = await db()
    .collection(PATIENTS)
    .where({ _id: state._id, bannedUntil: _.gt(at) })
    .update({ bannedUntil: '', banReason: '', noShows: [], liftedAt: at, liftedBy: accountId, liftReason: input.reason })
  if (!res.updated) throw new AppError('CONFLICT', '这位就诊人目前没有被限制预约')
  await ctx.audit({ target: `booking_patient:${state._id}`, detail: { lifted: state.bannedUntil, reason: input.reason } })
  await enqueue({
    accountId: state.accountId,
    kind: 'booking_ban_lifted',
    title: '预约限制已解除',
    body: `${state.name}的预约限制已由医院解除，现在可以正常预约挂号。请按时就诊，不能就诊时请提前取消。`,
    dedupeKey: `lifted_${state._id}_${at}`
  })
  return { profileId: state._id, liftedAt: at }
}
