import { Text, View } from '@tarojs/components'
import React, { useState } from 'react'
import { READING_KINDS, READING_KIND_LABELS, type ReadingKind } from '../../../../types/records'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { chinaClock } from '../format'
import { FlagTag } from './Flag'
import { Segments } from './Choices'
import { TrendChart } from './TrendChart'
import './records.scss'

const RANGES = [7, 30, 90] as const
/** The table under the chart starts with the newest few; the rest on request. */
const TABLE_ROWS = 8
type Range = (typeof RANGES)[number]

/**
 * The trend of one kind over 7, 30 or 90 days: the chart with the hospital's threshold bands and,
 * under it, the same readings as a table (newest first) for those who would rather read numbers.
 */
export function Trends({ profileId, initialKind = 'bp' }: { profileId: string; initialKind?: ReadingKind }) {
  const [kind, setKind] = useState<ReadingKind>(initialKind)
  const [days, setDays] = useState<Range>(30)
  const data = useShownData(
    async () => ({ days, ...(await call('records', 'listReadings', { profileId, kind, days }, { idempotent: true })) }),
    [profileId, kind, days]
  )
  const [now] = useState(() => Date.now())
  const [all, setAll] = useState(false)

  let body: React.ReactNode
  // A reload on coming back keeps the chart on screen; only another kind or range waits for its own.
  if (!data.data || data.data.kind !== kind || data.data.days !== days) {
    body = data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  } else if (data.data.readings.length === 0) {
    body = <EmptyState mark="测" title={`近${days}天没有${READING_KIND_LABELS[kind]}记录`} />
  } else {
    const list = data.data.readings
    const newest = [...list].reverse()
    const rows = all ? newest : newest.slice(0, TABLE_ROWS)
    body = (
      <>
        <TrendChart readings={list} bands={data.data.bands} days={days} unit={data.data.unit} now={now} />
        <View className="reading-table" data-kind={kind}>
          {rows.map((r) => (
            <View key={r.id} className="reading-table__row">
              <Text className="reading-table__time">{chinaClock(r.measuredAt)}</Text>
              <Text className="reading-table__value">{r.display}</Text>
              <FlagTag level={r.flag.level} label={r.flag.label} />
            </View>
          ))}
          {rows.length < newest.length ? (
            <Text className="reading-table__more" onClick={() => setAll(true)}>
              显示全部{newest.length}条
            </Text>
          ) : null}
        </View>
      </>
    )
  }

  return (
    <View className="card trends">
      <Text className="trends__title block">变化趋势</Text>
      <Segments
        name="kind"
        options={READING_KINDS.map((k) => ({ value: k, label: READING_KIND_LABELS[k] }))}
        value={kind}
        onChange={setKind}
      />
      <Segments name="days" options={RANGES.map((d) => ({ value: d, label: `近${d}天` }))} value={days} onChange={setDays} />
      {body}
    </View>
  )
}
