/**
 * How each hospital setting is edited on the admin page, and what a bad value is told, both read
 * off `settingsSchema` so that a setting a service adds gets its editor and its messages with no
 * code here: numbers with their range and unit, clock times on a wheel, on/off as a switch, a
 * choice from the allowed values, lists of words or of small records as rows to add and remove.
 * The messages are Chinese, keyed by the setting (`section.field`), and never name the raw key:
 * the page shows each under its input, whose label is right above it.
 */
import { z } from 'zod'
import { CLOCK, settingsSchema } from './settings'
import { SETTING_DESCRIPTIONS } from './settings-descriptions'
import { unsafeTextMessage } from './text'

const base = z.object({ label: z.string() })
export type SettingEditor =
  | { kind: 'number'; integer: boolean; min: number | null; max: number | null }
  | { kind: 'time' }
  | { kind: 'switch' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'text'; minLength: number | null; maxLength: number | null }
  | { kind: 'list'; item: SettingEditor; minItems: number | null; maxItems: number | null }
  | { kind: 'record'; fields: Array<{ name: string; label: string; editor: SettingEditor }> }
  | { kind: 'other' }

export const settingEditor: z.ZodType<SettingEditor> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('number'), integer: z.boolean(), min: z.number().nullable(), max: z.number().nullable() }),
    z.object({ kind: z.literal('time') }),
    z.object({ kind: z.literal('switch') }),
    z.object({ kind: z.literal('choice'), options: z.array(z.string()) }),
    z.object({ kind: z.literal('text'), minLength: z.number().nullable(), maxLength: z.number().nullable() }),
    z.object({ kind: z.literal('list'), item: settingEditor, minItems: z.number().nullable(), maxItems: z.number().nullable() }),
    z.object({ kind: z.literal('record'), fields: z.array(base.extend({ name: z.string(), editor: settingEditor })) }),
    z.object({ kind: z.literal('other') })
  ])
) as z.ZodType<SettingEditor>

type Check = { kind: string; value?: number; regex?: RegExp }
const checksOf = (s: z.ZodTypeAny): Check[] => ((s._def as { checks?: Check[] }).checks ?? []) as Check[]

/** The editor a zod schema asks for. `labels` names a record's fields. */
export function editorFor(schema: z.ZodTypeAny, labels: Record<string, string> = {}): SettingEditor {
  if (schema instanceof z.ZodNumber) {
    const checks = checksOf(schema)
    return {
      kind: 'number',
      integer: checks.some((c) => c.kind === 'int'),
      min: checks.find((c) => c.kind === 'min')?.value ?? null,
      max: checks.find((c) => c.kind === 'max')?.value ?? null
    }
  }
  if (schema instanceof z.ZodString) {
    const checks = checksOf(schema)
    if (checks.some((c) => c.kind === 'regex' && c.regex?.source === CLOCK.source)) return { kind: 'time' }
    return {
      kind: 'text',
      minLength: checks.find((c) => c.kind === 'min')?.value ?? null,
      maxLength: checks.find((c) => c.kind === 'max')?.value ?? null
    }
  }
  if (schema instanceof z.ZodBoolean) return { kind: 'switch' }
  if (schema instanceof z.ZodEnum) return { kind: 'choice', options: [...(schema.options as string[])] }
  if (schema instanceof z.ZodArray) {
    const def = schema._def as { type: z.ZodTypeAny; minLength: { value: number } | null; maxLength: { value: number } | null }
    return {
      kind: 'list',
      item: editorFor(def.type, labels),
      minItems: def.minLength?.value ?? null,
      maxItems: def.maxLength?.value ?? null
    }
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>
    return {
      kind: 'record',
      fields: Object.entries(shape).map(([name, s]) => ({ name, label: labels[name] ?? name, editor: editorFor(s, labels) }))
    }
  }
  return { kind: 'other' }
}

/** The schema of one setting, by its key; undefined for a key that is no setting. */
export function settingSchema(key: string): z.ZodTypeAny | undefined {
  const [section, field, ...rest] = key.split('.')
  if (rest.length) return undefined
  const sections = settingsSchema.shape as Record<string, z.ZodTypeAny>
  const s = sections[section]
  if (!(s instanceof z.ZodObject)) return undefined
  return Object.prototype.hasOwnProperty.call(s.shape, field) ? (s.shape as Record<string, z.ZodTypeAny>)[field] : undefined
}

export function settingEditorOf(key: string): SettingEditor {
  const schema = settingSchema(key)
  return schema ? editorFor(schema, SETTING_DESCRIPTIONS[key]?.fields) : { kind: 'other' }
}

const fmt = (n: number) => String(n)

/** What is wrong with a value for one editor, from zod's issue: the words a person reads under the input. */
function problem(issue: z.ZodIssue, editor: SettingEditor, unit: string, format: string | undefined): string {
  switch (editor.kind) {
    case 'number': {
      if (issue.code === 'too_small' || issue.code === 'too_big') {
        const { min, max } = editor
        if (min !== null && max !== null) return `请填写${fmt(min)}到${fmt(max)}${unit}之间的${editor.integer ? '整数' : '数'}`
        return issue.code === 'too_small' ? `不能少于${fmt(min ?? 0)}${unit}` : `不能超过${fmt(max ?? 0)}${unit}`
      }
      if (issue.code === 'invalid_type' && issue.expected === 'integer') return '请填写整数'
      return '请填写数字'
    }
    case 'time':
      return '请选择时间（时:分），例如 19:00'
    case 'switch':
      return '请选择开或关'
    case 'choice':
      return `请从${editor.options.join('、')}中选择`
    case 'text':
      if (issue.code === 'invalid_type' || (issue.code === 'too_small' && (editor.minLength ?? 0) <= 1)) return '不能为空'
      if (issue.code === 'too_small') return `至少${editor.minLength}个字`
      if (issue.code === 'too_big') return `最多${editor.maxLength}个字`
      return format ? `应为${format}` : '格式不正确'
    case 'list':
      if (issue.code === 'too_small') return `至少保留${editor.minItems}项`
      if (issue.code === 'too_big') return `最多${editor.maxItems}项`
      return '格式不正确'
    default:
      return '格式不正确'
  }
}

/**
 * The Chinese message for one zod issue of a setting: `path` is the issue's path below the setting
 * (a list's index, a record's field…). A list row is named by its number (第2项), a record's part by
 * its label (名称); the setting itself is not named, its label is above the input.
 */
export function settingIssueMessage(key: string, issue: z.ZodIssue, path: ReadonlyArray<string | number>): string {
  const described = SETTING_DESCRIPTIONS[key]
  let editor = settingEditorOf(key)
  let field: string | undefined
  const where: string[] = []
  for (const step of path) {
    if (editor.kind === 'list' && typeof step === 'number') {
      where.push(`第${step + 1}项`)
      editor = editor.item
    } else if (editor.kind === 'record' && typeof step === 'string') {
      const f = editor.fields.find((x) => x.name === step)
      if (!f) break
      where.push(`「${f.label}」`)
      editor = f.editor
      field = f.name
    } else break
  }
  const format = field ? described?.formats?.[field] : undefined
  const text = problem(issue, editor, where.length ? '' : (described?.unit ?? ''), format)
  return where.length ? `${where.join('')}${text}` : text
}

/** A setting's messages when its value holds characters no one can see (bidi overrides, controls). */
export function unsafeSettingMessage(key: string): string {
  return unsafeTextMessage(SETTING_DESCRIPTIONS[key]?.label ?? '内容')
}
