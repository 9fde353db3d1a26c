import { Image, Text, View } from '@tarojs/components'
import React from 'react'
import type { RequestView } from '../../../../types/nursing'
import './nursing.scss'

/** The nurse who comes, as the family and 护理部 see her: a card headed 上门护士 with photo, name, title and years of practice. */
export function NurseCard({ nurse }: { nurse: NonNullable<RequestView['nurse']> }) {
  return (
    <View className="card">
      <Text className="text-muted block nursing-nurse-card__label">上门护士</Text>
      <View className="nursing-nurse-card" data-nurse={nurse.name}>
        {nurse.photoUrl ? (
          <Image className="nursing-nurse-card__photo" src={nurse.photoUrl} mode="aspectFill" />
        ) : (
          <View className="nursing-nurse-card__photo nursing-nurse-card__photo--none">{nurse.name.slice(0, 1)}</View>
        )}
        <View className="nursing-nurse-card__text">
          <Text className="nursing-nurse-card__name block">{nurse.name}</Text>
          <Text className="text-body block">
            {nurse.title} · 执业{nurse.years}年
          </Text>
        </View>
      </View>
    </View>
  )
}
