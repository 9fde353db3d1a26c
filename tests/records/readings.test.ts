import { now } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { chinaInstant } from '../../types/china-time'
import { addDays, cstDay } from '../../types/records-rules'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import { rid, openBackend, type TestBackend } from '../helpers/backend'
import { bp, count, hoursAgo, openTasks, profileOf } from './helpers'

let b: TestBackend
let father: string
let zhangWei: string
beforeEach(async () => {
  b = await openBackend()
  father = (await profileOf(b, 'li_mei', '李德福')).id
  zhangWei = (await profileOf(b, 'zhang_wei', '张伟')).id
})
afterEach(() => b.close())

test("a daughter enters her father's blood pressure and sees the flag with its advice", async () => {
  const res = await bp(b, 'li_mei', father, 185, 112)
  if (!res.ok) throw new Error(res.error.message)
  expect(res.data.reading).toMatchObject({ display: '185/112 mmHg', source: 'self', flag: { level: 'critical', label: '危急' } })
  expect(res.data.reading.flag.advice).toContain('请立即就医')
  expect(res.data.taskOpened).toMatchObject({ reason: 'critical_reading', reasonLabel: '危急读数' })
})

test('a normal reading is saved with its flag and opens nothing', async () => {
  const before = await count('follow_up_tasks', {})
  const res = await bp(b, 'li_mei', father, 128, 80)
  expect(res.ok && res.data.reading.flag.level).toBe('normal')
  expect(res.ok && res.data.taskOpened).toBeNull()
  expect(await count('follow_up_tasks', {})).toBe(before)
})

test('an implausible value is refused with a field error and writes nothing', async () => {
  const before = await count('readings', {})
  const high = await bp(b, 'li_mei', father, 320, 90)
  expect(high.ok ? 'ok' : high.error).toMatchObject({
    code: 'INVALID_INPUT',
    fields: { 'measure.systolic': expect.stringContaining('50-300') }
  })
  const swapped = await bp(b, 'li_mei', father, 80, 120)
  expect(swapped.ok ? 'ok' : swapped.error.fields).toEqual({ 'measure.systolic': expect.stringContaining('填反') })
  const future = await bp(b, 'li_mei', father, 130, 80, new Date(Date.now() + 3600_000).toISOString())
  expect(future.ok ? 'ok' : future.error.fields).toEqual({ measuredAt: '测量时间不能晚于现在' })
  expect(await count('readings', {})).toBe(before)
})

test('glucose typed in mg/dL is stored in mmol/L and judged there', async () => {
  const res = await b.call(
    'li_mei',
    'records',
    'addReading',
    { profileId: father, measure: { kind: 'glucose', value: 126, unit: 'mg/dL', context: 'fasting' }, measuredAt: hoursAgo(2) },
    rid()
  )
  expect(res.ok && res.data.reading).toMatchObject({ value: 7, unit: 'mmol/L', display: '7.0 mmol/L（空腹）', flag: { level: 'high' } })
})

test('a retried submit is one reading', async () => {
  const before = await count('readings', { profileId: father })
  const requestId = rid()
  const [a, c] = await Promise.all([
    bp(b, 'li_mei', father, 130, 82, hoursAgo(1), requestId),
    bp(b, 'li_mei', father, 130, 82, hoursAgo(1), requestId)
  ])
  const again = await bp(b, 'li_mei', father, 130, 82, hoursAgo(1), requestId)
  expect(a.ok && c.ok && again.ok).toBe(true)
  expect(a.ok && again.ok && again.data.reading.id).toBe(a.ok && a.data.reading.id)
  expect(await count('readings', { profileId: father })).toBe(before + 1)
})

test('a critical reading opens exactly one task even with 10 readings submitted at once', async () => {
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => bp(b, 'li_mei', father, 182 + i, 100)))
  expect(results.every((r) => r.ok)).toBe(true)
  const tasks = await openTasks(father, 'critical_reading')
  expect(tasks).toHaveLength(1)
  // Every reply points at that one task, and the task lists the readings that joined it.
  expect(new Set(results.map((r) => r.ok && r.data.taskOpened?.id))).toEqual(new Set([tasks[0]._id]))
  expect(tasks[0].readingIds).toHaveLength(10)
})

