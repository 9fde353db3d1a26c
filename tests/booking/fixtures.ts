/** Booking fixtures for the generated authorization and fuzz suites, from the demo seed. */
import type { Fixtures } from '../../types/contract'
import { addDays, weekStartOf } from '../../types/booking-rules'
import { today } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { demoAppointmentId, demoScheduleId, demoWaitId, hotlineCallerAccountId } from '../../cloudfunctions/local/seed-booking'

export async function bookingFixtures(): Promise<Fixtures['booking']> {
  const caller = await db().collection('profiles').where({ accountId: hotlineCallerAccountId() }).get()
  return {
    openScheduleId: demoScheduleId('open'),
    openSliceId: 's0',
    fullScheduleId: demoScheduleId('full'),
    draftScheduleId: demoScheduleId('draft'),
    ownAppointmentId: demoAppointmentId('upcoming'),
    todayAppointmentId: demoAppointmentId('today'),
    ownCompletedAppointmentId: demoAppointmentId('past2'),
    otherAppointmentId: demoAppointmentId('zihan'),
    ownWaitlistId: demoWaitId('limei'),
    otherWaitlistId: demoWaitId('zhangwei'),
    bannedProfileId: (caller.data[0] as { _id: string })._id,
    freeDate: addDays(today(), 12),
    thisWeekStart: weekStartOf(today())
  }
}
