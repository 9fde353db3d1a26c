import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro'
import React, { useRef, useState } from 'react'
import { APPOINTMENT_STATUS_LABELS, CHANNEL_LABELS } from '../../../../types/booking'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { newRequestId } from '../../../services/requestId'
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
  const [busy, setBusy] = useState('')
  const closeIntent = useRef<string | null>(null)

  if (!desk.data) return desk.error ? <ErrorState message={desk.error} onRetry={desk.reload} /> : <LoadingState />
  const { session: s, slices, waitlist, today } = desk.data
  const booked = slices.reduce((n, x) => n + x.bookings.length, 0)

  const act = async (appointmentId: string, what: 'checkIn' | 'complete' | 'open') => {
    setBusy(appointmentId)
    try {
      if (what === 'open') setOpened(await call('booking', 'revealPatient', { appointmentId }))
      else {
        await call('booking', what === 'checkIn' ? 'staffCheckIn' : 'complete', { id: appointmentId })
        toast(what === 'checkIn' ? '已签到' : '已完成就诊', 'success')
        await desk.reload()
      }
    } catch (e) {
      toastError(e)
    } finally {
      setBusy('')
    }
  }

  const close = async () => {
    if (reason.trim().length < 2) {
      toast('请填写停诊原因', 'warn')
      return
    }
    closeIntent.current ??= newRequestId()
    setBusy('close')
    try {
      const res = await call('booking', 'closeSession', { id, reason: reason.trim() }, { requestId: closeIntent.current })
      closeIntent.current = null
      setClosing(false)
      toast(`已停诊，取消了${res.cancelled}个预约并通知患者`, 'success')
      await desk.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy('')
    }
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
        <Row label="号源" value={`共${s.quota}个，已约${booked}个，余${s.remaining}个`} />
        <Text className={`bk-notice ${s.window === 'closed' ? 'bk-notice--stop' : 'bk-notice--info'} desk__window`}>{s.windowText}</Text>
      </View>

      {slices.map((x) => (
        <View key={x.id} className="desk__slice" data-slice-id={x.id}>
          <Text className="bk-section">
            {x.start}-{x.end}　已约{x.bookings.length}/{x.quota}
          </Text>
          {x.bookings.length === 0 ? <Text className="bk-empty">暂无预约</Text> : null}
          {x.bookings.map((b) => (
            <View key={b.appointmentId} className="card desk__booking" data-appointment-id={b.appointmentId}>
              <View className="desk__booking-head">
                <Text className="desk__no">{b.queueNo}号</Text>
                <Text className="desk__name">{b.nameMasked}</Text>
                <Text
                  className={`bk-tag ${b.status === 'checked_in' ? 'bk-tag--work' : b.status === 'booked' ? 'bk-tag--new' : 'bk-tag--done'}`}
                >
                  {APPOINTMENT_STATUS_LABELS[b.status]}
                </Text>
              </View>
              <Text className="text-muted block">
                {b.phoneMasked} · {CHANNEL_LABELS[b.channel]}
              </Text>
              <View className="bk-actions">
                <Button size="small" fill="outline" disabled={busy === b.appointmentId} onClick={() => act(b.appointmentId, 'open')}>
                  查看
                </Button>
                {b.status === 'booked' && s.status === 'published' && s.date === today ? (
                  <Button size="small" type="primary" disabled={busy === b.appointmentId} onClick={() => act(b.appointmentId, 'checkIn')}>
                    签到
                  </Button>
                ) : null}
                {b.status === 'checked_in' ? (
                  <Button
                    size="small"
                    type="primary"
                    fill="outline"
                    disabled={busy === b.appointmentId}
                    onClick={() => act(b.appointmentId, 'complete')}
                  >
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
      <Dialog
        visible={closing}
        title="停诊"
        content={
          <View>
            <Text className="text-body block">
              {s.doctorName} {sessionWhen(s)}，将取消{booked}个预约并通知患者。
            </Text>
            <TextArea
              className="bk-textarea"
              value={reason}
              onChange={setReason}
              placeholder="停诊原因（患者会看到），如：专家临时外出会诊"
              maxLength={100}
              rows={3}
            />
          </View>
        }
        confirmText={busy === 'close' ? '请稍候…' : '确认停诊'}
        cancelText="取消"
        disableConfirmButton={busy === 'close'}
        onConfirm={close}
        onCancel={() => setClosing(false)}
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
