/**
 * Reminders and notices to a person. Every message lands in the outbox, which the app shows under
 * 我的消息; in production the `deliverOutbox` timer also sends it as a WeChat subscribe message
 * when a template id is configured for its kind (WX_SUBSCRIBE_TEMPLATES, JSON kind → template id).
 */
import { randomUUID } from 'node:crypto'
import { db, firstDoc, getApp, type Transaction } from './db'
import { isDuplicateKeyError } from './errors'
import { iso } from './clock'
import { collection } from './typed'

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
  status: 'pending' | 'sending' | 'sent' | 'in_app' | 'failed'
  /** When a deliverer claimed it for sending (status `sending`). */
  sendingAt?: string
  createdAt: string
  sentAt?: string
  error?: string
  read: boolean
}

export async function enqueue(msg: OutboxInput): Promise<void> {
  const doc = {
    ...msg,
    status: 'pending' as const,
    read: false,
    createdAt: iso(),
    ...(msg.dedupeKey ? { _id: `msg_${msg.dedupeKey}` } : {})
  }
  try {
    await collection<OutboxDoc>('outbox').add(doc)
  } catch (err) {
    if (!(msg.dedupeKey && isDuplicateKeyError(err))) throw err
  }
}

/** One WeChat subscribe message, as `/cgi-bin/message/subscribe/send` takes it. */
export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
}
export type SubscribeSender = (msg: SubscribeMessage) => Promise<unknown>

/** WeChat's open API through the SDK (a cloud call: needs the subscribeMessage.send permission). */
const wechatSender: SubscribeSender = (msg) =>
  getApp().callWxOpenApi({ apiName: '/cgi-bin/message/subscribe/send', requestData: msg as unknown as Record<string, unknown> })

let sender: SubscribeSender = wechatSender

/** Tests and the local host put a fake sender here; `undefined` puts WeChat's back. */
export function setSubscribeSender(next: SubscribeSender | undefined): void {
  sender = next ?? wechatSender
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
 *
 * At most once: a message is claimed (`pending` → `sending`, conditional, so two deliverers never
 * both send it) before WeChat is called, and marked `sent` after. A deliverer that dies between the
 * two leaves it `sending`; whether WeChat got it is unknown, and WeChat's subscribe API has no
 * per-message idempotency key, so it is never sent again: `settleStuckSends` keeps it in the app
 * only. Every message is shown under 我的消息 whatever happens to the WeChat send.
 */
export async function deliverPending(
  openidOf: (accountId: string) => Promise<string | undefined>,
  batch = 100
): Promise<{ sent: number; inApp: number; failed: number }> {
  const pending = await collection<OutboxDoc>('outbox').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(batch).get()
  const ids = templates()
  const counts = { sent: 0, inApp: 0, failed: 0 }
  for (const m of pending.data) {
    const templateId = ids[m.kind]
    const openid = templateId ? await openidOf(m.accountId) : undefined
    if (!templateId || !openid) {
      await collection<OutboxDoc>('outbox').where({ _id: m._id, status: 'pending' }).update({ status: 'in_app' })
      counts.inApp++
      continue
    }
    const claimed = await collection<OutboxDoc>('outbox')
      .where({ _id: m._id, status: 'pending' })
      .update({ status: 'sending', sendingAt: iso() })
    if (!claimed.updated) continue
    try {
      await sender({
        touser: openid,
        template_id: templateId,
        ...(m.page ? { page: m.page } : {}),
        data: Object.fromEntries(Object.entries(m.fields ?? {}).map(([k, v]) => [k, { value: v }]))
      })
      await collection<OutboxDoc>('outbox').doc(m._id).update({ status: 'sent', sentAt: iso() })
      counts.sent++
    } catch (err) {
      await collection<OutboxDoc>('outbox')
        .doc(m._id)
        .update({ status: 'failed', error: String((err as Error).message ?? err) })
      counts.failed++
    }
  }
  return counts
}

/** Messages left `sending` longer than `graceMs` by a deliverer that died: in the app only, never resent. */
export async function settleStuckSends(graceMs: number): Promise<number> {
  const _ = db().command
  const before = new Date(new Date(iso()).getTime() - graceMs).toISOString()
  const res = await db()
    .collection('outbox')
    .where({ status: 'sending', sendingAt: _.lte(before) })
    .update({ status: 'in_app', error: '发送结果未知（发送时中断），为免重复不再发送' })
  return res.updated ?? 0
}
