import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React from 'react'
import type { FlagLevel } from '../../../../types/records-rules'
import type { ReadingView } from '../../../../types/records'
import { chinaDay } from '../format'
import './records.scss'

export interface Band {
  label: string
  from: number | null
  to: number | null
  level: FlagLevel
}

interface Props {
  readings: readonly ReadingView[]
  bands: readonly Band[]
  days: number
  unit: string
  now?: number
}

// The plot in design units (750 wide); Taro turns them into rpx / rem so the chart scales with the phone.
const W = 520
const H = 300
const px = (n: number) => Taro.pxTransform(Math.round(n * 10) / 10)

interface Series {
  key: string
  label: string
  points: Array<{ t: number; v: number; level: FlagLevel }>
}

function seriesOf(readings: readonly ReadingView[]): Series[] {
  const at = (r: ReadingView) => new Date(r.measuredAt).getTime()
  if (readings.some((r) => r.kind === 'bp')) {
    return [
      { key: 'sys', label: '收缩压', points: readings.map((r) => ({ t: at(r), v: r.systolic ?? 0, level: r.flag.level })) },
      { key: 'dia', label: '舒张压', points: readings.map((r) => ({ t: at(r), v: r.diastolic ?? 0, level: r.flag.level })) }
    ]
  }
  return [{ key: 'val', label: '', points: readings.map((r) => ({ t: at(r), v: r.value ?? 0, level: r.flag.level })) }]
}

function niceRange(values: number[]): [number, number] {
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (hi - lo < 1e-9) {
    lo -= 1
    hi += 1
  }
  const pad = (hi - lo) * 0.08
  return [lo - pad, hi + pad]
}

function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 3
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? raw
  const out: number[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(Math.round(v * 1000) / 1000)
  return out
}

const fmt = (v: number) => (Math.abs(v) >= 20 ? String(Math.round(v)) : String(Math.round(v * 10) / 10))

/**
 * A trend drawn with plain views (dots, rotated line segments, shaded bands), so it renders the
 * same in the mini program and in H5 without a canvas. The threshold bands are the hospital's own
 * (from `listReadings`); a dashed line marks where each band begins.
 */
export function TrendChart({ readings, bands, days, unit, now = Date.now() }: Props) {
  const start = now - days * 86400_000
  const series = seriesOf(readings)
  const values = series.flatMap((s) => s.points.map((p) => p.v))
  const edges = bands.flatMap((b) => [b.from, b.to]).filter((v): v is number => v !== null)
  // Band edges far from every reading would flatten the line; keep those within reach of the data.
  const near = values.length ? edges.filter((e) => e >= Math.min(...values) * 0.6 && e <= Math.max(...values) * 1.4) : edges
  const [lo, hi] = niceRange([...values, ...near])
  // A small inset so the first and last dots are drawn whole.
  const x = (t: number) => 10 + ((t - start) / (now - start)) * (W - 20)
  const y = (v: number) => H - ((v - lo) / (hi - lo)) * H
  const clampY = (v: number) => Math.max(0, Math.min(H, y(v)))

  const isBp = series.length > 1
  const shown = bands
    .map((b) => {
      const top = clampY(b.to ?? hi)
      const bottom = clampY(b.from ?? lo)
      // Blood pressure's low bands lie where a normal diastolic runs; shading them would paint good readings blue.
      return { ...b, top, height: bottom - top, shade: !(isBp && b.level === 'low') }
    })
    .filter((b) => b.height > 0.5)

  // One dashed line per threshold value, naming every band that starts there (收缩压偏低、舒张压偏高 90).
  const edgeMap = new Map<number, { value: number; level: FlagLevel; labels: string[] }>()
  for (const b of bands) {
    const value = b.level === 'low' ? b.to : b.from
    if (value === null || value < lo || value > hi) continue
    const e = edgeMap.get(value) ?? { value, level: b.level, labels: [] }
    e.labels.push(b.label)
    if (b.level === 'critical') e.level = 'critical'
    edgeMap.set(value, e)
  }
  const edgeLines = [...edgeMap.values()]

  const ticks = niceTicks(lo, hi)

  return (
    <View className="trend-chart" data-days={days}>
      <View className="trend-chart__frame" style={{ height: px(H) }}>
        <View className="trend-chart__axis" style={{ height: px(H) }}>
          {ticks.map((v) => (
            <Text key={v} className="trend-chart__tick" style={{ top: px(y(v) - 16) }}>
              {fmt(v)}
            </Text>
          ))}
        </View>
        <View className="trend-chart__plot" style={{ width: px(W), height: px(H) }}>
          {shown
            .filter((b) => b.shade)
            .map((b) => (
              <View
                key={b.label}
                className={`trend-chart__band trend-chart__band--${b.level}`}
                style={{ top: px(b.top), height: px(b.height) }}
              />
            ))}
          {edgeLines.map((e) => (
            <View key={e.value} className={`trend-chart__edge trend-chart__edge--${e.level}`} style={{ top: px(y(e.value)) }}>
              <Text className="trend-chart__edge-label">
                {e.labels.join('、')} {fmt(e.value)}
              </Text>
            </View>
          ))}
          {series.map((s) =>
            s.points.slice(1).map((p, i) => {
              const a = s.points[i]
              const dx = x(p.t) - x(a.t)
              const dy = y(p.v) - y(a.v)
              const len = Math.hypot(dx, dy)
              const deg = (Math.atan2(dy, dx) * 180) / Math.PI
              return (
                <View
                  key={`${s.key}-l${i}`}
                  className={`trend-chart__line trend-chart__line--${s.key}`}
                  style={{ left: px(x(a.t)), top: px(y(a.v) - 2), width: px(len), transform: `rotate(${deg}deg)` }}
                />
              )
            })
          )}
          {series.map((s) =>
            s.points.map((p, i) => (
              <View
                key={`${s.key}-d${i}`}
                className={`trend-chart__dot trend-chart__dot--${s.key} trend-chart__dot--${p.level}`}
                data-value={p.v}
                style={{ left: px(x(p.t) - 8), top: px(y(p.v) - 8) }}
              />
            ))
          )}
        </View>
      </View>
      <View className="trend-chart__xaxis" style={{ width: px(W) }}>
        <Text>{chinaDay(start)}</Text>
        <Text>{chinaDay(now)}</Text>
      </View>
      <View className="trend-chart__legend">
        {series.length > 1
          ? series.map((s) => (
              <View key={s.key} className="trend-chart__key">
                <View className={`trend-chart__swatch trend-chart__swatch--${s.key}`} />
                <Text>{s.label}</Text>
              </View>
            ))
          : null}
        <Text className="trend-chart__unit">单位：{unit}</Text>
      </View>
    </View>
  )
}
