import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  GLUCOSE_CONTEXTS,
  GLUCOSE_CONTEXT_LABELS,
  READING_KINDS,
  READING_KIND_LABELS,
  READING_UNITS,
  readingInput,
  type ReadingKind
} from '../../../../types/records'
import { zodFields } from '../../../../types/zod-zh'
import { toast } from '../../../components/feedback'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallOutput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { FlagAdvice } from '../components/Flag'
import { Segments } from '../components/Choices'
import { chinaClock, localClock } from '../format'
import { param, RECORDS_ROUTES, to } from '../routes'
import '../components/records.scss'
import './index.scss'

type Context = (typeof GLUCOSE_CONTEXTS)[number]
type Saved = CallOutput<'records', 'addReading'>

interface Values {
  systolic: string
  diastolic: string
  value: string
  unit: 'mmol/L' | 'mg/dL'
  context: Context | ''
}
const EMPTY: Values = { systolic: '', diastolic: '', value: '', unit: 'mmol/L', context: '' }

/** '' stays undefined so zod says 请填写…; anything else is a number or NaN (…应为数字). */
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()))

function measureOf(kind: ReadingKind, v: Values) {
  switch (kind) {
    case 'bp':
      return { kind, systolic: num(v.systolic), diastolic: num(v.diastolic) }
    case 'glucose':
      return { kind, value: num(v.value), unit: v.unit, context: v.context || undefined }
    default:
      return { kind, value: num(v.value) }
  }
}

const PLACEHOLDER: Record<Exclude<ReadingKind, 'bp' | 'glucose'>, string> = {
  heart_rate: '如 72',
  weight: '如 65.5',
  temperature: '如 36.8',
  spo2: '如 98'
}

