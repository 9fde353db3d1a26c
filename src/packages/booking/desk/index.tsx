import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { CHANNEL_LABELS } from '../../../../types/booking'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { useShownData } from '../../../state/useShownData'
import { Row } from '../../../components/Row'
import { StatusTag } from '../../../components/StatusTag'
import { feeText, sessionWhen } from '../components/text'
import { param } from '../routes'
import './index.scss'

interface Opened {
  name: string
  phone: string
  idNumberMasked: string
  age: number
  sex: 'male' | 'female'
}

/** The session's page at the desk: bookings by slice, check-in on the day, 停诊. */
function Desk() {
  const { params } = useRouter()
  const id = param(params, 'id')
  const desk = useShownData(() => call('booking', 'sessionBookings', { id }, { idempotent: true }), [id])
  const [opened, setOpened] = useState<Opened | null>(null)
  const [closing, setClosing] = useState(false)
  const [reason, setReason] = useState('')
  const reveal = useAction((appointmentId: string) => call('booking', 'revealPatient', { appointmentId }))
  const checkIn = useAction((appointmentId: string) => call('booking', 'staffCheckIn', { id: appointmentId }), { success: '已签到' })
  const complete = useAction((appointmentId: string) => call('booking', 'complete', { id: appointmentId }), { success: '已完成就诊' })
  const closeSession = useAction(
    (input: { id: string; reason: string }, requestId: string) => call('booking', 'closeSession', input, { requestId }),
    { success: (res) => `已停诊，取消了${res.cancelled}个预约并通知患者` }
  )
  const busy = reveal.busy || checkIn.busy || complete.busy

  if (!desk.data) return desk.error ? <ErrorState message={desk.error} onRetry={desk.reload} /> : <LoadingState />
  const { session: s, slices, waitlist, today } = desk.data
  const live = slices.flatMap((x) => x.bookings).filter((b) => b.status !== 'cancelled')
  const affected = slices.flatMap((x) => x.bookings).length - live.length
  // Adds up either way: booked + left = quota while open; after 停诊 every place is off, with who was affected.
  const counts =
    s.status === 'closed'
      ? `共${s.quota}个，停诊取消${affected}个预约（已通知患者）`
      : `共${s.quota}个，已约${live.length}个，余${s.remaining}个`

  const open = async (appointmentId: string) => {
    const p = await reveal.run(appointmentId)
    if (p) setOpened(p)
  }
  const move = async (appointmentId: string, what: 'checkIn' | 'complete') => {
    if (await (what === 'checkIn' ? checkIn : complete).run(appointmentId)) await desk.reload()
  }

  const close = async (text: string) => {
    if (!(await closeSession.run({ id, reason: text }))) return
    setClosing(false)
    await desk.reload()
  }

  return (
    <View className="desk">
      <View className="card">
        <View className="desk__head">
          <Text className="desk__doctor">
            {s.doctorName} {s.doctorTitle}
          </Text>
          <StatusTag of="schedule" status={s.status} />
        </View>
        <Row label="时间" value={sessionWhen(s)} strong />
        <Row label="科室" value={`${s.hospitalName} ${s.departmentName}`} />
        <Row label="地点" value={s.place} />
        <Row label="类型" value={feeText(s.fee, s.clinicType)} />
        <Row label="号源" value={counts} />
        <Text className={`bk-notice ${s.window === 'closed' ? 'bk-notice--stop' : 'bk-notice--info'} desk__window`}>{s.windowText}</Text>
      </View>

      {slices.map((x) => (
        <View key={x.id} className="desk__slice" data-slice-id={x.id}>
          <Text className="bk-section">
            {x.start}-{x.end}　{s.status === 'closed' ? `停诊取消${x.bookings.length}个` : `已约${x.bookings.length}/${x.quota}`}
          </Text>
          {x.bookings.length === 0 ? <Text className="bk-empty">暂无预约</Text> : null}
          {x.bookings.map((b) => (
            <View key={b.appointmentId} className="card desk__booking" data-appointment-id={b.appointmentId}>
              <View className="desk__booking-head">
                <Text className="desk__no">{b.queueNo}号</Text>
                <Text className="desk__name">{b.nameMasked}</Text>
                <StatusTag of="appointment" status={b.status} />
              </View>
              <Text className="text-muted block">
                {b.phoneMasked} · {CHANNEL_LABELS[b.channel]}
              </Text>
              <View className="bk-actions">
                <Button size="small" fill="outline" disabled={busy} onClick={() => open(b.appointmentId)}>
                  查看
                </Button>
                {b.status === 'booked' && s.status === 'published' && s.date === today ? (
                  <Button size="small" type="primary" disabled={busy} onClick={() => move(b.appointmentId, 'checkIn')}>
                    签到
                  </Button>
                ) : null}
                {b.status === 'checked_in' ? (
                  <Button size="small" type="primary" fill="outline" disabled={busy} onClick={() => move(b.appointmentId, 'complete')}>
                    完成就诊
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ))}

      {waitlist.length ? (
        <View>
          <Text className="bk-section">候补（{waitlist.length}人）</Text>
          <View className="card">
            {waitlist.map((w) => (
              <Row key={w.id} label={`第${w.position}位`} value={w.nameMasked} />
            ))}
          </View>
        </View>
      ) : null}

      {s.status === 'published' && s.window !== 'ended' ? (
        <View className="actions">
          <Button type="danger" size="large" block onClick={() => setClosing(true)}>
            停诊
          </Button>
          <Text className="bk-why">停诊后本场所有预约将被取消（号源不再开放），并逐一通知患者和候补者。</Text>
        </View>
      ) : null}

      <Dialog
        visible={opened !== null}
        title="患者信息"
        content={
          opened ? (
            <View>
              <Row label="姓名" value={opened.name} strong />
              <Row label="性别年龄" value={`${opened.sex === 'male' ? '男' : '女'}　${opened.age}岁`} />
              <Row label="手机号" value={opened.phone} />
              <Row label="身份证" value={opened.idNumberMasked} />
            </View>
          ) : null
        }
        hideCancelButton
        confirmText="关闭"
        onConfirm={() => setOpened(null)}
        onClose={() => setOpened(null)}
      />
      <ReasonDialog
        visible={closing}
        title="停诊"
        message={`${s.doctorName} ${sessionWhen(s)}，将取消${live.length}个预约并通知患者。`}
        reason={reason}
        onReasonChange={setReason}
        placeholder="停诊原因（患者会看到），如：专家临时外出会诊"
        missingText="请填写停诊原因，患者会看到"
        confirmText="确认停诊"
        cancelText="取消"
        busy={closeSession.busy}
        onConfirm={close}
        onClose={() => setClosing(false)}
      />
    </View>
  )
}

export default function DeskPage() {
  return (
    <Page>
      <Desk />
    </Page>
  )
}
