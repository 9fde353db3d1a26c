import { READING_KINDS } from '../../../types/records'
import { cstDay } from '../../../types/records-rules'
import { now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { READINGS, TASKS, type ReadingDoc, type TaskDoc } from '../docs'
import { ownProfile } from '../../common/patients'
import { enrolmentsOf } from '../reads'
import { referralsOf } from '../tasks'
import { enrolmentView, flagOf, patientContext, patientSummary, readingView, taskView } from '../views'
import { collection } from '../../common/typed'

// A referral the family still has to go to: booked or checked in, today or later.
const AHEAD = new Set(['booked', 'checked_in'])

/**
 * The family's page for one profile: programmes, the latest reading of each kind, follow-ups waiting,
 * and the experts the follow-up doctor booked from a task that are still to come, whether that task
 * is open or was just followed up.
 */
export async function overview(input: { profileId: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const p = await ownProfile(accountId, input.profileId)
  const at = now()
  const [settings, enrolments, referrals, tasks, ...latest] = await Promise.all([
    getSettings(),
    enrolmentsOf([p._id]),
    referralsOf([p._id]),
    collection<TaskDoc>(TASKS).where({ profileId: p._id, status: 'open' }).limit(20).get(),
    ...READING_KINDS.map((kind) =>
      collection<ReadingDoc>(READINGS).where({ profileId: p._id, kind }).orderBy('measuredAt', 'desc').limit(1).get()
    )
  ])
  const rules = settings.records
  const pc = patientContext(p, enrolments, at)
  const names = new Map(rules.programmes.map((g) => [g.code, g.name]))
  const today = cstDay(at)
  const ahead = [...referrals.values()]
    .flat()
    .filter((r) => AHEAD.has(r.status) && r.date >= today)
    .sort((a, b) => (`${a.date} ${a.start}` < `${b.date} ${b.start}` ? -1 : 1))
  return {
    patient: patientSummary(p, at),
    enrolments: enrolments.map((e) => enrolmentView(e, names.get(e.programme) ?? e.programme)),
    latest: latest.flatMap((res) => res.data.map((r) => readingView(r, flagOf(r, pc, rules)))),
    openTasks: tasks.data.map((t) => taskView(t, [], roles, today, referrals.get(t._id) ?? [])),
    referrals: ahead
  }
}
