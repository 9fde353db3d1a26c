import { returnVisitUntil } from '../../../types/booking-rules'
import { iso, today } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { returnableVisit } from '../return-visit'
import { scheduleView } from '../views'
import { collection } from '../../common/typed'

/** Sessions of the same department, open for booking, on or before the last day of the free return visit. */
export async function returnVisitOptions(input: { appointmentId: string }, ctx: ActionContext) {
  const days = (await getSettings()).booking.returnVisitDays
  const visit = await returnableVisit(ctx.user().accountId, input.appointmentId, days)
  const until = returnVisitUntil(visit.date, days)
  const _ = db().command
  const res = await collection<ScheduleDoc>(SCHEDULES)
    .where({ departmentId: visit.departmentId, status: 'published', date: _.gte(today()).and(_.lte(until)) })
    .orderBy('date', 'asc')
    .orderBy('start', 'asc')
    .limit(100)
    .get()
  const nowIso = iso()
  return { until, sessions: res.data.map((s) => scheduleView(s, nowIso)).filter((s) => s.window === 'open') }
}
