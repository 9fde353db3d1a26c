import { db } from './db'
import { iso } from './clock'

export interface AuditEntry {
  fn: string
  action: string
  /** The kind and id of what was read or changed, e.g. `profile:abc`. */
  target?: string
  detail?: Record<string, unknown>
}

/** Every staff read of a patient's record and every staff change: who, what, when. */
export async function writeAudit(actor: { accountId: string; roles: string[] } | 'system', entry: AuditEntry): Promise<void> {
  await db()
    .collection('audit_log')
    .add({
      at: iso(),
      actor: actor === 'system' ? { accountId: 'system', roles: ['system'] } : { accountId: actor.accountId, roles: actor.roles },
      ...entry
    })
}