describe('three high readings', () => {
  test('on three different days open a task; three on the same day do not', async () => {
    // Yesterday around noon in China: one calendar day whatever the hour the test runs.
    const yesterdayNoon = chinaInstant(addDays(cstDay(now()), -1), '12:00')
    const sameDay = await Promise.all(
      [1, 2, 3].map((m) => bp(b, 'zhang_wei', zhangWei, 152, 95, new Date(new Date(yesterdayNoon).getTime() + m * 60_000).toISOString()))
    )
    expect(sameDay.every((r) => r.ok && r.data.taskOpened === null)).toBe(true)
    expect(await openTasks(zhangWei, 'high_readings')).toHaveLength(0)

    await bp(b, 'zhang_wei', zhangWei, 150, 92, hoursAgo(24 * 3 + 0.1))
    expect(await openTasks(zhangWei, 'high_readings')).toHaveLength(0)
    const third = await bp(b, 'zhang_wei', zhangWei, 148, 96, hoursAgo(24 * 6))
    expect(third.ok && third.data.taskOpened?.reason).toBe('high_readings')
    const [task] = await openTasks(zhangWei, 'high_readings')
    // The doctor sees every high reading of the run, not only the last one.
    expect(task.readingIds.length).toBeGreaterThanOrEqual(3)
  })

  test('more than 14 days apart do not', async () => {
    await bp(b, 'zhang_wei', zhangWei, 152, 95, hoursAgo(24 * 20))
    await bp(b, 'zhang_wei', zhangWei, 152, 95, hoursAgo(24 * 10))
    const third = await bp(b, 'zhang_wei', zhangWei, 152, 95, hoursAgo(1))
    expect(third.ok && third.data.taskOpened).toBeNull()
  })
})

describe('another family', () => {
  test('cannot add a reading to, or read, a profile that is not theirs', async () => {
    const before = await count('readings', {})
    const add = await bp(b, 'li_mei', zhangWei, 130, 80)
    expect(add.ok ? 'ok' : add.error.code).toBe('NOT_FOUND')
    for (const [action, data] of [
      ['listReadings', { profileId: zhangWei, kind: 'bp', days: 30 }],
      ['timeline', { profileId: zhangWei }],
      ['overview', { profileId: zhangWei }],
      ['exportFhir', { profileId: zhangWei }]
    ] as const) {
      const res = await b.callUnchecked('li_mei', 'records', action, data)
      expect(`${action}:${res.ok ? 'ok' : res.error.code}`).toBe(`${action}:NOT_FOUND`)
    }
    expect(await count('readings', {})).toBe(before)
  })
})

test('the chart gets the period oldest first with the patient’s own BP bands', async () => {
  const res = await b.ok('li_mei', 'records', 'listReadings', { profileId: father, kind: 'bp', days: 7 })
  expect(res.readings.length).toBeGreaterThanOrEqual(6)
  expect(res.readings.length).toBeLessThanOrEqual(7)
  const times = res.readings.map((r) => r.measuredAt)
  expect([...times].sort()).toEqual(times)
  // 李德福 is 79 and in the hypertension programme: his target is 150/90.
  expect(res.bands.find((x) => x.label === '收缩压偏高')?.from).toBe(150)
})

test('the timeline shows appointments, decoction orders, nursing visits, readings and follow-ups, newest first and paged', async () => {
  const first = await b.ok('li_mei', 'records', 'timeline', {
    profileId: father,
    limit: 10
  })
  expect(first.items).toHaveLength(10)
  const all = [...first.items]
  let before = first.nextBefore
  while (before) {
    const page = await b.ok('li_mei', 'records', 'timeline', {
      profileId: father,
      before,
      limit: 10
    })
    all.push(...page.items)
    before = page.nextBefore
  }
  const ats = all.map((i) => i.at)
  expect([...ats].sort().reverse()).toEqual(ats)
  // Every status reads in Chinese (a nursing visit's too).
  expect(all.filter((i) => i.status && /[a-z_]/.test(i.status)).map((i) => `${i.kind}:${i.status}`)).toEqual([])
  // 李德福 also has the seeded home nursing visits.
  expect(new Set(all.map((i) => i.kind))).toEqual(new Set(['appointment', 'decoction_order', 'nursing_visit', 'reading', 'follow_up']))
})

