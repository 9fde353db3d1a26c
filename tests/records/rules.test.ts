import { DEFAULT_RECORDS_SETTINGS as R } from '../../types/records-settings'
import {
  addDays,
  ageOnDay,
  cstDay,
  flagReading,
  highRunReached,
  nextDateProblem,
  normalizeMeasure,
  quarterOf,
  quarterlyFollowUpDue,
  readingProblems,
  referralSuggestion,
  suggestedNextDate,
  tasksForReading,
  type Measure,
  type PatientContext
} from '../../types/records-rules'

const plain: PatientContext = { age: 50, programmes: [] }
const elderMember: PatientContext = { age: 79, programmes: ['hypertension'] }
const bp = (systolic: number, diastolic: number): Measure => ({ kind: 'bp', systolic, diastolic })
const glu = (value: number, context: 'fasting' | 'after_meal' | 'random'): Measure => ({ kind: 'glucose', value, context })
const level = (m: Measure, p = plain) => flagReading(m, p, R).level
const now = new Date('2026-11-23T02:00:00.000Z') // 10:00 in Jinan

describe('blood pressure flags', () => {
  test('139/89 is normal; 140 systolic or 90 diastolic is high', () => {
    expect(level(bp(139, 89))).toBe('normal')
    expect(level(bp(140, 80))).toBe('high')
    expect(level(bp(130, 90))).toBe('high')
  })

  test('179/109 is high; 180 systolic or 110 diastolic is critical, with "请立即就医"', () => {
    expect(level(bp(179, 109))).toBe('high')
    expect(level(bp(180, 100))).toBe('critical')
    expect(level(bp(170, 110))).toBe('critical')
    expect(flagReading(bp(180, 110), plain, R).advice).toContain('请立即就医')
  })

  test('90/60 is normal; 89 systolic or 59 diastolic is low', () => {
    expect(level(bp(90, 60))).toBe('normal')
    expect(level(bp(89, 70))).toBe('low')
    expect(level(bp(110, 59))).toBe('low')
  })

  test('at 65+ in the hypertension programme, 149/89 is high but within target; 150/90 is uncontrolled', () => {
    const within = flagReading(bp(149, 89), elderMember, R)
    expect(within).toMatchObject({ level: 'high', uncontrolled: false })
    expect(within.advice).toContain('150/90')
    expect(flagReading(bp(150, 80), elderMember, R)).toMatchObject({ level: 'high', uncontrolled: true })
    expect(flagReading(bp(140, 90), elderMember, R)).toMatchObject({ level: 'high', uncontrolled: true })
  })

  test('the elderly target needs both the age and the programme', () => {
    expect(flagReading(bp(145, 85), { age: 64, programmes: ['hypertension'] }, R).uncontrolled).toBe(true)
    expect(flagReading(bp(145, 85), { age: 65, programmes: ['hypertension'] }, R).uncontrolled).toBe(false)
    expect(flagReading(bp(145, 85), { age: 79, programmes: ['t2dm'] }, R).uncontrolled).toBe(true)
  })

  test('a hospital’s own thresholds are used', () => {
    expect(flagReading(bp(135, 80), plain, { ...R, bpHighSystolic: 135 }).level).toBe('high')
  })
})

describe('glucose flags', () => {
  test('fasting 6.9 normal, 7.0 high; after a meal and random 11.0 normal, 11.1 high', () => {
    expect(level(glu(6.9, 'fasting'))).toBe('normal')
    expect(level(glu(7.0, 'fasting'))).toBe('high')
    expect(level(glu(11.0, 'after_meal'))).toBe('normal')
    expect(level(glu(11.1, 'after_meal'))).toBe('high')
    expect(level(glu(11.0, 'random'))).toBe('normal')
    expect(level(glu(11.1, 'random'))).toBe('high')
    expect(level(glu(8.0, 'random'))).toBe('normal')
  })

  test('16.6 high, 16.7 critical in any context; 3.9 normal, 3.8 low', () => {
    expect(level(glu(16.6, 'random'))).toBe('high')
    expect(level(glu(16.7, 'fasting'))).toBe('critical')
    expect(level(glu(16.7, 'after_meal'))).toBe('critical')
    expect(level(glu(3.9, 'fasting'))).toBe('normal')
    expect(level(glu(3.8, 'after_meal'))).toBe('low')
  })

  test('mg/dL is converted (/18.0, one decimal) before it is judged', () => {
    expect(normalizeMeasure({ kind: 'glucose', value: 126, unit: 'mg/dL', context: 'fasting' })).toEqual(glu(7.0, 'fasting'))
    expect(normalizeMeasure({ kind: 'glucose', value: 125, unit: 'mg/dL', context: 'fasting' })).toEqual(glu(6.9, 'fasting'))
    expect(normalizeMeasure({ kind: 'glucose', value: 70, unit: 'mg/dL', context: 'random' })).toEqual(glu(3.9, 'random'))
    expect(normalizeMeasure({ kind: 'glucose', value: 7.2, unit: 'mmol/L', context: 'random' })).toEqual(glu(7.2, 'random'))
    expect(level(normalizeMeasure({ kind: 'glucose', value: 126, unit: 'mg/dL', context: 'fasting' }))).toBe('high')
    expect(level(normalizeMeasure({ kind: 'glucose', value: 301, unit: 'mg/dL', context: 'random' }))).toBe('critical')
  })
})

