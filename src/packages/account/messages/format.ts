import dayjs, { type Dayjs } from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import { TAB_ROUTES } from '../../../routes'

dayjs.extend(utc)
dayjs.extend(timezone)

const CHINA_TZ = 'Asia/Shanghai'
const CHINA_OFFSET_MINUTES = 8 * 60

/**
 * The instant on China's wall clock, whatever zone the phone is set to. Some Android WeChat
 * clients ship an Intl without time zones, where `.tz()` quietly keeps the phone's own zone
 * or a wrong wall clock (iamkun/dayjs#2635, NervJS/taro#16078). China has had no daylight saving
 * since 1991, so a fixed +08:00 is the right answer whenever the zoned result does not add up.
 */
export function chinaTime(at: string | number | Date): Dayjs {
  const instant = dayjs(at)
  const zoned = instant.tz(CHINA_TZ)
  if (zoned.isValid() && zoned.utcOffset() === CHINA_OFFSET_MINUTES && zoned.valueOf() === instant.valueOf()) return zoned
  return instant.utcOffset(CHINA_OFFSET_MINUTES)
}

/**
 * When a message arrived, the way people say it: 今天 14:05, 昨天 09:30, 11月20日 09:30, and with
 * the year once it is not this year's (2025年12月31日 23:59). Days are China days.
 */
export function messageTime(createdAt: string, now: Date | number = Date.now()): string {
  const at = chinaTime(createdAt)
  if (!at.isValid()) return ''
  const today = chinaTime(now).startOf('day')
  const day = at.startOf('day')
  const clock = at.format('HH:mm')
  if (day.isSame(today)) return `今天 ${clock}`
  if (day.isSame(today.subtract(1, 'day'))) return `昨天 ${clock}`
  if (at.year() === today.year()) return `${at.format('M月D日')} ${clock}`
  return `${at.format('YYYY年M月D日')} ${clock}`
}

/**
 * Where tapping a message leads. The server stores mini program paths (with or without the leading
 * slash, as subscribe messages take them); tab pages open only with switchTab, which takes no query.
 */
export function messageTarget(page: string): { url: string; tab: boolean } {
  const url = page.startsWith('/') ? page : `/${page}`
  const path = url.split('?')[0]
  return TAB_ROUTES.includes(path) ? { url: path, tab: true } : { url, tab: false }
}