test('a nurse records a reading from a visit, and staff import a device export once', async () => {
  const nurse = await b.call(
    'nurse',
    'records',
    'nurseReading',
    { profileId: father, measure: { kind: 'spo2', value: 91 }, measuredAt: hoursAgo(1) },
    rid()
  )
  expect(nurse.ok && nurse.data.reading).toMatchObject({ source: 'nurse', flag: { level: 'low' } })
  const csv = [
    'kind,systolic,diastolic,value,unit,context,measuredAt',
    `heart_rate,,,72,,,${hoursAgo(5)}`,
    `glucose,,,108,mg/dL,fasting,${hoursAgo(6)}`,
    `bp,90,120,,,,${hoursAgo(7)}`
  ].join('\n')
  const first = await b.ok('nurse', 'records', 'importReadings', { profileId: father, csv }, rid())
  expect(first).toMatchObject({ imported: 2, duplicates: 0, errors: [{ row: 3 }] })
  const again = await b.ok('nurse', 'records', 'importReadings', { profileId: father, csv }, rid())
  expect(again).toMatchObject({ imported: 0, duplicates: 2 })
  expect(await count('readings', { profileId: father, source: 'device' })).toBe(2)
})

test('a hospital’s own threshold is used the moment it is set', async () => {
  const before = await bp(b, 'li_mei', father, 136, 80)
  expect(before.ok && before.data.reading.flag.level).toBe('normal')
  await db()
    .collection('settings')
    .add({ _id: 'hospital', records: { bpHighSystolic: 135 } })
  clearSettingsCache()
  const after = await bp(b, 'li_mei', father, 136, 80)
  expect(after.ok && after.data.reading.flag.level).toBe('high')
})

test('a doctor reading a family’s chart is written to the audit log; the family’s own read is not', async () => {
  await b.ok('li_mei', 'records', 'listReadings', { profileId: father, kind: 'bp', days: 7 })
  expect(await count('audit_log', { target: `profile:${father}` })).toBe(0)
  await b.ok('doctor', 'records', 'listReadings', { profileId: father, kind: 'bp', days: 7 })
  expect(await count('audit_log', { target: `profile:${father}`, 'actor.accountId': b.accountId('doctor') })).toBe(1)
})

test('visits still to come lead the timeline as 待就诊 with their day, time, department and expert; a doctor’s read is audited', async () => {
  const { items } = await b.ok('li_mei', 'records', 'timeline', { profileId: father, limit: 5 })
  const upcoming = items.filter((i) => i.upcoming)
  // The seed books 李德福 today (evening) and in three days; the later one comes first.
  expect(upcoming.length).toBeGreaterThanOrEqual(1)
  expect(items[0]).toMatchObject({ kind: 'appointment', upcoming: true, status: '待就诊' })
  expect(items[0].at > new Date().toISOString()).toBe(true)
  expect(items[0].title).toMatch(/^\S+科 \S+ \S+医师$/)
  expect(items[0].detail).toMatch(/^\d{1,2}月\d{1,2}日 周. \d{2}:\d{2}-\d{2}:\d{2} · /)
  const ats = items.map((i) => i.at)
  expect([...ats].sort().reverse()).toEqual(ats)

  await b.ok('doctor', 'records', 'timeline', { profileId: father, limit: 5 })
  expect(await count('audit_log', { target: `profile:${father}`, 'actor.accountId': b.accountId('doctor') })).toBe(1)
})

test('readings sharing one instant are each shown once, however the timeline is paged', async () => {
  const at = hoursAgo(30)
  for (const measure of [
    { kind: 'heart_rate', value: 70 },
    { kind: 'weight', value: 68 },
    { kind: 'spo2', value: 97 }
  ] as const) {
    await b.ok('li_mei', 'records', 'addReading', { profileId: father, measure, measuredAt: at }, rid())
  }
  const whole = await b.ok('li_mei', 'records', 'timeline', { profileId: father, limit: 50 })
  expect(whole.nextBefore).toBeNull()
  const ids = whole.items.map((i) => `${i.kind}:${i.id}`)
  for (const limit of [1, 2, 3, 7]) {
    const seen: string[] = []
    let before: string | null | undefined
    for (let n = 0; n < 100; n++) {
      const page = await b.ok('li_mei', 'records', 'timeline', { profileId: father, limit, ...(before ? { before } : {}) })
      seen.push(...page.items.map((i) => `${i.kind}:${i.id}`))
      before = page.nextBefore
      if (!before) break
    }
    expect(`limit ${limit}: ${seen.join(',')}`).toBe(`limit ${limit}: ${ids.join(',')}`)
  }
})
