import type { MessageView } from '../../../types/account'
import { db } from '../../common/db'
import type { OutboxDoc } from '../../common/outbox'
import type { ActionContext } from '../../common/router'

export async function listMessages(input: { unreadOnly?: boolean }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const where = input.unreadOnly ? { accountId, read: false } : { accountId }
  const res = await db().collection('outbox').where(where).orderBy('createdAt', 'desc').limit(100).get()
  const unread = await db().collection('outbox').where({ accountId, read: false }).count()
  const messages: MessageView[] = (res.data as OutboxDoc[]).map((m) => ({
    id: m._id,
    kind: m.kind,
    title: m.title,
    body: m.body,
    ...(m.page ? { page: m.page } : {}),
    createdAt: m.createdAt,
    read: m.read
  }))
  return { messages, unread: unread.total }
}

export async function markMessagesRead(input: { ids: string[] }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const _ = db().command
  const res = await db()
    .collection('outbox')
    .where({ _id: _.in(input.ids), accountId })
    .update({ read: true })
  return { updated: res.updated ?? 0 }
}
