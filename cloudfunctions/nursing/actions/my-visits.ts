import { HOLDING_STATUSES } from '../../../types/nursing'
import { addDays } from '../../../types/booking-rules'
import { today } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { alarmsCollection, requests, staffOf } from '../reads'
import { visitItem } from '../views'

/** Today and ahead: what she holds, and what she finished since yesterday (to leave and to check). */
export async function myVisits(_input: Record<string, never>, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const _ = db().command
  const [res, alarms, me] = await Promise.all([
    requests()
      .where({ nurseAccountId: accountId, status: _.in([...HOLDING_STATUSES, 'completed', 'rated']), date: _.gte(addDays(today(), -1)) })
      .orderBy('windowStartsAt', 'asc')
      .limit(200)
      .get(),
    alarmsCollection().where({ nurseAccountId: accountId, status: 'open' }).limit(20).get(),
    staffOf(accountId)
  ])
  const alarmed = new Set(alarms.data.map((a) => a.requestId))
  return { visits: res.data.map((d) => visitItem(d, me?.name ?? null, alarmed.has(d._id))) }
}
