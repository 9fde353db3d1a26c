import { ACTIVE_STATUSES } from '../../../types/booking'
import { iso, today } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { APPOINTMENTS, WAITLIST, type AppointmentDoc, type WaitDoc } from '../docs'
import { appointmentView, waitView } from '../views'
import { positionOf } from '../waitlist'
import { collection } from '../../common/typed'

const byTime = (a: AppointmentDoc, b: AppointmentDoc) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`)

/** 我的预约: the family's upcoming and past appointments, and where they wait on waitlists. */
export async function listMine(_input: unknown, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const day = today()
  const [appointments, waits] = await Promise.all([
    collection<AppointmentDoc>(APPOINTMENTS).where({ accountId }).orderBy('date', 'desc').limit(200).get(),
    collection<WaitDoc>(WAITLIST).where({ accountId, status: 'waiting' }).limit(100).get()
  ])
  const all = appointments.data
  const returnsUsed = new Set(all.filter((a) => a.returnOf && a.status !== 'cancelled').map((a) => a.returnOf))
  const view = (a: AppointmentDoc) => appointmentView(a, { nowIso, returnVisitDays: rules.returnVisitDays, returnsUsed })
  const isUpcoming = (a: AppointmentDoc) => ACTIVE_STATUSES.includes(a.status) && a.date >= day
  const waiting = []
  for (const w of waits.data) waiting.push(waitView(w, await positionOf(w)))
  return {
    today: day,
    upcoming: all.filter(isUpcoming).sort(byTime).map(view),
    past: all
      .filter((a) => !isUpcoming(a))
      .sort((a, b) => byTime(b, a))
      .map(view),
    waiting
  }
}
