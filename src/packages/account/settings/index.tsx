import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { SettingDescriptionView } from '../../../../types/trust'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { pickerRowStyle } from '../../../components/pickerRows'
import { ErrorState, LoadingState } from '../../../components/States'
import { ApiError, call } from '../../../services/api'
import { useAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import { fromDraft, inWords, rangeInWords, SettingInput, toDraft, type PickTime } from './editors'
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

/** The picker works on a Date; only its hours and minutes are read. */
function clockDate(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  const d = new Date()
  d.setHours(Number.isFinite(h) ? h : 8, Number.isFinite(m) ? m : 0, 0, 0)
  return d
}

const two = (n: unknown) => String(n).padStart(2, '0')

interface Picking {
  title: string
  value: string
  set(v: string): void
}

function Settings() {
  const data = useShownData(() => call('account', 'getSettings', {}, { idempotent: true }))
  const history = useShownData(() => call('account', 'settingsHistory', { limit: 20 }, { idempotent: true }))
  const { elderMode } = useAccount()
  // Drafts of the settings being changed, in their editors' shape (settings/editors.tsx).
  const [drafts, setDrafts] = useState<Record<string, unknown>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [picking, setPicking] = useState<Picking | null>(null)
  const [saving, setSaving] = useState(false)

  if (data.loading && !data.data) return <LoadingState />
  if (!data.data) return <ErrorState message={data.error} onRetry={data.reload} />

  const settings = data.data.settings
  const byKey = new Map(settings.map((s) => [s.key, s]))
  const bySection = new Map<string, SettingDescriptionView[]>()
  for (const s of settings) bySection.set(s.sectionLabel, [...(bySection.get(s.sectionLabel) ?? []), s])

  const draftOf = (s: SettingDescriptionView) => (s.key in drafts ? drafts[s.key] : toDraft(s.value, s.editor))
  const edit = (key: string, v: unknown) => {
    setDrafts((d) => ({ ...d, [key]: v }))
    setErrors((e) => (e[key] ? { ...e, [key]: '' } : e))
  }
  const changes: Record<string, unknown> = {}
  for (const s of settings) {
    if (!(s.key in drafts)) continue
    const value = fromDraft(drafts[s.key], s.editor)
    if (JSON.stringify(value) !== JSON.stringify(s.value)) changes[s.key] = value
  }
  const changedCount = Object.keys(changes).length

  const save = async () => {
    if (!changedCount) return toast('没有修改')
    setSaving(true)
    try {
      const res = await call('account', 'updateSettings', { changes })
      setErrors({})
      setDrafts({})
      toast(`已保存${res.changed.length}项，立即生效`, 'success')
      await Promise.all([data.reload(), history.reload()])
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        // Chinese and worded for the input: shown under it as it comes.
        setErrors(e.fields)
        toast(`有${Object.keys(e.fields).length}项设置不正确，请按红字修改`)
        // The page is long: bring the first red field into view rather than leave the admin hunting.
        setTimeout(() => void Taro.pageScrollTo({ selector: '.field--error', duration: 200 }).catch(() => undefined), 50)
      } else toastError(e)
    } finally {
      setSaving(false)
    }
  }

  const pickTime: PickTime = (title, value, set) => setPicking({ title, value, set })

  return (
    <View className="settings">
      {[...bySection.entries()].map(([section, list]) => (
        <View key={section} className="card">
          <Text className="settings__section">{section}</Text>
          {list.map((s) => {
            const range = rangeInWords(s.editor, s.unit)
            return (
              <Field
                key={s.key}
                name={s.key}
                label={s.label}
                error={errors[s.key]}
                hint={
                  // One sentence, one text: it wraps as a paragraph, never leaving 天 alone on a line.
                  <Text className="text-muted settings__default">
                    {`${s.meaning}。默认：${inWords(s.defaultValue, s.editor, s.unit)}${range ? `；${range}` : ''}`}
                  </Text>
                }
              >
                <SettingInput
                  editor={s.editor}
                  value={draftOf(s)}
                  onChange={(v) => edit(s.key, v)}
                  label={s.label}
                  unit={s.unit}
                  pickTime={pickTime}
                />
              </Field>
            )
          })}
        </View>
      ))}
      <View className="actions settings__actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={save}>
          {changedCount ? `保存修改（${changedCount}项）` : '保存修改'}
        </Button>
        {changedCount || Object.keys(drafts).length ? (
          <Button
            fill="outline"
            size="large"
            block
            disabled={saving}
            onClick={() => {
              setDrafts({})
              setErrors({})
            }}
          >
            放弃修改
          </Button>
        ) : null}
      </View>
      <View className="card">
        <Text className="settings__section">修改记录</Text>
        {(history.data?.changes ?? []).map((c) => {
          const s = byKey.get(c.key)
          const words = (v: unknown) => (s ? inWords(v, s.editor, s.unit) : typeof v === 'string' ? v : JSON.stringify(v))
          return (
            <Text key={c.id} className="settings__change">
              {when(c.at)} {c.by.name}：{c.label} {words(c.before)} → {words(c.after)}
            </Text>
          )
        })}
        {history.data && !history.data.changes.length ? <Text className="text-muted block">暂无修改</Text> : null}
      </View>

      <View style={pickerRowStyle(elderMode)}>
        <DatePicker
          type="hour-minutes"
          title={picking?.title ?? '选择时间'}
          minuteStep={5}
          // A flat wheel: the 3D one draws its rows on top of each other in the H5 build.
          threeDimensional={false}
          visible={picking !== null}
          value={clockDate(picking?.value ?? '08:00')}
          onConfirm={(_, [h, m]) => picking?.set(`${two(h)}:${two(m)}`)}
          onClose={() => setPicking(null)}
        />
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
