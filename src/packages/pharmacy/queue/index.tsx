import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  ACTIVE_STATUSES,
  DELIVERY_LABELS,
  ORDER_STATUS_LABELS,
  ORDER_STATUSES,
  type OrderStatus,
  type QueueItem
} from '../../../../types/decoction'
import { formatCst } from '../../../../types/decoction-rules'
import { toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { usePagedList } from '../../../state/usePagedList'
import { HandlingTags } from '../../decoction/components/HerbTable'
import { StatusTag } from '../../../components/StatusTag'
import { StatusTabs } from '../../../components/StatusTabs'
import { DECOCTION_ROUTES, withId } from '../../decoction/routes'
import './index.scss'

const HISTORY: OrderStatus[] = ['delivered', 'cancelled', 'rejected']
const TABS: OrderStatus[] = [...ACTIVE_STATUSES, ...HISTORY]

function QueueCard({ item, soakingMinutes }: { item: QueueItem; soakingMinutes: number }) {
  return (
    <View
      className={`card queue-card${item.overdue ? ' queue-card--overdue' : ''}`}
      data-order-no={item.orderNo}
      hoverClass="tap-active"
      onClick={() => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.pharmacyOrder, item.id) })}
    >
      <View className="queue-card__head">
        <Text className="queue-card__no">{item.orderNo}</Text>
        <StatusTag of="order" status={item.status} />
      </View>
      <Text className="queue-card__who block">
        {item.patientNameMasked}　{item.phoneMasked}
      </Text>
      <Text className="text-muted block">
        {item.doses} 剂 × {item.packsPerDose} 袋 · {DELIVERY_LABELS[item.delivery]} · 提交于 {formatCst(item.createdAt, false)}
      </Text>
      <HandlingTags handlings={item.handlings} />
      {item.soakedMinutes !== undefined ? (
        <View className="queue-card__soak">
          <Text className={item.overdue ? 'queue-card__overdue' : 'text-body'}>
            已浸泡 {item.soakedMinutes} 分钟（规定 {soakingMinutes} 分钟）
          </Text>
          {item.overdue ? <Text className="queue-card__flag">超时</Text> : null}
        </View>
      ) : null}
    </View>
  )
}

function Queue() {
  const { params } = useRouter()
  const initial = (ORDER_STATUSES as readonly string[]).includes(params.status ?? '') ? (params.status as OrderStatus) : 'submitted'
  const [status, setStatus] = useState<OrderStatus>(initial)
  const [q, setQ] = useState('')
  const [found, setFound] = useState<QueueItem[] | null>(null)
  const [searching, setSearching] = useState(false)

  const page = usePagedList(
    (after) => call('decoction', 'queue', { status, after }, { idempotent: true }),
    (res) => res.orders,
    status
  )

  const search = async () => {
    if (q.trim().length < 2) return
    setSearching(true)
    try {
      setFound((await call('decoction', 'searchOrders', { q: q.trim() }, { idempotent: true })).orders)
    } catch (e) {
      toastError(e)
    } finally {
      setSearching(false)
    }
  }

  const { data, list } = page

  return (
    <View className="queue">
      <View className="queue__search">
        <Input className="queue__search-input" value={q} placeholder="订单号 / 完整姓名 / 手机号" onChange={setQ} onConfirm={search} />
        <Button type="primary" loading={searching} onClick={search}>
          搜索
        </Button>
      </View>

      {found ? (
        <View className="queue__found">
          <View className="queue__found-head">
            <Text className="section-title">搜索结果 {found.length} 条</Text>
            <Button
              size="small"
              fill="outline"
              onClick={() => {
                setFound(null)
                setQ('')
              }}
            >
              返回队列
            </Button>
          </View>
          {found.length === 0 ? <EmptyState mark="?" title="没有找到订单" description="请核对订单号、完整姓名或手机号" /> : null}
          {found.map((item) => (
            <QueueCard key={item.id} item={item} soakingMinutes={data?.soakingMinutes ?? 30} />
          ))}
        </View>
      ) : (
        <>
          <StatusTabs
            statuses={TABS}
            labels={ORDER_STATUS_LABELS}
            value={status}
            onChange={setStatus}
            counts={data?.counts}
            extra={(s) =>
              s === 'soaking' && data && data.overdue > 0 ? <Text className="queue__overdue-count">{data.overdue}超时</Text> : null
            }
          />

          {!data ? (
            page.error ? (
              <ErrorState message={page.error} onRetry={page.reload} />
            ) : (
              <LoadingState />
            )
          ) : list.length === 0 ? (
            <EmptyState mark="空" title={`没有「${ORDER_STATUS_LABELS[status]}」的订单`} />
          ) : (
            <>
              {status === 'soaking' ? <Text className="text-muted block queue__note">浸泡最久的排在最前，超过规定时间的标红</Text> : null}
              {list.map((item) => (
                <QueueCard key={item.id} item={item} soakingMinutes={data.soakingMinutes} />
              ))}
              {page.hasMore ? (
                <Button block fill="outline" onClick={page.loadMore}>
                  加载更多
                </Button>
              ) : null}
            </>
          )}
        </>
      )}
    </View>
  )
}

export default function QueuePage() {
  return (
    <Page>
      <Queue />
    </Page>
  )
}
