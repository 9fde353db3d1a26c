import { now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { closeTask as close } from '../moves'
import { anyTask } from '../reads'
import { loadTaskContext, taskViewIn } from '../tasks'

/** Closes a task without a follow-up (admitted, moved away, duplicate), with the reason on record. */
export async function closeTask(input: { taskId: string; reason: string }, ctx: ActionContext) {
  const user = ctx.user()
  const task = await anyTask(input.taskId)
  const doc = await close(task, { accountId: user.accountId, roles: user.roles }, input.reason)
  const [c, settings] = await Promise.all([loadTaskContext([doc]), getSettings()])
  return taskViewIn(doc, c, user.roles, now(), settings.records)
}
