import { randomBytes } from 'node:crypto'
import type { RecordFollowUpInput } from '../../../types/records'
import { cstDay, nextDateProblem, openTaskKey, referralSuggestion, type Classification } from '../../../types/records-rules'
import { iso, now } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { FOLLOW_UPS, TASKS, type FollowUpDoc, type TaskDoc } from '../docs'
import { completeTask } from '../moves'
import { anyTask, enrolmentsOf } from '../reads'
import { loadTaskContext, taskViewIn } from '../tasks'
import { followUpView } from '../views'

/**
 * The doctor records a follow-up of the national form: the task is done, the follow-up written,
 * the next one scheduled and new complications recorded, in one transaction. Referral is suggested
 * after two unsatisfactory visits in a row or a new complication.
 */
export async function recordFollowUp(input: RecordFollowUpInput, ctx: ActionContext) {
  const user = ctx.user()
  const at = now()
  const today = cstDay(at)
  const problem = nextDateProblem(input.form.nextDate, today)
  if (problem) throw new AppError('INVALID_INPUT', problem, { 'form.nextDate': problem })
  const task = await anyTask(input.taskId)
  if (task.status !== 'open') throw new AppError('CONFLICT', '这条随访任务已处理，请刷新')
  const [enrolments, previous, planned, settings] = await Promise.all([
    enrolmentsOf([task.profileId]),
    db().collection(FOLLOW_UPS).where({ profileId: task.profileId }).orderBy('at', 'desc').limit(5).get(),
    db()
      .collection(TASKS)
      .where({ openKey: openTaskKey(task.profileId, 'planned') })
      .get(),
    getSettings()
  ])
  const known = [...new Set(enrolments.flatMap((e) => e.complications))]
  const allowed = new Set(settings.records.programmes.flatMap((g) => g.complications))
  const unknown = input.form.complications.find((c) => !allowed.has(c))
  if (unknown)
    throw new AppError('INVALID_INPUT', `「${unknown}」不在并发症列表中`, { 'form.complications': `「${unknown}」不在并发症列表中` })
  const referral = referralSuggestion(
    input.form.classification,
    (previous.data as FollowUpDoc[]).map((f) => f.classification as Classification),
    input.form.complications,
    known
  )
  const followUp: FollowUpDoc = {
    _id: `fv_${randomBytes(12).toString('hex')}`,
    taskId: task._id,
    profileId: task.profileId,
    accountId: task.accountId,
    doctorId: user.accountId,
    doctorName: user.account.nickname,
    at: iso(at),
    day: today,
    form: input.form,
    classification: input.form.classification,
    referralSuggested: referral.suggested,
    referralReason: referral.reason
  }
  const { task: done, next } = await completeTask({
    task,
    actor: { accountId: user.accountId, roles: user.roles },
    followUp,
    nextDate: input.form.nextDate,
    plannedOpen: (planned.data[0] as TaskDoc | undefined) ?? null,
    enrolments
  })
  const c = await loadTaskContext(next ? [done, next] : [done])
  return {
    followUp: followUpView(followUp),
    task: taskViewIn(done, c, user.roles, at, settings.records),
    nextTask: next ? taskViewIn(next, c, user.roles, at, settings.records) : null
  }
}
