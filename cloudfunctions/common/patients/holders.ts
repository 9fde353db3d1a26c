/**
 * What may keep a profile from being removed, declared by each service as data (so the patient
 * kernel asks every service without importing any function's folder). A service that adds
 * something live on a profile adds its line here.
 */
import { ACTIVE_STATUSES } from '../../../types/decoction'
import { OPEN_STATUSES as OPEN_NURSING_STATUSES } from '../../../types/nursing'

export interface ProfileHolder {
  service: string
  collection: string
  /** The field naming the profile; `_id` for a per-profile document of the service. */
  profileField: string
  /** Live while `status` is one of these, or while a counter field is above zero. */
  live: { statuses: readonly string[] } | { counter: string }
  /** What the family is told: why the profile cannot go yet and what to do first. */
  message: string
  /**
   * The service keeps a per-profile document (`_id` = profile id) whose own conditional writes
   * refuse `removed: true`: the kernel sets it before it looks for live records, so nothing new
   * can be taken on the profile while it goes, and clears it again if the profile stays.
   */
  seal?: boolean
}

export const PROFILE_HOLDERS: readonly ProfileHolder[] = [
  {
    service: 'booking',
    // The counter counts booked and checked-in appointments and bookings still in flight.
    collection: 'booking_patients',
    profileField: '_id',
    live: { counter: 'activeCount' },
    message: '这位就诊人还有未就诊的预约，请先取消预约再删除',
    seal: true
  },
  {
    service: 'decoction',
    collection: 'decoction_orders',
    profileField: 'profileId',
    live: { statuses: ACTIVE_STATUSES },
    message: '这位就诊人还有未完成的代煎订单，请在订单完成或取消后再删除'
  },
  {
    service: 'nursing',
    collection: 'nursing_requests',
    profileField: 'profileId',
    live: { statuses: OPEN_NURSING_STATUSES },
    message: '这位就诊人还有未完成的上门护理申请，请在服务完成或取消申请后再删除'
  }
]
