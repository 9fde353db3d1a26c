import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Input, Radio, Switch } from '@nutui/nutui-react-taro'
import React, { useEffect, useRef, useState } from 'react'
import { accountActions, NURSE_TITLES, personName, type NurseTitle, type StaffView } from '../../../../types/account'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../types/contract'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { ApiError } from '../../../services/errors'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import { zodFieldErrors, type FieldErrors } from '../profile-form/validation'
import './index.scss'

const ROLE_HINTS: Record<StaffRole, string> = {
  scheduler: '发布专家出诊、设置停诊',
  hotline: '为不会用手机的来电患者预约',
  pharmacist: '审方、调配、煎药和配送',
  nurse: '上门护理服务',
  nursing_dispatcher: '护理部：评估和派单',
  doctor: '随访患者',
  admin: '管理员工和角色'
}

function NurseCredentials({ staff, onSaved }: { staff: StaffView; onSaved(s: StaffView): void }) {
  const [title, setTitle] = useState<string>(staff.nurse?.title ?? '')
  const [years, setYears] = useState<string>(staff.nurse ? String(staff.nurse.years) : '')
  const [license, setLicense] = useState<string>(staff.nurse?.licenseNumber ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const credentials = useAction((input: CallInput<'account', 'setNurseCredentials'>) => call('account', 'setNurseCredentials', input), {
    success: '护士资质已保存',
    onError: (e) => e.fields && setErrors(e.fields)
  })
  const saving = credentials.busy

  const save = async () => {
    const input = {
      accountId: staff.accountId,
      title: title as NurseTitle,
      years: years.trim() === '' ? Number.NaN : Number(years),
      licenseNumber: license.trim()
    }
    const checked = accountActions.setNurseCredentials.input.safeParse(input)
    if (!checked.success) {
      const found = zodFieldErrors(checked.error)
      if (years.trim() === '') found.years = '请填写执业年限'
      setErrors(found)
      return
    }
    setErrors({})
    const saved = await credentials.run(input)
    if (saved) onSaved(saved)
  }

  return (
    <View className="card">
      <Text className="section-title staff-detail__card-title">护士资质</Text>
      <Field label="职称" required error={errors.title}>
        <Radio.Group
          value={title}
          shape="button"
          direction="horizontal"
          className="choice-grid choice-grid--wide"
          onChange={(v) => setTitle(String(v))}
        >
          {NURSE_TITLES.map((t) => (
            <Radio key={t} value={t} shape="button">
              {t}
            </Radio>
          ))}
        </Radio.Group>
      </Field>
      <Field label="执业年限（年）" required error={errors.years}>
        <Input type="number" value={years} maxLength={2} placeholder="如 6" onChange={setYears} />
      </Field>
      <Field label="执业证书编号" required error={errors.licenseNumber}>
        <Input value={license} maxLength={20} placeholder="6-20位字母或数字" onChange={setLicense} />
      </Field>
      <View className="actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={save}>
          保存护士资质
        </Button>
      </View>
    </View>
  )
}

function StaffDetail() {
  const { params } = useRouter()
  const accountId = params.accountId ? decodeURIComponent(params.accountId) : ''
  const { account } = useSignedInAccount()
  const list = useShownData(() => call('account', 'listStaff', {}, { idempotent: true }))
  const [staff, setStaff] = useState<StaffView | null>(null)
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string>()
  const [pending, setPending] = useState<StaffRole | null>(null)

  const fromList = list.data?.staff.find((s) => s.accountId === accountId) ?? null
  const nickname = list.data?.accounts.find((a) => a.id === accountId)?.nickname

  // Follow the list whenever it (re)loads; seed the name field once, from the staff record or the nickname.
  useEffect(() => {
    setStaff(fromList)
  }, [fromList])
  const nameSeeded = useRef(false)
  useEffect(() => {
    if (nameSeeded.current || !list.data) return
    nameSeeded.current = true
    const suggested = fromList?.name ?? nickname ?? ''
    if (personName.safeParse(suggested).success) setName(suggested)
  }, [list.data, fromList, nickname])

  if (!account.roles.includes('admin')) return <EmptyState mark="!" title="没有权限" description="只有管理员可以设置员工角色" />
  if (list.data === undefined) return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  if (!fromList && nickname === undefined)
    return <EmptyState mark="?" title="没有找到这个账号" description="账号可能已注销，请返回重新选择" />

  const roles = staff?.roles ?? []

  const toggle = async (role: StaffRole, on: boolean) => {
    let staffName: string | undefined
    if (on && !staff) {
      // A new staff member is recorded under their real name.
      const parsed = personName.safeParse(name)
      if (!parsed.success) {
        setNameError(name.trim() ? parsed.error.issues[0]?.message : '请先填写员工姓名')
        return
      }
      staffName = parsed.data
    }
    setNameError(undefined)
    setPending(role)
    try {
      const next = on
        ? await call('account', 'grantRole', { accountId, role, ...(staffName ? { name: staffName } : {}) })
        : await call('account', 'revokeRole', { accountId, role })
      setStaff(next)
      toast(on ? `已设为${ROLE_LABELS[role]}` : `已取消${ROLE_LABELS[role]}`, 'success')
    } catch (e) {
      if (e instanceof ApiError && e.fields?.name) setNameError(e.fields.name)
      toastError(e)
    } finally {
      setPending(null)
    }
  }

  return (
    <View className="staff-detail">
      <View className="card">
        <Text className="staff-detail__name">{staff?.name ?? nickname}</Text>
        {nickname && staff && staff.name !== nickname ? <Text className="text-muted block">微信昵称：{nickname}</Text> : null}
        {!staff ? (
          <Field label="员工姓名" required error={nameError} hint="首次设置角色时需要填写真实姓名">
            <Input value={name} maxLength={20} placeholder="与工作证一致" onChange={setName} />
          </Field>
        ) : null}
      </View>

      <Text className="section-title">角色</Text>
      <CellGroup>
        {STAFF_ROLES.map((r) => (
          <Cell
            key={r}
            title={ROLE_LABELS[r]}
            description={ROLE_HINTS[r]}
            align="center"
            extra={
              <Switch checked={roles.includes(r)} disabled={pending !== null} onChange={(on) => toggle(r, on)} ariaLabel={ROLE_LABELS[r]} />
            }
          />
        ))}
      </CellGroup>

      {staff && staff.roles.includes('nurse') ? (
        <View className="staff-detail__nurse">
          <NurseCredentials key={staff.accountId} staff={staff} onSaved={setStaff} />
        </View>
      ) : null}
    </View>
  )
}

export default function StaffDetailPage() {
  return (
    <Page>
      <StaffDetail />
    </Page>
  )
}
