import { type Dayjs } from 'dayjs'
import { chinaDayjs } from '../../../../types/china-time'
import { TAB_ROUTES } from '../../../routes'

/** The instant on China's wall clock, whatever zone the phone is set to and whatever its Intl lacks. */
export function chinaTime(at: string | number | Date): Dayjs {
  return chinaDayjs(at)
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
