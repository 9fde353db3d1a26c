import { STAFF_ROLES, ROLE_LABELS, type StaffRole } from '../../../types/contract'
import type { AccessLogEntry } from '../../../types/trust'
import { AUDIT_LOG, AUDIT_TARGETS, type AuditDoc } from '../../common/audit'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { collection } from '../../common/typed'
import { STAFF, type StaffDoc } from '../docs'

const SERVICE_LABELS: Record<string, string> = {
  account: '账号',
  booking: '专家号预约',
  decoction: '中药代煎',
  nursing: '上门护理',
  records: '健康档案'
}

/** Who in the hospital read or changed this family's data, newest first (PIPL: the right to know). */
export async function myAccessLog(input: { limit?: number }, ctx: ActionContext) {
  const me = ctx.user().accountId
  const res = await collection<AuditDoc>(AUDIT_LOG)
    .where({ 'subject.accountId': me })
    .orderBy('at', 'desc')
    .limit(input.limit ?? 200)
    .get()
  const rows = res.data.filter((e) => e.actor.accountId !== me && e.actor.accountId !== 'system')
  const _ = db().command
  const staffIds = [...new Set(rows.map((e) => e.actor.accountId))]
  const profileIds = [...new Set(rows.map((e) => e.subject?.profileId).filter((x): x is string => !!x))]
  const [staff, profiles] = await Promise.all([
    staffIds.length
      ? collection<StaffDoc>(STAFF)
          .where({ accountId: _.in(staffIds) })
          .limit(1000)
          .get()
      : { data: [] as StaffDoc[] },
    profileIds.length
      ? collection<{ _id: string; name: string }>('profiles')
          .where({ _id: _.in(profileIds) })
          .limit(1000)
          .get()
      : { data: [] as Array<{ _id: string; name: string }> }
  ])
  const names = new Map(staff.data.map((s) => [s.accountId, s.name]))
  const patientNames = new Map(profiles.data.map((p) => [p._id, p.name]))
  const entries: AccessLogEntry[] = rows.map((e) => {
    const role = (e.actor.roles.find((r) => (STAFF_ROLES as readonly string[]).includes(r)) ?? null) as StaffRole | null
    const kind = e.target?.match(/^([a-z_]+):/)?.[1]
    const thing = (kind && AUDIT_TARGETS[kind]?.label) || '相关信息'
    const reason = typeof e.detail?.reason === 'string' ? e.detail.reason : null
    return {
      at: e.at,
      role,
      roleLabel: role ? ROLE_LABELS[role] : '医院工作人员',
      staffName: names.get(e.actor.accountId) ?? '医院工作人员',
      what: `${SERVICE_LABELS[e.fn] ?? e.fn}·${thing}`,
      patientName: e.subject?.profileId ? (patientNames.get(e.subject.profileId) ?? null) : null,
      reason
    }
  })
  return { entries }
}
