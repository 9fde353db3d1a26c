import { Text, View } from '@tarojs/components'
import React from 'react'
import type { Handling } from '../../../../types/decoction-herbs'
import { gramsPerDose } from '../../../../types/decoction-herbs'
import './herbs.scss'

export interface HerbRow {
  name: string
  grams: number
  handling: Handling | null
  /** The text-area line it came from (entry preview only). */
  line?: number
  /** Flagged, e.g. a duplicate. */
  flagged?: boolean
}

/** The herb list as a table, special handling in colour so nobody misses 先煎 or 后下. */
export function HerbTable({ herbs, showLines = false }: { herbs: readonly HerbRow[]; showLines?: boolean }) {
  return (
    <View className="herb-table" role="table">
      <View className="herb-table__row herb-table__head" role="row">
        {showLines ? <Text className="herb-table__line">行</Text> : null}
        <Text className="herb-table__name">药名</Text>
        <Text className="herb-table__grams">克数</Text>
        <Text className="herb-table__handling">煎法</Text>
      </View>
      {herbs.map((h, i) => (
        <View key={`${h.name}-${i}`} className={`herb-table__row${h.flagged ? ' herb-table__row--flagged' : ''}`} role="row">
          {showLines ? <Text className="herb-table__line">{h.line}</Text> : null}
          <Text className="herb-table__name">{h.name}</Text>
          <Text className="herb-table__grams">{h.grams}g</Text>
          <Text className={`herb-table__handling${h.handling ? ` handling handling--${handlingClass(h.handling)}` : ''}`}>
            {h.handling ?? '—'}
          </Text>
        </View>
      ))}
      <View className="herb-table__total">
        <Text>
          共 {herbs.length} 味，每剂 {gramsPerDose(herbs)} 克
        </Text>
      </View>
    </View>
  )
}

/** 先煎/后下 change the decoction itself (strong colour); the rest change how a herb is added (soft). */
export function handlingClass(h: Handling): 'timed' | 'other' {
  return h === '先煎' || h === '后下' ? 'timed' : 'other'
}

export function HandlingTags({ handlings }: { handlings: readonly Handling[] }) {
  if (!handlings.length) return null
  return (
    <View className="handling-tags">
      {handlings.map((h) => (
        <Text key={h} className={`handling handling--${handlingClass(h)}`}>
          {h}
        </Text>
      ))}
    </View>
  )
}
