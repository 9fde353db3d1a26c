import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Calendar, Dialog } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { ScheduleView } from '../../../../types/booking'
import { addDays, dateLabel, weekStartOf } from '../../../../types/booking-rules'
import { toast } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import { Segments } from '../components/Segments'
import { StatusTag } from '../../../components/StatusTag'
import { availability } from '../components/text'
import { BOOKING_ROUTES, param, to } from '../routes'
import './index.scss'

function SessionLine({ s, onOpen, onPublish, busy }: { s: ScheduleView; onOpen(): void; onPublish(): void; busy: boolean }) {
  const a = availability(s)
  return (
    <View className="card week__session" hoverClass="tap-active" onClick={onOpen} data-schedule-id={s.id}>
      <View className="week__session-head">
        <Text className="week__time">
          {s.start}-{s.end}
        </Text>
        <Text className="week__doctor">{s.doctorName}</Text>
        <StatusTag of="schedule" status={s.status} />
      </View>
      <Text className="text-muted block">
        {s.departmentName} · 共{s.quota}号 · {s.status === 'draft' ? `${s.slices.length}个时段` : a.text}
      </Text>
      {s.status === 'closed' ? <Text className="bk-why">停诊：{s.closeReason}</Text> : null}
      {s.status === 'draft' ? (
        <View className="bk-actions" onClick={(e) => e.stopPropagation()}>
          <Button type="primary" fill="outline" disabled={busy} onClick={onPublish}>
            发布本场
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** Copy last week, publish every draft of the week, or publish one session. */
type Asking = 'copy' | 'publish' | ScheduleView | null

/** 排班: one week of sessions, copy the week before, publish the drafts. */
function Week() {
  const { account } = useSignedInAccount()
  const { params } = useRouter()
  const [askedWeek, setWeekStart] = useState(() => param(params, 'weekStart'))
  const [doctorId, setDoctorId] = useState('')
  const [asking, setAsking] = useState<Asking>(null)
  const [choosingWeek, setChoosingWeek] = useState(false)
  const copyWeek = useAction(
    (input: { fromWeekStart: string; doctorId?: string }, requestId: string) => call('booking', 'copyWeek', input, { requestId }),
    {
      success: (res) =>
        res.created ? `已复制${res.created}场出诊为草稿${res.skipped ? `，${res.skipped}场因时间冲突或已过期跳过` : ''}` : ''
    }
  )
  const publishIds = useAction((ids: string[]) => call('booking', 'publish', { ids }), {
    success: (res) => `已发布${res.published}场出诊`,
    onError: () => void week.reload()
  })
  const busy = copyWeek.busy || publishIds.busy
  const catalog = useShownData(() => call('booking', 'catalog', {}, { idempotent: true }))
  const week = useShownData(
    () =>
      call(
        'booking',
        'weekSchedules',
        { ...(askedWeek ? { weekStart: askedWeek } : {}), ...(doctorId ? { doctorId } : {}) },
        { idempotent: true }
      ),
    [askedWeek, doctorId]
  )

  if (!account.roles.includes('scheduler')) return <EmptyState mark="!" title="没有权限" description="只有排班员可以安排专家出诊" />
  if (!week.data || !catalog.data) {
    const error = week.error ?? catalog.error
    return error ? <ErrorState message={error} onRetry={week.reload} /> : <LoadingState />
  }
  // Until the scheduler moves, the server picks the week (next week, by the hospital's today).
  const { sessions, dates, today, weekStart } = week.data
  const drafts = sessions.filter((s) => s.status === 'draft')
  const shift = (days: number) => setWeekStart(addDays(weekStart, days))
  const thisWeek = weekStartOf(today)
  const weekName = weekStart === thisWeek ? '本周' : weekStart === addDays(thisWeek, 7) ? '下周' : ''
  // NutUI hands back [year, month, day, 'YYYY/MM/DD', weekday] for a single day.
  const jumpTo = (picked: unknown) => {
    const [y, m, d] = Array.isArray(picked) ? picked.map(String) : []
    if (y && m && d) setWeekStart(weekStartOf(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`))
  }

  const copy = async () => {
    const res = await copyWeek.run({ fromWeekStart: addDays(weekStart, -7), ...(doctorId ? { doctorId } : {}) })
    setAsking(null)
    if (!res) return
    if (!res.created) toast('上周没有可复制的出诊')
    await week.reload()
  }

  const publish = async () => {
    const ids = asking && typeof asking === 'object' ? [asking.id] : drafts.map((s) => s.id)
    const done = await publishIds.run(ids)
    setAsking(null)
    if (done) await week.reload()
  }

  const open = (s: ScheduleView) =>
    Taro.navigateTo({
      url: s.status === 'draft' ? to(BOOKING_ROUTES.sessionForm, { id: s.id, weekStart }) : to(BOOKING_ROUTES.desk, { id: s.id })
    })

  return (
    <View className="week">
      <View className="week__nav">
        <Button size="small" fill="outline" onClick={() => shift(-7)}>
          ‹ 上一周
        </Button>
        <View className="week__range" hoverClass="tap-active" onClick={() => setChoosingWeek(true)} aria-role="button">
          <Text>
            {weekName ? `${weekName} ` : ''}
            {dateLabel(dates[0]).split(' ')[0]} - {dateLabel(dates[6]).split(' ')[0]}
          </Text>
          <Text className="week__pick">选择其他周 ▾</Text>
        </View>
        <Button size="small" fill="outline" onClick={() => shift(7)}>
          下一周 ›
        </Button>
      </View>

      <Segments
        wrap
        items={[{ value: '', label: '全部专家' }, ...catalog.data.doctors.map((d) => ({ value: d.id, label: d.name }))]}
        value={doctorId}
        onChange={setDoctorId}
      />

      <View className="bk-actions week__tools">
        <Button type="primary" onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.sessionForm, { weekStart, doctorId }) })}>
          新增出诊
        </Button>
        <Button type="primary" fill="outline" onClick={() => setAsking('copy')}>
          复制上周排班
        </Button>
      </View>
      {drafts.length ? (
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => setAsking('publish')}>
            发布本周草稿（{drafts.length}场）
          </Button>
        </View>
      ) : null}

      {dates.map((d) => {
        const day = sessions.filter((s) => s.date === d)
        return (
          <View key={d} data-date={d}>
            <Text className="bk-section">
              {dateLabel(d)}
              {d === today ? '（今天）' : ''}
            </Text>
            {day.length ? (
              day.map((s) => <SessionLine key={s.id} s={s} busy={busy} onOpen={() => open(s)} onPublish={() => setAsking(s)} />)
            ) : (
              <Text className="bk-empty">无出诊</Text>
            )}
          </View>
        )
      })}

      <Calendar
        visible={choosingWeek}
        title="选择要排班的周"
        type="single"
        autoBackfill
        firstDayOfWeek={1}
        defaultValue={weekStart}
        startDate={addDays(thisWeek, -364)}
        endDate={addDays(thisWeek, 364)}
        onConfirm={jumpTo}
        onClose={() => setChoosingWeek(false)}
      />

      <Dialog
        visible={asking !== null}
        title={asking === 'copy' ? '复制上周排班' : '发布出诊'}
        content={
          asking === 'copy'
            ? `把上周${doctorId ? '该专家' : '所有专家'}的出诊复制到本周，作为草稿。时间冲突或已过去的日期会跳过。`
            : asking && typeof asking === 'object'
              ? `发布${dateLabel(asking.date)} ${asking.start}-${asking.end} ${asking.doctorName}这一场？发布后患者即可看到，并在放号时间开始预约。`
              : `发布后患者即可看到这${drafts.length}场出诊，并在放号时间（默认就诊日前7天19:00）开始预约。`
        }
        confirmText={busy ? '请稍候…' : asking === 'copy' ? '复制' : '发布'}
        cancelText="取消"
        disableConfirmButton={busy}
        onConfirm={asking === 'copy' ? copy : publish}
        onCancel={() => setAsking(null)}
        onClose={() => setAsking(null)}
      />
    </View>
  )
}

export default function SchedulePage() {
  return (
    <Page>
      <Week />
    </Page>
  )
}
