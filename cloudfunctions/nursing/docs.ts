/** The collections of home nursing and the documents stored in them. */
import type { MOBILITIES, NursingStatus, RiskLevel, RefusalReason, VisitRecordInput } from '../../types/nursing'
import type { Fees } from '../../types/nursing-rules'

export const ITEMS = 'nursing_items'
export const REQUESTS = 'nursing_requests'
/** One per nurse (by account id): competence per item, certificates, work phone, photo. */
export const NURSES = 'nursing_nurses'
export const ALARMS = 'nursing_alarms'
export const COUNTERS = 'counters'
export const EVENTS = 'status_events'
/** Read only here: written by other services. */
export const PROFILES = 'profiles'
export const ADDRESSES = 'addresses'
export const STAFF = 'staff'

export interface ItemDoc {
  _id: string
  code: string
  name: string
  description: string
  visitFee: number
  itemFee: number
  minutes: number
  prepare: string[]
  certificate: string | null
  active: boolean
  order: number
}

export interface LocationDoc {
  latitude: number
  longitude: number
  accuracy?: number
  at: string
}

export interface RequestDoc {
  _id: string
  requestNo: string
  status: NursingStatus
  accountId: string
  profileId: string
  patientName: string
  patientSex: 'male' | 'female'
  patientBirthDate: string
  /** Masked ID number (last four visible): what the nurse checks at the door. */
  patientIdMasked: string
  items: Array<{ code: string; name: string; minutes: number; visitFee: number; itemFee: number; certificate: string | null }>
  date: string
  window: { start: string; end: string }
  /** The instant the window opens (ISO), for the cancel rule and sorting. */
  windowStartsAt: string
  fees: Fees
  address: { region: string; detail: string }
  contactName: string
  contactPhone: string
  health: { diagnosis: string; allergies: string; mobility: (typeof MOBILITIES)[number]; notes?: string }
  photos: string[]
  consent: { version: string; at: string }
  risk: RiskLevel | null
  /** 0 = first on the console: high risk, or not yet assessed. */
  riskRank: number
  assessmentNote?: string
  rejectReason?: RefusalReason
  nurseAccountId: string | null
  /**
   * Unique: `<nurse>|<date>|<start>` while a nurse holds this window, else `free|<request id>`.
   * The rule "a nurse never holds two overlapping visits" held by the database, even when two
   * dispatchers assign at the same moment (windows are a fixed grid, so overlap means equal).
   */
  nurseSlot: string
  record: (Omit<VisitRecordInput, 'items'> & { items: Array<{ code: string; name: string; done: string }>; at: string }) | null
  rating: { stars: number; comment: string; at: string } | null
  cancellation: { by: 'family' | 'nursing'; reason: string; refund: number; kept: number; text: string; at: string } | null
  locations: { departed?: LocationDoc; arrived?: LocationDoc; left?: LocationDoc; last?: LocationDoc }
  createdAt: string
  updatedAt: string
}

export interface NurseDoc {
  _id: string
  items: string[]
  certificates: Record<string, string>
  phone: string | null
  photoFileId: string | null
  updatedAt: string
}

export interface StaffDoc {
  _id: string
  accountId: string
  name: string
  roles: string[]
  nurse: { title: string; years: number; licenseNumber: string } | null
}

export interface AlarmDoc {
  _id: string
  requestId: string
  requestNo: string
  patientName: string
  address: string
  nurseAccountId: string
  nurseName: string
  nursePhone: string
  location: LocationDoc | null
  note?: string
  status: 'open' | 'acknowledged'
  raisedAt: string
  acknowledgedAt?: string
  acknowledgedBy?: { accountId: string; name: string }
  ackNote?: string
}

export interface ProfileDoc {
  _id: string
  accountId: string
  name: string
  sex: 'male' | 'female'
  birthDate: string
  idNumberMasked: string
  phone: string
  status: 'active' | 'removed'
}

export interface AddressDoc {
  _id: string
  accountId: string
  contactName: string
  contactPhone: string
  region: string
  detail: string
}

export const freeSlot = (requestId: string) => `free|${requestId}`
export const nurseSlotKey = (nurseId: string, date: string, start: string) => `${nurseId}|${date}|${start}`
