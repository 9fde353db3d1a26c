/**
 * Asks the person to let the hospital send WeChat subscribe messages (订阅消息) for the given
 * message kinds, e.g. `askToNotify(['booking_reminder', 'booking_closed'])`.
 *
 * Service screens call it in the tap handler of the action the messages are about — 提交预约,
 * 提交订单 — as the handler's FIRST call, before any `await`: WeChat shows the prompt only from a
 * user's tap and refuses it once the handler has waited on a request ("can only be invoked by
 * user TAP gesture"). Awaiting askToNotify itself is fine: it resolves when the person answers.
 *
 *   const submit = async () => {
 *     await askToNotify(['booking_reminder', 'booking_closed'])
 *     await call('booking', 'book', input, { requestId })
 *   }
 *
 * Each accepted kind allows one message, sent by the server's outbox (`WX_SUBSCRIBE_TEMPLATES`).
 * Every message also shows under 我的消息, so a refusal, or a kind without a template, only
 * means no WeChat notice: this never throws. The H5 build gets `subscribe.h5.ts` instead.
 */
import Taro from '@tarojs/taro'

/** WeChat takes at most three one-time templates per prompt. */
const MAX_TEMPLATES_PER_PROMPT = 3

/**
 * Message kind → template id, the same JSON as the server's WX_SUBSCRIBE_TEMPLATES, written into
 * the build from `TARO_APP_SUBSCRIBE_TEMPLATES` in .env (like TARO_APP_CLOUD_ENV).
 */
function templates(): Map<string, string> {
  try {
    const table: unknown = JSON.parse(process.env.TARO_APP_SUBSCRIBE_TEMPLATES || '{}')
    if (!table || typeof table !== 'object' || Array.isArray(table)) throw new TypeError('not an object')
    return new Map(Object.entries(table).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  } catch (e) {
    console.error('[subscribe] TARO_APP_SUBSCRIBE_TEMPLATES is not a JSON object of kind → template id', e)
    return new Map()
  }
}

export async function askToNotify(kinds: string[]): Promise<void> {
  const table = templates()
  const tmplIds = [...new Set(kinds.map((k) => table.get(k)).filter((id): id is string => id !== undefined))].slice(
    0,
    MAX_TEMPLATES_PER_PROMPT
  )
  if (tmplIds.length === 0) return
  try {
    // Taro's typing wants Alipay's entityIds as well; WeChat takes tmplIds alone.
    await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
  } catch (e) {
    // Refused, switched off in settings, or an old WeChat: the message still shows in 我的消息.
    console.warn('[subscribe] requestSubscribeMessage did not go through', e)
  }
}
