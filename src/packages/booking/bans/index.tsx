import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { chinaWallClock } from '../../../../types/booking-rules'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { Row } from '../../../components/Row'

type Banned = { profileId: string; nameMasked: string; phoneMasked: string; bannedUntil: string; reason: string; noShows: number }

/** 爽约限制: patients barred after repeated no-shows, and lifting a ban early with a reason. */
function Bans() {
  const { account } = useSignedInAccount()
  const list = useShownData(() => call('booking', 'listBans', {}, { idempotent: true }))
  const [lifting, setLifting] = useState<Banned | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  if (!account.roles.includes('admin')) return <EmptyState mark="!" title="没有权限" description="只有管理员可以解除预约限制" />
  if (!list.data) return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />

  const lift = async () => {
    if (!lifting) return
    if (reason.trim().length < 2) {
      toast('请填写解除原因', 'warn')
      return
    }
    setBusy(true)
    try {
      await call('booking', 'liftBan', { profileId: lifting.profileId, reason: reason.trim() })
      toast('已解除限制', 'success')
      setLifting(null)
      setReason('')
      await list.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  if (list.data.patients.length === 0)
    return <EmptyState mark="约" title="没有被限制预约的患者" description="90天内爽约3次的患者会自动限制预约90天" />
  return (
    <View>
      {list.data.patients.map((p) => {
        const [y, m, d] = chinaWallClock(p.bannedUntil).date.split('-')
        const until = `${y}年${Number(m)}月${Number(d)}日`
        return (
          <View key={p.profileId} className="card" data-profile-id={p.profileId}>
            <Row label="患者" value={`${p.nameMasked}　${p.phoneMasked}`} strong />
            <Row label="原因" value={p.reason} />
            <Row label="限制至" value={until} />
            <Row label="爽约次数" value={`${p.noShows}次`} />
            <View className="bk-actions">
              <Button type="primary" fill="outline" onClick={() => setLifting(p)}>
                解除限制
              </Button>
            </View>
          </View>
        )
      })}
      <ReasonDialog
        visible={lifting !== null}
        title="解除预约限制"
        message="解除后该患者可立即预约，此前的爽约记录不再计入。"
        reason={reason}
        onReasonChange={setReason}
        placeholder="解除原因（必填，将记录在案）"
        confirmText="解除"
        cancelText="取消"
        busy={busy}
        onConfirm={lift}
        onClose={() => setLifting(null)}
      />
    </View>
  )
}

export default function BansPage() {
  return (
    <Page>
      <Bans />
    </Page>
  )
}
