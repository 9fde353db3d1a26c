import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { OUTBOX } from '../docs'

export async function markMessagesRead(input: { ids: string[] }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const _ = db().command
  const res = await db()
    .collection(OUTBOX)
    .where({ _id: _.in(input.ids), accountId })
    .update({ read: true })
  return { updated: res.updated ?? 0 }
}
