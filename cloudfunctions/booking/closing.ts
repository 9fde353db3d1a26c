/** What 停诊 does to a session's bookings and waitlist. */
import { AppError } from '../common/errors'
import type { Actor } from '../common/transition'
import { APPOINTMENTS, type AppointmentDoc, type ScheduleDoc } from './docs'
import { cancelAppointment, closedNotice, closeWait } from './moves'
import { waitingFor } from './waitlist'
import { collection } from '../common/typed'

async function cancelBooked(s: ScheduleDoc, reason: string, actor: Actor): Promise<number> {
  const res = await collection<AppointmentDoc>(APPOINTMENTS).where({ scheduleId: s._id, status: 'booked' }).limit(1000).get()
  let n = 0
  for (const a of res.data) {
    try {
      await cancelAppointment(a, { actor, by: 'hospital', reason, notice: closedNotice(a, reason) })
    } catch (err) {
      // Cancelled or checked in by someone else meanwhile: nothing left to do for this one.
      if (err instanceof AppError && err.code === 'CONFLICT') continue
      throw err
    }
    n++
  }
  return n
}

/**
 * Cancels every booking on a closed session. A booking that took its place just before the close
 * may land its appointment a moment after the first sweep, so a second sweep follows.
 */
export async function cancelAllBookings(s: ScheduleDoc, reason: string, actor: Actor): Promise<number> {
  const first = await cancelBooked(s, reason, actor)
  return first + (await cancelBooked(s, reason, actor))
}

export async function closeWaitlist(s: ScheduleDoc, reason: string, actor: Actor): Promise<void> {
  for (const w of await waitingFor(s._id)) await closeWait(w, actor, reason)
}
