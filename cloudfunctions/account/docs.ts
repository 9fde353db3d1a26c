/** Account documents as stored (accounts themselves are in common/identity; profiles in common/patients). */
import type { NurseTitle } from '../../types/account'
import type { StaffRole } from '../../types/contract'

export const ACCOUNTS = 'accounts'
export const STAFF = 'staff'
export const OUTBOX = 'outbox'

export interface StaffDoc {
  _id: string
  accountId: string
  name: string
  roles: StaffRole[]
  nurse: { title: NurseTitle; years: number; licenseNumber: string } | null
  updatedAt: string
}
