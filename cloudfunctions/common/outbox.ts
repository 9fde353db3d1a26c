/**
 * Reminders and notices to a person. Every message lands in the outbox, which the app shows under
 * 我的消息; in production the `deliverOutbox` timer also sends it as a WeChat subscribe message
 * when a template id is configured for its kind (WX_SUBSCRIBE_TEMPLATES, JSON kind → template id).
 */
import { randomUUID } from 'node:crypto'
import { db, firstDoc, getApp, type Transaction } from './db'
import { isDuplicateKeyError } from './errors'
import { iso } from './clock'

export interface OutboxInput {
  accountId: string
  kind: string
  title: string
  body: string
  /** Mini program page the message opens. */
  page?: string
  /** The subscribe-message template's keyword values, e.g. { thing1: '心血管内科', time2: '2026-11-23 08:00' }. */
  fields?: Record<string, string>
  /** The same key twice makes one message (e.g. one day-before reminder per appointment). */
  dedupeKey?: string
}

export interface OutboxDoc extends OutboxInput {
  _id: string
  status: 'pending' | 'sent' | 'in_app' | 'failed'
  createdAt: string
  sentAt?: string
  error?: string
  read: boolean
}

export async function enqueue(msg: OutboxInput): Promise<void> {
  const doc = { ...msg, status: 'pending', read: false, createdAt: iso(), ...(msg.dedupeKey ? { _id: `msg_${msg.dedupeKey}` } : {}) }
  try {
    await db().collection('outbox').add(doc)
  } catch (err) {
    if (!(msg.dedupeKey && isDuplicateKeyError(err))) throw err
  }
}

/**
 * The same message written inside a transaction, so that the notice commits with the change it
 * announces or not at all. Transactions address documents by id: the id is the dedupe key's (a
 * message already there is left alone) or a fresh one.
 */
export async function enqueueIn(tx: Transaction, msg: OutboxInput): Promise<void> {
  const _id = msg.dedupeKey ? `msg_${msg.dedupeKey}` : `msg_${randomUUID().replace(/-/g, '')}`
  if (msg.dedupeKey && firstDoc(await tx.collection('outbox').doc(_id).get())) return
  await tx
    .collection('outbox')
    .doc(_id)
    .set({ ...msg, status: 'pending', read: false, createdAt: iso() })
}

function templates(): Record<string, string> {
  try {
    return JSON.parse(process.env.WX_SUBSCRIBE_TEMPLATES || '{}') as Record<string, string>
  } catch {
    return {}
  }
}

/**
 * Sends pending messages. Kinds without a template stay in the app only (`in_app`); a failed send
 * is kept with its error. `openidOf` maps an account to the WeChat user to send to.
 */
export async function deliverPending(
  openidOf: (accountId: string) => Promise<string | undefined>,
  batch = 100
): Promise<{ sent: number; inApp: number; failed: number }> {
  const pending = await db().collection('outbox').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(batch).get()
  const ids = templates()
  const counts = { sent: 0, inApp: 0, failed: 0 }
  for (const m of pending.data as OutboxDoc[]) {
    const templateId = ids[m.kind]
    const openid = templateId ? await openidOf(m.accountId) : undefined
    if (!templateId || !openid) {
      await db().collection('outbox').doc(m._id).update({ status: 'in_app' })
      counts.inApp++
      continue
    }
    try {
      await getApp().callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: {
          touser: openid,
          template_id: templateId,
          page: m.page,
          data: Object.fromEntries(Object.entries(m.fields ?? {}).map(([k, v]) => [k, { value: v }]))
        }
      })
      await db().collection('outbox').doc(m._id).update({ status: 'sent', sentAt: iso() })
      counts.sent++
    } catch (err) {
      await db()
        .collection('outbox')
        .doc(m._id)
        .update({ status: 'failed', error: String((err as Error).message ?? err) })
      counts.failed++
    }
  }
  return counts
}
