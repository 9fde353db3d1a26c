import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Input, TextArea } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  LIVE_STATUSES,
  visitRecordInput,
  type LocationInput,
  type NursingStatus,
  type RequestDetail,
  type RequestView,
  type VisitRecordInput
} from '../../../../types/nursing'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toast } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { NursingTimeline } from '../../nursing/components/NursingTimeline'
import { RequestFacts } from '../../nursing/components/RequestFacts'
import { VisitRecord } from '../../nursing/components/VisitRecord'
import { LiveAlarm } from '../components/LiveAlarm'
import { RequestHead } from '../components/RequestHead'
import { currentLocation } from '../location'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'
import './index.scss'

type Located = 'depart' | 'arrive' | 'leaveVisit'
interface StepInput {
  id: string
  from?: NursingStatus
  location?: LocationInput | null
  idLastFour?: string
  reason?: string
  record?: VisitRecordInput
}

const VITALS = [
  { key: 'systolic', label: '收缩压', unit: 'mmHg', decimal: false },
  { key: 'diastolic', label: '舒张压', unit: 'mmHg', decimal: false },
  { key: 'heartRate', label: '心率', unit: '次/分', decimal: false },
  { key: 'temperature', label: '体温', unit: '℃', decimal: true },
  { key: 'spo2', label: '血氧', unit: '%', decimal: false },
  { key: 'glucose', label: '血糖', unit: 'mmol/L', decimal: true }
] as const
type VitalKey = (typeof VITALS)[number]['key']

function RecordForm({ request: r, busy, onSubmit }: { request: RequestView; busy: boolean; onSubmit(record: VisitRecordInput): void }) {
  const [done, setDone] = useState<Record<string, string>>({})
  const [vitals, setVitals] = useState<Partial<Record<VitalKey, string>>>({})
  const [consumables, setConsumables] = useState('')
  const [advice, setAdvice] = useState('')
  const [nextVisit, setNextVisit] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  const submit = () => {
    const numbers = Object.fromEntries(
      Object.entries(vitals)
        .filter(([, v]) => v !== undefined && v.trim() !== '')
        .map(([k, v]) => [k, Number(v)])
    )
    const draft = {
      items: r.items.map((i) => ({ code: i.code, done: (done[i.code] ?? '').trim() })),
      vitals: numbers,
      ...(consumables.trim() ? { consumables: consumables.trim() } : {}),
      advice: advice.trim(),
      ...(nextVisit.trim() ? { nextVisit: nextVisit.trim() } : {})
    }
    const checked = visitRecordInput.safeParse(draft)
    if (!checked.success) {
      setErrors(zodFields(checked.error))
      toast('请按红字提示填写服务记录', 'warn')
      return
    }
    setErrors({})
    onSubmit(checked.data)
  }

  return (
    <View className="card nursing-record-form" data-form="record">
      <Text className="section-title nursing-record-form__title">服务记录</Text>
      {r.items.map((i, n) => (
        <Field key={i.code} label={`${i.name}：操作记录`} name={`done-${i.code}`} required error={errors[`items.${n}.done`]}>
          <TextArea
            value={done[i.code] ?? ''}
            onChange={(v) => setDone({ ...done, [i.code]: v })}
            maxLength={300}
            rows={2}
            placeholder="做了什么、所见情况"
          />
        </Field>
      ))}
      <Text className="field__label nursing-record-form__vitals-title">生命体征</Text>
      <View className="nursing-record-form__vitals">
        {VITALS.map((v) => (
          <Field key={v.key} label={`${v.label}（${v.unit}）`} name={v.key} error={errors[`vitals.${v.key}`]}>
            <Input
              type={v.decimal ? 'digit' : 'number'}
              value={vitals[v.key] ?? ''}
              placeholder="未测可不填"
              maxLength={5}
              onChange={(x) => setVitals({ ...vitals, [v.key]: x })}
            />
          </Field>
        ))}
      </View>
      <Field label="耗材" name="consumables" error={errors.consumables}>
        <Input value={consumables} maxLength={200} placeholder="如：PICC换药包1个、正压接头1个" onChange={setConsumables} />
      </Field>
      <Field label="护理建议" name="advice" required error={errors.advice}>
        <TextArea value={advice} onChange={setAdvice} maxLength={300} rows={3} placeholder="给家属的护理建议" />
      </Field>
      <Field label="下次上门建议" name="nextVisit" error={errors.nextVisit}>
        <Input value={nextVisit} maxLength={100} placeholder="如：7天后再次维护" onChange={setNextVisit} />
      </Field>
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={submit}>
          完成服务
        </Button>
      </View>
    </View>
  )
}

