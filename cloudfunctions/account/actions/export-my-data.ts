import { iso } from '../../common/clock'
import { collectAccountData } from '../../common/export'
import type { ActionContext } from '../../common/router'

/** Everything the hospital holds for this family, as one document to save (PIPL: portability). */
export async function exportMyData(_input: Record<string, never>, ctx: ActionContext) {
  return collectAccountData(ctx.user().accountId, iso())
}
