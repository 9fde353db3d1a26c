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

/** One text message to a phone, as Tencent Cloud SMS's SendSms takes it. */
export interface SmsMessage {
  phone: string
  templateId: string
  params: string[]
  /** Our notice's id, echoed back by the provider (SessionContext) so a send can be traced. */
  context: string
}
export type SmsSender = (msg: SmsMessage) => Promise<{ provider: string; serialNo?: string }>

export const SMS_OUTBOX = 'sms_outbox'

/** Every SMS the functions send (or, on the embedded host, would send), one per notice. */
export interface SmsDoc {
  _id: string
  outboxId: string
  accountId: string
  phone: string
  kind: string
  templateId: string
  params: string[]
  /** The message as the caller reads it, for staff. */
  text: string
  status: 'pending' | 'sending' | 'sent' | 'failed'
  attempts: number
  /** When the current attempt claimed it (status `sending`). */
  sendingAt?: string
  /**
   * The deliverer died during the send, so whether the caller got it is unknown: `failed`, shown to
   * staff, and never sent again (at most one SMS per notice).
   */
  uncertain?: boolean
  error?: string
  /** True when no SMS service is configured (the embedded host): recorded, not sent. */
  simulated: boolean
  provider?: string
  serialNo?: string
  createdAt: string
  sentAt?: string
}

/** Attempts before a notice is left `failed` for staff to see. */
export const SMS_MAX_ATTEMPTS = 3

function smsSettings() {
  let templates: Record<string, string> = {}
  try {
    templates = JSON.parse(process.env.SMS_TEMPLATES || '{}') as Record<string, string>
  } catch {
    templates = {}
  }
  return {
    appId: process.env.SMS_SDK_APP_ID || '',
    sign: process.env.SMS_SIGN_NAME || '',
    region: process.env.SMS_REGION || 'ap-guangzhou',
    templates
  }
}

/**
 * Tencent Cloud SMS through its official Node SDK (tencentcloud-sdk-nodejs-sms), loaded only when
 * SMS is configured so that the embedded host and tests never need it or the network.
 */
const tencentSmsSender: SmsSender = async (msg) => {
  const cfg = smsSettings()
  // A literal specifier so that esbuild bundles the SDK into the function (CloudBase installs no
  // dependencies: installDependency is false); the import itself runs only when SMS is configured.
  const sdk = (await import('tencentcloud-sdk-nodejs-sms')) as unknown as {
    sms: {
      v20210111: {
        Client: new (c: unknown) => {
          SendSms(req: unknown): Promise<{ SendStatusSet?: Array<{ Code: string; Message: string; SerialNo?: string }> }>
        }
      }
    }
  }
  const client = new sdk.sms.v20210111.Client({
    credential: { secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY },
    region: cfg.region
  })
  const res = await client.SendSms({
    SmsSdkAppId: cfg.appId,
    SignName: cfg.sign,
    TemplateId: msg.templateId,
    TemplateParamSet: msg.params,
    PhoneNumberSet: [`+86${msg.phone}`],
    SessionContext: msg.context
  })
  const status = res.SendStatusSet?.[0]
  if (!status || status.Code !== 'Ok') throw new Error(`短信发送失败：${status?.Code ?? 'NO_STATUS'} ${status?.Message ?? ''}`.trim())
  return { provider: 'tencentcloud', serialNo: status.SerialNo }
}

let smsSender: SmsSender | undefined

/** Tests put a fake sender here; `undefined` puts back the default (Tencent Cloud when configured, else local). */
export function setSmsSender(next: SmsSender | undefined): void {
  smsSender = next
}

function activeSmsSender(): SmsSender | undefined {
  if (smsSender) return smsSender
  return smsSettings().appId ? tencentSmsSender : undefined
}

interface SmsAccount {
  _id: string
  managedBy?: string
  phone?: string
}

/** Accounts the hotline created for callers without the app get their notices by SMS. */
async function smsPhoneOf(accountId: string): Promise<string | undefined> {
  const a = (await collection<SmsAccount>('accounts').where({ _id: accountId }).limit(1).get()).data[0]
  return a?.managedBy === 'hotline' && a.phone ? a.phone : undefined
}

function smsParams(m: OutboxDoc): string[] {
  const values = Object.values(m.fields ?? {})
  return values.length ? values : [m.title, m.body]
}

/**
 * One notice by SMS, at most once: the SMS document's id is the notice's, and a send is claimed by
 * moving it to `sending` only from `pending`/`failed`, so a retried or concurrent delivery finds it
 * claimed or sent and sends nothing. A failed send stays visible (account.smsOutbox) and is retried
 * by the next delivery until SMS_MAX_ATTEMPTS. A deliverer that dies after its claim leaves the SMS
 * `sending`: `settleStuckSms` marks it failed and uncertain, and it is not sent again.
 */
