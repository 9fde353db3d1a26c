import { ACTIVE_STATUSES } from '../../../types/booking'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { APPOINTMENTS, type AppointmentDoc } from '../docs'
import { scheduleById } from '../reads'
import { waitingFor } from '../waitlist'
import { scheduleView } from '../views'
import { collection } from '../../common/typed'

/** One session with what remains in each slice, and which of the caller's family booked or wait on it. */
export async function getSession(input: { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const s = await scheduleById(input.id)
  if (!s || s.status === 'draft') throw new AppError('NOT_FOUND', '没有找到这场出诊')
  const _ = db().command
  const [booked, waiting] = await Promise.all([
    collection<AppointmentDoc>(APPOINTMENTS)
      .where({ scheduleId: s._id, accountId, status: _.in([...ACTIVE_STATUSES]) })
      .get(),
    waitingFor(s._id)
  ])
  const queue = waiting
  return {
    session: scheduleView(s, iso()),
    mine: {
      booked: booked.data.map((a) => ({ profileId: a.profileId, appointmentId: a._id, queueNo: a.queueNo })),
      waiting: queue.flatMap((w, i) => (w.accountId === accountId ? [{ id: w._id, profileId: w.profileId, position: i + 1 }] : []))
    },
    waitlistCount: queue.length
  }
}
