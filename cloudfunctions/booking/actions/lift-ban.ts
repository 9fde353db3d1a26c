import { iso } from '../../common/clock'
import { inTransaction } from '../../common/db'
import { AppError } from '../../common/errors'
import { enqueueIn } from '../../common/outbox'
import type { ActionContext } from '../../common/router'
import { txDoc } from '../../common/typed'
import { PATIENTS, type PatientStateDoc } from '../docs'
import { patientStateById } from '../reads'

/**
 * An admin lifts a no-show ban early, with a reason; the no-shows before it stop counting. The
 * family's notice and the audit entry are written in the same transaction, so a lift is never
 * without its notice or its entry, nor either without the lift.
 */
export async function liftBan(input: { profileId: string; reason: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const state = await patientStateById(input.profileId)
  if (!state) throw new AppError('NOT_FOUND', '没有找到这位就诊人的预约记录')
  const at = iso()
  const was = await inTransaction(async (tx) => {
    const now = (await txDoc<PatientStateDoc>(tx, PATIENTS, state._id).get()).data
    if (!now || !(now.bannedUntil > at)) return ''
    await tx
      .collection(PATIENTS)
      .doc(state._id)
      .update({ bannedUntil: '', banReason: '', noShows: [], liftedAt: at, liftedBy: accountId, liftReason: input.reason })
    await enqueueIn(tx, {
      accountId: now.accountId,
      kind: 'booking_ban_lifted',
      title: '预约限制已解除',
      body: `${now.name}的预约限制已由医院解除，现在可以正常预约挂号。请按时就诊，不能就诊时请提前取消。`,
      dedupeKey: `lifted_${state._id}_${at}`
    })
    await ctx.auditIn(tx, {
      target: `booking_patient:${state._id}`,
      subject: { accountId: now.accountId, profileId: state._id },
      detail: { lifted: now.bannedUntil, reason: input.reason }
    })
    return now.bannedUntil
  })
  if (!was) throw new AppError('CONFLICT', '这位就诊人目前没有被限制预约')
  return { profileId: state._id, liftedAt: at }
}
