import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'

export async function setPreferences(input: { elderMode: boolean }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  await db()
    .collection('accounts')
    .doc(accountId)
    .update({ preferences: { elderMode: input.elderMode } })
  return { elderMode: input.elderMode }
}
