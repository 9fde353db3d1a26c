import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { CatalogueItem, NurseRow } from '../../../../types/nursing'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { Row } from '../../../components/Row'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'
import './index.scss'

interface Competence {
  accountId: string
  items: string[]
  certificates: Record<string, string>
  phone?: string
}

function Editor({ nurse, items, onSaved }: { nurse: NurseRow; items: readonly CatalogueItem[]; onSaved(): void }) {
  const [codes, setCodes] = useState<string[]>(nurse.items)
  const [certs, setCerts] = useState<Record<string, string>>(nurse.certificates)
  const [phone, setPhone] = useState(nurse.phone ?? '')
  const save = useAction((input: Competence) => call('nursing', 'setNurseCompetence', input), {
    success: '已保存',
    showError: 'toast'
  })
  const kinds = Array.from(new Set(items.map((i) => i.certificate).filter((c): c is string => !!c)))
  const fields = save.error?.fields ?? {}
  return (
    <View className="nursing-nurse-editor">
      <Text className="field__label">可承接的项目</Text>
      {items.map((i) => {
        const on = codes.includes(i.code)
        return (
          <View
            key={i.code}
            className={`nursing-choice${on ? ' nursing-choice--on' : ''}`}
            data-code={i.code}
            onClick={() => setCodes(on ? codes.filter((c) => c !== i.code) : [...codes, i.code])}
          >
            <Checkbox checked={on}>
              <Text className="text-body">
                {i.name}
                {i.certificate ? `（需${i.certificate}证书）` : ''}
              </Text>
            </Checkbox>
          </View>
        )
      })}
      {kinds.map((k) => (
        <Field key={k} label={`${k}证书编号`} name={`cert-${k}`} error={fields[`certificates.${k}`]} hint="没有证书请留空">
          <Input value={certs[k] ?? ''} maxLength={40} onChange={(v) => setCerts({ ...certs, [k]: v })} />
        </Field>
      ))}
      <Field label="报警联系电话" name="phone" error={fields.phone} hint="护士报警时护理部拨打这个号码">
        <Input type="number" value={phone} maxLength={11} onChange={setPhone} />
      </Field>
      <View className="actions">
        <Button
          type="primary"
          size="large"
          block
          loading={save.busy}
          disabled={save.busy}
          onClick={async () => {
            const certificates = Object.fromEntries(
              Object.entries(certs)
                .filter(([, v]) => v.trim())
                .map(([k, v]) => [k, v.trim()])
            )
            const ok = await save.run({
              accountId: nurse.accountId,
              items: codes,
              certificates,
              ...(phone.trim() ? { phone: phone.trim() } : {})
            })
            if (ok) onSaved()
          }}
        >
          保存资质
        </Button>
      </View>
    </View>
  )
}

function Nurses() {
  const data = useShownData(async () => {
    const [list, catalogue] = await Promise.all([
      call('nursing', 'nurses', {}, { idempotent: true }),
      call('nursing', 'catalogue', {}, { idempotent: true })
    ])
    return { nurses: list.nurses, items: catalogue.items }
  })
  const [editing, setEditing] = useState<string | null>(null)
  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { nurses, items } = data.data
  if (!nurses.length)
    return <EmptyState mark="护" title="还没有护士" description="请信息科在员工管理中授予护士角色并填写职称、执业年限和执业证号" />
  const nameOf = (code: string) => items.find((i) => i.code === code)?.name ?? code
  return (
    <View className="nursing-nurses">
      <Text className="text-muted block nursing-nurses__note">上门护士须执业满5年、护师及以上职称、有执业证号；PICC维护另需专科证书。</Text>
      {nurses.map((n) => (
        <View key={n.accountId} className="card" data-nurse={n.name}>
          <View className="nursing-row__head">
            <Text className="nursing-row__title">{n.name}</Text>
            <Text className={n.problems.length ? 'nursing-risk nursing-risk--high' : 'nursing-risk nursing-risk--low'}>
              {n.problems.length ? '不可上门' : '可上门'}
            </Text>
          </View>
          <Row label="职称" value={n.title ?? '未填写'} />
          <Row label="执业年限" value={n.years !== null ? `${n.years}年` : '未填写'} />
          <Row label="执业证号" value={n.licenseNumber ?? '未填写'} />
          <Row label="电话" value={n.phone ?? '未填写'} />
          {Object.entries(n.certificates).map(([k, v]) => (
            <Row key={k} label={`${k}证书`} value={v} />
          ))}
          {n.problems.length ? <Text className="nursing-notice nursing-notice--danger block">{n.problems.join('；')}</Text> : null}
          <View className="nursing-chips">
            {n.items.length ? (
              n.items.map((c) => (
                <Text key={c} className="nursing-chip">
                  {nameOf(c)}
                </Text>
              ))
            ) : (
              <Text className="text-muted">还没有可承接的项目</Text>
            )}
          </View>
          {editing === n.accountId ? (
            <Editor
              nurse={n}
              items={items}
              onSaved={() => {
                setEditing(null)
                data.reload()
              }}
            />
          ) : (
            <View className="actions">
              <Button fill="outline" size="large" block onClick={() => setEditing(n.accountId)}>
                修改资质
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

export default function NursesPage() {
  return (
    <Page>
      <Nurses />
    </Page>
  )
}
