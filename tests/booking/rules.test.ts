import {
  addDays,
  applyNoShow,
  banText,
  bookingRefusal,
  bookingWindow,
  cancelCheck,
  checkInCheck,
  chinaInstant,
  chinaWallClock,
  cutoffAt,
  dateLabel,
  daysBetween,
  feeLabel,
  instantLabel,
  isBanned,
  isDate,
  makeSlices,
  queueNumber,
  rangesOverlap,
  releaseAt,
  returnVisitOpen,
  returnVisitUntil,
  sessionProblems,
  weekDates,
  weekStartOf,
  windowText,
  type SliceState
} from '../../types/booking-rules'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { localTime, local, setNow, today } from '../../cloudfunctions/common/clock'

const rules = DEFAULT_SETTINGS.booking

describe('dates and China time, whatever the server zone', () => {
  test('a wall-clock time in Shanghai is the same instant the clock module gives', () => {
    for (const [date, time] of [
      ['2026-11-23', '08:00'],
      ['2026-11-23', '00:00'],
      ['2026-12-31', '23:59'],
      ['2027-01-01', '00:30']
    ]) {
      expect(chinaInstant(date, time)).toBe(localTime(`${date} ${time}`).toISOString())
    }
  })

  test('shortly after midnight in Shanghai is still the previous day in UTC', () => {
    expect(chinaInstant('2026-11-23', '00:30')).toBe('2026-11-22T16:30:00.000Z')
    expect(chinaWallClock('2026-11-22T16:30:00.000Z')).toEqual({ date: '2026-11-23', time: '00:30' })
    expect(chinaWallClock('2026-11-22T15:59:00.000Z')).toEqual({ date: '2026-11-22', time: '23:59' })
  })

  test('the wall clock agrees with the clock module for instants around the day boundary', () => {
    for (const at of ['2026-11-22T15:59:59Z', '2026-11-22T16:00:00Z', '2026-02-28T16:00:00Z', '2028-02-28T16:00:00Z']) {
      setNow(at)
      expect(chinaWallClock(at).date).toBe(today())
      expect(chinaWallClock(at).time).toBe(local().format('HH:mm'))
    }
    setNow(undefined)
  })

  test('calendar arithmetic crosses months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
    expect(isDate('2027-02-29')).toBe(false)
    expect(isDate('2028-02-29')).toBe(true)
    expect(isDate('2026-13-01')).toBe(false)
  })

  test('weeks run Monday to Sunday', () => {
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23') // Monday
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23') // Sunday
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28')
    expect(weekDates('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03'
    ])
  })

  test('labels read the way a patient says them', () => {
    expect(dateLabel('2026-11-23')).toBe('11月23日 周一')
    expect(instantLabel('2026-11-22T11:00:00.000Z')).toBe('11月22日（周日）19:00')
    expect(feeLabel(5000)).toBe('50元')
    expect(feeLabel(1250)).toBe('12.50元')
  })
})

