import { Text, View } from '@tarojs/components'
import React from 'react'
import type { ScheduleView } from '../../../../types/booking'
import { availability, feeText, sessionWhen } from './text'
import './booking.scss'

/** A session in a list: who, when, which clinic, and what is left. */
export function ScheduleCard({ s, onOpen, showDoctor = true }: { s: ScheduleView; onOpen(): void; showDoctor?: boolean }) {
  const a = availability(s)
  return (
    <View className="card bk-card" hoverClass="tap-active" onClick={onOpen} data-schedule-id={s.id} aria-role="button">
      <View className="bk-card__head">
        <Text className="bk-card__title">{showDoctor ? `${s.doctorName} ${s.doctorTitle}` : sessionWhen(s)}</Text>
        <Text className={`bk-avail bk-avail--${a.tone}`}>{a.text}</Text>
      </View>
      {showDoctor ? <Text className="bk-card__line block">{sessionWhen(s)}</Text> : null}
      <Text className="text-muted block">
        {s.hospitalName} · {s.departmentName}
      </Text>
      <Text className="text-muted block">{feeText(s.fee, s.clinicType)}</Text>
      {showDoctor ? <Text className="text-muted block">来自 {s.homeHospital}</Text> : null}
    </View>
  )
}
