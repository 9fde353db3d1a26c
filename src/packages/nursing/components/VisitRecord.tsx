import { Text, View } from '@tarojs/components'
import React from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import type { RequestView } from '../../../../types/nursing'
import { Row } from '../../../components/Row'
import './nursing.scss'

type Record = NonNullable<RequestView['record']>

export function vitalsText(v: Record['vitals']): string[] {
  const out: string[] = []
  if (v.systolic !== undefined && v.diastolic !== undefined) out.push(`血压 ${v.systolic}/${v.diastolic} mmHg`)
  if (v.heartRate !== undefined) out.push(`心率 ${v.heartRate} 次/分`)
  if (v.temperature !== undefined) out.push(`体温 ${v.temperature} ℃`)
  if (v.spo2 !== undefined) out.push(`血氧 ${v.spo2}%`)
  if (v.glucose !== undefined) out.push(`血糖 ${v.glucose} mmol/L`)
  return out
}

/** The visit record as the family, 护理部 and the nurse read it, under its title 服务记录. */
export function VisitRecord({ record }: { record: Record }) {
  const vitals = vitalsText(record.vitals)
  return (
    <>
      <Text className="section-title">服务记录</Text>
      <View className="card nursing-record">
        {record.items.map((i) => (
          <Row key={i.code} label={i.name} value={i.done} />
        ))}
        <Row label="生命体征" value={vitals.length ? vitals.join('，') : '未测量'} strong />
        {record.consumables ? <Row label="耗材" value={record.consumables} /> : null}
        <Row label="护理建议" value={record.advice} />
        {record.nextVisit ? <Row label="下次上门" value={record.nextVisit} /> : null}
        <Text className="text-muted block nursing-record__at">记录于 {instantLabel(record.at)}</Text>
      </View>
    </>
  )
}
