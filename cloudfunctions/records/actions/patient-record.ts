import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { FOLLOW_UPS, READINGS, TASKS, type FollowUpDoc, type ReadingDoc, type TaskDoc } from '../docs'
import { READING_KINDS } from '../../../types/records'
import { anyProfile, enrolmentsOf } from '../reads'
import { loadTaskContext, taskViewIn } from '../tasks'
import { enrolmentView, flagOf, followUpView, patientContext, patientSummary, readingView } from '../views'

/** The doctor's view of one patient (the read is audited). */
export async function patientRecord(input: { profileId: string }, ctx: ActionContext) {
  const { roles } = ctx.user()
  const p = await anyProfile(input.profileId)
  await ctx.audit({ target: `profile:${p._id}` })
  const at = now()
  const [settings, enrolments, tasks, followUps, ...latest] = await Promise.all([
    getSettings(),
    enrolmentsOf([p._id]),
    db().collection(TASKS).where({ profileId: p._id }).orderBy('createdAt', 'desc').limit(20).get(),
    db().collection(FOLLOW_UPS).where({ profileId: p._id }).orderBy('at', 'desc').limit(20).get(),
    ...READING_KINDS.map((kind) => db().collection(READINGS).where({ profileId: p._id, kind }).orderBy('measuredAt', 'desc').limit(1).get())
  ])
  const rules = settings.records
  const taskDocs = tasks.data as TaskDoc[]
  const c = await loadTaskContext(taskDocs)
  c.profiles.set(p._id, p)
  const pc = patientContext(p, enrolments, at)
  const names = new Map(rules.programmes.map((g) => [g.code, g.name]))
  const fs = followUps.data as FollowUpDoc[]
  return {
    patient: patientSummary(p, at),
    enrolments: enrolments.map((e) => enrolmentView(e, names.get(e.programme) ?? e.programme)),
    latest: latest.flatMap((res) => (res.data as ReadingDoc[]).map((r) => readingView(r, flagOf(r, pc, rules)))),
    tasks: taskDocs.map((t) => taskViewIn(t, { ...c, enrolments }, roles, at, rules)),
    followUps: fs.map(followUpView),
    referral: fs[0] ? { suggested: fs[0].referralSuggested, reason: fs[0].referralReason } : { suggested: false, reason: null }
  }
}
