import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  ADHERENCE,
  ADHERENCE_LABELS,
  CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  followUpForm,
  LEVELS,
  LEVEL_LABELS,
  METHODS,
  METHOD_LABELS,
  SALT,
  SALT_LABELS
} from '../../../../types/records'
import { zodFields } from '../../../../types/zod-zh'
import { toast } from '../../../components/feedback'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { Row } from '../../../components/Row'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallOutput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { Chips, Segments } from '../components/Choices'
import { FlagTag } from '../components/Flag'
import { chinaClock, dateText, localDay } from '../format'
import { param, RECORDS_ROUTES, referralRoute, to } from '../routes'
import '../components/records.scss'
import './index.scss'

/** The symptom list of the national hypertension / diabetes follow-up forms. */
const SYMPTOMS = [
  '无症状',
  '头痛头晕',
  '恶心呕吐',
  '眼花耳鸣',
  '呼吸困难',
  '心悸胸闷',
  '鼻出血不止',
  '四肢发麻',
  '下肢水肿',
  '多饮多食多尿',
  '视力模糊',
  '感染'
]

type Method = (typeof METHODS)[number]
type Level = (typeof LEVELS)[number]
type Salt = (typeof SALT)[number]
type Adherence = (typeof ADHERENCE)[number]
type Classification = (typeof CLASSIFICATIONS)[number]
type Result = CallOutput<'records', 'recordFollowUp'>

interface Values {
  method: Method | ''
  symptoms: string[]
  systolic: string
  diastolic: string
  weight: string
  heartRate: string
  smokingPerDay: string
  drinking: Level
  exercise: string
  salt: Salt
  adherence: Adherence | ''
  adverseReactions: string
  classification: Classification | ''
  complications: string[]
  refer: boolean
  hospital: string
  referReason: string
  nextDate: Date | null
  notes: string
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()))

/** The national forms ask for the next visit in 3 months when control is satisfactory, in 2 weeks otherwise. */
function suggestedNext(c: Classification | ''): Date {
  const d = new Date()
  d.setDate(d.getDate() + (c === 'satisfactory' ? 90 : 14))
  return d
}

function Result({ result, patientName }: { result: Result; patientName: string }) {
  const f = result.followUp
  return (
    <View className="follow-up__done">
      <View className="card">
        <Text className="rec-card__title block">随访已记录，任务已完成</Text>
        <Row label="患者" value={patientName} />
        <Row label="分类" value={f.form.classificationLabel} />
        <Row
          label="下次随访"
          value={<Text className="follow-up__next">{dateText(result.nextTask?.dueDate ?? f.form.nextDate)}</Text>}
          strong
        />
        {result.nextTask ? <Text className="text-muted block">已安排下次随访任务（{result.nextTask.reasonLabel}）</Text> : null}
      </View>
      {f.referralSuggested ? (
        <View className="card follow-up__referral">
          <Text className="block follow-up__referral-title">建议转诊</Text>
          <Text className="text-body block">{f.referralReason}</Text>
        </View>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: RECORDS_ROUTES.console })}>
          返回随访工作台
        </Button>
        <Button
          size="large"
          block
          onClick={() => Taro.navigateTo({ url: referralRoute({ id: result.task.id, profileId: f.profileId, patientName }) })}
        >
          为患者预约专家（转诊）
        </Button>
        <Button size="large" block onClick={() => Taro.redirectTo({ url: to(RECORDS_ROUTES.patient, { profileId: f.profileId }) })}>
          查看患者档案
        </Button>
      </View>
    </View>
  )
}

