/** Who may take a request: qualification, competence per item, and a free window. */
import { assignProblems, type NursingRules } from '../../types/nursing-rules'
import { db } from '../common/db'
import { REQUESTS, nurseSlotKey, type RequestDoc, type StaffDoc } from './docs'
import { nurseDocs, staffWithRole } from './reads'

export interface Candidate {
  staff: StaffDoc
  problems: string[]
}

/** Every nurse with why they may not take this request ([] = may), the assignable first. */
export async function candidatesFor(doc: RequestDoc, rules: NursingRules, only?: string): Promise<Candidate[]> {
  const staff = (await staffWithRole('nurse')).filter((s) => !only || s.accountId === only)
  const ids = staff.map((s) => s.accountId)
  const _ = db().command
  const [competence, busy] = await Promise.all([
    nurseDocs(ids),
    ids.length
      ? db()
          .collection(REQUESTS)
          .where({ nurseSlot: _.in(ids.map((id) => nurseSlotKey(id, doc.date, doc.window.start))) })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] })
  ])
  const taken = new Set((busy.data as RequestDoc[]).filter((r) => r._id !== doc._id).map((r) => r.nurseAccountId))
  return staff
    .map((s) => {
      const n = competence.get(s.accountId)
      const problems = assignProblems(s.nurse, n ? { items: n.items, certificates: n.certificates } : null, doc.items, rules)
      if (taken.has(s.accountId)) problems.push('该时段已有其他上门服务')
      return { staff: s, problems }
    })
    .sort((a, b) => a.problems.length - b.problems.length || a.staff.name.localeCompare(b.staff.name, 'zh'))
}
