import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { RELATION_LABELS, type ProfileView } from '../../../../types/account'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import './index.scss'

const SEX_LABELS = { male: '男', female: '女' } as const

function ProfileCard({ profile, onEdit, onRemove }: { profile: ProfileView; onEdit(): void; onRemove(): void }) {
  return (
    <View className="card profile-card" data-profile-id={profile.id}>
      <View className="profile-card__main" hoverClass="tap-active" onClick={onEdit}>
        <View className="profile-card__head">
          <Text className="profile-card__name">{profile.name}</Text>
          <Text className="profile-card__relation">{RELATION_LABELS[profile.relation]}</Text>
        </View>
        <View className="profile-card__row">
          <Text className="profile-card__label">身份证</Text>
          <Text className="profile-card__value profile-card__id">{profile.idNumberMasked}</Text>
        </View>
        <View className="profile-card__row">
          <Text className="profile-card__label">性别年龄</Text>
          <Text className="profile-card__value">
            {SEX_LABELS[profile.sex]}　{profile.age}岁
          </Text>
        </View>
        <View className="profile-card__row">
          <Text className="profile-card__label">手机号</Text>
          <Text className="profile-card__value">{profile.phone}</Text>
        </View>
      </View>
      <View className="profile-card__actions">
        <Button fill="outline" type="primary" onClick={onEdit}>
          修改
        </Button>
        <Button fill="outline" type="danger" onClick={onRemove}>
          删除
        </Button>
      </View>
    </View>
  )
}

function Profiles() {
  const { account } = useSignedInAccount()
  const list = useShownData(() => call('account', 'listProfiles', {}, { idempotent: true }))
  const [removing, setRemoving] = useState<ProfileView | null>(null)
  const remove = useAction((id: string) => call('account', 'removeProfile', { id }), { success: '已删除' })
  const busy = remove.busy

  const profiles = list.data?.profiles
  const full = profiles !== undefined && profiles.length >= account.maxProfiles

  const add = () => {
    // Health data is sensitive: the first profile needs its own explicit consent.
    const url = account.healthDataConsent ? ROUTES.profileForm : `${ROUTES.consent}?next=add`
    Taro.navigateTo({ url })
  }

  const edit = (p: ProfileView) => Taro.navigateTo({ url: `${ROUTES.profileForm}?id=${encodeURIComponent(p.id)}` })

  const confirmRemove = async () => {
    if (!removing) return
    const done = await remove.run(removing.id)
    setRemoving(null)
    if (done) await list.reload()
  }

  if (profiles === undefined) {
    return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  }

  return (
    <View className="profiles">
      <Text className="text-muted block profiles__summary">
        已添加 {profiles.length} 位，最多可添加 {account.maxProfiles} 位
      </Text>

      {profiles.length === 0 ? (
        <EmptyState mark="人" title="还没有就诊人" description="添加自己或家人的信息后，就可以为他们预约挂号、办理服务" />
      ) : (
        profiles.map((p) => <ProfileCard key={p.id} profile={p} onEdit={() => edit(p)} onRemove={() => setRemoving(p)} />)
      )}

      <View className="actions">
        <Button type="primary" size="large" block disabled={full} onClick={add}>
          添加就诊人
        </Button>
        {full ? (
          <Text className="text-muted block profiles__limit">
            最多添加 {account.maxProfiles} 位就诊人，如需添加请先删除不再需要的就诊人
          </Text>
        ) : null}
      </View>

      <Dialog
        className="profiles__remove-dialog"
        visible={removing !== null}
        title="删除就诊人"
        content={removing ? `确定删除“${removing.name}”吗？删除后如需再为其办理服务，要重新填写信息。` : ''}
        confirmText={busy ? '正在删除…' : '删除'}
        cancelText="取消"
        disableConfirmButton={busy}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
        onClose={() => setRemoving(null)}
      />
    </View>
  )
}

export default function ProfilesPage() {
  return (
    <Page>
      <Profiles />
    </Page>
  )
}
