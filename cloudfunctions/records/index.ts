import { recordsActions } from '../../types/records'
import { createFunction } from '../common/router'
import { addReading } from './actions/add-reading'
import { closeTask } from './actions/close-task'
import { dailyFollowUps } from './actions/daily-follow-ups'
import { enrol } from './actions/enrol'
import { exportFhir } from './actions/export-fhir'
import { findPatients } from './actions/find-patients'
import { followUpConsole } from './actions/follow-up-console'
import { importReadings } from './actions/import-readings'
import { listReadings } from './actions/list-readings'
import { nurseReading } from './actions/nurse-reading'
import { overview } from './actions/overview'
import { patientRecord } from './actions/patient-record'
import { programmes } from './actions/programmes'
import { recordFollowUp } from './actions/record-follow-up'
import { timeline } from './actions/timeline'

export const fn = createFunction('records', recordsActions, {
  addReading,
  listReadings,
  overview,
  timeline,
  exportFhir,
  nurseReading,
  importReadings,
  followUpConsole,
  patientRecord,
  recordFollowUp,
  closeTask,
  programmes,
  findPatients,
  enrol,
  dailyFollowUps
})

export const main = fn.main
