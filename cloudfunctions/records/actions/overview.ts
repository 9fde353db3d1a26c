import { READING_KINDS } from '../../../types/records'
import { cstDay } from '../../../types/records-rules'
import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { READINGS, TASKS, type ReadingDoc, type TaskDoc } from '../docs'
import { enrolmentsOf, ownProfile } from '../reads'
import { enrolmentView, flagOf, patientContext, patientSummary, readingView, taskView } from '../views'

/** The family's page for one profile: programmes, the latest reading of each kind, follow-ups waiting. */
export async function overview(input: { profileId: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const p = await ownProfile(accountId, input.profileId)
  const at = now()
  const [settings, enrolments, tasks, ...latest] = await Promise.all([
    getSettings(),
    enrolmentsOf([p._id]),
    db().collection(TASKS).where({ profileId: p._id, status: 'open' }).limit(20).get(),
    ...READING_KINDS.map((kind) => db().collection(READINGS).where({ profileId: p._id, kind }).orderBy('measuredAt', 'desc').limit(1).get())
  ])
  const rules = settings.records
  const pc = patientContext(p, enrolments, at)
  const names = new Map(rules.programmes.map((g) => [g.code, g.name]))
  return {
    patient: patientSummary(p, at),
    enrolments: enrolments.map((e) => enrolmentView(e, names.get(e.programme) ?? e.programme)),
    latest: latest.flatMap((res) => (res.data as ReadingDoc[]).map((r) => readingView(r, flagOf(r, pc, rules)))),
    openTasks: (tasks.data as TaskDoc[]).map((t) => taskView(t, [], roles, cstDay(at)))
  }
}
