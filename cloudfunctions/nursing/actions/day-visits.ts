import { HOLDING_STATUSES } from '../../../types/nursing'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ALARMS, REQUESTS, type AlarmDoc, type RequestDoc } from '../docs'
import { staffNames } from '../reads'
import { visitItem } from '../views'

/** The day's visits of every nurse, in window order: who is where, and who is free. */
export async function dayVisits(input: { date: string }, ctx: ActionContext) {
  ctx.user()
  const _ = db().command
  const [res, alarms] = await Promise.all([
    db()
      .collection(REQUESTS)
      .where({ date: input.date, status: _.in([...HOLDING_STATUSES, 'completed', 'rated']) })
      .orderBy('windowStartsAt', 'asc')
      .limit(1000)
      .get(),
    db().collection(ALARMS).where({ status: 'open' }).limit(100).get()
  ])
  const docs = (res.data as RequestDoc[]).filter((d) => d.nurseAccountId)
  const names = await staffNames(docs.map((d) => d.nurseAccountId!))
  const alarmed = new Set((alarms.data as AlarmDoc[]).map((a) => a.requestId))
  const byNurse = new Map<string, RequestDoc[]>()
  for (const d of docs) byNurse.set(d.nurseAccountId!, [...(byNurse.get(d.nurseAccountId!) ?? []), d])
  return {
    nurses: [...byNurse.entries()].map(([accountId, visits]) => {
      const name = names.get(accountId) ?? ''
      return { accountId, name, visits: visits.map((v) => visitItem(v, name, alarmed.has(v._id))) }
    })
  }
}
