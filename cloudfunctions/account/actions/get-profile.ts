import { ownProfile, profileView, revealIdNumber } from '../../common/patients'
import type { ActionContext } from '../../common/router'

/** The one place a family reads a profile's ID number in full: its own, for editing. */
export async function getProfile(input: { id: string }, ctx: ActionContext) {
  const doc = await ownProfile(ctx.user().accountId, input.id)
  return { ...profileView(doc), idNumber: revealIdNumber(doc) }
}
