import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React, { useEffect, useMemo, useState } from 'react'
import type { CatalogView, ScheduleView } from '../../../../types/booking'
import { addDays, dateLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { ScheduleCard } from '../components/ScheduleCard'
import { Segments } from '../components/Segments'
import { BOOKING_ROUTES, param, to } from '../routes'
import './index.scss'

type Mode = 'date' | 'dept' | 'doctor'
const MODES = [
  { value: 'date' as const, label: '按日期' },
  { value: 'dept' as const, label: '按科室' },
  { value: 'doctor' as const, label: '按专家' }
]

function dayName(date: string, today: string): string {
  if (date === today) return '今天'
  if (date === addDays(today, 1)) return '明天'
  return dateLabel(date).split(' ')[0]
}

type Doctor = CatalogView['doctors'][number]

function ExpertCard({ d, count, department, onOpen, on }: { d: Doctor; count: number; department: string; onOpen(): void; on: boolean }) {
  return (
    <View className={`card browse-expert${on ? ' browse-expert--on' : ''}`} hoverClass="tap-active" onClick={onOpen} data-doctor-id={d.id}>
      <View className="browse-expert__head">
        <Text className="browse-expert__name">{d.name}</Text>
        <Text className="browse-expert__title">{d.title}</Text>
        <Text className="browse-expert__count">{count ? `本周 ${count} 场` : '本周无出诊'}</Text>
      </View>
      <Text className="text-body block">{d.homeHospital}</Text>
      <Text className="text-muted block">
        {department} · 擅长：{d.specialty}
      </Text>
    </View>
  )
}

function Browse() {
  const { params } = useRouter()
  // The hotline books for a caller; the follow-up doctor for the patient of a task (转诊: referral = the task).
  const referral = param(params, 'referral')
  const carry = referral
    ? { referral, profileId: param(params, 'profileId'), patient: param(params, 'patient') }
    : { hotline: param(params, 'hotline'), caller: param(params, 'caller') }
  useEffect(() => {
    if (referral) Taro.setNavigationBarTitle({ title: '为患者预约专家' }).catch(() => undefined)
  }, [referral])
  const week = useShownData(() => call('booking', 'listWeek', {}, { idempotent: true }))
  const catalog = useShownData(() => call('booking', 'catalog', {}, { idempotent: true }))
  // 重新预约 after 停诊 opens on the same expert's other sessions (an appointment knows the expert by name).
  const again = param(params, 'doctorName')
  const [picked, setDoctor] = useState<string | null>(null)
  const [mode, setMode] = useState<Mode>(again ? 'doctor' : 'date')
  const [day, setDay] = useState('')
  const [dept, setDept] = useState('')

  const sessions = useMemo(() => week.data?.sessions ?? [], [week.data])
  const departments = useMemo(() => {
    const names = new Map((catalog.data?.hospitals ?? []).map((h) => [h.id, h.name]))
    return (catalog.data?.departments ?? [])
      .map((d) => ({ ...d, hospitalName: names.get(d.hospitalId) ?? '', count: sessions.filter((s) => s.departmentId === d.id).length }))
      .filter((d) => d.count > 0)
  }, [catalog.data, sessions])

  if (!week.data || !catalog.data) {
    const error = week.error ?? catalog.error
    return error ? (
      <ErrorState message={error} onRetry={() => Promise.all([week.reload(), catalog.reload()]).then(() => undefined)} />
    ) : (
      <LoadingState />
    )
  }
  const doctor = picked ?? (again ? (catalog.data.doctors.find((d) => d.name === again)?.id ?? '') : '')
  const { today, dates } = week.data
  // Open on the first day a person can still book, not on 明天 with everything 已截止.
  const bookable = (d: string) => sessions.some((s) => s.date === d && s.window === 'open' && s.remaining > 0)
  const chosenDay =
    day || dates.find(bookable) || dates.find((d) => d > today && sessions.some((s) => s.date === d)) || dates[1] || dates[0]
  const open = (s: ScheduleView) => Taro.navigateTo({ url: to(BOOKING_ROUTES.session, { id: s.id, ...carry }) })
  const deptName = (id: string) => catalog.data?.departments.find((d) => d.id === id)?.name ?? ''
  const list = (items: ScheduleView[], showDoctor = true) =>
    items.length ? (
      items.map((s) => <ScheduleCard key={s.id} s={s} showDoctor={showDoctor} onOpen={() => open(s)} />)
    ) : (
      <Text className="bk-empty">这段时间没有出诊安排</Text>
    )

  return (
    <View className="browse">
      {'hotline' in carry && carry.hotline ? <Text className="bk-notice bk-notice--info">正在为来电者 {carry.caller} 选择号源</Text> : null}
      {'referral' in carry ? <Text className="bk-notice bk-notice--info">随访转诊：正在为患者 {carry.patient} 预约专家</Text> : null}
      <Text className="text-muted block browse__intro">省级专家来院出诊，每周提前一周发布，开放后可预约未来7天的号源</Text>
      <Segments items={MODES} value={mode} onChange={setMode} />

      {mode === 'date' ? (
        <View>
          <Segments
            items={dates.map((d) => ({ value: d, label: dayName(d, today), hint: dateLabel(d).split(' ')[1] }))}
            value={chosenDay}
            onChange={setDay}
          />
          {list(sessions.filter((s) => s.date === chosenDay))}
        </View>
      ) : null}

      {mode === 'dept' ? (
        <View>
          {departments.map((d) => (
            <View key={d.id}>
              <View
                className={`bk-pick${dept === d.id ? ' bk-pick--on' : ''}`}
                onClick={() => setDept(dept === d.id ? '' : d.id)}
                data-dept-id={d.id}
              >
                <View className="bk-pick__main">
                  <Text className="bk-pick__title">{d.name}</Text>
                  <Text className="text-muted block">{d.hospitalName}</Text>
                </View>
                <Text className="bk-pick__side">{d.count} 场 ›</Text>
              </View>
              {dept === d.id ? <View className="browse__nested">{list(sessions.filter((s) => s.departmentId === d.id))}</View> : null}
            </View>
          ))}
        </View>
      ) : null}

      {mode === 'doctor' ? (
        <View>
          {catalog.data.doctors.map((d) => (
            <View key={d.id}>
              <ExpertCard
                d={d}
                on={doctor === d.id}
                department={deptName(d.departmentId)}
                count={sessions.filter((s) => s.doctorId === d.id).length}
                onOpen={() => setDoctor(doctor === d.id ? '' : d.id)}
              />
              {doctor === d.id ? (
                <View className="browse__nested">
                  {list(
                    sessions.filter((s) => s.doctorId === d.id),
                    false
                  )}
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

export default function BrowsePage() {
  return (
    <Page>
      <Browse />
    </Page>
  )
}
