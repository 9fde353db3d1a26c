/** Prescriptions and decoction orders as stored (saved addresses are in common/addresses). */
import type { DecoctStep, Delivery, HerbInput, OrderStatus } from '../../types/decoction'
import type { Handling } from '../../types/decoction-herbs'

export const PRESCRIPTIONS = 'prescriptions'

export const ORDERS = 'decoction_orders'

export const COUNTERS = 'counters'

export const EVENTS = 'status_events'

/** Read only: written by the booking function. Assumed fields: `_id`, `profileId`. */

export const APPOINTMENTS = 'appointments'

export interface PrescriptionDoc {
  _id: string
  rxNo: string
  profileId: string
  /** The account that owns the profile: the family that may order it. */
  accountId: string
  patientName: string
  patientPhone: string
  doctorName: string
  diagnosis?: string
  appointmentId?: string
  herbs: HerbInput[]
  doses: number
  packsPerDose: number
  mlPerPack: number
  instructions: string
  enteredBy: { accountId: string; name: string }
  createdAt: string
}

export interface OrderDoc {
  _id: string
  /** accountId:requestId of the submitOrder call that created it: its retry returns this order. */
  requestKey?: string
  orderNo: string
  prescriptionId: string
  rxNo: string
  profileId: string
  accountId: string
  patientName: string
  patientPhone: string
  delivery: Delivery
  contactName: string
  contactPhone: string
  address: { region: string; detail: string } | null
  doses: number
  packsPerDose: number
  mlPerPack: number
  /** The special handlings in the prescription, for the queue's call-outs. */
  handlings: Handling[]
  status: OrderStatus
  /** Unique: the prescription's id while this order holds it (one live order per prescription). */
  holdKey: string
  /** Order number, names and phones: the exact values the pharmacy searches by (multikey index). */
  searchKeys: string[]
  createdAt: string
  updatedAt: string
  soakStartedAt?: string
  decoction?: { machine: string; startedAt: string; steps: DecoctStep[] }
  packCount?: number
  courier?: { company: string; trackingNo: string }
  rejectReason?: string
  cancelReason?: string
}

/** What each step recorded, read back from a status event. */

export interface StepData {
  /** Who moved it, as the action knows (roles cannot say: a pharmacist may also be a family). */
  side?: 'family' | 'pharmacy'
  machine?: string
  startedAt?: string
  steps?: DecoctStep[]
  packCount?: number
  courier?: string
  trackingNo?: string
}
