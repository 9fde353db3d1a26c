import { activeProfilesOf, profileView } from '../../common/patients'
import type { ActionContext } from '../../common/router'

export async function listProfiles(_input: unknown, ctx: ActionContext) {
  return { profiles: (await activeProfilesOf(ctx.user().accountId)).map(profileView) }
}
