import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { SettingDescriptionView } from '../../../../types/trust'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { ApiError, call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import './index.scss'

// Stored in UTC; the admin reads hospital (Beijing) time.
const when = (at: string) =>
  new Date(at).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  })

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

/** A long list's JSON would fill the screen; its size says enough next to the current value above. */
const defaultText = (v: unknown) => {
  const text = shown(v)
  if (text.length <= 30) return text
  return Array.isArray(v) ? `共${v.length}项` : '见当前值'
}

/** The server names the setting by its key; the admin reads its label right above, and an example. */
function fieldMessage(message: string, s: SettingDescriptionView): string {
  const text = message.split(s.key).join('').trim() || '格式不正确'
  return typeof s.value === 'string' && /^\d{2}:\d{2}$/.test(s.value) ? `${text}，请按“时:分”填写，例如 19:00` : text
}

/** Typed text back to the setting's kind: numbers and booleans as such, lists as JSON. */
function parse(text: string, like: unknown): unknown {
  if (typeof like === 'number') return text.trim() === '' ? NaN : Number(text)
  if (typeof like === 'boolean') return text === 'true'
  if (typeof like === 'object') {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text.trim()
}

function Settings() {
  const data = useShownData(() => call('account', 'getSettings', {}, { idempotent: true }))
  const history = useShownData(() => call('account', 'settingsHistory', { limit: 20 }, { idempotent: true }))
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  if (data.loading && !data.data) return <LoadingState />
  if (!data.data) return <ErrorState message={data.error} onRetry={data.reload} />

  const bySection = new Map<string, SettingDescriptionView[]>()
  for (const s of data.data.settings) bySection.set(s.sectionLabel, [...(bySection.get(s.sectionLabel) ?? []), s])

  const save = async () => {
    const changes: Record<string, unknown> = {}
    for (const s of data.data!.settings)
      if (s.key in edits && edits[s.key] !== shown(s.value)) changes[s.key] = parse(edits[s.key], s.value)
    if (!Object.keys(changes).length) return toast('没有修改')
    setSaving(true)
    try {
      const res = await call('account', 'updateSettings', { changes })
      setErrors({})
      setEdits({})
      toast(`已保存${res.changed.length}项，立即生效`, 'success')
      await Promise.all([data.reload(), history.reload()])
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        const fields = e.fields
        const byKey = new Map(data.data!.settings.map((s) => [s.key, s]))
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, byKey.has(k) ? fieldMessage(m, byKey.get(k)!) : m])))
        toast(`有${Object.keys(fields).length}项设置不正确，请按红字修改`)
        // The page is long: bring the first red field into view rather than leave the admin hunting.
        setTimeout(() => void Taro.pageScrollTo({ selector: '.field--error', duration: 200 }).catch(() => undefined), 50)
      } else toastError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="settings">
      {[...bySection.entries()].map(([section, list]) => (
        <View key={section} className="card">
          <Text className="settings__section">{section}</Text>
          {list.map((s) => (
            <Field
              key={s.key}
              name={s.key}
              label={`${s.label}${s.unit ? `（${s.unit}）` : ''}`}
              error={errors[s.key]}
              hint={
                <Text className="text-muted settings__default">
                  {s.meaning}。默认：{defaultText(s.defaultValue)}
                </Text>
              }
            >
              {typeof s.value === 'object' ? (
                // A list cut off in one line cannot be checked before saving: show it whole.
                <TextArea
                  className="settings__list"
                  value={edits[s.key] ?? shown(s.value)}
                  onChange={(v) => setEdits((e) => ({ ...e, [s.key]: v }))}
                  maxLength={4000}
                  rows={6}
                />
              ) : (
                <Input
                  value={edits[s.key] ?? shown(s.value)}
                  onChange={(v) => setEdits((e) => ({ ...e, [s.key]: v }))}
                  aria-label={s.label}
                />
              )}
            </Field>
          ))}
        </View>
      ))}
      <View className="actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={save}>
          保存修改
        </Button>
      </View>
      <View className="card">
        <Text className="settings__section">修改记录</Text>
        {(history.data?.changes ?? []).map((c) => (
          <Text key={c.id} className="settings__change">
            {when(c.at)} {c.by.name}：{c.label} {shown(c.before)} → {shown(c.after)}
          </Text>
        ))}
        {history.data && !history.data.changes.length ? <Text className="text-muted block">暂无修改</Text> : null}
      </View>
    </View>
  )
}

export default function SettingsPage() {
  return (
    <Page>
      <Settings />
    </Page>
  )
}
