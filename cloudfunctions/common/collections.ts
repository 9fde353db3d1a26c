/**
 * Every collection, its indexes and its security rule: the one declaration that the local engine
 * applies on start and `npm run deploy` applies to a CloudBase environment.
 * Clients never touch the database: every rule is closed, all access goes through functions.
 */
export interface IndexSpec {
  name: string
  keys: Array<{ field: string; direction: 1 | -1 }>
  unique?: boolean
}
export interface CollectionSpec {
  name: string
  indexes?: IndexSpec[]
}
export interface DatabaseManifest {
  collections: CollectionSpec[]
  /** CloudBase security rule applied to every collection. */
  rule: { read: boolean; write: boolean }
}

const asc = (field: string) => ({ field, direction: 1 as const })
const desc = (field: string) => ({ field, direction: -1 as const })

export const manifest: DatabaseManifest = {
  rule: { read: false, write: false },
  collections: [
    { name: 'settings' },
    {
      name: 'settings_history',
      indexes: [
        { name: 'key_at', keys: [asc('key'), desc('at')] },
        { name: 'at', keys: [desc('at')] }
      ]
    },
    {
      name: 'sms_outbox',
      indexes: [
        { name: 'status_at', keys: [asc('status'), asc('createdAt')] },
        { name: 'at', keys: [desc('createdAt')] }
      ]
    },
    {
      name: 'accounts',
      indexes: [
        { name: 'openid_unique', keys: [asc('openid')], unique: true },
        // Recovery reads only the accounts whose profile counter was taken since its last pass.
        { name: 'profile_held', keys: [asc('profileHeldAt')] }
      ]
    },
    { name: 'staff', indexes: [{ name: 'roles', keys: [asc('roles')] }] },
    {
      name: 'profiles',
      indexes: [
        { name: 'owner_unique', keys: [asc('uniqueKey')], unique: true },
        { name: 'account_status', keys: [asc('accountId'), asc('status')] },
        { name: 'id_hash', keys: [asc('idNumberHash')] },
        { name: 'phone', keys: [asc('phone')] }
      ]
    },
    {
      name: 'requests',
      indexes: [
        // Recovery drops claims left pending past their lease.
        { name: 'status_at', keys: [asc('status'), asc('at')] },
        // Closing an account forgets its kept replies.
        { name: 'account', keys: [asc('accountId')] }
      ]
    },
    // The recovery pass's mark: up to when everything stamped was checked (common/recovery).
    { name: 'recovery' },
    {
      name: 'audit_log',
      indexes: [
        { name: 'actor_at', keys: [asc('actor.accountId'), desc('at')] },
        { name: 'subject_at', keys: [asc('subject.accountId'), desc('at')] }
      ]
    },
    // A count per status of the collections whose consoles show one on every tab (status-counts.ts).
    { name: 'status_counts' },
    { name: 'status_events', indexes: [{ name: 'doc_at', keys: [asc('docId'), asc('at')] }] },
    {
      name: 'outbox',
      indexes: [
        { name: 'status_at', keys: [asc('status'), asc('createdAt')] },
        { name: 'account_at', keys: [asc('accountId'), desc('createdAt')] }
      ]
    },
    { name: 'hospitals' },
    { name: 'departments', indexes: [{ name: 'hospital', keys: [asc('hospitalId')] }] },
    { name: 'doctors', indexes: [{ name: 'department', keys: [asc('departmentId')] }] },
    // Booking (专家号预约): the unique keys are the rules that must hold under concurrency.
    {
      name: 'schedules',
      indexes: [
        { name: 'doctor_start_unique', keys: [asc('uniqueKey')], unique: true },
        { name: 'date_status', keys: [asc('date'), asc('status')] },
        { name: 'doctor_date', keys: [asc('doctorId'), asc('date')] },
        // Recovery reads only the sessions a booking took a place in since its last pass.
        { name: 'held', keys: [asc('heldAt')] }
      ]
    },
    {
      name: 'appointments',
      indexes: [
        { name: 'active_unique', keys: [asc('activeKey')], unique: true },
        { name: 'return_unique', keys: [asc('returnKey')], unique: true },
        { name: 'schedule_status', keys: [asc('scheduleId'), asc('status')] },
        { name: 'account_date', keys: [asc('accountId'), desc('date')] },
        { name: 'profile_date', keys: [asc('profileId'), desc('date')] },
        { name: 'status_ends', keys: [asc('status'), asc('endsAt')] }
      ]
    },
    {
      name: 'booking_patients',
      indexes: [
        { name: 'account', keys: [asc('accountId')] },
        { name: 'banned', keys: [asc('bannedUntil')] },
        // Recovery reads only the patients a booking held since its last pass.
        { name: 'held', keys: [asc('heldAt')] }
      ]
    },
    {
      name: 'booking_waitlist',
      indexes: [
        { name: 'waiting_unique', keys: [asc('waitKey')], unique: true },
        { name: 'schedule_status_at', keys: [asc('scheduleId'), asc('status'), asc('createdAt')] },
        { name: 'account_status', keys: [asc('accountId'), asc('status')] }
      ]
    },
    // Decoction (中药代煎配送). `hold_unique` is the rule "one live order per prescription"; the
    // (status, …) indexes serve the pharmacy queue's filter and sort; `search` is multikey.
    {
      name: 'prescriptions',
      indexes: [
        { name: 'rx_no_unique', keys: [asc('rxNo')], unique: true },
        { name: 'account_at', keys: [asc('accountId'), desc('createdAt')] },
        { name: 'profile_at', keys: [asc('profileId'), desc('createdAt')] }
      ]
    },
    {
      name: 'decoction_orders',
      indexes: [
        { name: 'order_no_unique', keys: [asc('orderNo')], unique: true },
        { name: 'hold_unique', keys: [asc('holdKey')], unique: true },
        { name: 'status_created', keys: [asc('status'), desc('createdAt')] },
        { name: 'status_soak', keys: [asc('status'), asc('soakStartedAt')] },
        { name: 'account_created', keys: [asc('accountId'), desc('createdAt')] },
        { name: 'search', keys: [asc('searchKeys'), desc('createdAt')] },
        // A patient's record: the timeline, newest first, and removing a profile asks for live orders.
        { name: 'profile_created', keys: [asc('profileId'), desc('createdAt')] }
      ]
    },
    {
      name: 'addresses',
      indexes: [
        { name: 'content_unique', keys: [asc('uniqueKey')], unique: true },
        { name: 'account_used', keys: [asc('accountId'), desc('lastUsedAt')] }
      ]
    },
    { name: 'counters' },
    // Home nursing (上门护理). `nurse_slot_unique` is the rule "a nurse never holds two overlapping
    // visits" (windows are a fixed grid); (status, riskRank, createdAt) serves the console's sort.
    { name: 'nursing_items', indexes: [{ name: 'active_order', keys: [asc('active'), asc('order')] }] },
    {
      name: 'nursing_requests',
      indexes: [
        { name: 'nurse_slot_unique', keys: [asc('nurseSlot')], unique: true },
        { name: 'status_risk_created', keys: [asc('status'), asc('riskRank'), asc('createdAt')] },
        { name: 'status_updated', keys: [asc('status'), desc('updatedAt')] },
        { name: 'account_created', keys: [asc('accountId'), desc('createdAt')] },
        { name: 'nurse_status_window', keys: [asc('nurseAccountId'), asc('status'), asc('windowStartsAt')] },
        { name: 'date_status', keys: [asc('date'), asc('status')] },
        // A patient's record: the timeline, newest first, and removing a profile asks for open requests.
        { name: 'profile_created', keys: [asc('profileId'), desc('createdAt')] }
      ]
    },
    { name: 'nursing_nurses' },
    {
      name: 'nursing_alarms',
      indexes: [
        { name: 'status_raised', keys: [asc('status'), desc('raisedAt')] },
        { name: 'nurse_status', keys: [asc('nurseAccountId'), asc('status')] },
        // The console's list of every alarm, newest first.
        { name: 'raised', keys: [desc('raisedAt')] }
      ]
    },
    // Health records (健康档案与随访). `open_unique` is the rule "one open task per patient and reason".
    {
      name: 'readings',
      indexes: [
        { name: 'profile_kind_measured', keys: [asc('profileId'), asc('kind'), asc('measuredAt')] },
        { name: 'profile_measured', keys: [asc('profileId'), desc('measuredAt')] },
        { name: 'profile_kind_day', keys: [asc('profileId'), asc('kind'), asc('uncontrolled'), asc('day')] }
      ]
    },
    {
      name: 'follow_up_tasks',
      indexes: [
        { name: 'open_unique', keys: [asc('openKey')], unique: true },
        { name: 'status_due', keys: [asc('status'), asc('dueDate')] },
        { name: 'profile_created', keys: [asc('profileId'), desc('createdAt')] }
      ]
    },
    { name: 'follow_ups', indexes: [{ name: 'profile_at', keys: [asc('profileId'), desc('at')] }] },
    {
      name: 'programme_enrolments',
      indexes: [
        { name: 'profile_status', keys: [asc('profileId'), asc('status')] },
        { name: 'programme_status', keys: [asc('status'), asc('programme')] }
      ]
    }
  ]
}
