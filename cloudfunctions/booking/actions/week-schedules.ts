import { addDays, weekDates, weekStartOf } from '../../../types/booking-rules'
import { iso, today } from '../../common/clock'
import { db } from '../../common/db'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { scheduleView } from '../views'
import { collection } from '../../common/typed'

/**
 * The scheduler's week: every session of the week holding `weekStart` (Monday to Sunday), any
 * status; next week when none is given (the app does not know the hospital's today before asking).
 */
export async function weekSchedules(input: { weekStart?: string; doctorId?: string }) {
  const weekStart = weekStartOf(input.weekStart ?? addDays(weekStartOf(today()), 7))
  const dates = weekDates(weekStart)
  const _ = db().command
  const where: Record<string, unknown> = { date: _.gte(dates[0]).and(_.lte(dates[6])) }
  if (input.doctorId) where.doctorId = input.doctorId
  const res = await collection<ScheduleDoc>(SCHEDULES).where(where).orderBy('date', 'asc').orderBy('start', 'asc').limit(1000).get()
  const nowIso = iso()
  return { weekStart, today: today(), dates, sessions: res.data.map((s) => scheduleView(s, nowIso)) }
}
