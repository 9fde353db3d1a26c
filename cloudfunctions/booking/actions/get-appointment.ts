import { iso } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { APPOINTMENTS, type AppointmentDoc } from '../docs'
import { ownAppointment } from '../reads'
import { appointmentView } from '../views'
import { collection } from '../../common/typed'

/** One of the family's appointments: queue number, time, place, what to bring, and what may be done now. */
export async function getAppointment(input: { id: string }, ctx: ActionContext) {
  const a = await ownAppointment(ctx.user().accountId, input.id)
  const rules = (await getSettings()).booking
  // A return visit holds `r:<visit>` until it is cancelled.
  const returns = await collection<AppointmentDoc>(APPOINTMENTS)
    .where({ returnKey: `r:${a._id}` })
    .get()
  const returnsUsed = new Set(returns.data.map((r) => r.returnOf))
  return appointmentView(a, { nowIso: iso(), returnVisitDays: rules.returnVisitDays, returnsUsed })
}
