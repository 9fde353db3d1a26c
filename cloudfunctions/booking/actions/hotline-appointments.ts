import { addDays } from '../../../types/booking-rules'
import { maskName, maskPhone } from '../../../types/idcard'
import { ageOn, iso, today } from '../../common/clock'
import { db } from '../../common/db'
import { anyActiveProfile } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { APPOINTMENTS, type AppointmentDoc } from '../docs'
import { appointmentView } from '../views'
import { collection } from '../../common/typed'

/** Reading a caller's bookings back to them: from a week ago on, soonest first, names masked. */
export async function hotlineAppointments(input: { profileId: string }, ctx: ActionContext) {
  ctx.user()
  const p = await anyActiveProfile(input.profileId)
  const _ = db().command
  const res = await collection<AppointmentDoc>(APPOINTMENTS)
    .where({ profileId: p._id, date: _.gte(addDays(today(), -7)) })
    .orderBy('date', 'asc')
    .orderBy('start', 'asc')
    .limit(100)
    .get()
  const nowIso = iso()
  const days = (await getSettings()).booking.returnVisitDays
  await ctx.audit({ target: `profile:${p._id}`, detail: { read: 'appointments' } })
  return {
    patient: {
      id: p._id,
      accountId: p.accountId,
      name: maskName(p.name),
      nameMasked: maskName(p.name),
      phoneMasked: maskPhone(p.phone),
      idNumberMasked: p.idNumberMasked,
      age: ageOn(p.birthDate)
    },
    appointments: res.data.map((a) => ({
      ...appointmentView(a, { nowIso, returnVisitDays: days }),
      patientName: maskName(a.patientName)
    }))
  }
}
