import { db, type Transaction } from './db'
import { iso } from './clock'
import { collection } from './typed'

export interface AuditEntry {
  fn: string
  action: string
  /** The kind and id of what was read or changed, e.g. `profile:abc`. */
  target?: string
  detail?: Record<string, unknown>
  /** The family the entry concerns; found from `target` or the input when not given. */
  subject?: AuditSubject
}

/** Whose data an entry touched, so a family can read who looked at its data (`account.myAccessLog`). */
export interface AuditSubject {
  accountId: string
  profileId?: string
}

export interface AuditDoc extends Omit<AuditEntry, 'subject'> {
  _id: string
  at: string
  actor: { accountId: string; roles: string[] }
  subject?: AuditSubject
}

export const AUDIT_LOG = 'audit_log'

/**
 * Where each kind of target lives and which field names its profile, declared as data so that an
 * audit written by any service finds the family it concerns without that service doing anything.
 * The `label` is what the family reads in its access log.
 */
export const AUDIT_TARGETS: Record<string, { collection: string; profileField: string; label: string }> = {
  profile: { collection: 'profiles', profileField: '_id', label: '就诊人信息' },
  booking_patient: { collection: 'booking_patients', profileField: '_id', label: '预约信用记录' },
  appointment: { collection: 'appointments', profileField: 'profileId', label: '预约' },
  appointments: { collection: 'appointments', profileField: 'profileId', label: '预约' },
  decoction_orders: { collection: 'decoction_orders', profileField: 'profileId', label: '代煎订单' },
  prescriptions: { collection: 'prescriptions', profileField: 'profileId', label: '处方' },
  prescription: { collection: 'prescriptions', profileField: 'profileId', label: '处方' },
  nursing_requests: { collection: 'nursing_requests', profileField: 'profileId', label: '上门护理申请' },
  request: { collection: 'nursing_requests', profileField: 'profileId', label: '上门护理申请' },
  readings: { collection: 'readings', profileField: 'profileId', label: '健康测量记录' },
  reading: { collection: 'readings', profileField: 'profileId', label: '健康测量记录' },
  follow_up_tasks: { collection: 'follow_up_tasks', profileField: 'profileId', label: '随访任务' },
  task: { collection: 'follow_up_tasks', profileField: 'profileId', label: '随访任务' }
}

/** Input fields that name a family's record, for the router's automatic audit of staff actions. */
const INPUT_KINDS: Record<string, string> = {
  profileId: 'profile',
  patientProfileId: 'profile',
  appointmentId: 'appointment',
  orderId: 'decoction_orders',
  prescriptionId: 'prescriptions',
  requestId: 'nursing_requests',
  readingId: 'readings',
  taskId: 'follow_up_tasks'
}
/** A bare `id` in a staff action's input names the function's main record. */
const ID_KIND_BY_FN: Record<string, string> = {
  booking: 'appointment',
  decoction: 'decoction_orders',
  nursing: 'nursing_requests',
  records: 'profile'
}

function candidates(fn: string, entry: AuditEntry): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const m = entry.target?.match(/^([a-z_]+):(.+)$/)
  if (m && AUDIT_TARGETS[m[1]]) out.push([m[1], m[2]])
  const scan = (o: unknown) => {
    if (!o || typeof o !== 'object') return
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v !== 'string') continue
      if (INPUT_KINDS[k]) out.push([INPUT_KINDS[k], v])
      else if (k === 'id' && ID_KIND_BY_FN[fn]) out.push([ID_KIND_BY_FN[fn], v])
    }
  }
  scan(entry.detail)
  scan(entry.detail?.input)
  return out
}

/** The family an entry concerns: the first named record that exists. */
export async function subjectOf(entry: AuditEntry): Promise<AuditSubject | undefined> {
  if (entry.subject) return entry.subject
  const am = entry.target?.match(/^account:(.+)$/)
  if (am) return { accountId: am[1] }
  for (const [kind, id] of candidates(entry.fn, entry)) {
    const spec = AUDIT_TARGETS[kind]
    const doc = (await collection<Record<string, unknown> & { _id: string }>(spec.collection).where({ _id: id }).limit(1).get()).data[0]
    if (!doc) continue
    const profileId = spec.collection === 'profiles' ? doc._id : (doc[spec.profileField] as string | undefined)
    let accountId = spec.collection === 'profiles' ? (doc.accountId as string | undefined) : (doc.accountId as string | undefined)
    if (!accountId && profileId) {
      const p = (await collection<{ _id: string; accountId: string }>('profiles').where({ _id: profileId }).limit(1).get()).data[0]
      accountId = p?.accountId
    }
    if (accountId) return { accountId, ...(profileId ? { profileId } : {}) }
  }
  return undefined
}

type AuditActor = { accountId: string; roles: string[] } | 'system'

async function auditDoc(actor: AuditActor, entry: AuditEntry): Promise<Omit<AuditDoc, '_id'>> {
  const subject = await subjectOf(entry).catch(() => undefined)
  const { subject: _given, ...rest } = entry
  return {
    at: iso(),
    actor: actor === 'system' ? { accountId: 'system', roles: ['system'] } : { accountId: actor.accountId, roles: actor.roles },
    ...rest,
    ...(subject ? { subject } : {})
  }
}

/** Every staff read of a patient's record and every staff change: who, what, when, and whose. */
export async function writeAudit(actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db()
    .collection(AUDIT_LOG)
    .add(await auditDoc(actor, entry))
}

/**
 * The same entry written in the change's own transaction (an `add`, which a CloudBase transaction
 * allows), so a change is never committed without its entry nor the entry without the change. Its
 * family is found by plain reads outside the transaction unless the entry names it (`subject`);
 * they are harmless when a conflict runs the transaction again.
 */
export async function writeAuditIn(tx: Transaction, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.collection(AUDIT_LOG).add(await auditDoc(actor, entry))
}
