import { nursingActions } from '../../types/nursing'
import { createFunction } from '../common/router'
import { acceptVisit } from './actions/accept-visit'
import { acknowledgeAlarm } from './actions/acknowledge-alarm'
import { alarms } from './actions/alarms'
import { arrive } from './actions/arrive'
import { assessRequest } from './actions/assess-request'
import { assignNurse } from './actions/assign-nurse'
import { board } from './actions/board'
import { cancelByNursing } from './actions/cancel-by-nursing'
import { cancelRequest } from './actions/cancel-request'
import { catalogue } from './actions/catalogue'
import { completeVisit } from './actions/complete-visit'
import { dayVisits } from './actions/day-visits'
import { declineVisit } from './actions/decline-visit'
import { depart } from './actions/depart'
import { getRequest } from './actions/get-request'
import { leaveVisit } from './actions/leave-visit'
import { myRequests } from './actions/my-requests'
import { myVisits } from './actions/my-visits'
import { nurses } from './actions/nurses'
import { openRequest } from './actions/open-request'
import { openVisit } from './actions/open-visit'
import { qualifiedNurses } from './actions/qualified-nurses'
import { raiseAlarm } from './actions/raise-alarm'
import { rateVisit } from './actions/rate-visit'
import { setNurseCompetence } from './actions/set-nurse-competence'
import { startService } from './actions/start-service'
import { submitRequest } from './actions/submit-request'
import { unassignNurse } from './actions/unassign-nurse'
import { uploadPhoto } from './actions/upload-photo'

export const fn = createFunction('nursing', nursingActions, {
  catalogue,
  uploadPhoto,
  submitRequest,
  myRequests,
  getRequest,
  cancelRequest,
  rateVisit,
  board,
  dayVisits,
  openRequest,
  assessRequest,
  qualifiedNurses,
  assignNurse,
  unassignNurse,
  cancelByNursing,
  nurses,
  setNurseCompetence,
  alarms,
  acknowledgeAlarm,
  myVisits,
  openVisit,
  acceptVisit,
  declineVisit,
  depart,
  arrive,
  startService,
  completeVisit,
  leaveVisit,
  raiseAlarm
})

export const main = fn.main
