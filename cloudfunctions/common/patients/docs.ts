/** The patient profile (就诊人) as stored: one home for every service that names a patient. */
import type { ProfileStatus, Relation } from '../../../types/account'
import type { Sex } from '../../../types/idcard'

export const PROFILES = 'profiles'

export interface ProfileDoc {
  _id: string
  /** The family's account that owns the profile. */
  accountId: string
  name: string
  idNumberEnc: string
  idNumberHash: string
  idNumberMasked: string
  sex: Sex
  birthDate: string
  phone: string
  relation: Relation
  status: ProfileStatus
  /** Unique while active: one person appears once in an account's list. */
  uniqueKey: string
  createdAt: string
  updatedAt: string
  /** Set when the hotline created the profile for a caller without WeChat. */
  createdBy?: string
  createdVia?: 'hotline'
  /** accountId:requestId of the call that created it: its retry returns this profile. */
  requestKey?: string
  consent?: { healthData: string; at: string; takenBy: string; method: 'phone' }
}

export const NO_PROFILE = '没有找到这位就诊人'
export const DUPLICATE_PROFILE = '这位就诊人已在您的列表中'
