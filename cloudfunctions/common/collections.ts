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
    { name: 'accounts', indexes: [{ name: 'openid_unique', keys: [asc('openid')], unique: true }] },
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
    { name: 'requests' },
    { name: 'audit_log', indexes: [{ name: 'actor_at', keys: [asc('actor.accountId'), desc('at')] }] },
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
    { name: 'doctors', indexes: [{ name: 'department', keys: [asc('departmentId')] }] }
  ]
}
