import { SCHEDULE_STATUS_LABELS, scheduleWorkflow, type ScheduleStatus } from '../../../types/booking'
import { cutoffAt, releaseAt } from '../../../types/booking-rules'
import { iso, today } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { transition } from '../../common/transition'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { scheduleById } from '../reads'
import { scheduleView } from '../views'

/**
 * Publishes drafts. Each gets its release and cutoff instants from the hospital's settings now, in
 * China time; it is bookable from its release (at once if that has passed). Already published
 * sessions are left as they are, so publishing a week twice is harmless.
 */
export async function publish(input: { ids: string[] }, ctx: ActionContext) {
  const user = ctx.user()
  const rules = (await getSettings()).booking
  const first = today()
  const sessions = []
  let published = 0
  for (const id of [...new Set(input.ids)]) {
    const s = await scheduleById(id)
    if (!s) throw new AppError('NOT_FOUND', '没有找到这场出诊')
    if (s.status === 'draft') {
      if (s.date <= first) throw new AppError('CONFLICT', `${s.date} ${s.doctorName}的出诊日期已过，不能发布`)
      const { doc } = await transition<ScheduleStatus, ScheduleDoc>({
        collection: SCHEDULES,
        id,
        workflow: scheduleWorkflow,
        labels: SCHEDULE_STATUS_LABELS,
        to: 'published',
        from: 'draft',
        actor: user,
        patch: { releaseAt: releaseAt(s.date, rules), cutoffAt: cutoffAt(s.date, s.start, rules), publishedAt: iso() }
      })
      published++
      sessions.push(scheduleView(doc, iso()))
    } else {
      sessions.push(scheduleView(s, iso()))
    }
  }
  return { published, sessions }
}
