import { iso } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ALARMS } from '../docs'
import { anyAlarm, staffOf } from '../reads'
import { alarmView } from '../views'

/** The banner stays until a dispatcher acknowledges it; the first acknowledgement is the one kept. */
export async function acknowledgeAlarm(input: { id: string; note?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const alarm = await anyAlarm(input.id)
  if (alarm.status === 'open') {
    const name = (await staffOf(accountId))?.name ?? ''
    await db()
      .collection(ALARMS)
      .where({ _id: alarm._id, status: 'open' })
      .update({
        status: 'acknowledged',
        acknowledgedAt: iso(),
        acknowledgedBy: { accountId, name },
        ...(input.note ? { ackNote: input.note } : {})
      })
  }
  return alarmView(await anyAlarm(input.id))
}
