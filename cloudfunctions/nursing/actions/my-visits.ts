import { HOLDING_STATUSES } from '../../../types/nursing'
import { addDays } from '../../../types/booking-rules'
import { today } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ALARMS, REQUESTS, type AlarmDoc, type RequestDoc } from '../docs'
import { staffOf } from '../reads'
import { visitItem } from '../views'

/** Today and ahead: what she holds, and what she finished since yesterday (to leave and to check). */
export async function myVisits(_input: Record<string, never>, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const _ = db().command
  const [res, alarms, me] = await Promise.all([
    db()
      .collection(REQUESTS)
      .where({ nurseAccountId: accountId, status: _.in([...HOLDING_STATUSES, 'completed', 'rated']), date: _.gte(addDays(today(), -1)) })
      .orderBy('windowStartsAt', 'asc')
      .limit(200)
      .get(),
    db().collection(ALARMS).where({ nurseAccountId: accountId, status: 'open' }).limit(20).get(),
    staffOf(accountId)
  ])
  const alarmed = new Set((alarms.data as AlarmDoc[]).map((a) => a.requestId))
  return { visits: (res.data as RequestDoc[]).map((d) => visitItem(d, me?.name ?? null, alarmed.has(d._id))) }
}
