/** The nursing part of the matrix fixtures: the demo seed's requests, by their stable ids. */
import { join } from 'node:path'
import type { Fixtures } from '../../types/contract'
import { addDays } from '../../types/booking-rules'
import { today } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { localFolderStorage, setStorage } from '../../cloudfunctions/common/storage'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import { demoAlarmId, demoNursingId } from '../../cloudfunctions/local/seed-nursing'
import type { RequestDoc } from '../../cloudfunctions/nursing/docs'
import type { TestBackend } from '../helpers/backend'

/** Photos go to a folder in the test's data dir, as on the embedded host. */
export function storeFilesLocally(b: TestBackend): void {
  setStorage(localFolderStorage(join(b.dataDir, 'files')))
}

export async function nursingFixtures(b: TestBackend): Promise<Fixtures['nursing']> {
  storeFilesLocally(b)
  const enRoute = (await db().collection('nursing_requests').doc(demoNursingId('enRoute')).get()).data[0] as RequestDoc
  return {
    freeDate: addDays(today(), 6),
    nurseAccountId: accountIdFor(demoOpenid('nurse')),
    ownRequestId: demoNursingId('picc'),
    otherRequestId: demoNursingId('bloodTest'),
    submittedRequestId: demoNursingId('dressing'),
    assessedRequestId: demoNursingId('rehab'),
    assignedRequestId: demoNursingId('injection'),
    acceptedRequestId: demoNursingId('pressure'),
    enRouteRequestId: demoNursingId('enRoute'),
    enRouteIdLastFour: enRoute.patientIdMasked.slice(-4),
    arrivedRequestId: demoNursingId('arrived'),
    inServiceRequestId: demoNursingId('inService'),
    ownCompletedRequestId: demoNursingId('done'),
    completedVisitId: demoNursingId('done'),
    alarmId: demoAlarmId()
  }
}
