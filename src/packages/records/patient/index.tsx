import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { Row } from '../../../components/Row'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallOutput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { Chips, Segments } from '../components/Choices'
import { FlagTag } from '../components/Flag'
import { ReferralLines, referralText } from '../components/Referrals'
import { Trends } from '../components/Trends'
import { chinaClock, dateText } from '../format'
import { param, RECORDS_ROUTES, to } from '../routes'
import '../components/records.scss'
import './index.scss'

type Programme = CallOutput<'records', 'programmes'>['programmes'][number]
type Enrolment = CallOutput<'records', 'patientRecord'>['enrolments'][number]

/** Enrols the patient in a programme, or updates the complications on record for one they are in. */
function Enrol({
  profileId,
  programmes,
  enrolments,
  onDone
}: {
  profileId: string
  programmes: Programme[]
  enrolments: Enrolment[]
  onDone(): void
}) {
  const [code, setCode] = useState(programmes[0]?.code ?? '')
  const current = enrolments.find((e) => e.programme === code)
  const [complications, setComplications] = useState<string[] | null>(null)
  const chosen = complications ?? current?.complications ?? []
  const enrol = useAction(
    (input: { profileId: string; programme: string; complications: string[] }, requestId: string) =>
      call('records', 'enrol', input, { requestId }),
    { success: (_, i) => (enrolments.some((e) => e.programme === i.programme) ? '已更新' : '已纳入管理') }
  )
  const programme = programmes.find((p) => p.code === code)

  return (
    <View className="card">
      <Text className="rec-card__title block">慢病管理</Text>
      <Field label="项目" name="programme">
        <View className="patient-record__grow">
          <Segments
            name="programme"
            options={programmes.map((p) => ({
              value: p.code,
              label: enrolments.some((e) => e.programme === p.code) ? `${p.name}✓` : p.name
            }))}
            value={code}
            onChange={(c) => {
              setCode(c)
              setComplications(null)
            }}
          />
        </View>
      </Field>
      {programme?.complications.length ? (
        <Field label="已有并发症" name="complications">
          <View className="patient-record__grow">
            <Chips name="complications" options={programme.complications} value={chosen} onChange={setComplications} />
          </View>
        </Field>
      ) : null}
      <View className="actions">
        <Button
          type="primary"
          size="large"
          block
          loading={enrol.busy}
          disabled={enrol.busy || !code}
          onClick={async () => {
            if (await enrol.run({ profileId, programme: code, complications: chosen })) {
              setComplications(null)
              onDone()
            }
          }}
        >
          {current ? `更新${programme?.name ?? ''}并发症` : `纳入${programme?.name ?? ''}管理`}
        </Button>
      </View>
    </View>
  )
}

function PatientRecord() {
  const { params } = useRouter()
  const profileId = param(params, 'profileId')
  const data = useShownData(async () => {
    const [record, list] = await Promise.all([
      call('records', 'patientRecord', { profileId }, { idempotent: true }),
      call('records', 'programmes', {}, { idempotent: true })
    ])
    return { record, programmes: list.programmes }
  }, [profileId])

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { patient, enrolments, latest, tasks, followUps, referral } = data.data.record
  const open = tasks.filter((t) => t.status === 'open')

  return (
    <View className="patient-record">
      <View className="card">
        <Text className="rec-card__title block">
          {patient.name}
          <Text className="text-muted">
            {'　'}
            {patient.sex === 'male' ? '男' : '女'} · {patient.age}岁
          </Text>
        </Text>
        <Row label="电话" value={patient.phone} />
        <Row
          label="慢病管理"
          value={
            enrolments.length
              ? enrolments.map((e) => e.programmeName + (e.complications.length ? `（${e.complications.join('、')}）` : '')).join('；')
              : '未纳入'
          }
        />
        {referral.suggested ? (
          <View className="patient-record__referral">
            <Text className="block">建议转诊</Text>
            <Text className="text-body block">{referral.reason}</Text>
          </View>
        ) : null}
      </View>

      {open.map((t) => (
        <View key={t.id} className="card" data-task-id={t.id}>
          <Text className="rec-card__title block">待随访：{t.reasonLabel}</Text>
          <Text className={`block patient-record__due${t.overdue ? ' task-due--late' : ''}`}>
            {t.overdue ? '已逾期：' : '应随访：'}
            {dateText(t.dueDate)}前
          </Text>
          <ReferralLines referrals={t.referrals} label="已转诊" />
          <Button
            type="primary"
            size="large"
            block
            onClick={() => Taro.navigateTo({ url: to(RECORDS_ROUTES.followUp, { taskId: t.id, profileId }) })}
          >
            填写随访
          </Button>
        </View>
      ))}

      <Text className="section-title">最近一次测量</Text>
      <View className="card">
        {latest.length ? (
          latest.map((r) => (
            <View key={r.id} className="reading-table__row">
              <Text className="reading-table__time">{r.kindLabel}</Text>
              <View className="patient-record__value">
                <Text className="reading-table__value block">{r.display}</Text>
                <Text className="text-muted block">
                  {chinaClock(r.measuredAt)} · {r.sourceLabel}
                </Text>
              </View>
              <FlagTag level={r.flag.level} label={r.flag.label} />
            </View>
          ))
        ) : (
          <Text className="text-muted block">还没有测量记录</Text>
        )}
      </View>

      <Trends profileId={profileId} />

      <Text className="section-title">随访记录</Text>
      {followUps.length ? (
        followUps.map((f) => (
          <View key={f.id} className="card" data-follow-up-id={f.id}>
            <View className="rec-card__head">
              <Text className="rec-card__title">{f.form.classificationLabel}</Text>
              <Text className="text-muted">{chinaClock(f.at)}</Text>
            </View>
            <Row label="方式" value={`${f.form.methodLabel} · ${f.doctorName}`} />
            {f.form.systolic ? <Row label="血压" value={`${f.form.systolic}/${f.form.diastolic ?? '-'} mmHg`} /> : null}
            {f.form.symptoms.length ? <Row label="症状" value={f.form.symptoms.join('、')} /> : null}
            {f.form.referral ? <Row label="转诊" value={`${f.form.referral.hospital}：${f.form.referral.reason}`} /> : null}
            <Row label="下次随访" value={dateText(f.form.nextDate)} strong />
            {(tasks.find((t) => t.id === f.taskId)?.referrals ?? []).map((r) => (
              <Row key={r.appointmentId} label="预约专家" value={referralText(r)} />
            ))}
          </View>
        ))
      ) : (
        <View className="card">
          <Text className="text-muted block">还没有随访记录</Text>
        </View>
      )}

      <Enrol profileId={profileId} programmes={data.data.programmes} enrolments={enrolments} onDone={data.reload} />

      <View className="actions">
        <Button size="large" block onClick={() => Taro.navigateTo({ url: to(RECORDS_ROUTES.timeline, { profileId }) })}>
          查看就诊时间线
        </Button>
      </View>
    </View>
  )
}

export default function PatientRecordPage() {
  return (
    <Page>
      <PatientRecord />
    </Page>
  )
}
