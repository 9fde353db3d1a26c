import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { Field } from '../../../components/Field'
import { toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call, type CallOutput } from '../../../services/api'
import { ApiError } from '../../../services/errors'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { FlagTag } from '../components/Flag'
import { Segments } from '../components/Choices'
import { ReferralLines } from '../components/Referrals'
import { chinaClock, dateText } from '../format'
import { pageExists, RECORDS_ROUTES, referralRoute, to } from '../routes'
import '../components/records.scss'
import './index.scss'

type Filter = 'all' | 'due' | 'overdue'
type ConsoleTask = CallOutput<'records', 'followUpConsole'>['tasks'][number]
type Found = CallOutput<'records', 'findPatients'>['patients']

const go = (url: string) => Taro.navigateTo({ url })

/** One open follow-up: who, why, by when, the readings that opened it, and what to do next. */
function TaskCard({ t, onClose }: { t: ConsoleTask; onClose(t: ConsoleTask): void }) {
  const s = t.shortcuts
  return (
    <View className={`card task-card${t.overdue ? ' task-card--overdue' : ''}`} data-task-id={t.id} data-patient={t.patientName}>
      <View className="rec-card__head">
        <Text className="rec-card__title">
          {t.patientName}
          <Text className="text-muted">
            {'　'}
            {t.patient.sex === 'male' ? '男' : '女'} · {t.patient.age}岁
          </Text>
        </Text>
        <Text className={`task-card__reason task-card__reason--${t.reason}`}>{t.reasonLabel}</Text>
      </View>
      <Text className={`task-card__due block${t.overdue ? ' task-card__due--late' : ''}`}>
        {t.overdue ? '已逾期：' : '应随访：'}
        {dateText(t.dueDate)}前
      </Text>
      {t.programmes.length ? <Text className="text-muted block">慢病管理：{t.programmes.join('、')}</Text> : null}
      <Text className="text-muted block">电话：{t.patient.phone}</Text>
      {t.referrals.length ? (
        <View className="task-card__referrals">
          <ReferralLines referrals={t.referrals} label="已转诊" />
        </View>
      ) : null}
      {t.readings.length ? (
        <View className="task-card__readings">
          {t.readings.map((r) => (
            <View key={r.id} className="reading-table__row task-card__reading">
              <Text className="reading-table__time">{chinaClock(r.measuredAt)}</Text>
              <Text className="reading-table__value">
                {r.kindLabel} {r.display}
              </Text>
              <FlagTag level={r.flag.level} label={r.flag.label} />
            </View>
          ))}
        </View>
      ) : null}
      <View className="rec-actions">
        <Button type="primary" size="large" onClick={() => go(to(RECORDS_ROUTES.followUp, { taskId: t.id, profileId: t.profileId }))}>
          填写随访
        </Button>
        <Button size="large" onClick={() => go(to(RECORDS_ROUTES.patient, { profileId: t.profileId }))}>
          查看档案
        </Button>
        <Button size="large" onClick={() => go(referralRoute(t))}>
          转诊预约专家
        </Button>
        {pageExists(RECORDS_ROUTES.nursingRequest) ? (
          <Button size="large" onClick={() => go(to(RECORDS_ROUTES.nursingRequest, { profileId: s.profileId, reason: s.reason }))}>
            申请上门护理
          </Button>
        ) : null}
        {t.next.includes('closed') ? (
          <Button size="large" fill="none" onClick={() => onClose(t)}>
            关闭任务
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function FindPatient() {
  const [phone, setPhone] = useState('')
  const [error, setError] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [busy, setBusy] = useState(false)

  const search = async () => {
    if (!/^1\d{10}$/.test(phone.trim())) {
      setError('请输入11位手机号')
      return
    }
    setBusy(true)
    try {
      setFound((await call('records', 'findPatients', { phone: phone.trim() }, { idempotent: true })).patients)
    } catch (e) {
      if (e instanceof ApiError && e.fields?.phone) setError(e.fields.phone)
      else toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card">
      <Field label="按手机号找患者（建档、纳入慢病管理）" name="phone" error={error || undefined}>
        <View className="find-patient">
          <Input
            type="number"
            value={phone}
            maxLength={11}
            placeholder="就诊人登记的手机号"
            onChange={(v) => {
              setPhone(v)
              setError('')
            }}
          />
          <Button type="primary" loading={busy} disabled={busy} onClick={search}>
            查找
          </Button>
        </View>
      </Field>
      {found && !found.length ? <Text className="text-muted block">没有找到登记这个手机号的就诊人</Text> : null}
      {(found ?? []).map((p) => (
        <View key={p.profileId} className="find-patient__row" onClick={() => go(to(RECORDS_ROUTES.patient, { profileId: p.profileId }))}>
          <Text className="text-body">
            {p.name}　{p.sex === 'male' ? '男' : '女'} · {p.age}岁
          </Text>
          <Text className="text-muted">{p.enrolments.length ? p.enrolments.join('、') : '未纳入管理'} ›</Text>
        </View>
      ))}
    </View>
  )
}

function FollowUpConsole() {
  const [filter, setFilter] = useState<Filter>('all')
  const data = useShownData(() => call('records', 'followUpConsole', { filter }, { idempotent: true }), [filter])
  const [closing, setClosing] = useState<ConsoleTask | null>(null)
  const [reason, setReason] = useState('')
  const close = useAction(
    (input: { taskId: string; reason: string }, requestId: string) => call('records', 'closeTask', input, { requestId }),
    {
      success: '已关闭'
    }
  )

  const counts = data.data?.counts
  const label = (f: Filter) => ({ all: '全部', due: '已到期', overdue: '已逾期' })[f] + (counts ? `（${counts[f]}）` : '')

  let body: React.ReactNode
  if (!data.data) body = data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  else if (!data.data.tasks.length)
    body = <EmptyState mark="随" title="没有待随访的患者" description="危急或持续偏高的读数、慢病季度随访会出现在这里" />
  else
    body = (
      <>
        {data.data.tasks.map((t) => (
          <TaskCard
            key={t.id}
            t={t}
            onClose={(task) => {
              setReason('')
              setClosing(task)
            }}
          />
        ))}
        {data.data.hasMore ? <Text className="text-muted block">只显示最早到期的20位，随访完成后会依次出现</Text> : null}
      </>
    )

  return (
    <View className="follow-console">
      <Segments
        name="filter"
        options={(['all', 'due', 'overdue'] as const).map((f) => ({ value: f, label: label(f) }))}
        value={filter}
        onChange={setFilter}
      />
      {body}
      <FindPatient />
      <ReasonDialog
        visible={!!closing}
        title="关闭随访任务"
        message={closing ? `不做随访、直接关闭${closing.patientName}的「${closing.reasonLabel}」任务？` : ''}
        reason={reason}
        onReasonChange={setReason}
        placeholder="如：患者已住院治疗"
        missingText="请填写关闭原因"
        confirmText="关闭任务"
        cancelText="返回"
        busy={close.busy}
        onConfirm={async (r) => {
          if (!closing) return
          if (await close.run({ taskId: closing.id, reason: r })) {
            setClosing(null)
            data.reload()
          }
        }}
        onClose={() => setClosing(null)}
      />
    </View>
  )
}

export default function FollowUpConsolePage() {
  return (
    <Page>
      <FollowUpConsole />
    </Page>
  )
}
