/** Records fixtures for the generated authorization and fuzz suites, from the demo seed. */
import type { Fixtures } from '../../types/contract'
import { addDays, cstDay } from '../../types/records-rules'
import { now } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'

export async function recordsFixtures(defuProfileId: string): Promise<Fixtures['records']> {
  const res = await db()
    .collection('follow_up_tasks')
    .where({ openKey: `${defuProfileId}:planned` })
    .get()
  const task = res.data[0] as { _id: string } | undefined
  if (!task) throw new Error('demo seed has no open planned follow-up for 李德福')
  return {
    openTaskId: task._id,
    pastTime: new Date(now().getTime() - 3600_000).toISOString(),
    nextDate: addDays(cstDay(now()), 30)
  }
}
