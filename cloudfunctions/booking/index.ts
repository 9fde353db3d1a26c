import { bookingActions } from '../../types/booking'
import { createFunction } from '../common/router'
import { book } from './actions/book'
import { cancel } from './actions/cancel'
import { catalog } from './actions/catalog'
import { checkIn } from './actions/check-in'
import { closeSession } from './actions/close-session'
import { complete } from './actions/complete'
import { copyWeek } from './actions/copy-week'
import { createSession } from './actions/create-session'
import { getAppointment } from './actions/get-appointment'
import { getSession } from './actions/get-session'
import { hotlineAppointments } from './actions/hotline-appointments'
import { hotlineBook } from './actions/hotline-book'
import { hotlineCancel } from './actions/hotline-cancel'
import { hotlinePatient } from './actions/hotline-patient'
import { joinWaitlist } from './actions/join-waitlist'
import { leaveWaitlist } from './actions/leave-waitlist'
import { liftBan } from './actions/lift-ban'
import { listBans } from './actions/list-bans'
import { listMine } from './actions/list-mine'
import { listWeek } from './actions/list-week'
import { markNoShows } from './actions/mark-no-shows'
import { remindDayBefore } from './actions/remind-day-before'
import { myPatients } from './actions/my-patients'
import { publish } from './actions/publish'
import { referralBook } from './actions/referral-book'
import { returnVisitOptions } from './actions/return-visit-options'
import { revealPatient } from './actions/reveal-patient'
import { sessionBookings } from './actions/session-bookings'
import { staffCheckIn } from './actions/staff-check-in'
import { updateSession } from './actions/update-session'
import { weekSchedules } from './actions/week-schedules'

export const fn = createFunction(
  'booking',
  bookingActions,
  {
    markNoShows,
    remindDayBefore,
    catalog,
    listWeek,
    getSession,
    myPatients,
    book,
    listMine,
    getAppointment,
    cancel,
    checkIn,
    joinWaitlist,
    leaveWaitlist,
    returnVisitOptions,
    weekSchedules,
    createSession,
    updateSession,
    copyWeek,
    publish,
    closeSession,
    sessionBookings,
    revealPatient,
    staffCheckIn,
    complete,
    hotlinePatient,
    hotlineBook,
    hotlineCancel,
    hotlineAppointments,
    referralBook,
    listBans,
    liftBan
  },
  // A booking's appointment id comes from its requestId, so a retry cannot book twice: no claim trips.
  { selfReplay: ['book', 'hotlineBook'] }
)

export const main = fn.main
