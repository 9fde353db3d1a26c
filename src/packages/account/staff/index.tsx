import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { StaffView } from '../../../../types/account'
import { Page } from '../../../components/Page'
import { RoleTags } from '../../../components/RoleTags'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import './index.scss'

const open = (accountId: string) => Taro.navigateTo({ url: `${ROUTES.staffDetail}?accountId=${encodeURIComponent(accountId)}` })

function StaffCard({ staff }: { staff: StaffView }) {
  return (
    <View className="card staff-card" hoverClass="tap-active" onClick={() => open(staff.accountId)}>
      <View className="staff-card__head">
        <Text className="staff-card__name">{staff.name}</Text>
        <Text className="staff-card__chevron">›</Text>
      </View>
      <RoleTags roles={staff.roles} />
      {staff.nurse ? (
        <Text className="text-muted block staff-card__nurse">
          {staff.nurse.title} · 执业 {staff.nurse.years} 年 · 证书 {staff.nurse.licenseNumber}
        </Text>
      ) : staff.roles.includes('nurse') ? (
        <Text className="text-muted block staff-card__nurse">尚未登记护士资质</Text>
      ) : null}
    </View>
  )
}

function Staff() {
  const { account } = useSignedInAccount()
  const [keyword, setKeyword] = useState('')
  const [query, setQuery] = useState('')
  const list = useShownData(() => call('account', 'listStaff', query ? { keyword: query } : {}, { idempotent: true }), query)

  if (!account.roles.includes('admin')) {
    return <EmptyState mark="!" title="没有权限" description="只有管理员可以设置员工角色" />
  }

  const search = () => setQuery(keyword.trim())

  const staffIds = new Set(list.data?.staff.map((s) => s.accountId))
  const others = list.data?.accounts.filter((a) => !staffIds.has(a.id)) ?? []

  return (
    <View className="staff">
      <View className="staff__search">
        <Input
          className="staff__search-input"
          value={keyword}
          placeholder="按姓名或昵称查找"
          maxLength={20}
          confirmType="search"
          onChange={setKeyword}
          onConfirm={search}
        />
        <Button type="primary" onClick={search}>
          查找
        </Button>
      </View>

      {list.data === undefined ? (
        list.error ? (
          <ErrorState message={list.error} onRetry={list.reload} />
        ) : (
          <LoadingState />
        )
      ) : (
        <View>
          <Text className="section-title">员工（{list.data.staff.length}）</Text>
          {list.data.staff.length === 0 ? (
            <Text className="text-muted block staff__none">{query ? '没有找到匹配的员工' : '还没有员工'}</Text>
          ) : (
            list.data.staff.map((s) => <StaffCard key={s.accountId} staff={s} />)
          )}

          <Text className="section-title">其他账号（{others.length}）</Text>
          <Text className="text-muted block staff__none">点选账号可为其设置员工角色</Text>
          {others.map((a) => (
            <View key={a.id} className="card staff-card staff-card--plain" hoverClass="tap-active" onClick={() => open(a.id)}>
              <View className="staff-card__head">
                <Text className="staff-card__name">{a.nickname}</Text>
                <Text className="staff-card__chevron">›</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

export default function StaffPage() {
  return (
    <Page>
      <Staff />
    </Page>
  )
}
