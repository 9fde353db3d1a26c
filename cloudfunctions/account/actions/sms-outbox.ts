import type { ActionContext } from '../../common/router'
import { SMS_OUTBOX, type SmsDoc } from '../../common/outbox'
import { collection } from '../../common/typed'

/** What was (or, on the embedded host, would have been) sent by SMS, newest first, failures included. */
export async function smsOutbox(input: { limit?: number }, _ctx: ActionContext) {
  const res = await collection<SmsDoc>(SMS_OUTBOX)
    .where({})
    .orderBy('createdAt', 'desc')
    .limit(input.limit ?? 50)
    .get()
  return {
    messages: res.data.map((m) => ({
      id: m._id,
      phone: m.phone,
      template: m.templateId,
      kind: m.kind,
      text: m.text,
      status: m.status,
      attempts: m.attempts,
      simulated: m.simulated,
      error: m.error ?? null,
      createdAt: m.createdAt,
      sentAt: m.sentAt ?? null
    }))
  }
}
