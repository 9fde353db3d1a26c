import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { RELATION_LABELS } from '../../../../types/account'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { Row } from '../../../components/Row'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { FlagTag } from '../components/Flag'
import { ReferralLines } from '../components/Referrals'
import { saveExport } from '../components/saveExport'
import { Segments } from '../components/Choices'
import { Trends } from '../components/Trends'
import { chinaClock, dateText } from '../format'
import { param, RECORDS_ROUTES, to } from '../routes'
import '../components/records.scss'
import './index.scss'

function Overview({ profileId }: { profileId: string }) {
  const data = useShownData(() => call('records', 'overview', { profileId }, { idempotent: true }), [profileId])
  const [exporting, setExporting] = useState(false)

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { patient, enrolments, latest, openTasks, referrals } = data.data

  const exportRecord = async () => {
    setExporting(true)
    try {
      const out = await call('records', 'exportFhir', { profileId }, { idempotent: true })
      const said = await saveExport([
        { name: out.fileName, content: JSON.stringify(out.record, null, 2) },
        { name: out.fileName.replace(/\.json$/, '.fhir.json'), content: JSON.stringify(out.bundle, null, 2) }
      ])
      toast(said, 'success')
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <View className="card records-home__patient">
        <Text className="rec-card__title block">
          {patient.name}
          <Text className="text-muted">
            {'　'}
            {patient.sex === 'male' ? '男' : '女'} · {patient.age}岁
          </Text>
        </Text>
        {enrolments.length ? <Text className="text-body block">慢病管理：{enrolments.map((e) => e.programmeName).join('、')}</Text> : null}
        {openTasks.map((t) => (
          <Text key={t.id} className="records-home__task block">
            医生将在 {dateText(t.dueDate)} 前随访（{t.reasonLabel}）
          </Text>
        ))}
        {referrals.length ? (
          <View className="records-home__referrals">
            <ReferralLines referrals={referrals} label="随访医生已预约专家" />
          </View>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: to(RECORDS_ROUTES.reading, { profileId }) })}>
            记录一次测量
          </Button>
        </View>
      </View>

      <Text className="section-title">最近一次测量</Text>
      {latest.length ? (
        <View className="card records-home__latest">
          {latest.map((r) => (
            <View key={r.id} className="reading-table__row" data-kind={r.kind}>
              <Text className="records-home__kind">{r.kindLabel}</Text>
              <View className="records-home__value">
                <Text className="reading-table__value block">{r.display}</Text>
                <Text className="text-muted block">{chinaClock(r.measuredAt)}</Text>
              </View>
              <FlagTag level={r.flag.level} label={r.flag.label} />
            </View>
          ))}
        </View>
      ) : (
        <View className="card">
          <Text className="text-muted block">还没有测量记录。量完血压、血糖后在这里记下，医生能看到变化。</Text>
        </View>
      )}

      <Trends profileId={profileId} />

      <View className="card">
        <Row label="就诊记录" value="预约、代煎、护理、测量和随访，按时间排列" />
        <View className="rec-actions">
          <Button size="large" onClick={() => Taro.navigateTo({ url: to(RECORDS_ROUTES.timeline, { profileId }) })}>
            查看时间线
          </Button>
          <Button size="large" loading={exporting} disabled={exporting} onClick={exportRecord}>
            导出健康档案
          </Button>
        </View>
        <Text className="rec-note">导出两个文件：完整档案（JSON）和通用医疗格式（FHIR），可交给其他医院的医生。</Text>
      </View>
    </>
  )
}

function RecordsHome() {
  const { params } = useRouter()
  const people = useShownData(() => call('account', 'listProfiles', {}, { idempotent: true }))
  const [chosen, setChosen] = useState(() => param(params, 'profileId'))

  if (!people.data) return people.error ? <ErrorState message={people.error} onRetry={people.reload} /> : <LoadingState />
  const profiles = people.data.profiles
  if (!profiles.length) {
    return (
      <EmptyState
        mark="档"
        title="还没有就诊人"
        description="先添加就诊人（自己或家人），再为他记录血压、血糖"
        action={
          <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: ROUTES.profileForm })}>
            添加就诊人
          </Button>
        }
      />
    )
  }
  const profileId = profiles.some((p) => p.id === chosen) ? chosen : profiles[0].id

  return (
    <View className="records-home">
      {profiles.length > 1 ? (
        <Segments
          name="profile"
          options={profiles.map((p) => ({ value: p.id, label: `${p.name}（${RELATION_LABELS[p.relation]}）` }))}
          value={profileId}
          onChange={setChosen}
        />
      ) : null}
      <Overview key={profileId} profileId={profileId} />
    </View>
  )
}

export default function RecordsHomePage() {
  return (
    <Page>
      <RecordsHome />
    </Page>
  )
}
