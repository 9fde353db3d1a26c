import type { OutboxDoc } from '../../common/outbox'
import type { ActionContext } from '../../common/router'
import { collection } from '../../common/typed'
import { OUTBOX } from '../docs'
import { messageView } from '../views'

export async function listMessages(input: { unreadOnly?: boolean }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const where = input.unreadOnly ? { accountId, read: false } : { accountId }
  const outbox = collection<OutboxDoc>(OUTBOX)
  const res = await outbox.where(where).orderBy('createdAt', 'desc').limit(100).get()
  const unread = await outbox.where({ accountId, read: false }).count()
  return { messages: res.data.map(messageView), unread: unread.total }
}