function Visit() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const detail = useShownData(() => call('nursing', 'openVisit', { id }, { idempotent: true }), [id])
  const [shown, setShown] = useState<RequestDetail | null>(null)
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const [idLastFour, setIdLastFour] = useState('')
  const [noLocation, setNoLocation] = useState<Located | null>(null)
  const [locating, setLocating] = useState(false)

  const step = useAction(
    (input: { action: 'acceptVisit' | 'declineVisit' | 'startService' | 'completeVisit' | Located } & StepInput, requestId: string) => {
      const { action, ...data } = input
      // Each action's own schema checks the fields on the server; the page sends only what that step takes.
      return call('nursing', action as 'acceptVisit', data as { id: string }, { requestId })
    },
    {
      success: (_r, i) =>
        ({
          acceptVisit: '已接单',
          declineVisit: '已婉拒，护理部会重新派单',
          depart: '已出发，家属已收到提醒',
          arrive: '已签到',
          startService: '开始服务',
          completeVisit: '服务已完成',
          leaveVisit: '已记录离开'
        })[i.action]
    }
  )

  const current = shown && detail.data && shown.request.updatedAt >= detail.data.request.updatedAt ? shown : detail.data
  if (!current) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const { request: r, timeline } = current
  const live = LIVE_STATUSES.includes(r.status)
  const next = r.nextSteps

  const run = async (input: Parameters<typeof step.run>[0]) => {
    const res = await step.run(input)
    if (res) setShown(res)
    detail.reload()
    return res
  }

  /** 出发, 到达, 离开: with the location, or, when the phone gives none, after the nurse says to go on without. */
  const located = async (action: Located, withoutLocation = false) => {
    let location: LocationInput | null = null
    if (!withoutLocation) {
      setLocating(true)
      location = await currentLocation()
      setLocating(false)
      if (!location) {
        setNoLocation(action)
        return
      }
    }
    setNoLocation(null)
    if (action === 'depart') await run({ action, id, from: r.status, location })
    else if (action === 'arrive') await run({ action, id, from: r.status, location, idLastFour: idLastFour.trim() })
    else if (location) await run({ action, id, location })
  }

  const busy = step.busy || locating

  return (
    <View className={`nursing-visit${live ? ' nursing-has-alarm-bar' : ''}`}>
      <LiveAlarm visit={{ id: r.id, status: r.status, patientName: r.patientName }} />

      <RequestHead request={r}>
        {live ? (
          <View className="nursing-visit__contact">
            <Text className="text-body block">
              {r.address.region} {r.address.detail}
            </Text>
            <Text className="text-body block">
              {r.contactName}　
              <Text
                className="nursing-visit__phone"
                onClick={() => Taro.makePhoneCall({ phoneNumber: r.contactPhone }).catch(() => undefined)}
              >
                {r.contactPhone}
              </Text>
            </Text>
          </View>
        ) : null}
      </RequestHead>

      {next.includes('accepted') ? (
        <View className="actions nursing-steps">
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={busy}
            onClick={() => run({ action: 'acceptVisit', id, from: r.status })}
          >
            接单
          </Button>
          <Button fill="outline" size="large" block disabled={busy} onClick={() => setDeclining(true)}>
            婉拒
          </Button>
        </View>
      ) : null}
      {next.includes('en_route') ? (
        <View className="actions nursing-steps">
          <Text className="text-muted block nursing-steps__note">出发时会记录当前位置，并提醒家属。</Text>
          <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => located('depart')}>
            出发
          </Button>
        </View>
      ) : null}
      {next.includes('arrived') ? (
        <View className="card nursing-steps">
          <Field label="核对就诊人身份证号后四位" name="idLastFour" required error={step.error?.fields?.idLastFour}>
            <Input value={idLastFour} maxLength={4} placeholder={`请向${r.patientName}核对`} onChange={setIdLastFour} />
          </Field>
          <View className="actions">
            <Button
              type="primary"
              size="large"
              block
              loading={busy}
              disabled={busy || idLastFour.trim().length !== 4}
              onClick={() => located('arrive')}
            >
              到达签到
            </Button>
          </View>
        </View>
      ) : null}
      {next.includes('in_service') ? (
        <View className="actions nursing-steps">
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={busy}
            onClick={() => run({ action: 'startService', id, from: r.status })}
          >
            开始服务
          </Button>
        </View>
      ) : null}
      {next.includes('completed') ? (
        <RecordForm request={r} busy={busy} onSubmit={(record) => run({ action: 'completeVisit', id, from: r.status, record })} />
      ) : null}
      {(r.status === 'completed' || r.status === 'rated') && !r.locations.left ? (
        <View className="actions nursing-steps">
          <Button fill="outline" size="large" block loading={busy} disabled={busy} onClick={() => located('leaveVisit')}>
            离开（记录位置）
          </Button>
        </View>
      ) : null}

      {r.record ? <VisitRecord record={r.record} /> : null}

      <Text className="section-title">申请内容</Text>
      <RequestFacts request={r} showContact={live} />

      <Text className="section-title">进度</Text>
      <View className="card">
        <NursingTimeline status={r.status} timeline={timeline} createdAt={r.createdAt} staffView />
      </View>

      <ReasonDialog
        visible={declining}
        title="婉拒派单"
        message="婉拒后护理部会改派其他护士。"
        reason={reason}
        onReasonChange={setReason}
        placeholder="婉拒原因，如该时段已有其他安排"
        missingText="请填写婉拒原因"
        confirmText="确认婉拒"
        cancelText="再想想"
        busy={step.busy}
        onConfirm={async (why) => {
          if (await run({ action: 'declineVisit', id, from: r.status, reason: why })) setDeclining(false)
        }}
        onClose={() => setDeclining(false)}
      />
      <Dialog
        visible={noLocation !== null}
        title="无法获取位置"
        content="手机没有给出当前位置（可能未允许定位、信号弱或浏览器不支持）。可以重试；或跳过定位继续，这一步会记录为「位置不可用」。"
        confirmText="跳过定位"
        cancelText="重试"
        onConfirm={() => {
          if (noLocation) located(noLocation, true)
        }}
        onCancel={() => {
          if (noLocation) located(noLocation)
        }}
        onClose={() => setNoLocation(null)}
      />
    </View>
  )
}

export default function VisitPage() {
  return (
    <Page>
      <Visit />
    </Page>
  )
}
