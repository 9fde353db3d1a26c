import { accountActions } from '../../types/account'
import { createFunction } from '../common/router'
import { whoami } from './actions/whoami'
import { setPreferences } from './actions/preferences'
import { grantHealthDataConsent } from './actions/consent'
import { addProfile, getProfile, listProfiles, removeProfile, updateProfile } from './actions/profiles'
import { listMessages, markMessagesRead } from './actions/messages'
import { findPatients } from './actions/find-patients'
import { grantRole, listStaff, revokeRole, setNurseCredentials } from './actions/staff'

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
  markMessagesRead
})

export const main = fn.main
