import { Text, View } from '@tarojs/components'
import { Button, Input, Radio, Switch } from '@nutui/nutui-react-taro'
import React from 'react'
import type { SettingEditor } from '../../../../types/settings-editors'

/**
 * One editor per kind of setting, as `getSettings` describes it (types/settings-editors.ts): a
 * number box with its unit, a clock time on the wheel, a switch, a choice, a word, and lists of
 * words or of small records as rows to add and remove. The page holds a draft: numbers as the
 * text typed (so a half-typed number is not lost), the rest as the value.
 */

/** Opens the page's one time wheel for a clock value; `set` takes the picked `时:分`. */
export type PickTime = (title: string, value: string, set: (v: string) => void) => void

export function toDraft(value: unknown, editor: SettingEditor): unknown {
  if (editor.kind === 'number') return typeof value === 'number' ? String(value) : ''
  if (editor.kind === 'list') return Array.isArray(value) ? value.map((v) => toDraft(v, editor.item)) : []
  if (editor.kind === 'record') {
    const v = (value ?? {}) as Record<string, unknown>
    return Object.fromEntries(editor.fields.map((f) => [f.name, toDraft(v[f.name], f.editor)]))
  }
  return value
}

/** The draft as the value to send; a number box that does not hold a number is sent as typed, for the server to say so. */
export function fromDraft(draft: unknown, editor: SettingEditor): unknown {
  if (editor.kind === 'number') {
    const text = String(draft ?? '').trim()
    const n = Number(text)
    return text !== '' && Number.isFinite(n) ? n : text
  }
  if (editor.kind === 'text' || editor.kind === 'time') return typeof draft === 'string' ? draft.trim() : draft
  if (editor.kind === 'list') return (draft as unknown[]).map((d) => fromDraft(d, editor.item))
  if (editor.kind === 'record') {
    const d = draft as Record<string, unknown>
    return Object.fromEntries(editor.fields.map((f) => [f.name, fromDraft(d[f.name], f.editor)]))
  }
  return draft
}

/** An empty row for a list: what 添加 puts at its end. */
function blank(editor: SettingEditor): unknown {
  switch (editor.kind) {
    case 'number':
    case 'text':
      return ''
    case 'time':
      return '08:00'
    case 'switch':
      return false
    case 'choice':
      return editor.options[0] ?? ''
    case 'list':
      return []
    case 'record':
      return Object.fromEntries(editor.fields.map((f) => [f.name, blank(f.editor)]))
    default:
      return null
  }
}

