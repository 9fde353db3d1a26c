import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'

/** The chronic programmes and their complications, as this hospital configured them. */
export async function programmes(_input: Record<string, never>, ctx: ActionContext) {
  ctx.user()
  return { programmes: (await getSettings()).records.programmes }
}
