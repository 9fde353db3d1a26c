/**
 * What a person may type into a free-text field. Every z.string() a person fills in starts from
 * `text(label)` so that null bytes (which the database refuses mid-query), bidi overrides and
 * isolates (which make 「退款」 display as something else in a staff list), lone surrogates (which
 * break JSON and the WeChat message APIs) and other control characters are refused at the schema,
 * on the phone and on the server alike, with a Chinese message naming the field.
 *
 * Tab and line breaks stay allowed: they are what a multi-line textarea sends.
 */
import { z } from 'zod'
import { isDate } from './booking-rules'

/**
 * Refused: C0 controls but \t \n \r, DEL and C1 controls, the Arabic letter mark, LRM/RLM, the
 * bidi embeddings/overrides U+202A-U+202E and isolates U+2066-U+2069, the noncharacters
 * U+FFFE/U+FFFF. Surrogates pass only as well-formed pairs. Written without the `u` flag and
 * without lookbehind so that every mini program JS engine compiles it.
 */
const UNSAFE =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF'
const SAFE_TEXT = new RegExp(`^(?:[^${UNSAFE}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$`)

export function unsafeTextMessage(label: string): string {
  return `${label}含有无法显示的控制字符，请删除后重新输入`
}

/** True when `value` holds nothing but characters a person can see or a textarea sends. */
export function isSafeText(value: string): boolean {
  return SAFE_TEXT.test(value)
}

/** A free-text string field; chain `.trim().min().max()` on it as on z.string(). */
export function text(label: string, params?: Parameters<typeof z.string>[0]): z.ZodString {
  return z.string(params).regex(SAFE_TEXT, unsafeTextMessage(label))
}

/** Whole calendar days the product can mean: nothing before 2000 or after 2099 (9999-12-31 is a typo or an attack). */
export const FIRST_DATE = '2000-01-01'
export const LAST_DATE = '2099-12-31'

/** A YYYY-MM-DD date between FIRST_DATE and LAST_DATE. */
export function calendarDate(message = '日期格式应为YYYY-MM-DD') {
  return z
    .string()
    .refine(isDate, message)
    .refine((v) => v >= FIRST_DATE && v <= LAST_DATE, `日期应在${FIRST_DATE.slice(0, 4)}年至${LAST_DATE.slice(0, 4)}年之间`)
}

/** An ISO 8601 instant with an offset, within the same years as calendarDate. */
export function instant(message = '时间格式不正确') {
  return z
    .string()
    .datetime({ offset: true, message })
    .refine(
      (v) => {
        const t = Date.parse(v)
        return t >= Date.parse(`${FIRST_DATE}T00:00:00+08:00`) && t <= Date.parse(`${LAST_DATE}T23:59:59.999+08:00`)
      },
      `时间应在${FIRST_DATE.slice(0, 4)}年至${LAST_DATE.slice(0, 4)}年之间`
    )
}
