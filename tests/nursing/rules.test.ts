/**
 * The pure rules of home nursing at their edges: service windows 08:00/20:00, the lead time, the
 * exact 4-hour free-cancel edge, midnight and the booking horizon, qualification and competence,
 * fees. Run under TZ=UTC and TZ=Asia/Shanghai: nothing here may depend on the server's zone.
 */
import {
  assignProblems,
  competenceProblems,
  consoleRank,
  dispatcherCancelTerms,
  familyCancelTerms,
  feesOf,
  feesText,
  identityMatches,
  qualificationProblems,
  serviceWindows,
  windowProblem,
  windowStartsAt,
  windowsOverlap
} from '../../types/nursing-rules'
import { DEFAULT_SETTINGS } from '../../types/settings'

const r = DEFAULT_SETTINGS.nursing
const MIN = 60_000
const at = (cst: string) => new Date(`${cst}+08:00`).toISOString()
const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN).toISOString()

describe('service windows', () => {
  test('08:00-20:00 in two-hour windows, the last ending exactly at 20:00', () => {
    expect(serviceWindows(r)).toEqual([
      { start: '08:00', end: '10:00' },
      { start: '10:00', end: '12:00' },
      { start: '12:00', end: '14:00' },
      { start: '14:00', end: '16:00' },
      { start: '16:00', end: '18:00' },
      { start: '18:00', end: '20:00' }
    ])
  })

  test('a window that would run past closing is not offered', () => {
    expect(serviceWindows({ ...r, windowMinutes: 90 }).at(-1)).toEqual({ start: '18:30', end: '20:00' })
    expect(serviceWindows({ ...r, windowMinutes: 150 }).at(-1)).toEqual({ start: '15:30', end: '18:00' })
  })

  test('a window opens at its China wall-clock time whatever the server zone', () => {
    expect(windowStartsAt('2026-12-01', { start: '08:00', end: '10:00' })).toBe('2026-12-01T00:00:00.000Z')
    expect(windowStartsAt('2027-01-01', { start: '08:00', end: '10:00' })).toBe('2027-01-01T00:00:00.000Z')
  })

  const now = at('2026-11-30T10:00')
  test.each([
    ['07:00', '09:00', '服务时间'],
    ['07:59', '09:59', '服务时间'],
    ['19:00', '21:00', '服务时间'],
    ['20:00', '22:00', '服务时间'],
    ['09:00', '11:00', '服务时间']
  ])('%s-%s is outside the service windows', (start, end, msg) => {
    expect(windowProblem('2026-12-02', { start, end }, now, r)).toContain(msg)
  })

  test('the first (08:00) and last (18:00-20:00) windows are bookable', () => {
    expect(windowProblem('2026-12-02', { start: '08:00', end: '10:00' }, now, r)).toBeNull()
    expect(windowProblem('2026-12-02', { start: '18:00', end: '20:00' }, now, r)).toBeNull()
  })

  test('the lead time: exactly 2 hours ahead is fine, one minute less is not', () => {
    const w = { start: '14:00', end: '16:00' }
    expect(windowProblem('2026-11-30', w, at('2026-11-30T12:00'), r)).toBeNull()
    expect(windowProblem('2026-11-30', w, at('2026-11-30T12:01'), r)).toContain('2小时以后')
  })

  test('just after midnight China time (still the previous day in UTC) the morning is bookable', () => {
    // 00:30 on Dec 1 in Shanghai is 16:30 on Nov 30 in UTC.
    const justAfterMidnight = at('2026-12-01T00:30')
    expect(windowProblem('2026-12-01', { start: '08:00', end: '10:00' }, justAfterMidnight, r)).toBeNull()
    expect(windowProblem('2026-11-30', { start: '18:00', end: '20:00' }, justAfterMidnight, r)).toContain('小时以后')
  })

  test('the horizon counts China dates: 14 days ahead yes, 15 no, across the year end', () => {
    const lateEvening = at('2026-12-25T23:30')
    expect(windowProblem('2027-01-08', { start: '08:00', end: '10:00' }, lateEvening, r)).toBeNull()
    expect(windowProblem('2027-01-09', { start: '08:00', end: '10:00' }, lateEvening, r)).toContain('14天')
  })

  test('an impossible date is refused', () => {
    expect(windowProblem('2026-02-30', { start: '08:00', end: '10:00' }, now, r)).toContain('日期')
  })

  test('windows of one nurse overlap only on the same day and when they truly intersect', () => {
    const a = { date: '2026-12-01', start: '08:00', end: '10:00' }
    expect(windowsOverlap(a, { ...a })).toBe(true)
    expect(windowsOverlap(a, { date: '2026-12-01', start: '09:00', end: '11:00' })).toBe(true)
    expect(windowsOverlap(a, { date: '2026-12-01', start: '10:00', end: '12:00' })).toBe(false)
    expect(windowsOverlap(a, { date: '2026-12-02', start: '08:00', end: '10:00' })).toBe(false)
  })
})

describe('fees', () => {
  const picc = { code: 'HL02', name: 'PICC维护', visitFee: 10000, itemFee: 12000 }
  const blood = { code: 'HL07', name: '上门采血', visitFee: 8000, itemFee: 3000 }
  test('one trip: the highest visit fee, plus every item fee', () => {
    expect(feesOf([picc, blood])).toEqual({ visitFee: 10000, nursingFee: 15000, total: 25000 })
    expect(feesText(feesOf([picc, blood]))).toBe('上门费100元 + 护理费150元，共250元')
  })
  test('no items cost nothing', () => {
    expect(feesOf([])).toEqual({ visitFee: 0, nursingFee: 0, total: 0 })
  })
})

