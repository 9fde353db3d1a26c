/**
 * 医院规则设置: what the admin reads under an input when a value is refused. Chinese, keyed by the
 * setting, worded for its editor (a range with the unit, a time, a list's row and part), and never
 * naming the raw key; each setting says which editor the page shows for it.
 */
import { openBackend, type TestBackend } from '../helpers/backend'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { settingEditorOf } from '../../types/settings-editors'
import { flatSettings } from '../../cloudfunctions/common/settings'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

async function refused(changes: Record<string, unknown>): Promise<Record<string, string>> {
  const res = await b.callUnchecked('admin', 'account', 'updateSettings', { changes })
  if (res.ok) throw new Error('accepted')
  expect(res.error.code).toBe('INVALID_INPUT')
  return res.error.fields ?? {}
}

const programmes = DEFAULT_SETTINGS.records.programmes

test.each([
  ['booking.releaseDaysAhead', 90, '请填写1到60天之间的整数'],
  ['booking.releaseDaysAhead', 0, '请填写1到60天之间的整数'],
  ['booking.releaseDaysAhead', 2.5, '请填写整数'],
  ['booking.releaseDaysAhead', '七', '请填写数字'],
  ['booking.noShowLimit', 0, '不能少于1次'],
  ['nursing.minLeadHours', 80, '请填写0到72小时之间的数'],
  ['booking.releaseTime', '25:00', '请选择时间（时:分），例如 19:00'],
  ['nursing.minTitle', '护工', '请从护士、护师、主管护师、副主任护师、主任护师中选择'],
  ['records.programmes', [], '至少保留1项'],
  ['records.programmes', [...programmes, { ...programmes[0], name: '' }], '第4项「名称」不能为空'],
  ['records.programmes', [{ ...programmes[0], code: 'High BP' }], '第1项「编码」应为2到32个小写英文字母、数字或下划线，如 t2dm'],
  ['records.programmes', [{ ...programmes[0], complications: ['冠心病', ''] }], '第1项「并发症」第2项不能为空'],
  ['records.programmes', [{ ...programmes[0], quarterly: 'yes' }], '第1项「每季度随访」请选择开或关']
])('%s = %j is refused with “%s”', async (key, value, message) => {
  expect(await refused({ [key]: value })).toEqual({ [key]: message })
})

test('no message names a setting by its key, and only the wrong settings have one', async () => {
  const fields = await refused({
    'booking.releaseTime': '7pm',
    'booking.cutoffTime': '16:00',
    'decoction.soakingMinutes': 9999,
    'records.programmes': [{ ...programmes[0], name: '' }]
  })
  expect(Object.keys(fields).sort()).toEqual(['booking.releaseTime', 'decoction.soakingMinutes', 'records.programmes'])
  for (const message of Object.values(fields)) {
    expect(message).toMatch(/[\u4e00-\u9fa5]/)
    expect(message).not.toMatch(/[a-z]+\.[a-z]+|releaseTime|soakingMinutes|programmes|name/i)
  }
  expect(fields['decoction.soakingMinutes']).toBe('请填写1到600分钟之间的整数')
})

test('every setting has an editor for its kind of value: no setting is left to raw text', () => {
  const editors = Object.fromEntries(Object.keys(flatSettings(DEFAULT_SETTINGS)).map((k) => [k, settingEditorOf(k)]))
  for (const [key, editor] of Object.entries(editors)) expect({ key, kind: editor.kind }).not.toEqual({ key, kind: 'other' })
  expect(editors['booking.releaseTime']).toEqual({ kind: 'time' })
  expect(editors['booking.releaseDaysAhead']).toEqual({ kind: 'number', integer: true, min: 1, max: 60 })
  expect(editors['nursing.minLeadHours']).toEqual({ kind: 'number', integer: false, min: 0, max: 72 })
  expect(editors['nursing.minTitle']).toMatchObject({ kind: 'choice', options: expect.arrayContaining(['护师']) })
  const list = editors['records.programmes']
  expect(list).toMatchObject({ kind: 'list', minItems: 1, maxItems: 20, item: { kind: 'record' } })
  if (list.kind !== 'list' || list.item.kind !== 'record') throw new Error('not a list of records')
  expect(list.item.fields.map((f) => [f.label, f.editor.kind])).toEqual([
    ['编码', 'text'],
    ['名称', 'text'],
    ['每季度随访', 'switch'],
    ['并发症', 'list']
  ])
})

test('getSettings tells the page each setting’s editor', async () => {
  const { settings } = await b.ok('admin', 'account', 'getSettings', {})
  expect(settings.find((s) => s.key === 'nursing.serviceStart')?.editor).toEqual({ kind: 'time' })
  expect(settings.find((s) => s.key === 'account.maxProfiles')?.editor).toEqual({ kind: 'number', integer: true, min: 1, max: 20 })
})