describe('time slices and quotas', () => {
  test('a morning in half hours gives seven slices, the last one ending with the session', () => {
    const slices = makeSlices('08:00', '11:30', 30, 5)
    expect(slices).toHaveLength(7)
    expect(slices[0]).toEqual({ start: '08:00', end: '08:30', quota: 5 })
    expect(slices[6]).toEqual({ start: '11:00', end: '11:30', quota: 5 })
  })

  test('a range that does not divide evenly keeps a shorter last slice', () => {
    expect(makeSlices('11:30', '13:00', 40, 2).map((s) => `${s.start}-${s.end}`)).toEqual(['11:30-12:10', '12:10-12:50', '12:50-13:00'])
  })

  test('slices must lie inside the session, in order, without overlapping', () => {
    const ok = { start: '08:00', end: '10:00', slices: makeSlices('08:00', '10:00', 30, 5) }
    expect(sessionProblems(ok)).toEqual({})
    expect(sessionProblems({ ...ok, end: '08:00' }).end).toBe('结束时间应晚于开始时间')
    const outside = sessionProblems({ ...ok, slices: [{ start: '07:30', end: '08:00', quota: 3 }] })
    expect(outside['slices.0.start']).toContain('超出了出诊时间08:00-10:00')
    const overlapping = sessionProblems({
      ...ok,
      slices: [
        { start: '08:00', end: '08:40', quota: 3 },
        { start: '08:30', end: '09:00', quota: 3 }
      ]
    })
    expect(overlapping['slices.1.start']).toBe('第2个时段与上一个时段重叠')
    expect(sessionProblems({ ...ok, slices: [{ start: '09:00', end: '09:00', quota: 1 }] })['slices.0.end']).toContain(
      '结束时间应晚于开始时间'
    )
    expect(sessionProblems({ ...ok, slices: [] }).slices).toBe('请至少设置一个时段')
  })

  test("a doctor's sessions overlap only when their ranges share time", () => {
    expect(rangesOverlap({ start: '08:00', end: '12:00' }, { start: '11:30', end: '13:00' })).toBe(true)
    expect(rangesOverlap({ start: '08:00', end: '11:30' }, { start: '11:30', end: '13:00' })).toBe(false)
    expect(rangesOverlap({ start: '18:00', end: '21:00' }, { start: '14:00', end: '17:30' })).toBe(false)
  })

  test('queue numbers follow the slices: 08:00 × 5 is 1-5, 08:30 × 5 is 6-10', () => {
    const slices: SliceState[] = [
      { quota: 5, remaining: 4, taken: 1 },
      { quota: 5, remaining: 5, taken: 0 }
    ]
    expect(queueNumber(slices, 0)).toBe(1)
    slices[1] = { quota: 5, remaining: 4, taken: 1 }
    expect(queueNumber(slices, 1)).toBe(6)
    slices[1] = { quota: 5, remaining: 0, taken: 5 }
    expect(queueNumber(slices, 1)).toBe(10)
  })

  test('a place cancelled and booked again gets a new number after every quota, never a reused one', () => {
    // Slice 0 is full, one booking cancelled (remaining back to 1), then booked again: taken 6 of 5.
    const slices: SliceState[] = [
      { quota: 5, remaining: 0, taken: 6 },
      { quota: 5, remaining: 5, taken: 0 }
    ]
    expect(queueNumber(slices, 0)).toBe(11)
    // Then the same happens in slice 1 after it filled up.
    slices[1] = { quota: 5, remaining: 0, taken: 6 }
    expect(queueNumber(slices, 1)).toBe(12)
  })

  test('every booking of a session gets a distinct number, whatever the order of bookings and cancellations', () => {
    const slices: SliceState[] = [
      { quota: 3, remaining: 3, taken: 0 },
      { quota: 2, remaining: 2, taken: 0 },
      { quota: 4, remaining: 4, taken: 0 }
    ]
    const numbers = new Set<number>()
    let seed = 7
    const next = () => (seed = (seed * 48271) % 2147483647)
    for (let step = 0; step < 400; step++) {
      const i = next() % slices.length
      if (next() % 3 === 0 && slices[i].remaining < slices[i].quota) {
        slices[i].remaining++ // a cancellation gives the place back
        continue
      }
      if (slices[i].remaining === 0) continue
      slices[i].remaining--
      slices[i].taken++
      const n = queueNumber(slices, i)
      expect(numbers.has(n)).toBe(false)
      numbers.add(n)
    }
    expect(numbers.size).toBeGreaterThan(20)
  })
})

describe('release and cutoff, in Shanghai time', () => {
  test('a session on Monday 23 November opens at 19:00 on Monday 16 November', () => {
    expect(releaseAt('2026-11-23', rules)).toBe('2026-11-16T11:00:00.000Z')
    expect(instantLabel(releaseAt('2026-11-23', rules))).toBe('11月16日（周一）19:00')
  })

  test('booking stops at 15:00 the day before, also across a month and a year end', () => {
    expect(cutoffAt('2026-11-23', '08:00', rules)).toBe('2026-11-22T07:00:00.000Z')
    expect(cutoffAt('2026-12-01', '08:00', rules)).toBe(chinaInstant('2026-11-30', '15:00'))
    expect(cutoffAt('2027-01-01', '14:00', rules)).toBe(chinaInstant('2026-12-31', '15:00'))
  })

  test('the release of a session just after midnight falls on the right day', () => {
    const custom = { ...rules, releaseTime: '00:05', releaseDaysAhead: 1 }
    expect(releaseAt('2026-11-23', custom)).toBe(chinaInstant('2026-11-22', '00:05'))
    expect(releaseAt('2026-11-23', custom)).toBe('2026-11-21T16:05:00.000Z')
  })

  test('with a same-day cutoff, booking never stays open past the session start', () => {
    const sameDay = { ...rules, cutoffDaysBefore: 0, cutoffTime: '15:00' }
    expect(cutoffAt('2026-11-23', '08:00', sameDay)).toBe(chinaInstant('2026-11-23', '08:00'))
    expect(cutoffAt('2026-11-23', '18:00', sameDay)).toBe(chinaInstant('2026-11-23', '15:00'))
  })

  test('the window is closed before release, open between, and closed from the cutoff on', () => {
    const w = { releaseAt: releaseAt('2026-11-23', rules), cutoffAt: cutoffAt('2026-11-23', '08:00', rules) }
    expect(bookingWindow(chinaInstant('2026-11-16', '18:59'), w)).toBe('not_yet')
    expect(bookingWindow(chinaInstant('2026-11-16', '19:00'), w)).toBe('open')
    expect(bookingWindow(chinaInstant('2026-11-22', '14:59'), w)).toBe('open')
    expect(bookingWindow(chinaInstant('2026-11-22', '15:00'), w)).toBe('cutoff')
    expect(windowText('not_yet', w)).toBe('将于11月16日（周一）19:00开放预约')
    expect(windowText('cutoff', w)).toBe('已于11月22日（周日）15:00停止预约')
  })

  test('cancelling is allowed before the cutoff, and after it the button says why not', () => {
    const cutoff = cutoffAt('2026-11-23', '08:00', rules)
    expect(cancelCheck(chinaInstant('2026-11-22', '14:59'), cutoff).allowed).toBe(true)
    const late = cancelCheck(chinaInstant('2026-11-22', '15:00'), cutoff)
    expect(late.allowed).toBe(false)
    expect(late.reason).toBe('已过取消截止时间（11月22日（周日）15:00），如不能就诊请致电医院')
  })

  test('check-in is on the day, until the session ends', () => {
    const session = { date: '2026-11-23', end: '11:30' }
    expect(checkInCheck(chinaInstant('2026-11-22', '23:59'), session)).toEqual({
      allowed: false,
      reason: '就诊当天（11月23日 周一）才能签到'
    })
    expect(checkInCheck(chinaInstant('2026-11-23', '00:01'), session).allowed).toBe(true)
    expect(checkInCheck(chinaInstant('2026-11-23', '11:29'), session).allowed).toBe(true)
    expect(checkInCheck(chinaInstant('2026-11-23', '11:30'), session).reason).toBe('本场出诊已结束，不能再签到')
    expect(checkInCheck(chinaInstant('2026-11-24', '09:00'), session).allowed).toBe(false)
  })
})

