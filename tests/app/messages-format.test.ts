/** How 我的消息 reads a message's time and where tapping it goes: pure, so it runs without Chromium. */
import { messageTarget, messageTime } from '../../src/packages/account/messages/format'

describe('message times and links', () => {
  const now = new Date('2026-11-23T06:05:00Z') // 14:05 in China

  test('read in China time as 今天, 昨天, a date, or a date with its year', () => {
    expect(messageTime('2026-11-23T06:05:00Z', now)).toBe('今天 14:05')
    expect(messageTime('2026-11-22T16:00:00Z', now)).toBe('今天 00:00') // midnight in China, still the 22nd in UTC
    expect(messageTime('2026-11-22T15:59:59Z', now)).toBe('昨天 23:59')
    expect(messageTime('2026-11-21T16:00:00Z', now)).toBe('昨天 00:00')
    expect(messageTime('2026-11-20T01:30:00Z', now)).toBe('11月20日 09:30')
    expect(messageTime('2026-01-01T00:00:00Z', new Date('2025-12-31T16:30:00Z'))).toBe('今天 08:00') // new year in China first
    expect(messageTime('2025-12-31T15:59:00Z', now)).toBe('2025年12月31日 23:59')
    expect(messageTime('not a time', now)).toBe('')
  })

  test('open tab pages without their query and other pages as they are', () => {
    expect(messageTarget('/pages/booking/index?id=a1')).toEqual({ url: '/pages/booking/index', tab: true })
    expect(messageTarget('pages/me/index')).toEqual({ url: '/pages/me/index', tab: true })
    expect(messageTarget('/packages/booking/appointment/index?id=a1')).toEqual({
      url: '/packages/booking/appointment/index?id=a1',
      tab: false
    })
    expect(messageTarget('packages/decoction/order/index?id=o1')).toEqual({ url: '/packages/decoction/order/index?id=o1', tab: false })
  })
})
