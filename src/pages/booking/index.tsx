import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { AppointmentView, WaitView } from '../../../types/booking'
import { dateLabel } from '../../../types/booking-rules'
import { toast, toastError } from '../../components/feedback'
import { Page } from '../../components/Page'
import { ErrorState, LoadingState } from '../../components/States'
import { AppointmentActions } from '../../packages/booking/components/AppointmentActions'
import { StatusTag } from '../../components/StatusTag'
import { appointmentWhen } from '../../packages/booking/components/text'
import { BOOKING_ROUTES, to } from '../../packages/booking/routes'
import { call } from '../../services/api'
import { useShownData } from '../../state/useShownData'
import './index.scss'

function AppointmentCard({ a, onChanged }: { a: AppointmentView; onChanged(): Promise<void> }) {
  return (
    <View
      className="card my-appt"
      hoverClass="tap-active"
      data-appointment-id={a.id}
      onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.appointment, { id: a.id }) })}
    >
      <View className="my-appt__head">
        <Text className="my-appt__patient">{a.patientName}</Text>
        {a.status !== 'cancelled' ? <Text className="my-appt__no">第{a.queueNo}号</Text> : null}
        <StatusTag of="appointment" status={a.status} />
      </View>
      <Text className="my-appt__when block">{appointmentWhen(a)}</Text>
      <Text className="text-muted block">
        {a.departmentName} · {a.doctorName} {a.doctorTitle}
      </Text>
      <Text className="text-muted block">{a.place}</Text>
      {a.status === 'cancelled' ? (
        <Text className="my-appt__reason block">
          {a.cancelledBy === 'hospital' ? '医院停诊' : '已取消'}：{a.cancelReason}
        </Text>
      ) : null}
      <AppointmentActions a={a} onChanged={onChanged} />
    </View>
  )
}

function WaitCard({ w, onLeave }: { w: WaitView; onLeave(): void }) {
  return (
    <View className="card my-appt" data-wait-id={w.id}>
      <View className="my-appt__head">
        <Text className="my-appt__patient">{w.patientName}</Text>
        <Text className="status-tag status-tag--draft">候补第{w.position}位</Text>
      </View>
      <Text className="my-appt__when block">
        {dateLabel(w.date)} {w.start}-{w.end}
      </Text>
      <Text className="text-muted block">
        {w.departmentName} · {w.doctorName}
      </Text>
      <Text className="bk-why">有人退号时按顺序自动为您预约，成功后会通知您</Text>
      <View className="bk-actions">
        <Button fill="outline" type="default" onClick={onLeave}>
          退出候补
        </Button>
      </View>
    </View>
  )
}

function MyAppointments() {
  const list = useShownData(() => call('booking', 'listMine', {}, { idempotent: true }))
  const family = useShownData(() => call('booking', 'myPatients', {}, { idempotent: true }))
  const [showAllPast, setShowAllPast] = useState(false)
  const reload = async () => {
    await Promise.all([list.reload(), family.reload()])
  }
  const book = () => Taro.navigateTo({ url: BOOKING_ROUTES.browse })

  const leave = async (w: WaitView) => {
    try {
      await call('booking', 'leaveWaitlist', { id: w.id })
      toast('已退出候补', 'success')
    } catch (e) {
      toastError(e)
    }
    await reload()
  }

  if (!list.data) return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  const { upcoming, past, waiting } = list.data
  const banned = family.data?.patients.filter((p) => p.ban) ?? []
  const pastShown = showAllPast ? past : past.slice(0, 5)

  return (
    <View className="my-appts">
      <View className="card my-appts__book" hoverClass="tap-active" onClick={book}>
        <View className="my-appts__book-text">
          <Text className="my-appts__book-title block">预约挂号</Text>
          <Text className="text-muted block">省级专家来院出诊，按科室、专家或日期查找</Text>
        </View>
        <Button type="primary" onClick={book}>
          去预约
        </Button>
      </View>

      {banned.map((p) => (
        <Text key={p.id} className="my-appts__notice" data-ban-profile={p.id}>
          {p.name}：{p.ban?.text}。如有特殊情况请联系医院。
        </Text>
      ))}

      <Text className="my-appts__section">待就诊（{upcoming.length}）</Text>
      {upcoming.length ? (
        upcoming.map((a) => <AppointmentCard key={a.id} a={a} onChanged={reload} />)
      ) : (
        <Text className="my-appts__empty">暂无待就诊的预约</Text>
      )}

      {waiting.length ? (
        <View>
          <Text className="my-appts__section">候补中（{waiting.length}）</Text>
          {waiting.map((w) => (
            <WaitCard key={w.id} w={w} onLeave={() => leave(w)} />
          ))}
        </View>
      ) : null}

      <Text className="my-appts__section">历史预约</Text>
      {past.length ? (
        pastShown.map((a) => <AppointmentCard key={a.id} a={a} onChanged={reload} />)
      ) : (
        <Text className="my-appts__empty">还没有历史预约</Text>
      )}
      {past.length > pastShown.length ? (
        <View className="actions">
          <Button fill="outline" block onClick={() => setShowAllPast(true)}>
            查看全部{past.length}条
          </Button>
        </View>
      ) : null}
    </View>
  )
}

export default function BookingPage() {
  return (
    <Page>
      <MyAppointments />
    </Page>
  )
}