async function deliverSms(m: OutboxDoc, phone: string): Promise<'sent' | 'failed' | 'retry' | 'skip'> {
  const cfg = smsSettings()
  const sender = activeSmsSender()
  const _id = `sms_${m._id}`
  const sms = collection<SmsDoc>(SMS_OUTBOX)
  const existing = (await sms.where({ _id }).limit(1).get()).data[0]
  if (!existing) {
    const doc: Omit<SmsDoc, '_id'> & { _id: string } = {
      _id,
      outboxId: m._id,
      accountId: m.accountId,
      phone,
      kind: m.kind,
      templateId: cfg.templates[m.kind] ?? cfg.templates.default ?? '',
      params: smsParams(m),
      text: `${cfg.sign ? `【${cfg.sign}】` : ''}${m.title}：${m.body}`,
      status: 'pending',
      attempts: 0,
      simulated: !sender,
      createdAt: iso()
    }
    try {
      await sms.add(doc)
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err
    }
  } else if (existing.status === 'sent') return 'sent'
  else if (existing.uncertain) return 'failed'
  const _ = db().command
  const claimed = await db()
    .collection(SMS_OUTBOX)
    .where({ _id, status: _.in(['pending', 'failed']), attempts: _.lt(SMS_MAX_ATTEMPTS), uncertain: _.neq(true) })
    .update({ status: 'sending', attempts: _.inc(1), sendingAt: iso() })
  if (!claimed.updated) return 'skip'
  const doc = (await sms.where({ _id }).limit(1).get()).data[0]
  if (!sender) {
    // The embedded host: recorded where the admin reads it, nothing leaves the machine.
    await sms.doc(_id).update({ status: 'sent', sentAt: iso() })
    return 'sent'
  }
  try {
    if (!doc.templateId) throw new Error(`没有为「${m.kind}」配置短信模板（SMS_TEMPLATES）`)
    const res = await sender({ phone: doc.phone, templateId: doc.templateId, params: doc.params, context: m._id })
    await sms
      .doc(_id)
      .update({ status: 'sent', sentAt: iso(), provider: res.provider, ...(res.serialNo ? { serialNo: res.serialNo } : {}) })
    return 'sent'
  } catch (err) {
    await sms.doc(_id).update({ status: 'failed', error: String((err as Error).message ?? err) })
    return doc.attempts >= SMS_MAX_ATTEMPTS ? 'failed' : 'retry'
  }
}

/**
 * Sends pending messages. Hotline-managed accounts (no app) get them by SMS; others as WeChat
 * subscribe messages where a template is configured, else in the app only (`in_app`); a failed
 * send is kept with its error. `openidOf` maps an account to the WeChat user to send to.
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
    const phone = await smsPhoneOf(m.accountId)
    if (phone) {
      const outcome = await deliverSms(m, phone)
      if (outcome === 'sent') {
        await collection<OutboxDoc>('outbox').doc(m._id).update({ status: 'sent', sentAt: iso() })
        counts.sent++
      } else if (outcome === 'failed') {
        await collection<OutboxDoc>('outbox').doc(m._id).update({ status: 'failed', error: '短信发送失败，请在短信记录中查看原因' })
        counts.failed++
      } else if (outcome === 'retry') counts.failed++
      continue
    }
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

export const UNCERTAIN_SMS_ERROR = '发送结果未知（发送时中断），为免重复不再发送，请电话告知'

/**
 * SMS left `sending` longer than `graceMs` by a deliverer that died: whether the provider sent it is
 * unknown, so it is not sent again but left `failed` with the reason, where staff see it
 * (account.smsOutbox) and can phone the caller; the notice itself turns `failed` on the next
 * delivery. Claims from before `sendingAt` was stamped count from when the SMS was recorded.
 */
export async function settleStuckSms(graceMs: number): Promise<number> {
  const _ = db().command
  const before = new Date(new Date(iso()).getTime() - graceMs).toISOString()
  const settle = { status: 'failed', uncertain: true, error: UNCERTAIN_SMS_ERROR }
  const stamped = await db()
    .collection(SMS_OUTBOX)
    .where({ status: 'sending', sendingAt: _.lte(before) })
    .update(settle)
  const older = await db()
    .collection(SMS_OUTBOX)
    .where({ status: 'sending', sendingAt: _.exists(false), createdAt: _.lte(before) })
    .update(settle)
  return (stamped.updated ?? 0) + (older.updated ?? 0)
}
