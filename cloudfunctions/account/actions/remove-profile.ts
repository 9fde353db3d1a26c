import { removeOwnProfile } from '../../common/patients'
import type { ActionContext } from '../../common/router'

/** Removed profiles leave the list but stay behind the appointments and orders that name them. */
export async function removeProfile(input: { id: string }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await removeOwnProfile({ accountId, roles }, input.id)
  return { id: doc._id }
}
