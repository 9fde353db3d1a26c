import { ageOn, local, localTime, now, setNow, today } from '../../cloudfunctions/common/clock'

afterEach(() => setNow(undefined))

describe('business time is China Standard Time whatever the server zone', () => {
  test('16:30 UTC is already the next day in Shanghai', () => {
    setNow('2026-11-22T16:30:00Z')
    expect(today()).toBe('2026-11-23')
    expect(local().format('HH:mm')).toBe('00:30')
  })

  test('a wall-clock time in Shanghai is the right instant', () => {
    expect(localTime('2026-11-23 08:00').toISOString()).toBe('2026-11-23T00:00:00.000Z')
    expect(localTime('2026-11-23 00:00').toISOString()).toBe('2026-11-22T16:00:00.000Z')
  })

  test('the clock can be set and released', () => {
    setNow('2030-01-01T00:00:00Z')
    expect(now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    setNow(undefined)
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000)
  })

  test('age turns on the birthday in Shanghai, not in UTC', () => {
    // 2026-09-01 17:00 UTC is 2026-09-02 01:00 in Shanghai: the 79th birthday of someone born 1947-09-02.
    expect(ageOn('1947-09-02', local('2026-09-01T15:00:00Z'))).toBe(78)
    expect(ageOn('1947-09-02', local('2026-09-01T17:00:00Z'))).toBe(79)
  })
})
