import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Radio, TextArea } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  REFUSAL_LABELS,
  REFUSAL_REASONS,
  RISK_LABELS,
  RISK_LEVELS,
  type NursingStatus,
  type RefusalReason,
  type RequestDetail,
  type RiskLevel
} from '../../../../types/nursing'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { Row } from '../../../components/Row'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { NurseCard } from '../../nursing/components/NurseCard'
import { NursingTimeline } from '../../nursing/components/NursingTimeline'
import { RequestFacts } from '../../nursing/components/RequestFacts'
import { VisitRecord } from '../../nursing/components/VisitRecord'
import { RequestHead } from '../components/RequestHead'
import { locationText } from '../location'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'
import './index.scss'

type Assess =
  | { id: string; from: NursingStatus; decision: 'accept'; risk: RiskLevel; note?: string }
  | {
      id: string
      from: NursingStatus
      decision: 'reject'
      reason: RefusalReason
      note?: string
    }

function AssessForm({ id, from, onDone }: { id: string; from: NursingStatus; onDone(d: RequestDetail): void }) {
  const [decision, setDecision] = useState<'accept' | 'reject' | ''>('')
  const [risk, setRisk] = useState<RiskLevel | ''>('')
  const [reason, setReason] = useState<RefusalReason | ''>('')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState<Record<string, string>>({})
  const assess = useAction((input: Assess, requestId: string) => call('nursing', 'assessRequest', input, { requestId }), {
    success: (_r, i) => (i.decision === 'accept' ? '评估通过' : '已告知家属评估未通过')
  })

  const submit = async () => {
    const found: Record<string, string> = {}
    if (!decision) found.decision = '请选择评估结果'
    if (decision === 'accept' && !risk) found.risk = '请选择风险等级'
    if (decision === 'reject' && !reason) found.reason = '请选择不通过的原因'
    setMissing(found)
    if (Object.keys(found).length) return
    const extra = note.trim() ? { note: note.trim() } : {}
    const input: Assess =
      decision === 'accept'
        ? { id, from, decision, risk: risk as RiskLevel, ...extra }
        : { id, from, decision: 'reject', reason: reason as RefusalReason, ...extra }
    const res = await assess.run(input)
    if (res) onDone(res)
  }

  return (
    <View className="card nursing-review-form" data-form="assess">
      <Text className="section-title nursing-review-form__title">评估</Text>
      <Text className="text-muted block">请核对病情、诊断、行动能力、过敏史、地址范围和所选项目。</Text>
      <Field label="评估结果" name="decision" required error={missing.decision}>
        <Radio.Group
          className="choice-grid choice-grid--wide"
          value={decision}
          shape="button"
          direction="horizontal"
          onChange={(v) => setDecision(v as 'accept' | 'reject')}
        >
          <Radio value="accept" shape="button">
            通过
          </Radio>
          <Radio value="reject" shape="button">
            不通过
          </Radio>
        </Radio.Group>
      </Field>
      {decision === 'accept' ? (
        <Field label="风险等级" name="risk" required error={missing.risk}>
          <Radio.Group className="choice-grid" value={risk} shape="button" direction="horizontal" onChange={(v) => setRisk(v as RiskLevel)}>
            {RISK_LEVELS.map((r) => (
              <Radio key={r} value={r} shape="button">
                {RISK_LABELS[r]}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
      ) : null}
      {decision === 'reject' ? (
        <Field label="不通过的原因" name="reason" required error={missing.reason}>
          <Radio.Group className="nursing-review-form__reasons" value={reason} onChange={(v) => setReason(v as RefusalReason)}>
            {REFUSAL_REASONS.map((r) => (
              <View key={r} className={`nursing-choice${reason === r ? ' nursing-choice--on' : ''}`} onClick={() => setReason(r)}>
                <Radio value={r}>{REFUSAL_LABELS[r]}</Radio>
              </View>
            ))}
          </Radio.Group>
        </Field>
      ) : null}
      {decision ? (
        <Field label={decision === 'accept' ? '评估意见（选填）' : '说明（选填，家属可见）'} name="note">
          <TextArea
            value={note}
            onChange={setNote}
            maxLength={300}
            rows={2}
            placeholder={decision === 'accept' ? '如：带管，需家属陪护' : ''}
          />
        </Field>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={assess.busy} disabled={assess.busy} onClick={submit}>
          提交评估
        </Button>
      </View>
    </View>
  )
}

function AssignForm({ id, from, onDone }: { id: string; from: NursingStatus; onDone(d: RequestDetail): void }) {
  const nurses = useShownData(() => call('nursing', 'qualifiedNurses', { id }, { idempotent: true }), [id])
  const [chosen, setChosen] = useState('')
  const assign = useAction(
    (input: { id: string; from: NursingStatus; nurseAccountId: string }, requestId: string) =>
      call('nursing', 'assignNurse', input, { requestId }),
    { success: '已派单，等待护士接单' }
  )
  if (!nurses.data)
    return nurses.error ? <ErrorState message={nurses.error} onRetry={nurses.reload} /> : <LoadingState text="正在查找可派的护士…" />
  // Only a nurse who may take this visit is offered; the others are listed with why not.
  const offered = nurses.data.nurses.filter((n) => n.problems.length === 0)
  const others = nurses.data.nurses.filter((n) => n.problems.length > 0)
  return (
    <View className="card nursing-review-form" data-form="assign">
      <Text className="section-title nursing-review-form__title">派单</Text>
      {offered.length === 0 ? <Text className="nursing-notice block">没有符合资质且该时段空闲的护士，请联系家属改期或取消。</Text> : null}
      <Radio.Group className="nursing-review-form__nurses" value={chosen} onChange={(v) => setChosen(String(v))}>
        {offered.map((n) => (
          <View
            key={n.accountId}
            className={`nursing-choice${chosen === n.accountId ? ' nursing-choice--on' : ''}`}
            data-nurse={n.name}
            onClick={() => setChosen(n.accountId)}
          >
            <Radio value={n.accountId}>
              <Text className="text-body block">{n.name}</Text>
              <Text className="text-muted block">
                {n.title} · 执业{n.years}年
              </Text>
            </Radio>
          </View>
        ))}
      </Radio.Group>
      {others.length ? (
        <View className="nursing-review-form__others">
          <Text className="text-muted block">不可派（{others.length}人）：</Text>
          {others.map((n) => (
            <Text key={n.accountId} className="text-muted block">
              {n.name}：{n.problems.join('；')}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="actions">
        <Button
          type="primary"
          size="large"
          block
          disabled={!chosen || assign.busy}
          loading={assign.busy}
          onClick={async () => {
            const res = await assign.run({ id, from, nurseAccountId: chosen })
            if (res) onDone(res)
            else nurses.reload()
          }}
        >
          派给{offered.find((n) => n.accountId === chosen)?.name ?? '所选护士'}
        </Button>
      </View>
    </View>
  )
}

function Review() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const detail = useShownData(() => call('nursing', 'openRequest', { id }, { idempotent: true }), [id])
  const [shown, setShown] = useState<RequestDetail | null>(null)
  const [asking, setAsking] = useState<'cancel' | 'unassign' | null>(null)
  const [reason, setReason] = useState('')
  const cancel = useAction(
    (input: { id: string; from: NursingStatus; reason: string }, requestId: string) =>
      call('nursing', 'cancelByNursing', input, { requestId }),
    { success: '已取消，已通知家属' }
  )
  const unassign = useAction(
    (input: { id: string; from: NursingStatus; reason: string }, requestId: string) =>
      call('nursing', 'unassignNurse', input, { requestId }),
    { success: '已收回派单，可重新派单' }
  )

  const current = shown && detail.data && shown.request.updatedAt > detail.data.request.updatedAt ? shown : detail.data
  if (!current) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const { request: r, timeline } = current
  const done = (d: RequestDetail) => {
    setShown(d)
    detail.reload()
  }
  const confirm = async (why: string) => {
    const act = asking === 'cancel' ? cancel : unassign
    const res = await act.run({ id, from: r.status, reason: why })
    if (res) {
      setAsking(null)
      setReason('')
      done(res)
    } else detail.reload()
  }
  const canUnassign = r.nextSteps.includes('assessed') && (r.status === 'assigned' || r.status === 'accepted')

  return (
    <View className="nursing-review">
      <RequestHead request={r}>{r.rejectText ? <Text className="text-body block">未通过：{r.rejectText}</Text> : null}</RequestHead>

      {r.nextSteps.includes('assessed') && r.status === 'submitted' ? <AssessForm id={id} from={r.status} onDone={done} /> : null}
      {r.nextSteps.includes('assigned') ? <AssignForm id={id} from={r.status} onDone={done} /> : null}

      {r.nurse ? <NurseCard nurse={r.nurse} /> : null}
      {r.record ? <VisitRecord record={r.record} /> : null}
      {r.rating ? (
        <View className="card">
          <Row label="家属评价" value={`${r.rating.stars} 星${r.rating.comment ? `：${r.rating.comment}` : ''}`} strong />
        </View>
      ) : null}

      {r.locations.departed || r.locations.arrived || r.locations.left ? (
        <View className="card">
          {r.locations.departed ? <Row label="出发位置" value={locationText(r.locations.departed)} /> : null}
          {r.locations.arrived ? <Row label="到达位置" value={locationText(r.locations.arrived)} /> : null}
          {r.locations.left ? <Row label="离开位置" value={locationText(r.locations.left)} /> : null}
        </View>
      ) : null}

      <Text className="section-title">申请内容</Text>
      <RequestFacts request={r} />

      <Text className="section-title">进度</Text>
      <View className="card">
        <NursingTimeline status={r.status} timeline={timeline} createdAt={r.createdAt} staffView />
      </View>

      {canUnassign || r.nextSteps.includes('cancelled') ? (
        <View className="actions">
          {canUnassign ? (
            <Button fill="outline" size="large" block onClick={() => setAsking('unassign')}>
              收回派单，重新派
            </Button>
          ) : null}
          {r.nextSteps.includes('cancelled') ? (
            <Button type="danger" fill="outline" size="large" block onClick={() => setAsking('cancel')}>
              取消这次上门
            </Button>
          ) : null}
        </View>
      ) : null}

      <ReasonDialog
        visible={asking !== null}
        title={asking === 'cancel' ? '取消上门护理' : '收回派单'}
        message={
          asking === 'cancel'
            ? `${r.cancelTerms.text}。家属${r.nurse ? '和护士' : ''}会收到通知。`
            : `把申请从${r.nurse?.name ?? '护士'}手中收回，之后重新派单。护士会收到通知。`
        }
        reason={reason}
        onReasonChange={setReason}
        placeholder={asking === 'cancel' ? '取消原因，家属可见' : '收回原因，如护士临时请假'}
        missingText={asking === 'cancel' ? '请填写取消原因' : '请填写收回原因'}
        confirmText={asking === 'cancel' ? '确认取消' : '确认收回'}
        cancelText="再想想"
        busy={cancel.busy || unassign.busy}
        onConfirm={confirm}
        onClose={() => setAsking(null)}
      />
    </View>
  )
}

export default function ReviewPage() {
  return (
    <Page>
      <Review />
    </Page>
  )
}
