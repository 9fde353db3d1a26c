import { maskName, maskPhone } from '../../../types/idcard'
import { iso, today } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import { profilesByIds } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { APPOINTMENTS, type AppointmentDoc } from '../docs'
import { scheduleById } from '../reads'
import { waitingFor } from '../waitlist'
import { scheduleView } from '../views'
import { collection } from '../../common/typed'

/**
 * A session's bookings by slice, names and phones masked, and its waitlist. A patient's own
 * cancellation is left out (the place went back); the bookings 停诊 cancelled stay listed, so the
 * desk can still see and phone who was affected.
 */
export async function sessionBookings(input: { id: string }, ctx: ActionContext) {
  ctx.user()
  const s = await scheduleById(input.id)
  if (!s) throw new AppError('NOT_FOUND', '没有找到这场出诊')
  const _ = db().command
  const [appointments, waits] = await Promise.all([
    collection<AppointmentDoc>(APPOINTMENTS).where({ scheduleId: s._id }).orderBy('queueNo', 'asc').limit(1000).get(),
    waitingFor(s._id)
  ])
  const list = appointments.data.filter((a) => a.status !== 'cancelled' || a.cancelledBy === 'hospital')
  const ids = [...new Set(list.map((a) => a.profileId))]
  const profiles = await profilesByIds(ids, 1000)
  const phoneOf = new Map(profiles.map((p) => [p._id, p.phone]))
  await ctx.audit({ target: `schedule:${s._id}`, detail: { bookings: list.length } })
  return {
    today: today(),
    session: scheduleView(s, iso()),
    slices: s.slices.map((slice) => ({
      id: slice.id,
      start: slice.start,
      end: slice.end,
      quota: slice.quota,
      remaining: slice.remaining,
      bookings: list
        .filter((a) => a.sliceId === slice.id)
        .map((a) => ({
          appointmentId: a._id,
          queueNo: a.queueNo,
          nameMasked: maskName(a.patientName),
          phoneMasked: maskPhone(phoneOf.get(a.profileId) ?? ''),
          channel: a.channel,
          status: a.status,
          checkedInAt: a.checkedInAt
        }))
    })),
    waitlist: waits.map((w, i) => ({ id: w._id, nameMasked: maskName(w.patientName), position: i + 1 }))
  }
}
