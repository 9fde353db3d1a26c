import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useEffect, useState } from 'react'
import type { TimelineItem } from '../../../../types/records'
import { toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { FlagTag } from '../components/Flag'
import { chinaClock } from '../format'
import { param } from '../routes'
import '../components/records.scss'
import './index.scss'

/** Everything the hospital did with this patient, newest first: the first page, then 加载更早的记录. */
function Timeline() {
  const { params } = useRouter()
  const profileId = param(params, 'profileId')
  const first = useShownData(() => call('records', 'timeline', { profileId, limit: 20 }, { idempotent: true }), [profileId])
  const [more, setMore] = useState<{ items: TimelineItem[]; nextBefore: string | null } | null>(null)
  const [loading, setLoading] = useState(false)

  // A fresh first page (back on screen, pulled down) starts the list over.
  useEffect(() => setMore(null), [first.data])

  if (!first.data) return first.error ? <ErrorState message={first.error} onRetry={first.reload} /> : <LoadingState />
  const items = [...first.data.items, ...(more?.items ?? [])]
  const nextBefore = more ? more.nextBefore : first.data.nextBefore
  if (!items.length) return <EmptyState mark="档" title="还没有记录" description="预约、代煎、护理、测量和随访都会按时间出现在这里" />

  const loadMore = async () => {
    if (!nextBefore) return
    setLoading(true)
    try {
      const page = await call('records', 'timeline', { profileId, before: nextBefore, limit: 20 }, { idempotent: true })
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextBefore: page.nextBefore }))
    } catch (e) {
      toastError(e)
    } finally {
      setLoading(false)
    }
  }

  return (
    <View className="timeline">
      {items.map((it) => (
        <View
          key={`${it.kind}-${it.id}`}
          className={`card timeline__item timeline__item--${it.kind}${it.upcoming ? ' timeline__item--upcoming' : ''}`}
          data-kind={it.kind}
        >
          <View className="rec-card__head">
            <Text className="timeline__kind">{it.upcoming ? `${it.kindLabel} · 即将就诊` : it.kindLabel}</Text>
            <Text className="text-muted">{chinaClock(it.at)}</Text>
          </View>
          <View className="timeline__title-row">
            <Text className="timeline__title">{it.title}</Text>
            {it.flag ? (
              <FlagTag level={it.flag.level} label={it.flag.label} />
            ) : it.status ? (
              <Text className={`timeline__status${it.upcoming ? ' timeline__status--upcoming' : ''}`}>{it.status}</Text>
            ) : null}
          </View>
          {it.detail ? <Text className="text-muted block">{it.detail}</Text> : null}
        </View>
      ))}
      {nextBefore ? (
        <View className="actions">
          <Button size="large" block loading={loading} disabled={loading} onClick={loadMore}>
            加载更早的记录
          </Button>
        </View>
      ) : (
        <Text className="text-muted block timeline__end">没有更早的记录了</Text>
      )}
    </View>
  )
}

export default function TimelinePage() {
  return (
    <Page>
      <Timeline />
    </Page>
  )
}
