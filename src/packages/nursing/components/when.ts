import { dateLabel, isDate } from '../../../../types/booking-rules'

/**
 * A visit's window as people say it, from the server's `2026-12-02 08:00-10:00`: 12月2日 周三 08:00-10:00.
 * The word joiners keep 08:00-10:00 on one line (in 长辈模式 it broke as 08:00- / 10:00).
 */
export function visitWhen(windowLabel: string): string {
  const [date, range] = windowLabel.split(' ')
  if (!date || !range || !isDate(date)) return windowLabel
  return `${dateLabel(date)} ${range.replace('-', '\u2060-\u2060')}`
}
