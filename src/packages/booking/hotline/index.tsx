import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { RELATION_LABELS, RELATIONS, type PatientMatch, type Relation } from '../../../../types/account'
import { idNumberProblem, normalizeIdNumber } from '../../../../types/idcard'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { EmptyState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useSignedInAccount } from '../../../state/account'
import { Segments } from '../components/Segments'
import { BOOKING_ROUTES, to } from '../routes'
import './index.scss'

const SEX = { male: '男', female: '女' } as const

type HotlinePatientInput = CallInput<'booking', 'hotlinePatient'>

function PatientCard({
  p
}: {
  p: Pick<PatientMatch, 'id' | 'nameMasked' | 'phoneMasked' | 'idNumberMasked' | 'age'> & { sex?: 'male' | 'female' }
}) {
  return (
    <View className="card hl-patient" data-profile-id={p.id}>
      <Text className="hl-patient__name block">
        {p.nameMasked}
        <Text className="hl-patient__meta">
          {p.sex ? ` ${SEX[p.sex]}` : ''} {p.age}岁
        </Text>
      </Text>
      <Text className="text-muted block">
        {p.phoneMasked} · 身份证 {p.idNumberMasked}
      </Text>
      <View className="bk-actions">
        <Button type="primary" onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.browse, { hotline: p.id, caller: p.nameMasked }) })}>
          为其预约
        </Button>
        <Button
          fill="outline"
          type="primary"
          onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.hotlinePatient, { profileId: p.id }) })}
        >
          查看预约
        </Button>
      </View>
    </View>
  )
}

/** 24小时热线: find the caller by phone, or add them with their spoken consent. */
function Hotline() {
  const { account } = useSignedInAccount()
  const [phone, setPhone] = useState('')
  const [searched, setSearched] = useState('')
  const [matches, setMatches] = useState<PatientMatch[] | null>(null)
  const [creating, setCreating] = useState(false)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [relation, setRelation] = useState<Relation>('self')
  const [consent, setConsent] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<(PatientMatch & { created: boolean }) | null>(null)
  const find = useAction((p: string) => call('account', 'findPatients', { phone: p }, { idempotent: true }))
  const register = useAction((input: HotlinePatientInput, requestId: string) => call('booking', 'hotlinePatient', input, { requestId }), {
    success: (p) => (p.created ? '已建档' : '该来电者已建档'),
    onError: (e) => e.fields && setErrors(e.fields)
  })
  const busy = find.busy || register.busy

  if (!account.roles.includes('hotline')) return <EmptyState mark="!" title="没有权限" description="只有热线客服可以为来电者预约" />

  const search = async () => {
    const p = phone.trim()
    if (!/^1[3-9]\d{9}$/.test(p)) {
      setErrors({ phone: '手机号应为11位数字，以1开头' })
      return
    }
    setErrors({})
    const res = await find.run(p)
    if (!res) return
    setMatches(res.patients)
    setSearched(p)
    setCreated(null)
    setCreating(res.patients.length === 0)
  }

  const create = async () => {
    const id = normalizeIdNumber(idNumber)
    const local: Record<string, string> = {}
    if (name.trim().length < 2) local.name = '请填写来电者姓名'
    const problem = idNumberProblem(id)
    if (problem) local.idNumber = `身份证号${problem}`
    if (!consent) local.consent = '请先向来电者说明并取得同意'
    setErrors(local)
    if (Object.keys(local).length) return
    const input = { phone: searched, name: name.trim(), idNumber: id, relation, consent: true as const }
    const p = await register.run(input)
    if (!p) return
    setCreated({ ...p, sex: id.charCodeAt(16) % 2 === 1 ? 'male' : 'female', birthDate: '' })
    setCreating(false)
  }

  return (
    <View className="hotline">
      <View className="card">
        <Field label="来电号码" name="phone" error={errors.phone}>
          <View className="hotline__search">
            <Input type="number" value={phone} maxLength={11} placeholder="来电者手机号" onChange={setPhone} onConfirm={search} />
            <Button type="primary" disabled={busy} onClick={search}>
              查找
            </Button>
          </View>
        </Field>
      </View>

      {matches !== null ? (
        <View>
          <Text className="bk-section">
            {matches.length ? `找到${matches.length}位就诊人` : created ? '已为来电者建档' : '没有找到，请为来电者建档'}
          </Text>
          {matches.map((p) => (
            <PatientCard key={p.id} p={p} />
          ))}
          {created ? <PatientCard p={created} /> : null}
          {!creating && !created ? (
            <View className="actions">
              <Button fill="outline" block onClick={() => setCreating(true)}>
                新建就诊人（{searched}）
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {creating ? (
        <View className="card hotline__form">
          <Text className="bk-section">为来电者建档（{searched}）</Text>
          <Field label="姓名" name="name" required error={errors.name}>
            <Input value={name} maxLength={20} placeholder="与身份证一致" onChange={setName} />
          </Field>
          <Field label="身份证号" name="idNumber" required error={errors.idNumber}>
            <Input
              type="idcard"
              value={idNumber}
              maxLength={18}
              placeholder="18位身份证号"
              onChange={(v) => setIdNumber(v.replace(/\s/g, '').toUpperCase())}
            />
          </Field>
          <Field label="与来电者关系" name="relation" required error={errors.relation}>
            <Segments
              wrap
              items={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
              value={relation}
              onChange={setRelation}
            />
          </Field>
          <Field label="来电者同意" name="consent" required error={errors.consent}>
            <Checkbox
              checked={consent}
              onChange={(v) => {
                setConsent(v)
                setErrors((e) => ({ ...e, consent: '' }))
              }}
              className="hotline__consent"
            >
              已向来电者说明：医院将保存其姓名、身份证号、手机号和就诊信息用于预约挂号，来电者口头同意
            </Checkbox>
          </Field>
          <View className="actions">
            <Button type="primary" size="large" block disabled={busy} onClick={create}>
              {busy ? '请稍候…' : '建档'}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

export default function HotlinePage() {
  return (
    <Page>
      <Hotline />
    </Page>
  )
}
