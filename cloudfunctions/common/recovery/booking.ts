/**
 * Recovery for the booking hot path. A booking is three writes outside a transaction (the patient's
 * hold, the place, the appointment), so a call killed between them leaves a place taken or a
 * patient held with no appointment behind it. Both counters are derived from the appointments, so
 * recovery puts them back to what the appointments say.
 *
 * A booking in flight looks exactly like a dead one for a moment; each hold stamps `heldAt`, and a
 * document held more recently than `graceMs` is left alone (a lease: no call runs longer). Every
 * repair is a conditional update on the values read, so a cancellation or booking landing between
 * the read and the write makes it match nothing, and the next pass looks again. Running it twice
 * changes nothing the second time. Only sessions and patients stamped since the last pass are read
 * (./scope.ts).
 */
import { db } from '../db'
import { candidates, lookAgain, settled, type Scope } from './scope'

// The booking function's collections and the fields recovery reads (cloudfunctions/booking/docs.ts).
const SCHEDULES = 'schedules'
const APPOINTMENTS = 'appointments'
const PATIENTS = 'booking_patients'
interface ScheduleDoc {
  _id: string
  slices: { quota: number; remaining: number }[]
  heldAt?: string
}
interface AppointmentDoc {
  scheduleId: string
  sliceIndex: number
}
interface PatientStateDoc {
  _id: string
  activeCount: number
  activeSchedules: string[]
  heldAt?: string
}

/** An appointment in these statuses still holds its patient (one per session, the active limit). */
const HOLDING = ['booked', 'checked_in']

/** Each published slice's `remaining` = its quota less the appointments that used a place in it. */
export async function repairPlaces(scope: Scope): Promise<number> {
  const _ = db().command
  let fixed = 0
  for await (const schedules of candidates<ScheduleDoc>(SCHEDULES, { status: 'published' }, 'heldAt', scope)) {
    for (const s of schedules) {
      if (!settled(s.heldAt, scope)) continue
      const used = await db()
        .collection(APPOINTMENTS)
        .where({ scheduleId: s._id, status: _.neq('cancelled') })
        .field({ sliceIndex: true })
        .limit(1000)
        .get()
      const counts = s.slices.map(() => 0)
      for (const a of used.data as Pick<AppointmentDoc, 'sliceIndex'>[]) if (counts[a.sliceIndex] !== undefined) counts[a.sliceIndex]++
      const where: Record<string, unknown> = { _id: s._id, heldAt: s.heldAt ?? _.exists(false) }
      const patch: Record<string, number> = {}
      s.slices.forEach((slice, i) => {
        where[`slices.${i}.remaining`] = slice.remaining
        const expected = Math.max(0, slice.quota - counts[i])
        if (expected !== slice.remaining) patch[`slices.${i}.remaining`] = expected
      })
      if (!Object.keys(patch).length) continue
      const res = await db().collection(SCHEDULES).where(where).update(patch)
      if (res.updated) fixed += res.updated
      else lookAgain(s.heldAt, scope)
    }
  }
  return fixed
}

/** Each patient's held sessions = the sessions of their booked or checked-in appointments. */
export async function repairPatientHolds(scope: Scope): Promise<number> {
  const _ = db().command
  let fixed = 0
  for await (const states of candidates<PatientStateDoc>(PATIENTS, { activeCount: _.neq(0) }, 'heldAt', scope)) {
    for (const p of states) {
      if (!settled(p.heldAt, scope)) continue
      const active = await db()
        .collection(APPOINTMENTS)
        .where({ profileId: p._id, status: _.in(HOLDING) })
        .field({ scheduleId: true })
        .limit(1000)
        .get()
      const held = [...new Set((active.data as Pick<AppointmentDoc, 'scheduleId'>[]).map((a) => a.scheduleId))].sort()
      const now = [...p.activeSchedules].sort()
      if (p.activeCount === held.length && now.length === held.length && now.every((id, i) => id === held[i])) continue
      const res = await db()
        .collection(PATIENTS)
        .where({ _id: p._id, activeCount: p.activeCount, heldAt: p.heldAt ?? _.exists(false) })
        .update({ activeCount: held.length, activeSchedules: held })
      if (res.updated) fixed += res.updated
      else lookAgain(p.heldAt, scope)
    }
  }
  return fixed
}
