/** 医院规则 (admin): every setting described, validated, effective at once, audited, with a history. */
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures } from '../helpers/matrix'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { SETTING_DESCRIPTIONS } from '../../types/settings-descriptions'
import { flatSettings } from '../../cloudfunctions/common/settings'
import { db } from '../../cloudfunctions/common/db'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

test('every setting has its meaning in Chinese and its default', async () => {
  const { settings } = await b.ok('admin', 'account', 'getSettings', {})
  expect(settings.map((s) => s.key).sort()).toEqual(Object.keys(flatSettings(DEFAULT_SETTINGS)).sort())
  for (const s of settings) {
    expect(SETTING_DESCRIPTIONS[s.key]).toBeDefined()
    expect(s.label).toMatch(/[\u4e00-\u9fa5]/)
    expect(s.meaning).toMatch(/[\u4e00-\u9fa5]/)
    expect(s.defaultValue).toEqual(flatSettings(DEFAULT_SETTINGS)[s.key])
  }
  expect(settings.find((s) => s.key === 'booking.releaseTime')).toMatchObject({ label: '放号时间', value: '19:00', defaultValue: '19:00' })
})

test('a bad value answers field errors and changes nothing', async () => {
  const before = await b.ok('admin', 'account', 'getSettings', {})
  const res = await b.callUnchecked('admin', 'account', 'updateSettings', {
    changes: { 'booking.cutoffTime': '25:00', 'booking.maxActivePerPatient': 3 }
  })
  expect(res.ok).toBe(false)
  if (res.ok) return
  expect(res.error.code).toBe('INVALID_INPUT')
  expect(Object.keys(res.error.fields ?? {})).toEqual(['booking.cutoffTime'])
  const unknown = await b.callUnchecked('admin', 'account', 'updateSettings', { changes: { 'booking.nothing': 1 } })
  expect(unknown.ok ? 'ok' : unknown.error.fields).toEqual({ 'booking.nothing': '没有这个设置项' })
  expect(await b.ok('admin', 'account', 'getSettings', {})).toEqual(before)
  expect((await b.ok('admin', 'account', 'settingsHistory', {})).changes).toEqual([])
})

test('a change by the admin changes behaviour at once: the limit of active bookings', async () => {
  const f = await buildFixtures(b)
  // 李德福 already holds bookings; with a limit of one he may not book another, with the default he may.
  const book = () =>
    b.callUnchecked(
      'li_mei',
      'booking',
      'book',
      { scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: f.ownProfileId },
      rid()
    )
  await b.ok('admin', 'account', 'updateSettings', { changes: { 'booking.maxActivePerPatient': 1 } })
  const res = await book()
  expect(res.ok ? 'ok' : res.error.message).toMatch(/已有1个待就诊的预约/)
  await b.ok('admin', 'account', 'updateSettings', { changes: { 'booking.maxActivePerPatient': 3 } })
  const again = await book()
  expect(again.ok ? 'ok' : again.error.message).toBe('ok')
})

test('every change is in the history and the audit log with before, after and who', async () => {
  await b.ok('admin', 'account', 'updateSettings', { changes: { 'booking.releaseTime': '18:00' } })
  await b.ok('admin', 'account', 'updateSettings', { changes: { 'booking.releaseTime': '20:00', 'decoction.soakingMinutes': 40 } })
  const { changes } = await b.ok('admin', 'account', 'settingsHistory', {})
  expect(changes.map((c) => [c.key, c.before, c.after, c.by.name])).toEqual(
    expect.arrayContaining([
      ['booking.releaseTime', '19:00', '18:00', '王磊'],
      ['booking.releaseTime', '18:00', '20:00', '王磊'],
      ['decoction.soakingMinutes', 30, 40, '王磊']
    ])
  )
  expect(changes[changes.length - 1]).toMatchObject({ key: 'booking.releaseTime', after: '18:00', label: '放号时间' })
  const only = await b.ok('admin', 'account', 'settingsHistory', { key: 'decoction.soakingMinutes' })
  expect(only.changes).toHaveLength(1)
  const audit = await db().collection('audit_log').where({ target: 'settings:hospital' }).get()
  expect(audit.data).toHaveLength(2)
  expect((await b.ok('admin', 'account', 'getSettings', {})).settings.find((s) => s.key === 'booking.releaseTime')?.value).toBe('20:00')
})

test('a programme name with a bidi override is refused like any typed text', async () => {
  const { settings } = await b.ok('admin', 'account', 'getSettings', {})
  const programmes = settings.find((s) => s.key === 'records.programmes')!.value as Array<{ name: string }>
  const bad = programmes.map((p, i) => (i === 0 ? { ...p, name: `高\u202E血压` } : p))
  const res = await b.callUnchecked('admin', 'account', 'updateSettings', { changes: { 'records.programmes': bad } })
  expect(res.ok ? 'ok' : Object.keys(res.error.fields ?? {})).toEqual(['records.programmes'])
})
