import { addDays } from '../../../types/booking-rules'
import { iso, today } from '../../common/clock'
import { db } from '../../common/db'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { scheduleView } from '../views'
import { collection } from '../../common/typed'

export const BROWSE_DAYS = 8

/** The coming week's published sessions (today and the next seven days), closed ones marked 停诊. */
export async function listWeek(input: { departmentId?: string; doctorId?: string }) {
  const nowIso = iso()
  const first = today()
  const dates = Array.from({ length: BROWSE_DAYS }, (_unused, i) => addDays(first, i))
  const _ = db().command
  const where: Record<string, unknown> = { date: _.gte(first).and(_.lte(dates[dates.length - 1])), status: _.in(['published', 'closed']) }
  if (input.departmentId) where.departmentId = input.departmentId
  if (input.doctorId) where.doctorId = input.doctorId
  const res = await collection<ScheduleDoc>(SCHEDULES).where(where).orderBy('date', 'asc').orderBy('start', 'asc').limit(1000).get()
  return { today: first, dates, sessions: res.data.map((s) => scheduleView(s, nowIso)) }
}