function ReadingForm() {
  const { params } = useRouter()
  const profileId = param(params, 'profileId')
  const people = useShownData(() => call('account', 'listProfiles', {}, { idempotent: true }))
  const [kind, setKind] = useState<ReadingKind>('bp')
  const [values, setValues] = useState<Values>(EMPTY)
  const [at, setAt] = useState(() => new Date())
  const [picking, setPicking] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState<Saved | null>(null)
  const save = useAction((input: unknown, requestId: string) => call('records', 'addReading', input as never, { requestId }), {
    showError: 'inline'
  })

  if (!people.data) return people.error ? <ErrorState message={people.error} onRetry={people.reload} /> : <LoadingState />
  const patient = people.data.profiles.find((p) => p.id === profileId)
  if (!patient) return <ErrorState message="找不到这位就诊人" />

  const set = (field: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    setErrors((e) => ({ ...e, [`measure.${field}`]: '', measure: '' }))
  }

  const submit = async () => {
    const input = { profileId, measure: measureOf(kind, values), measuredAt: at.toISOString() }
    const checked = readingInput.safeParse(input)
    if (!checked.success) {
      setErrors(zodFields(checked.error))
      toast('请按红字提示修改', 'warn')
      return
    }
    setErrors({})
    const reply = await save.run(checked.data)
    if (reply) {
      setSaved(reply)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    }
  }

  const err = (key: string) => errors[key] || save.error?.fields?.[key] || undefined

  if (saved) {
    const r = saved.reading
    return (
      <View className="reading-form">
        <FlagAdvice level={r.flag.level} label={r.flag.label} advice={r.flag.advice} title={`${r.kindLabel} ${r.display}`} />
        <View className="card">
          <Text className="text-body block">
            已为{patient.name}记录：{r.kindLabel} {r.display}
          </Text>
          <Text className="text-muted block">测量时间 {chinaClock(r.measuredAt)}</Text>
          {saved.taskOpened ? (
            <Text className="reading-form__task block">已通知随访医生（{saved.taskOpened.reasonLabel}），医生会尽快联系您。</Text>
          ) : null}
        </View>
        <View className="actions">
          <Button
            type="primary"
            size="large"
            block
            onClick={() => {
              setSaved(null)
              setValues(EMPTY)
              setAt(new Date())
            }}
          >
            再记一次
          </Button>
          <Button size="large" block onClick={() => Taro.redirectTo({ url: to(RECORDS_ROUTES.home, { profileId }) })}>
            查看健康档案
          </Button>
        </View>
      </View>
    )
  }

  const unit = kind === 'glucose' ? values.unit : READING_UNITS[kind].unit

  return (
    <View className="reading-form">
      <View className="card">
        <Text className="rec-card__title block">为{patient.name}记录</Text>
        <Field label="测量项目" name="kind" required error={err('measure.kind') ?? err('measure')}>
          <View className="reading-form__grow">
            <Segments
              name="kind"
              options={READING_KINDS.map((k) => ({ value: k, label: READING_KIND_LABELS[k] }))}
              value={kind}
              onChange={(k) => {
                setKind(k)
                // A number typed for one kind means nothing for the next.
                setValues((x) => ({ ...x, value: '' }))
                setErrors({})
                save.clearError()
              }}
            />
          </View>
        </Field>

        {kind === 'bp' ? (
          <>
            <Field label="收缩压（高压）mmHg" name="systolic" required error={err('measure.systolic')}>
              <Input type="digit" value={values.systolic} placeholder="如 135" maxLength={3} onChange={(v) => set('systolic', v)} />
            </Field>
            <Field label="舒张压（低压）mmHg" name="diastolic" required error={err('measure.diastolic')}>
              <Input type="digit" value={values.diastolic} placeholder="如 85" maxLength={3} onChange={(v) => set('diastolic', v)} />
            </Field>
          </>
        ) : (
          <Field label={`${READING_KIND_LABELS[kind]}（${unit}）`} name="value" required error={err('measure.value')}>
            <Input
              type="digit"
              value={values.value}
              placeholder={kind === 'glucose' ? (values.unit === 'mmol/L' ? '如 6.1' : '如 110') : PLACEHOLDER[kind]}
              maxLength={5}
              onChange={(v) => set('value', v)}
            />
          </Field>
        )}

        {kind === 'glucose' ? (
          <>
            <Field label="单位" name="unit" error={err('measure.unit')}>
              <View className="reading-form__grow">
                <Segments
                  wide
                  name="unit"
                  options={(['mmol/L', 'mg/dL'] as const).map((u) => ({ value: u, label: u }))}
                  value={values.unit}
                  onChange={(u) => set('unit', u)}
                />
              </View>
            </Field>
            <Field label="测量时段" name="context" required error={err('measure.context')}>
              <View className="reading-form__grow">
                <Segments
                  wide
                  name="context"
                  options={GLUCOSE_CONTEXTS.map((c) => ({ value: c, label: GLUCOSE_CONTEXT_LABELS[c] }))}
                  value={values.context as Context}
                  onChange={(c) => set('context', c)}
                />
              </View>
            </Field>
          </>
        ) : null}

        <Field label="测量时间" name="measuredAt" required error={err('measuredAt')} hint="默认是现在；补录时点这里改">
          <View className="rec-pick" onClick={() => setPicking(true)}>
            <Text>{localClock(at)}</Text>
            <Text className="rec-pick__change">修改</Text>
          </View>
        </Field>
        <DatePicker
          title="测量时间"
          type="datetime"
          visible={picking}
          value={at}
          showChinese
          startDate={new Date(Date.now() - 90 * 86400_000)}
          endDate={new Date()}
          onClose={() => setPicking(false)}
          onConfirm={(_, v) => {
            const [y, mo, d, h, mi] = v.map(Number)
            setAt(new Date(y, mo - 1, d, h, mi))
            setErrors((e) => ({ ...e, measuredAt: '' }))
          }}
        />
      </View>

      {save.error && !save.error.fields ? <Text className="field__error block">{save.error.message}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} disabled={save.busy} onClick={submit}>
          保存
        </Button>
      </View>
    </View>
  )
}

export default function ReadingPage() {
  return (
    <Page>
      <ReadingForm />
    </Page>
  )
}
