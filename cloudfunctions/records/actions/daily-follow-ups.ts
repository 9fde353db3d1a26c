import { cstDay, quarterlyFollowUpDue } from '../../../types/records-rules'
import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { ENROLMENTS, FOLLOW_UPS, TASKS, type EnrolmentDoc, type FollowUpDoc, type TaskDoc } from '../docs'
import { openPlanned, tellDue } from '../moves'
import { profilesByIds } from '../reads'

const BATCH = 100

/**
 * Daily timer. Members of a quarterly programme (高血压, 2型糖尿病) with no follow-up this quarter get
 * a planned task due at the quarter's end (the open key makes a rerun harmless); then every family
 * whose follow-up is due today or earlier hears so, once per task.
 */
export async function dailyFollowUps(_input: Record<string, never>, _ctx: ActionContext) {
  const at = now()
  const today = cstDay(at)
  const rules = (await getSettings()).records
  const quarterly = rules.programmes.filter((g) => g.quarterly).map((g) => g.code)
  const _ = db().command
  let opened = 0
  let notified = 0
  for (let offset = 0; ; offset += BATCH) {
    const res = await db()
      .collection(ENROLMENTS)
      .where({ status: 'active', programme: _.in(quarterly) })
      .orderBy('_id', 'asc')
      .skip(offset)
      .limit(BATCH)
      .get()
    const members = res.data as EnrolmentDoc[]
    const ids = [...new Set(members.map((e) => e.profileId))]
    const profiles = await profilesByIds(ids)
    for (const id of ids) {
      const p = profiles.get(id)
      if (!p || (p as { status?: string }).status !== 'active') continue
      const done = await db().collection(FOLLOW_UPS).where({ profileId: id }).orderBy('at', 'desc').limit(1).get()
      const due = quarterlyFollowUpDue(
        (done.data as FollowUpDoc[]).map((f) => f.day),
        today
      )
      if (due.due && (await openPlanned({ profileId: id, accountId: p.accountId, patientName: p.name }, due.dueDate))) opened++
    }
    if (members.length < BATCH) break
  }
  for (let offset = 0; ; offset += BATCH) {
    const res = await db()
      .collection(TASKS)
      .where({ status: 'open', dueDate: _.lte(today) })
      .orderBy('dueDate', 'asc')
      .skip(offset)
      .limit(BATCH)
      .get()
    for (const t of res.data as TaskDoc[]) {
      await tellDue(t)
      notified++
    }
    if (res.data.length < BATCH) break
  }
  return { opened, notified }
}
