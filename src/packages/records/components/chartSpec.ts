import type { FlagLevel } from '../../../../types/records-rules'
import type { ReadingView } from '../../../../types/records'

export interface Band {
  label: string
  from: number | null
  to: number | null
  level: FlagLevel
}

export interface ChartPoint {
  t: number
  v: number
  series: string
  level: FlagLevel
}

export interface ChartSpec {
  start: number
  end: number
  lo: number
  hi: number
  points: ChartPoint[]
  /** Series names in drawing order (收缩压/舒张压 for blood pressure, one unnamed otherwise). */
  series: string[]
  shaded: Array<{ from: number; to: number; level: FlagLevel; label: string }>
  /** One line per threshold value, naming every band that starts there (收缩压偏低、舒张压偏高 90). */
  edges: Array<{ value: number; level: FlagLevel; labels: string[] }>
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

export const fmt = (v: number) => (Math.abs(v) >= 20 ? String(Math.round(v)) : String(Math.round(v * 10) / 10))

/** What the chart shows, worked out apart from drawing so it can be tested without a canvas. */
export function chartSpec(readings: readonly ReadingView[], bands: readonly Band[], days: number, now: number): ChartSpec {
  const start = now - days * 86400_000
  const at = (r: ReadingView) => new Date(r.measuredAt).getTime()
  const isBp = readings.some((r) => r.kind === 'bp')
  const points: ChartPoint[] = isBp
    ? readings.flatMap((r) => [
        { t: at(r), v: r.systolic ?? 0, series: '收缩压', level: r.flag.level },
        { t: at(r), v: r.diastolic ?? 0, series: '舒张压', level: r.flag.level }
      ])
    : readings.map((r) => ({ t: at(r), v: r.value ?? 0, series: '测量值', level: r.flag.level }))
  const values = points.map((p) => p.v)
  const edgesAll = bands.flatMap((b) => [b.from, b.to]).filter((v): v is number => v !== null)
  // Band edges far from every reading would flatten the line; keep those within reach of the data.
  const near = values.length ? edgesAll.filter((e) => e >= Math.min(...values) * 0.6 && e <= Math.max(...values) * 1.4) : edgesAll
  const [lo, hi] = niceRange([...values, ...near])
  const shaded = bands
    // Blood pressure's low bands lie where a normal diastolic runs; shading them would paint good readings blue.
    .filter((b) => !(isBp && b.level === 'low'))
    .map((b) => ({ from: Math.max(lo, b.from ?? lo), to: Math.min(hi, b.to ?? hi), level: b.level, label: b.label }))
    .filter((b) => b.to - b.from > (hi - lo) / 200)
  const edgeMap = new Map<number, { value: number; level: FlagLevel; labels: string[] }>()
  for (const b of bands) {
    const value = b.level === 'low' ? b.to : b.from
    if (value === null || value < lo || value > hi) continue
    const e = edgeMap.get(value) ?? { value, level: b.level, labels: [] }
    e.labels.push(b.label)
    if (b.level === 'critical') e.level = 'critical'
    edgeMap.set(value, e)
  }
  return {
    start,
    end: now,
    lo,
    hi,
    points,
    series: isBp ? ['收缩压', '舒张压'] : ['测量值'],
    shaded,
    edges: [...edgeMap.values()].sort((a, b) => b.value - a.value)
  }
}
