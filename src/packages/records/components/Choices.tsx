import { Text, View } from '@tarojs/components'
import React from 'react'
import './records.scss'

/** Segmented choice with large targets (长辈模式 makes them taller through --tap). */
export function Segments<T extends string | number>({
  options,
  value,
  onChange,
  name,
  wide
}: {
  options: ReadonlyArray<{ value: T; label: string }>
  value: T
  onChange: (v: T) => void
  name: string
  /** Fewer, wider choices per line, for labels of four or five characters. */
  wide?: boolean
}) {
  return (
    <View className={`segments${wide ? ' segments--wide' : ''}`} data-name={name}>
      {options.map((o) => (
        <View
          key={String(o.value)}
          className={`segments__item${o.value === value ? ' segments__item--on' : ''}`}
          aria-selected={o.value === value}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Several may be chosen (症状, 并发症): each chip toggles. */
export function Chips({
  options,
  value,
  onChange,
  name,
  wide
}: {
  options: readonly string[]
  value: readonly string[]
  onChange(v: string[]): void
  name: string
  wide?: boolean
}) {
  return (
    <View className={`segments segments--chips${wide ? ' segments--wide' : ''}`} data-name={name}>
      {options.map((o) => {
        const on = value.includes(o)
        return (
          <View
            key={o}
            className={`segments__item${on ? ' segments__item--on' : ''}`}
            aria-checked={on}
            onClick={() => onChange(on ? value.filter((v) => v !== o) : [...value, o])}
          >
            <Text>{o}</Text>
          </View>
        )
      })}
    </View>
  )
}