/** A value in words, for the default, the range and the history: never JSON. */
export function inWords(value: unknown, editor: SettingEditor, unit?: string | null): string {
  if (value === null || value === undefined || value === '') return '（空）'
  switch (editor.kind) {
    case 'number':
      return `${String(value)}${unit ?? ''}`
    case 'switch':
      return value ? '开' : '关'
    case 'list': {
      const list = Array.isArray(value) ? value : []
      if (!list.length) return '（无）'
      const words = list.map((v) => inWords(v, editor.item))
      const text = words.join('、')
      return text.length > 40 ? `${words.slice(0, 3).join('、')}等${list.length}项` : text
    }
    case 'record': {
      const v = value as Record<string, unknown>
      const named = editor.fields.find((f) => f.name === 'name') ?? editor.fields.find((f) => f.editor.kind === 'text')
      return named ? String(v[named.name] ?? '') : '一项'
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

/** 可填1到60天, 至少1次: the range a number box takes, said next to its default. */
export function rangeInWords(editor: SettingEditor, unit: string | null): string {
  if (editor.kind !== 'number') return ''
  const u = unit ?? ''
  const whole = editor.integer ? '整数' : ''
  if (editor.min !== null && editor.max !== null) return `可填${editor.min}到${editor.max}${u}${whole ? `的${whole}` : ''}`
  if (editor.min !== null) return `至少${editor.min}${u}`
  if (editor.max !== null) return `最多${editor.max}${u}`
  return ''
}

interface EditorProps {
  editor: SettingEditor
  value: unknown
  onChange(v: unknown): void
  /** What the control is, for a screen reader and the picker's title. */
  label: string
  unit?: string | null
  pickTime: PickTime
}

export function SettingInput({ editor, value, onChange, label, unit, pickTime }: EditorProps) {
  switch (editor.kind) {
    case 'number':
      return (
        <View className="settings__number">
          <Input
            className="settings__number-input"
            type={editor.integer ? 'number' : 'digit'}
            value={String(value ?? '')}
            onChange={(v) => onChange(v)}
            aria-label={label}
            maxLength={12}
          />
          {unit ? <Text className="settings__unit">{unit}</Text> : null}
        </View>
      )
    case 'time':
      return (
        <View
          className="settings__clock"
          hoverClass="tap-active"
          aria-role="button"
          aria-label={`${label}：${String(value ?? '')}，点按选择`}
          onClick={() => pickTime(label, String(value ?? ''), (v) => onChange(v))}
        >
          <Text className="settings__clock-value">{String(value || '--:--')}</Text>
          <Text className="settings__clock-hint">点按选择</Text>
        </View>
      )
    case 'switch':
      return (
        <View className="settings__switch">
          <Switch checked={!!value} onChange={(on) => onChange(on)} ariaLabel={label} />
          <Text className="settings__switch-text">{value ? '开' : '关'}</Text>
        </View>
      )
    case 'choice':
      return (
        <Radio.Group
          value={String(value ?? '')}
          shape="button"
          direction="horizontal"
          className="choice-grid choice-grid--wide"
          onChange={(v) => onChange(String(v))}
        >
          {editor.options.map((o) => (
            <Radio key={o} value={o} shape="button">
              {o}
            </Radio>
          ))}
        </Radio.Group>
      )
    case 'text':
      return <Input value={String(value ?? '')} onChange={(v) => onChange(v)} aria-label={label} maxLength={editor.maxLength ?? 100} />
    case 'list':
      return <ListInput editor={editor} value={value} onChange={onChange} label={label} pickTime={pickTime} />
    case 'record': {
      const v = (value ?? {}) as Record<string, unknown>
      return (
        <View className="settings__record">
          {editor.fields.map((f) => (
            <View key={f.name} className="settings__part" data-part={f.name}>
              <Text className="settings__part-label">{f.label}</Text>
              <SettingInput
                editor={f.editor}
                value={v[f.name]}
                onChange={(x) => onChange({ ...v, [f.name]: x })}
                label={f.label}
                pickTime={pickTime}
              />
            </View>
          ))}
        </View>
      )
    }
    default:
      return <Text className="text-muted">{JSON.stringify(value)}</Text>
  }
}

/** Rows to add and remove: words one per box, records one per card. */
function ListInput({ editor, value, onChange, label, pickTime }: EditorProps & { editor: Extract<SettingEditor, { kind: 'list' }> }) {
  const list = Array.isArray(value) ? value : []
  const records = editor.item.kind === 'record'
  const full = editor.maxItems !== null && list.length >= editor.maxItems
  const set = (i: number, v: unknown) => onChange(list.map((x, k) => (k === i ? v : x)))
  const remove = (i: number) => onChange(list.filter((_x, k) => k !== i))
  return (
    <View className={`settings__rows${records ? ' settings__rows--records' : ''}`}>
      {list.map((item, i) => (
        <View key={i} className={records ? 'settings__item' : 'settings__row'} data-row={i}>
          {records ? (
            <View className="settings__item-head">
              <Text className="settings__item-title">
                第{i + 1}项 {inWords(item, editor.item)}
              </Text>
              <Text className="settings__remove" aria-role="button" onClick={() => remove(i)}>
                删除
              </Text>
            </View>
          ) : null}
          <View className={records ? '' : 'settings__row-input'}>
            <SettingInput
              editor={editor.item}
              value={item}
              onChange={(v) => set(i, v)}
              label={`${label}第${i + 1}项`}
              pickTime={pickTime}
            />
          </View>
          {records ? null : (
            <Text className="settings__remove" aria-role="button" aria-label={`删除${label}第${i + 1}项`} onClick={() => remove(i)}>
              删除
            </Text>
          )}
        </View>
      ))}
      {!list.length ? <Text className="text-muted settings__empty">（无）</Text> : null}
      <Button
        className="settings__add"
        fill="outline"
        type="primary"
        disabled={full}
        onClick={() => onChange([...list, blank(editor.item)])}
      >
        {full ? `最多${editor.maxItems}项` : `添加${label.replace(/第\d+项$/, '')}`}
      </Button>
    </View>
  )
}
