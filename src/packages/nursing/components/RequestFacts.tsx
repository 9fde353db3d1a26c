import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import React from 'react'
import type { RequestView } from '../../../../types/nursing'
import { Row } from '../../../components/Row'
import { visitWhen } from './when'
import './nursing.scss'

/** What was asked for, where and when, for whom: the same rows on every side (each sees what the server lets it). */
export function RequestFacts({ request: r, showContact = true }: { request: RequestView; showContact?: boolean }) {
  const urls = r.photos.map((p) => p.url)
  return (
    <View className="card">
      <Row label="护理项目" value={r.items.map((i) => i.name).join('、')} strong />
      <Row label="上门时间" value={visitWhen(r.windowLabel)} strong />
      <Row label="就诊人" value={`${r.patientName}　${r.patientSex === 'male' ? '男' : '女'}　${r.patientAge}岁`} />
      <Row label="地址" value={`${r.address.region} ${r.address.detail}`} />
      {showContact ? <Row label="联系人" value={`${r.contactName}　${r.contactPhone}`} /> : null}
      <Row label="诊断" value={r.health.diagnosis} />
      <Row label="过敏史" value={r.health.allergies || '无'} />
      <Row label="行动能力" value={r.health.mobilityLabel} />
      {r.health.notes ? <Row label="病情说明" value={r.health.notes} /> : null}
      <Row label="费用" value={r.feesText} />
      <Row label="申请编号" value={r.requestNo} />
      {urls.length ? (
        <View className="nursing-photos">
          {urls.map((u) => (
            <Image
              key={u}
              className="nursing-photos__img"
              src={u}
              mode="aspectFill"
              onClick={() => Taro.previewImage({ urls, current: u })}
            />
          ))}
        </View>
      ) : null}
    </View>
  )
}