test('SpO2 93 is normal, 92 is low', () => {
  expect(level({ kind: 'spo2', value: 93 })).toBe('normal')
  expect(level({ kind: 'spo2', value: 92 })).toBe('low')
})

describe('plausibility', () => {
  const at = '2026-11-23T01:00:00.000Z'
  const problems = (m: Measure, when = at) => readingProblems(m, when, now, R)

  test('systolic 50 and 300 pass; 49 and 301 are refused on the systolic field', () => {
    expect(problems(bp(50, 40))).toEqual({})
    expect(problems(bp(300, 120))).toEqual({})
    expect(Object.keys(problems(bp(49, 40)))).toEqual(['measure.systolic'])
    expect(Object.keys(problems(bp(301, 120)))).toEqual(['measure.systolic'])
  })

  test('systolic must be above diastolic', () => {
    expect(problems(bp(90, 90))['measure.systolic']).toContain('高于舒张压')
    expect(problems(bp(80, 120))['measure.systolic']).toContain('填反')
    expect(problems(bp(91, 90))).toEqual({})
  })

  test('every kind has a sane range', () => {
    expect(Object.keys(problems({ kind: 'glucose', value: 0.5, context: 'random' }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'glucose', value: 36, context: 'random' }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'heart_rate', value: 29 }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'heart_rate', value: 251 }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'weight', value: 301 }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'temperature', value: 43.1 }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'temperature', value: 33.9 }))).toEqual(['measure.value'])
    expect(Object.keys(problems({ kind: 'spo2', value: 101 }))).toEqual(['measure.value'])
    expect(problems({ kind: 'spo2', value: 100 })).toEqual({})
    expect(problems({ kind: 'temperature', value: 36.5 })).toEqual({})
  })

  test('a time in the future is refused; five minutes of clock skew is not', () => {
    expect(problems(bp(120, 80), '2026-11-23T02:05:00.000Z')).toEqual({})
    expect(problems(bp(120, 80), '2026-11-23T02:05:01.000Z').measuredAt).toBe('测量时间不能晚于现在')
  })

  test('a reading older than the backfill window is refused', () => {
    expect(problems(bp(120, 80), '2025-11-23T02:00:00.000Z')).toEqual({})
    expect(problems(bp(120, 80), '2025-11-23T01:59:59.000Z').measuredAt).toContain('365')
  })
})