describe('the no-show ban', () => {
  const day = (d: string) => chinaInstant(d, '12:00')

  test('the third no-show within 90 days bans booking for 90 days from it', () => {
    let state = applyNoShow([], day('2026-09-01'), rules)
    expect(state.bannedUntil).toBe('')
    state = applyNoShow(state.noShows, day('2026-10-01'), rules)
    expect(state.bannedUntil).toBe('')
    state = applyNoShow(state.noShows, day('2026-11-20'), rules)
    expect(state.bannedUntil).toBe(new Date(Date.parse(day('2026-11-20')) + 90 * 86400_000).toISOString())
    expect(chinaWallClock(state.bannedUntil).date).toBe('2027-02-18')
  })

  test('no-shows older than the window are forgotten and do not count', () => {
    const old = [day('2026-06-01'), day('2026-08-05')]
    const state = applyNoShow(old, day('2026-10-30'), rules)
    expect(state.noShows).toEqual([day('2026-08-05'), day('2026-10-30')])
    expect(state.bannedUntil).toBe('')
  })

  test('a no-show exactly 90 days before no longer counts; one a minute later does', () => {
    const at = day('2026-11-20')
    const exactly = new Date(Date.parse(at) - 90 * 86400_000).toISOString()
    const justInside = new Date(Date.parse(exactly) + 60_000).toISOString()
    expect(applyNoShow([exactly, day('2026-11-01')], at, rules).bannedUntil).toBe('')
    expect(applyNoShow([justInside, day('2026-11-01')], at, rules).bannedUntil).not.toBe('')
  })

  test('no-shows recorded out of order count the same', () => {
    let state = applyNoShow([], day('2026-11-20'), rules)
    state = applyNoShow(state.noShows, day('2026-10-01'), rules)
    state = applyNoShow(state.noShows, day('2026-09-01'), rules)
    expect(state.noShows).toEqual([day('2026-09-01'), day('2026-10-01'), day('2026-11-20')])
    expect(chinaWallClock(state.bannedUntil).date).toBe('2027-02-18')
  })

  test('a hospital with a stricter rule bans at its own limit', () => {
    const strict = { ...rules, noShowLimit: 2, noShowWindowDays: 30, noShowBanDays: 7 }
    const state = applyNoShow([day('2026-11-01')], day('2026-11-20'), strict)
    expect(chinaWallClock(state.bannedUntil).date).toBe('2026-11-27')
  })

  test('a ban ends by itself at its end date', () => {
    const until = day('2027-02-18')
    expect(isBanned(until, day('2027-02-17'))).toBe(true)
    expect(isBanned(until, until)).toBe(false)
    expect(isBanned('', day('2027-02-17'))).toBe(false)
    expect(banText({ until, reason: '90天内3次预约未就诊（爽约）' })).toBe('90天内3次预约未就诊（爽约），2027年2月18日前不能预约挂号')
  })
})

