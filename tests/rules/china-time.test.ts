/**
 * China time, one module for the server, the pure rules and the app. Run under TZ=UTC (cloud
 * functions), TZ=Asia/Shanghai (a phone in China) and any other zone: the answers never change,
 * and nothing needs Intl's time zone data, which some mini program clients lack.
 */
import { CHINA_OFFSET_MINUTES, chinaDate, chinaDayjs, chinaInstant, chinaWallClock, formatChina } from '../../types/china-time'
import { cstClockToIso, formatCst } from '../../types/decoction-rules'
import { chinaInstant as rulesChinaInstant, chinaWallClock as rulesWallClock } from '../../types/booking-rules'
import { ageOn, local, localTime, setNow, today } from '../../cloudfunctions/common/clock'
import { messageTime } from '../../src/packages/account/messages/format'

afterEach(() => setNow(undefined))

const HOUR = 3600_000

/** What Node's full ICU says China's wall clock reads: the oracle the hand-made offset must match. */
const icu = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit'
})
function icuWallClock(ms: number): { date: string; time: string } {
  const parts = Object.fromEntries(icu.formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

describe('the wall clock of an instant', () => {
  test.each([
    ['the last minute before midnight', '2026-11-22T15:59:59.999Z', '2026-11-22', '23:59'],
    ['midnight, still the day before in UTC', '2026-11-22T16:00:00.000Z', '2026-11-23', '00:00'],
    ['noon', '2026-11-23T04:00:00Z', '2026-11-23', '12:00'],
    ['the end of January', '2026-01-31T16:00:00Z', '2026-02-01', '00:00'],
    ['the 28th of February in a common year', '2026-02-28T16:00:00Z', '2026-03-01', '00:00'],
    ['the leap day', '2028-02-28T16:00:00Z', '2028-02-29', '00:00'],
    ['after the leap day', '2028-02-29T16:00:00Z', '2028-03-01', '00:00'],
    ["New Year's Eve, last minute", '2026-12-31T15:59:00Z', '2026-12-31', '23:59'],
    ["New Year's Day in China, still the old year in UTC", '2026-12-31T16:00:00Z', '2027-01-01', '00:00'],
    ['the night the US clocks go back', '2026-11-01T06:30:00Z', '2026-11-01', '14:30'],
    ['the night Europe springs forward', '2026-03-29T01:00:00Z', '2026-03-29', '09:00']
  ])('%s', (_name, at, date, time) => {
    expect(chinaWallClock(at)).toEqual({ date, time })
    expect(chinaWallClock(new Date(at))).toEqual({ date, time })
    expect(chinaWallClock(Date.parse(at))).toEqual({ date, time })
    expect(chinaDate(at)).toBe(date)
  })

  test('matches the time zone database every 37 minutes across three years', () => {
    const from = Date.parse('2025-12-01T00:00:00Z')
    const to = Date.parse('2028-12-31T00:00:00Z')
    const wrong: string[] = []
    for (let ms = from; ms < to; ms += 37 * 60_000) {
      const ours = chinaWallClock(ms)
      const theirs = icuWallClock(ms)
      if (ours.date !== theirs.date || ours.time !== theirs.time) wrong.push(new Date(ms).toISOString())
    }
    expect(wrong).toEqual([])
  })
})

describe('the instant of a China wall-clock time', () => {
  test.each([
    ['2026-11-23', '00:00', '2026-11-22T16:00:00.000Z'],
    ['2026-11-23', '08:00', '2026-11-23T00:00:00.000Z'],
    ['2026-11-23', '23:59', '2026-11-23T15:59:00.000Z'],
    ['2027-01-01', '07:59', '2026-12-31T23:59:00.000Z'],
    ['2028-03-01', '00:00', '2028-02-29T16:00:00.000Z'],
    ['2026-03-01', '05:00', '2026-02-28T21:00:00.000Z']
  ])('%s %s is %s', (date, time, iso) => {
    expect(chinaInstant(date, time)).toBe(iso)
  })

  test('a date alone is its midnight', () => {
    expect(chinaInstant('2026-12-31')).toBe('2026-12-30T16:00:00.000Z')
  })

  test('round-trips every hour of three years', () => {
    const wrong: string[] = []
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2029-01-01T00:00:00Z'); ms += HOUR) {
      const { date, time } = chinaWallClock(ms)
      if (Date.parse(chinaInstant(date, time)) !== ms) wrong.push(new Date(ms).toISOString())
    }
    expect(wrong).toEqual([])
  })

  test('the booking rules use this module', () => {
    expect(rulesChinaInstant).toBe(chinaInstant)
    expect(rulesWallClock).toBe(chinaWallClock)
  })
})

describe('China time as a dayjs', () => {
  test('reads China wall-clock fields across the year end', () => {
    const d = chinaDayjs('2026-12-31T16:30:00Z')
    expect(d.utcOffset()).toBe(CHINA_OFFSET_MINUTES)
    expect(d.format('YYYY-MM-DD HH:mm')).toBe('2027-01-01 00:30')
    expect([d.year(), d.month(), d.date(), d.hour(), d.day()]).toEqual([2027, 0, 1, 0, 5])
    expect(d.startOf('day').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(d.subtract(1, 'day').format('M月D日')).toBe('12月31日')
    expect(d.add(1, 'month').format('YYYY-MM-DD')).toBe('2027-02-01')
  })

  test('the start of a China day is 16:00 UTC the day before, every day of a leap year', () => {
    for (let ms = Date.parse('2028-01-01T04:00:00Z'); ms < Date.parse('2029-01-01T00:00:00Z'); ms += 24 * HOUR) {
      const d = chinaDayjs(ms)
      expect(d.startOf('day').toISOString()).toBe(chinaInstant(chinaDate(ms)))
    }
  })
})

describe('the server clock is built on it', () => {
  test.each([
    ['2026-11-22T15:59:00Z', '2026-11-22', '23:59'],
    ['2026-11-22T16:00:00Z', '2026-11-23', '00:00'],
    ['2026-12-31T16:00:00Z', '2027-01-01', '00:00'],
    ['2028-02-28T16:00:00Z', '2028-02-29', '00:00']
  ])('at %s today() is %s', (at, date, time) => {
    setNow(at)
    expect(today()).toBe(date)
    expect(local().format('YYYY-MM-DD HH:mm')).toBe(`${date} ${time}`)
  })

  test('localTime parses a China wall clock', () => {
    expect(localTime('2027-01-01 00:00').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(localTime('2026-11-23 08:00').format('YYYY-MM-DD HH:mm')).toBe('2026-11-23 08:00')
  })

  test('an age turns on the China birthday, also on 29 February', () => {
    expect(ageOn('1948-02-29', local('2028-02-28T15:59:00Z'))).toBe(79)
    expect(ageOn('1948-02-29', local('2028-02-28T16:00:00Z'))).toBe(80)
  })
})

describe('the pharmacy and the app format with it', () => {
  test('an order time reads on China wall clock, with or without the year', () => {
    expect(formatCst('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05')
    expect(formatCst('2026-12-31T16:05:00Z', false)).toBe('01-01 00:05')
    expect(formatChina('not a time')).toBe('')
  })

  test('a typed start time lands on the China day of now, across midnight', () => {
    // 00:30 on the 23rd in China: "08:00" is later that China day.
    expect(cstClockToIso('08:00', new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23T00:00:00.000Z')
    // 23:30 on the 22nd in China: "23:00" is the same China day.
    expect(cstClockToIso('23:00', new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-22T15:00:00.000Z')
    expect(cstClockToIso('7:05', new Date('2026-12-31T17:00:00Z'))).toBe('2026-12-31T23:05:00.000Z')
    expect(cstClockToIso('24:00', new Date('2026-12-31T17:00:00Z'))).toBeNull()
  })

  test('a message time says 今天/昨天 by China days across the year end', () => {
    const now = new Date('2026-12-31T16:30:00Z') // 2027-01-01 00:30 in China
    expect(messageTime('2026-12-31T16:05:00Z', now)).toBe('今天 00:05')
    expect(messageTime('2026-12-31T15:59:00Z', now)).toBe('昨天 23:59')
    expect(messageTime('2026-12-30T15:59:00Z', now)).toBe('2026年12月30日 23:59')
  })
})

describe('without Intl time zone data (some mini program clients)', () => {
  test('every China-time function loads and answers the same', async () => {
    type Loaded = [
      typeof import('../../types/china-time'),
      typeof import('../../types/decoction-rules'),
      typeof import('../../cloudfunctions/common/clock'),
      typeof import('../../src/packages/account/messages/format')
    ]
    const run = ([ct, rules, clock, format]: Loaded) => [
      ct.chinaWallClock('2026-12-31T16:00:00Z'),
      ct.chinaInstant('2027-01-01', '00:00'),
      ct.chinaDayjs('2026-12-31T16:30:00Z').format('YYYY-MM-DD HH:mm'),
      ct.chinaDayjs('2026-12-31T16:30:00Z').startOf('day').toISOString(),
      rules.formatCst('2026-12-31T16:05:00Z'),
      format.messageTime('2026-12-31T16:05:00Z', new Date('2026-12-31T16:30:00Z')),
      (clock.setNow('2026-12-31T16:00:00Z'), clock.today()),
      clock.local().format('YYYY-MM-DD HH:mm'),
      clock.localTime('2027-01-01 08:00').toISOString()
    ]
    const load = async (): Promise<Loaded> => {
      let loaded: Loaded | undefined
      // Fresh modules, so that nothing reuses a formatter cached while Intl still worked.
      await jest.isolateModulesAsync(async () => {
        loaded = await Promise.all([
          import('../../types/china-time'),
          import('../../types/decoction-rules'),
          import('../../cloudfunctions/common/clock'),
          import('../../src/packages/account/messages/format')
        ])
      })
      return loaded!
    }
    const withIntl = run(await load())
    const saved = globalThis.Intl
    // As on those clients: asking Intl for a time zone fails.
    const noZones = () => {
      throw new RangeError('Unsupported time zone specified Asia/Shanghai')
    }
    Object.defineProperty(globalThis, 'Intl', { value: { ...saved, DateTimeFormat: noZones }, configurable: true, writable: true })
    try {
      expect(run(await load())).toEqual(withIntl)
    } finally {
      Object.defineProperty(globalThis, 'Intl', { value: saved, configurable: true, writable: true })
    }
  })
})
