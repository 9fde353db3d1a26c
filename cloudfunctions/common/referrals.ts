/**
 * The follow-up doctor books a patient an expert from a follow-up task (转诊). Booking checks the task
 * here, through the records documents every service shares (common/readings.ts), never through the
 * records function's folder.
 */
import { referralProblem } from '../../types/records-rules'
import { now } from './clock'
import { AppError } from './errors'
import { TASKS, type TaskDoc } from './readings'
import { getSettings } from './settings'
import { byId } from './typed'

/** The task a referral for `profileId` is booked from, or the reason it cannot be (on the `taskId` field). */
export async function taskForReferral(taskId: string, profileId: string): Promise<TaskDoc> {
  const [task, settings] = await Promise.all([byId<TaskDoc>(TASKS, taskId), getSettings()])
  if (!task) throw new AppError('NOT_FOUND', '没有找到这条随访任务', { taskId: '没有找到这条随访任务' })
  const problem = referralProblem(task, profileId, now(), settings.records)
  if (problem) throw new AppError(problem.code, problem.message, { taskId: problem.message })
  return task
}
