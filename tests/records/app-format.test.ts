/** The record screens write times on China's clock whatever zone the phone (or this test) is in. */
import { chinaClock, chinaDay, dateText, localDay } from '../../src/packages/records/format'

describe('times on the record screens', () => {
  const now = Date.parse('2026-11-30T04:00:00Z')

  test('a reading just after midnight in Jinan is shown on the new day, though it is still the day before in UTC', () => {
    expect(chinaClock('2026-11-29T16:30:00Z', now)).toBe('11月30日 00:30')
    expect(chinaDay('2026-11-29T16:30:00Z')).toBe('11月30日')
  })

  test('one from an earlier year carries its year', () => {
    expect(chinaClock('2025-12-31T15:59:00Z', now)).toBe('2025年12月31日 23:59')
  })

  test('an unreadable time is left blank rather than shown as NaN', () => {
    expect(chinaClock('not a time', now)).toBe('')
  })

  test('a business date is read as people say it, and the picked day is the one on the picker', () => {
    expect(dateText('2026-12-01')).toBe('2026年12月1日')
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
  })
})
