/** What the trend chart draws, worked out before F2 paints it on the canvas. */
import { chartSpec } from '../../src/packages/records/components/chartSpec'
import type { ReadingView } from '../../types/records'

const now = Date.parse('2026-11-30T04:00:00Z')
const bp = (daysAgo: number, systolic: number, diastolic: number, level: ReadingView['flag']['level'] = 'high') =>
  ({
    id: `r${daysAgo}`,
    kind: 'bp',
    systolic,
    diastolic,
    measuredAt: new Date(now - daysAgo * 86400_000).toISOString(),
    flag: { level, label: '', advice: '' }
  }) as unknown as ReadingView
const bpBands = [
  { label: '收缩压偏高', from: 140, to: 180, level: 'high' as const },
  { label: '收缩压危急', from: 180, to: null, level: 'critical' as const },
  { label: '舒张压偏高', from: 90, to: 110, level: 'high' as const },
  { label: '收缩压偏低', from: null, to: 90, level: 'low' as const },
  { label: '舒张压偏低', from: null, to: 60, level: 'low' as const }
]

test('blood pressure is two lines over the chosen days, and a threshold shared by two bands is one line naming both', () => {
  const spec = chartSpec([bp(20, 150, 95), bp(3, 128, 82, 'normal')], bpBands, 30, now)
  expect(spec.series).toEqual(['收缩压', '舒张压'])
  expect(spec.points.filter((p) => p.series === '收缩压').map((p) => p.v)).toEqual([150, 128])
  expect(spec.end - spec.start).toBe(30 * 86400_000)
  const ninety = spec.edges.find((e) => e.value === 90)!
  expect(ninety.labels).toEqual(['舒张压偏高', '收缩压偏低'])
  expect(spec.edges.map((e) => e.value)).toContain(140)
})

test('blood pressure’s low bands are not shaded, so a normal diastolic is not painted as low', () => {
  const spec = chartSpec([bp(2, 150, 95)], bpBands, 7, now)
  expect(spec.shaded.map((b) => b.level)).not.toContain('low')
  expect(spec.shaded.find((b) => b.label === '收缩压偏高')).toMatchObject({ from: 140 })
})

test('a band far from every reading does not squash the line: the axis stays near the data', () => {
  const spec = chartSpec([bp(2, 120, 80, 'normal'), bp(1, 124, 78, 'normal')], bpBands, 7, now)
  expect(spec.hi).toBeLessThan(180)
  expect(spec.shaded.every((b) => b.from >= spec.lo && b.to <= spec.hi)).toBe(true)
})
