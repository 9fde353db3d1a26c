import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { nurseDocs, staffWithRole } from '../reads'
import { nurseRow } from '../views'

/** The nurses with their credentials (from `staff`, kept by the admin) and competence (kept by 护理部). */
export async function nurses(_input: Record<string, never>, ctx: ActionContext) {
  ctx.user()
  const rules = (await getSettings()).nursing
  const staff = await staffWithRole('nurse')
  const docs = await nurseDocs(staff.map((s) => s.accountId))
  return { nurses: await Promise.all(staff.map((s) => nurseRow(s, docs.get(s.accountId), rules))) }
}