describe('what a family cancel refunds', () => {
  const fees = { visitFee: 10000, nursingFee: 12000, total: 22000 }
  const start = windowStartsAt('2026-12-01', { start: '14:00', end: '16:00' })
  const terms = (status: string, nowIso: string) => familyCancelTerms(status, start, nowIso, fees, r)

  test('4 hours and 1 minute before the window: free, everything back', () => {
    expect(terms('accepted', shift(start, -241))).toMatchObject({
      allowed: true,
      stage: 'free',
      refund: 22000,
      kept: 0,
      text: '现在取消免费，全额退款220元'
    })
  })
  test('exactly 4 hours before: no longer free (the visit fee is kept)', () => {
    expect(terms('accepted', shift(start, -240))).toMatchObject({ stage: 'late', refund: 12000, kept: 10000 })
  })
  test('4 hours minus 1 minute before: the visit fee is kept, the nursing fee refunded, in those words', () => {
    expect(terms('assigned', shift(start, -239))).toEqual({
      allowed: true,
      stage: 'late',
      refund: 12000,
      kept: 10000,
      text: '距上门时段开始不足4小时，取消将收取上门费100元，退还护理费120元'
    })
  })
  test('the edge is the same instant whatever TZ the server runs in (10:00 China = 02:00 UTC)', () => {
    expect(shift(start, -240)).toBe('2026-12-01T02:00:00.000Z')
  })
  test('a request 护理部 has not assessed yet is free to cancel even at the last minute', () => {
    expect(terms('submitted', shift(start, -1))).toMatchObject({ stage: 'free', refund: 22000 })
  })
  test('once the nurse has set out: visit fee kept, nursing fee refunded, even days ahead', () => {
    expect(terms('en_route', shift(start, -3000))).toMatchObject({ allowed: true, stage: 'set_out', refund: 12000, kept: 10000 })
    expect(terms('en_route', shift(start, -3000)).text).toBe('护士已出发，取消将收取上门费100元，退还护理费120元')
  })
  test.each(['arrived', 'in_service', 'completed', 'rated'])('after arrival (%s) there is no cancelling', (status) => {
    expect(terms(status, shift(start, -3000))).toMatchObject({ allowed: false, stage: 'closed', refund: 0 })
  })
  test('a window at midnight-adjacent 08:00: the free edge falls at 04:00 China time, 20:00 UTC the day before', () => {
    const early = windowStartsAt('2026-12-01', { start: '08:00', end: '10:00' })
    expect(familyCancelTerms('assessed', early, '2026-11-30T19:59:00.000Z', fees, r).stage).toBe('free')
    expect(familyCancelTerms('assessed', early, '2026-11-30T20:00:00.000Z', fees, r).stage).toBe('late')
  })
  test('护理部 cancels with everything refunded until arrival, never after', () => {
    expect(dispatcherCancelTerms('en_route', fees)).toMatchObject({ allowed: true, refund: 22000 })
    expect(dispatcherCancelTerms('arrived', fees)).toMatchObject({ allowed: false })
  })
})

describe('who may visit', () => {
  const good = { title: '护师', years: 5, licenseNumber: '201637012508' }
  test('5 years, 护师 and a license number qualify', () => {
    expect(qualificationProblems(good, r)).toEqual([])
  })
  test('4 years do not', () => {
    expect(qualificationProblems({ ...good, years: 4 }, r)).toEqual(['临床执业不满5年'])
  })
  test('a 护士 title does not; 主任护师 does', () => {
    expect(qualificationProblems({ ...good, title: '护士' }, r)).toEqual(['职称低于护师'])
    expect(qualificationProblems({ ...good, title: '主任护师' }, r)).toEqual([])
  })
  test('no license number, or no credentials at all, do not', () => {
    expect(qualificationProblems({ ...good, licenseNumber: ' ' }, r)).toEqual(['没有护士执业证书编号'])
    expect(qualificationProblems(null, r)).toEqual(['没有登记执业信息'])
  })
  const picc = { code: 'HL02', name: 'PICC维护', certificate: 'PICC' }
  const dressing = { code: 'HL01', name: '换药', certificate: null }
  test('PICC needs both competence and its certificate', () => {
    expect(competenceProblems([picc], { items: ['HL02'], certificates: {} })).toEqual(['「PICC维护」需要PICC证书'])
    expect(competenceProblems([picc], { items: [], certificates: { PICC: 'x' } })).toEqual(['未认定可做「PICC维护」'])
    expect(competenceProblems([picc, dressing], { items: ['HL01', 'HL02'], certificates: { PICC: 'PICC-1' } })).toEqual([])
  })
  test('assignable means qualified and competent for every item', () => {
    expect(assignProblems({ ...good, years: 3 }, { items: [], certificates: {} }, [dressing], r)).toEqual([
      '临床执业不满5年',
      '未认定可做「换药」'
    ])
  })
  test('the door check compares the last four, X in either case', () => {
    expect(identityMatches('370***********017X', '017x')).toBe(true)
    expect(identityMatches('370***********0173', '0174')).toBe(false)
  })
})

test('the console puts high risk first, unassessed with them, then the oldest', () => {
  const rows = [
    { id: 'low-old', risk: 'low' as const, createdAt: '2026-11-01T00:00:00.000Z' },
    { id: 'high-new', risk: 'high' as const, createdAt: '2026-11-29T00:00:00.000Z' },
    { id: 'medium', risk: 'medium' as const, createdAt: '2026-11-02T00:00:00.000Z' },
    { id: 'high-old', risk: 'high' as const, createdAt: '2026-11-03T00:00:00.000Z' }
  ]
  expect(rows.sort((a, b) => consoleRank(a).localeCompare(consoleRank(b))).map((x) => x.id)).toEqual([
    'high-old',
    'high-new',
    'medium',
    'low-old'
  ])
})