describe('三天有效: the free return visit', () => {
  test('is open from the visit day through three days after it', () => {
    expect(returnVisitUntil('2026-11-23', 3)).toBe('2026-11-26')
    expect(returnVisitOpen('2026-11-23', '2026-11-23', 3)).toBe(true)
    expect(returnVisitOpen('2026-11-23', '2026-11-26', 3)).toBe(true)
    expect(returnVisitOpen('2026-11-23', '2026-11-27', 3)).toBe(false)
    expect(returnVisitOpen('2026-11-30', '2026-12-03', 3)).toBe(true)
  })

  test('a hospital that sets zero days offers none', () => {
    expect(returnVisitOpen('2026-11-23', '2026-11-23', 0)).toBe(false)
  })
})

describe('bookingRefusal: the one eligibility rule for booking, joining the waitlist and promotion', () => {
  const NOW = '2026-11-23T02:00:00.000Z'
  const rules = { maxActivePerPatient: 3 }
  const standing = (over: Partial<Parameters<typeof bookingRefusal>[0] & object> = {}) => ({
    name: '李德福',
    bannedUntil: '',
    banReason: '',
    activeCount: 0,
    activeSchedules: [] as string[],
    ...over
  })

  test('a patient who never booked, or with nothing against them, may book and wait', () => {
    expect(bookingRefusal(undefined, 'sc1', rules, NOW)).toBeNull()
    expect(bookingRefusal(standing(), 'sc1', rules, NOW)).toBeNull()
    expect(bookingRefusal(standing(), 'sc1', rules, NOW, 'wait')).toBeNull()
    expect(bookingRefusal(standing({ activeCount: 2, activeSchedules: ['a', 'b'] }), 'sc1', rules, NOW)).toBeNull()
  })

  test.each([
    ['ends a millisecond later: banned', '2026-11-23T02:00:00.001Z', 'banned'],
    ['ends exactly now: free again', NOW, null],
    ['ended a millisecond ago: free again', '2026-11-23T01:59:59.999Z', null],
    ['never banned', '', null]
  ])('a ban that %s', (_what, bannedUntil, reason) => {
    const r = bookingRefusal(standing({ bannedUntil, banReason: '90天内3次预约未就诊（爽约）' }), 'sc1', rules, NOW)
    expect(r?.reason ?? null).toBe(reason)
    if (r) expect(r).toEqual({ reason: 'banned', code: 'FORBIDDEN', message: '90天内3次预约未就诊（爽约），2026年11月23日前不能预约挂号' })
  })

  test.each([
    [2, null],
    [3, 'active_limit'],
    [4, 'active_limit']
  ])('with %i active appointments against a limit of 3: %s', (activeCount, reason) => {
    expect(bookingRefusal(standing({ activeCount }), 'sc1', rules, NOW)?.reason ?? null).toBe(reason)
  })

  test('the limit comes from the hospital settings, not a constant', () => {
    expect(bookingRefusal(standing({ activeCount: 3 }), 'sc1', { maxActivePerPatient: 4 }, NOW)).toBeNull()
    expect(bookingRefusal(standing({ activeCount: 1 }), 'sc1', { maxActivePerPatient: 1 }, NOW)?.reason).toBe('active_limit')
  })

  test('already booked in this session, and only this session', () => {
    expect(bookingRefusal(standing({ activeCount: 1, activeSchedules: ['sc1'] }), 'sc1', rules, NOW)).toEqual({
      reason: 'same_session',
      code: 'CONFLICT',
      message: '李德福已预约本场，同一场出诊只能预约一次'
    })
    expect(bookingRefusal(standing({ activeCount: 1, activeSchedules: ['sc2'] }), 'sc1', rules, NOW)).toBeNull()
  })

  test('the waitlist hears its own words', () => {
    expect(bookingRefusal(standing({ activeCount: 1, activeSchedules: ['sc1'] }), 'sc1', rules, NOW, 'wait')?.message).toBe(
      '李德福已预约本场，不需要候补'
    )
    expect(bookingRefusal(standing({ activeCount: 3 }), 'sc1', rules, NOW, 'wait')?.message).toBe('李德福已有3个待就诊的预约，不能再候补')
    expect(bookingRefusal(standing({ activeCount: 3 }), 'sc1', rules, NOW)?.message).toBe(
      '李德福已有3个待就诊的预约，就诊或取消其中一个后才能再预约'
    )
  })

  test('a ban is said first, then the same session, then the limit', () => {
    const all = standing({ bannedUntil: '2027-01-01T00:00:00.000Z', banReason: '爽约', activeCount: 3, activeSchedules: ['sc1'] })
    expect(bookingRefusal(all, 'sc1', rules, NOW)?.reason).toBe('banned')
    expect(bookingRefusal({ ...all, bannedUntil: '' }, 'sc1', rules, NOW)?.reason).toBe('same_session')
    expect(bookingRefusal({ ...all, bannedUntil: '', activeSchedules: [] }, 'sc1', rules, NOW)?.reason).toBe('active_limit')
  })
})
