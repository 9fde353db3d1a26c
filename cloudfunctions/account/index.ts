import { accountActions } from '../../types/account'
import { createFunction } from '../common/router'
import { addProfile } from './actions/add-profile'
import { findPatients } from './actions/find-patients'
import { getProfile } from './actions/get-profile'
import { grantHealthDataConsent } from './actions/grant-health-data-consent'
import { grantRole } from './actions/grant-role'
import { listMessages } from './actions/list-messages'
import { listProfiles } from './actions/list-profiles'
import { listStaff } from './actions/list-staff'
import { markMessagesRead } from './actions/mark-messages-read'
import { removeProfile } from './actions/remove-profile'
import { revokeRole } from './actions/revoke-role'
import { setNurseCredentials } from './actions/set-nurse-credentials'
import { setPreferences } from './actions/set-preferences'
import { updateProfile } from './actions/update-profile'
import { whoami } from './actions/whoami'
import { myAccessLog } from './actions/my-access-log'
import { exportMyData } from './actions/export-my-data'
import { withdrawHealthDataConsent } from './actions/withdraw-health-data-consent'
import { getSettingsAction } from './actions/get-settings'
import { updateSettings } from './actions/update-settings'
import { settingsHistory } from './actions/settings-history'
import { smsOutbox } from './actions/sms-outbox'
import { deleteAccount } from './actions/delete-account'

export const fn = createFunction('account', accountActions, {
  whoami,
  setPreferences,
  grantHealthDataConsent,
  listProfiles,
  getProfile,
  addProfile,
  updateProfile,
  removeProfile,
  listStaff,
  grantRole,
  revokeRole,
  setNurseCredentials,
  findPatients,
  listMessages,
  markMessagesRead,
  myAccessLog,
  exportMyData,
  withdrawHealthDataConsent,
  getSettings: getSettingsAction,
  updateSettings,
  settingsHistory,
  smsOutbox,
  deleteAccount
})

export const main = fn.main