describe('days in China time', () => {
  test('23:59 and 00:00 in Jinan are different days whatever the server TZ', () => {
    expect(cstDay('2026-11-22T15:59:59.000Z')).toBe('2026-11-22')
    expect(cstDay('2026-11-22T16:00:00.000Z')).toBe('2026-11-23')
    expect(cstDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01')
  })
})

describe('three high readings on different days within 14 days', () => {
  const rules = { highRunCount: 3, highRunDays: 14 }

  test('days 1, 7 and 14 make a run; days 1, 7 and 15 do not', () => {
    expect(highRunReached(['2026-11-01', '2026-11-07'], '2026-11-14', rules)).toBe(true)
    expect(highRunReached(['2026-11-01', '2026-11-07'], '2026-11-15', rules)).toBe(false)
  })

  test('three on the same day are one day', () => {
    expect(highRunReached(['2026-11-14', '2026-11-14'], '2026-11-14', rules)).toBe(false)
  })

  test('a backfilled reading between two others completes a run', () => {
    expect(highRunReached(['2026-11-01', '2026-11-14'], '2026-11-08', rules)).toBe(true)
  })

  test('readings at 23:59 and 00:01 in Jinan fall on two days (and one day in UTC would be wrong)', () => {
    const late = cstDay('2026-11-09T15:59:00.000Z') // 23:59 on the 9th in Jinan
    const early = cstDay('2026-11-09T16:01:00.000Z') // 00:01 on the 10th
    expect([late, early]).toEqual(['2026-11-09', '2026-11-10'])
    expect(highRunReached([late, early], cstDay('2026-11-10T02:00:00.000Z'), rules)).toBe(false)
    expect(highRunReached([late, early], cstDay('2026-11-11T02:00:00.000Z'), rules)).toBe(true)
  })

  test('the day edge of the window is the Jinan midnight, not the UTC one', () => {
    // 14 days back from 2026-11-23 (Jinan) starts 2026-11-10 00:00 Jinan = 2026-11-09T16:00Z.
    const inside = cstDay('2026-11-09T16:00:00.000Z')
    const outside = cstDay('2026-11-09T15:59:59.000Z')
    expect(highRunReached([inside, '2026-11-15'], '2026-11-23', rules)).toBe(true)
    expect(highRunReached([outside, '2026-11-15'], '2026-11-23', rules)).toBe(false)
  })

  test('the count and window are settings', () => {
    expect(highRunReached(['2026-11-01'], '2026-11-03', { highRunCount: 2, highRunDays: 3 })).toBe(true)
    expect(highRunReached(['2026-11-01'], '2026-11-04', { highRunCount: 2, highRunDays: 3 })).toBe(false)
  })
})

describe('tasks a reading opens', () => {
  const f = (m: Measure, p = plain) => flagReading(m, p, R)

  test('a critical reading opens a task due the same day; a low one due the next day', () => {
    expect(tasksForReading(f(bp(185, 100)), '2026-11-23', [], R)).toEqual([{ reason: 'critical_reading', dueDate: '2026-11-23' }])
    expect(tasksForReading(f({ kind: 'spo2', value: 90 }), '2026-11-23', [], R)).toEqual([{ reason: 'low_reading', dueDate: '2026-11-24' }])
  })

  test('a third high day opens a task; a high within the elderly target does not count', () => {
    expect(tasksForReading(f(bp(150, 92)), '2026-11-23', ['2026-11-20', '2026-11-21'], R)).toEqual([
      { reason: 'high_readings', dueDate: '2026-11-26' }
    ])
    expect(tasksForReading(f(bp(145, 85), elderMember), '2026-11-23', ['2026-11-20', '2026-11-21'], R)).toEqual([])
    expect(tasksForReading(f(bp(120, 80)), '2026-11-23', ['2026-11-20', '2026-11-21'], R)).toEqual([])
  })
})

describe('quarterly follow-up for programme members', () => {
  test('quarters end on 3-31, 6-30, 9-30 and 12-31', () => {
    expect(quarterOf('2026-03-31')).toEqual({ start: '2026-01-01', end: '2026-03-31', label: '2026年第1季度' })
    expect(quarterOf('2026-04-01')).toEqual({ start: '2026-04-01', end: '2026-06-30', label: '2026年第2季度' })
    expect(quarterOf('2026-12-31').end).toBe('2026-12-31')
  })

  test('a follow-up on the last day of a quarter does not count for the next one', () => {
    expect(quarterlyFollowUpDue(['2026-03-31'], '2026-03-31').due).toBe(false)
    expect(quarterlyFollowUpDue(['2026-03-31'], '2026-04-01')).toEqual({ due: true, dueDate: '2026-06-30', label: '2026年第2季度' })
  })

  test('the quarter turns at midnight in Jinan, 16:00 UTC', () => {
    expect(quarterlyFollowUpDue([cstDay('2026-03-31T15:59:59.000Z')], cstDay('2026-03-31T16:00:00.000Z')).due).toBe(true)
    expect(quarterlyFollowUpDue([cstDay('2026-03-31T16:00:00.000Z')], cstDay('2026-04-01T10:00:00.000Z')).due).toBe(false)
  })
})

describe('referral and the next follow-up', () => {
  test('uncontrolled twice in a row suggests referral; once does not', () => {
    expect(referralSuggestion('unsatisfactory', ['unsatisfactory'], [], []).suggested).toBe(true)
    expect(referralSuggestion('unsatisfactory', ['satisfactory', 'unsatisfactory'], [], []).suggested).toBe(false)
    expect(referralSuggestion('unsatisfactory', [], [], []).suggested).toBe(false)
  })

  test('a new complication suggests referral; one already on record does not', () => {
    expect(referralSuggestion('complication', [], ['脑卒中'], []).reason).toContain('脑卒中')
    expect(referralSuggestion('satisfactory', [], ['脑卒中'], ['脑卒中']).suggested).toBe(false)
  })

  test('next visit: a quarter after a controlled one, two weeks after an uncontrolled or referred one', () => {
    expect(suggestedNextDate('2026-11-23', 'satisfactory', false, R)).toBe('2027-02-21')
    expect(suggestedNextDate('2026-11-23', 'unsatisfactory', false, R)).toBe('2026-12-07')
    expect(suggestedNextDate('2026-11-23', 'satisfactory', true, R)).toBe('2026-12-07')
  })

  test('the next date is after today and within a year', () => {
    expect(nextDateProblem('2026-11-23', '2026-11-23')).not.toBeNull()
    expect(nextDateProblem('2026-11-24', '2026-11-23')).toBeNull()
    expect(nextDateProblem(addDays('2026-11-23', 367), '2026-11-23')).not.toBeNull()
  })
})

test('age is counted on the China day', () => {
  expect(ageOnDay('1947-09-02', '2026-09-01')).toBe(78)
  expect(ageOnDay('1947-09-02', '2026-09-02')).toBe(79)
})