function FollowUpFormScreen() {
  const { params } = useRouter()
  const taskId = param(params, 'taskId')
  const profileId = param(params, 'profileId')
  const data = useShownData(async () => {
    const [record, list] = await Promise.all([
      call('records', 'patientRecord', { profileId }, { idempotent: true }),
      call('records', 'programmes', {}, { idempotent: true })
    ])
    return { record, programmes: list.programmes }
  }, [profileId])
  const [v, setV] = useState<Values>({
    method: '',
    symptoms: [],
    systolic: '',
    diastolic: '',
    weight: '',
    heartRate: '',
    smokingPerDay: '0',
    drinking: 'none',
    exercise: '',
    salt: 'moderate',
    adherence: '',
    adverseReactions: '',
    classification: '',
    complications: [],
    refer: false,
    hospital: '',
    referReason: '',
    nextDate: null,
    notes: ''
  })
  const [picking, setPicking] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [result, setResult] = useState<Result | null>(null)
  const save = useAction(
    (input: { taskId: string; form: unknown }, requestId: string) => call('records', 'recordFollowUp', input as never, { requestId }),
    { showError: 'inline', success: '随访已记录' }
  )

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { record, programmes } = data.data
  if (result) return <Result result={result} patientName={record.patient.name} />
  const task = record.tasks.find((t) => t.id === taskId)
  if (!task) return <ErrorState message="找不到这条随访任务" />
  if (task.status !== 'open') return <ErrorState message={`这条随访任务${task.statusLabel}`} />

  const enrolled = record.enrolments.map((e) => e.programme)
  const complicationOptions = [...new Set(programmes.filter((p) => enrolled.includes(p.code)).flatMap((p) => p.complications))]
  const nextDate = v.nextDate ?? suggestedNext(v.classification)

  const set = <K extends keyof Values>(key: K, value: Values[K], errorKey: string = key) => {
    setV((s) => ({ ...s, [key]: value }))
    setErrors((e) => ({ ...e, [errorKey]: '' }))
  }
  const err = (key: string) => errors[key] || save.error?.fields?.[key] || save.error?.fields?.[`form.${key}`] || undefined

  const submit = async () => {
    const form = {
      method: v.method || undefined,
      symptoms: v.symptoms,
      systolic: num(v.systolic),
      diastolic: num(v.diastolic),
      weight: num(v.weight),
      heartRate: num(v.heartRate),
      lifestyle: {
        smokingPerDay: num(v.smokingPerDay) ?? 0,
        drinking: v.drinking,
        exerciseTimesPerWeek: num(v.exercise) ?? 0,
        salt: v.salt
      },
      adherence: v.adherence || undefined,
      adverseReactions: v.adverseReactions,
      classification: v.classification || undefined,
      complications: v.complications,
      referral: v.refer ? { hospital: v.hospital, reason: v.referReason } : null,
      nextDate: localDay(nextDate),
      notes: v.notes
    }
    const checked = followUpForm.safeParse(form)
    if (!checked.success) {
      setErrors(zodFields(checked.error))
      toast('请按红字提示填写', 'warn')
      return
    }
    setErrors({})
    const reply = await save.run({ taskId, form: checked.data })
    if (reply) {
      setResult(reply)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    }
  }

  return (
    <View className="follow-up">
      <View className="card">
        <View className="rec-card__head">
          <Text className="rec-card__title">
            {record.patient.name}
            <Text className="text-muted">
              {'　'}
              {record.patient.sex === 'male' ? '男' : '女'} · {record.patient.age}岁
            </Text>
          </Text>
          <Text className="text-muted">{task.reasonLabel}</Text>
        </View>
        <Row label="电话" value={record.patient.phone} />
        {task.readings.map((r) => (
          <View key={r.id} className="reading-table__row">
            <Text className="reading-table__time">{chinaClock(r.measuredAt)}</Text>
            <Text className="reading-table__value">{r.display}</Text>
            <FlagTag level={r.flag.level} label={r.flag.label} />
          </View>
        ))}
      </View>

      <View className="card">
        <Field label="随访方式" name="method" required error={err('method')}>
          <View className="follow-up__grow">
            <Segments
              name="method"
              options={METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
              value={v.method as Method}
              onChange={(m) => set('method', m)}
            />
          </View>
        </Field>
        <Field label="症状" name="symptoms" error={err('symptoms')}>
          <View className="follow-up__grow">
            <Chips wide name="symptoms" options={SYMPTOMS} value={v.symptoms} onChange={(s) => set('symptoms', s)} />
          </View>
        </Field>
        <View className="follow-up__pair">
          <Field label="收缩压 mmHg" name="systolic" error={err('systolic')}>
            <Input type="digit" value={v.systolic} maxLength={3} placeholder="高压" onChange={(x) => set('systolic', x)} />
          </Field>
          <Field label="舒张压 mmHg" name="diastolic" error={err('diastolic')}>
            <Input type="digit" value={v.diastolic} maxLength={3} placeholder="低压" onChange={(x) => set('diastolic', x)} />
          </Field>
        </View>
        <View className="follow-up__pair">
          <Field label="体重 kg" name="weight" error={err('weight')}>
            <Input type="digit" value={v.weight} maxLength={5} onChange={(x) => set('weight', x)} />
          </Field>
          <Field label="心率 次/分" name="heartRate" error={err('heartRate')}>
            <Input type="digit" value={v.heartRate} maxLength={3} onChange={(x) => set('heartRate', x)} />
          </Field>
        </View>
      </View>

      <Text className="section-title">生活方式指导</Text>
      <View className="card">
        <View className="follow-up__pair">
          <Field label="日吸烟量（支）" name="smokingPerDay" error={err('lifestyle.smokingPerDay')}>
            <Input
              type="digit"
              value={v.smokingPerDay}
              maxLength={3}
              onChange={(x) => set('smokingPerDay', x, 'lifestyle.smokingPerDay')}
            />
          </Field>
          <Field label="每周运动（次）" name="exercise" error={err('lifestyle.exerciseTimesPerWeek')}>
            <Input
              type="digit"
              value={v.exercise}
              maxLength={2}
              placeholder="0"
              onChange={(x) => set('exercise', x, 'lifestyle.exerciseTimesPerWeek')}
            />
          </Field>
        </View>
        <Field label="饮酒" name="drinking">
          <View className="follow-up__grow">
            <Segments
              name="drinking"
              options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
              value={v.drinking}
              onChange={(l) => set('drinking', l)}
            />
          </View>
        </Field>
        <Field label="摄盐情况" name="salt">
          <View className="follow-up__grow">
            <Segments
              name="salt"
              options={SALT.map((l) => ({ value: l, label: SALT_LABELS[l] }))}
              value={v.salt}
              onChange={(l) => set('salt', l)}
            />
          </View>
        </Field>
      </View>

      <View className="card">
        <Field label="服药依从性" name="adherence" required error={err('adherence')}>
          <View className="follow-up__grow">
            <Segments
              name="adherence"
              options={ADHERENCE.map((a) => ({ value: a, label: ADHERENCE_LABELS[a] }))}
              value={v.adherence as Adherence}
              onChange={(a) => set('adherence', a)}
            />
          </View>
        </Field>
        <Field label="药物不良反应" name="adverseReactions" error={err('adverseReactions')}>
          <Input value={v.adverseReactions} maxLength={100} placeholder="无则不填" onChange={(x) => set('adverseReactions', x)} />
        </Field>
        <Field label="此次随访分类" name="classification" required error={err('classification')}>
          <View className="follow-up__grow">
            <Segments
              name="classification"
              options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))}
              wide
              value={v.classification as Classification}
              onChange={(c) => set('classification', c)}
            />
          </View>
        </Field>
        {complicationOptions.length ? (
          <Field label="目前并发症" name="complications" error={err('complications')}>
            <View className="follow-up__grow">
              <Chips name="complications" options={complicationOptions} value={v.complications} onChange={(c) => set('complications', c)} />
            </View>
          </Field>
        ) : null}
      </View>

      <View className="card">
        <View className="follow-up__switch">
          <Text className="field__label">转诊</Text>
          <Switch checked={v.refer} onChange={(on) => set('refer', on, 'referral')} />
        </View>
        {v.refer ? (
          <>
            <Field label="转诊医院" name="hospital" required error={err('referral.hospital') ?? err('referral')}>
              <Input
                value={v.hospital}
                maxLength={40}
                placeholder="如：山东省立医院"
                onChange={(x) => set('hospital', x, 'referral.hospital')}
              />
            </Field>
            <Field label="转诊原因" name="referReason" required error={err('referral.reason')}>
              <Input
                value={v.referReason}
                maxLength={100}
                placeholder="如：血压控制不满意"
                onChange={(x) => set('referReason', x, 'referral.reason')}
              />
            </Field>
          </>
        ) : null}
        <Field
          label="下次随访日期"
          name="nextDate"
          required
          error={err('nextDate')}
          hint={v.nextDate ? undefined : '按分类建议：控制满意3个月后，否则2周后'}
        >
          <View className="rec-pick" onClick={() => setPicking(true)}>
            <Text>{dateText(localDay(nextDate))}</Text>
            <Text className="rec-pick__change">修改</Text>
          </View>
        </Field>
        <DatePicker
          title="下次随访日期"
          type="date"
          visible={picking}
          value={nextDate}
          showChinese
          startDate={new Date()}
          endDate={new Date(Date.now() + 366 * 86400_000)}
          onClose={() => setPicking(false)}
          onConfirm={(_, d) => {
            const [y, m, day] = d.map(Number)
            set('nextDate', new Date(y, m - 1, day))
          }}
        />
        <Field label="备注" name="notes" error={err('notes')}>
          <TextArea value={v.notes} maxLength={300} rows={2} placeholder="用药调整、健康指导等" onChange={(x) => set('notes', x)} />
        </Field>
      </View>

      {save.error && !save.error.fields ? <Text className="field__error block">{save.error.message}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} disabled={save.busy} onClick={submit}>
          完成随访
        </Button>
      </View>
    </View>
  )
}

export default function FollowUpPage() {
  return (
    <Page>
      <FollowUpFormScreen />
    </Page>
  )
}
