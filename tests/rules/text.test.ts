/** What a person may type into a free-text field, and which dates the product accepts. */
import { calendarDate, instant, text } from '../../types/text'

const diagnosis = text('诊断').trim().max(50)
const message = (v: unknown) => {
  const res = diagnosis.safeParse(v)
  return res.success ? 'ok' : res.error.issues[0].message
}

describe('a free-text field', () => {
  test.each([
    ['Chinese with punctuation', '气虚血瘀，伴乏力（2周）'],
    ['an emoji (a well-formed surrogate pair)', '好转了😀'],
    ['line breaks and tabs from a textarea', '第一行\n第二行\t备注'],
    ['Latin letters and digits', 'COPD 2级']
  ])('accepts %s', (_name, value) => {
    expect(message(value)).toBe('ok')
  })

  test.each([
    ['a null byte', 'a\u0000b'],
    ['a right-to-left override', '\u202E款退'],
    ['a left-to-right embedding', '\u202A诊断'],
    ['a first-strong isolate', '\u2068诊断\u2069'],
    ['a right-to-left mark', '诊断\u200F'],
    ['a lone high surrogate', '诊断\uD83D'],
    ['a lone low surrogate', '\uDE00诊断'],
    ['a bell', '诊\u0007断'],
    ['an escape', '\u001B[31m'],
    ['DEL', '诊断\u007F'],
    ['a C1 control (NEL)', '诊断\u0085'],
    ['a noncharacter', '诊断\uFFFF']
  ])('refuses %s, naming the field in Chinese', (_name, value) => {
    expect(message(value)).toBe('诊断含有无法显示的控制字符，请删除后重新输入')
  })

  test('keeps the checks chained after it', () => {
    expect(message('  好  ')).toBe('ok')
    expect(diagnosis.parse('  好  ')).toBe('好')
    expect(message('长'.repeat(51))).not.toBe('ok')
  })
})

describe('dates', () => {
  const date = calendarDate()
  test.each(['2000-01-01', '2026-02-28', '2028-02-29', '2099-12-31'])('accepts %s', (v) => {
    expect(date.safeParse(v).success).toBe(true)
  })
  test.each([
    ['9999-12-31', '日期应在2000年至2099年之间'],
    ['1999-12-31', '日期应在2000年至2099年之间'],
    ['2100-01-01', '日期应在2000年至2099年之间'],
    ['2026-02-29', '日期格式应为YYYY-MM-DD'],
    ['2026-1-5', '日期格式应为YYYY-MM-DD']
  ])('refuses %s', (v, msg) => {
    const res = date.safeParse(v)
    expect(res.success ? 'ok' : res.error.issues[0].message).toBe(msg)
  })

  test('an instant must be an ISO time with an offset within the same years', () => {
    const t = instant()
    expect(t.safeParse('2026-11-23T08:00:00+08:00').success).toBe(true)
    expect(t.safeParse('2000-01-01T00:00:00+08:00').success).toBe(true)
    expect(t.safeParse('1999-12-31T15:59:59Z').success).toBe(false)
    expect(t.safeParse('9999-12-31T00:00:00Z').success).toBe(false)
    expect(t.safeParse('2026-11-23 08:00').success).toBe(false)
  })
})
