import { Canvas as TaroCanvas, Text, View } from '@tarojs/components'
import { Axis, Canvas, Chart, Line, LineGuide, Point, RectGuide, TextGuide, jsx } from '@antv/f2'
import React, { useEffect, useMemo, useRef } from 'react'
import type { ReadingView } from '../../../../types/records'
import type { FlagLevel } from '../../../../types/records-rules'
import { useAccount } from '../../../state/account'
import { chinaDay } from '../format'
import { drawingSurface } from './chartCanvas'
import { chartSpec, fmt, type Band, type ChartSpec } from './chartSpec'
import './records.scss'

export type { Band }

interface Props {
  readings: readonly ReadingView[]
  bands: readonly Band[]
  days: number
  unit: string
  now?: number
}

const SERIES_COLOURS: Record<string, string> = { 收缩压: '#0b6e63', 舒张压: '#3b5bdb', 测量值: '#0b6e63' }
const BAND_FILL: Record<FlagLevel, string> = {
  normal: 'rgba(0,0,0,0)',
  high: 'rgba(224,145,40,0.16)',
  critical: 'rgba(198,40,40,0.18)',
  low: 'rgba(40,110,190,0.14)'
}
const EDGE_COLOUR: Record<FlagLevel, string> = { normal: '#5c5c5c', high: '#b36b00', critical: '#c62828', low: '#2c6db3' }

let serial = 0

// F2's jsx() types each component's props against a generic it cannot infer here; the tree is plain data.
const h = jsx as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ReturnType<typeof jsx>

/** The F2 element tree for a spec; font sizes grow in 长辈模式 since a canvas ignores the page's CSS. */
function chartTree(spec: ChartSpec, elder: boolean) {
  const font = elder ? 16 : 12
  const span = spec.end - spec.start
  const ticks = [spec.start, spec.start + span / 2, spec.end]
  return h(
    Chart,
    {
      data: spec.points,
      scale: {
        t: { type: 'linear', min: spec.start, max: spec.end, ticks },
        v: { type: 'linear', min: spec.lo, max: spec.hi, nice: false, tickCount: 4 },
        series: { values: spec.series }
      }
    },
    h(Axis, {
      field: 't',
      formatter: (t: number) => chinaDay(t),
      // 'between' puts the first and last dates inside the plot's ends rather than centred past them.
      style: { label: { fontSize: font, fill: '#5c5c5c', align: 'between' } }
    }),
    h(Axis, { field: 'v', formatter: (v: number) => fmt(v), style: { label: { fontSize: font, fill: '#5c5c5c' } } }),
    ...spec.shaded.map((b) =>
      h(RectGuide, {
        records: [
          { t: 'min', v: b.to },
          { t: 'max', v: b.from }
        ],
        style: { fill: BAND_FILL[b.level] }
      })
    ),
    ...spec.edges.map((e) =>
      h(LineGuide, {
        records: [
          { t: 'min', v: e.value },
          { t: 'max', v: e.value }
        ],
        style: { stroke: EDGE_COLOUR[e.level], lineWidth: elder ? 2 : 1, lineDash: [6, 4] }
      })
    ),
    ...spec.edges.map((e) =>
      h(TextGuide, {
        records: [{ t: 'max', v: e.value }],
        content: `${e.labels.join('、')} ${fmt(e.value)}`,
        offsetY: -font * 0.8,
        style: { fill: elder ? '#000000' : '#5c3300', fontSize: font, textAlign: 'end', textBaseline: 'middle' }
      })
    ),
    h(Line, {
      x: 't',
      y: 'v',
      color: { field: 'series', callback: (s: string) => SERIES_COLOURS[s] ?? '#0b6e63' },
      style: { lineWidth: elder ? 3 : 2 }
    }),
    h(Point, {
      x: 't',
      y: 'v',
      color: { field: 'level', callback: (l: FlagLevel) => (l === 'critical' ? '#c62828' : l === 'normal' ? '#0b6e63' : EDGE_COLOUR[l]) },
      size: elder ? 5 : 3.5
    })
  )
}

/**
 * A trend drawn by F2 (AntV's mobile chart library) on a 2d canvas: Taro's `<Canvas type="2d">`
 * node in the mini program, its <canvas> on H5. The threshold bands are the hospital's own (from
 * `listReadings`); a dashed line marks where each band begins and its value is also written out
 * under the chart for those who cannot make out a colour.
 */
export function TrendChart({ readings, bands, days, unit, now = Date.now() }: Props) {
  const { elderMode } = useAccount()
  const id = useMemo(() => `trend-chart-${++serial}`, [])
  const spec = useMemo(() => chartSpec(readings, bands, days, now), [readings, bands, days, now])
  const drawn = useRef<InstanceType<typeof Canvas> | null>(null)

  useEffect(() => {
    let gone = false
    void (async () => {
      const surface = await drawingSurface(id)
      if (gone || !surface) return
      drawn.current?.destroy()
      const canvas = new Canvas({
        ...surface,
        animate: false,
        // Room on the right for half of the last date under the axis.
        padding: elderMode ? [20, 44, 36, 52] : [16, 32, 28, 40],
        children: chartTree(spec, elderMode)
      })
      drawn.current = canvas
      await canvas.render()
    })()
    return () => {
      gone = true
    }
  }, [id, spec, elderMode])

  useEffect(() => () => drawn.current?.destroy(), [])

  const critical = spec.points.filter((p) => p.level === 'critical').length
  return (
    <View className="trend-chart" data-days={days} data-points={readings.length} data-critical={critical}>
      <TaroCanvas type="2d" id={id} canvasId={id} className="trend-chart__canvas" />
      <View className="trend-chart__legend">
        {spec.series.length > 1
          ? spec.series.map((s) => (
              <View key={s} className="trend-chart__key">
                <View className="trend-chart__swatch" style={{ background: SERIES_COLOURS[s] }} />
                <Text>{s}</Text>
              </View>
            ))
          : null}
        <Text className="trend-chart__unit">单位：{unit}</Text>
      </View>
      <View className="trend-chart__edges">
        {spec.edges.map((e) => (
          <Text key={e.value} className={`trend-chart__edge-label trend-chart__edge-label--${e.level}`}>
            {e.labels.join('、')} {fmt(e.value)}
          </Text>
        ))}
      </View>
    </View>
  )
}
