import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Radio } from '@nutui/nutui-react-taro'
import React, { useCallback, useEffect, useState } from 'react'
import { FIELD_LABELS, RELATIONS, RELATION_LABELS, type Relation } from '../../../../types/account'
import { birthDateFromId, idNumberProblem, normalizeIdNumber, sexFromId } from '../../../../types/idcard'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { errorText } from '../../../services/errors'
import { PROFILE_FIELDS, validateAll, validateField, type FieldErrors, type ProfileField, type ProfileValues } from './validation'
import './index.scss'

const EMPTY: ProfileValues = { name: '', idNumber: '', phone: '', relation: '' }

function DerivedFromId({ idNumber }: { idNumber: string }) {
  const id = normalizeIdNumber(idNumber)
  if (id.length !== 18 || idNumberProblem(id)) return <Text>18位，最后一位可能是 X；性别和出生日期将自动识别</Text>
  const [y, m, d] = birthDateFromId(id).split('-')
  return (
    <Text className="profile-form__derived">
      性别：{sexFromId(id) === 'male' ? '男' : '女'}　出生日期：{y}年{m}月{d}日
    </Text>
  )
}

function ProfileForm() {
  const { params } = useRouter()
  const editingId = params.id ? decodeURIComponent(params.id) : undefined
  const [values, setValues] = useState<ProfileValues>(EMPTY)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [touched, setTouched] = useState<Partial<Record<ProfileField, boolean>>>({})
  const [loadError, setLoadError] = useState<string>()
  const [loaded, setLoaded] = useState(!editingId)
  const saveProfile = useAction(
    (input: CallInput<'account', 'addProfile'>, requestId: string) =>
      editingId ? call('account', 'updateProfile', { id: editingId, ...input }) : call('account', 'addProfile', input, { requestId }),
    {
      showError: 'inline',
      onError: (e) => {
        if (!e.fields) return toastError(e)
        const fields = e.fields
        setErrors((prev) => ({ ...prev, ...fields }))
        const unplaced = Object.keys(fields).filter((k) => !(PROFILE_FIELDS as readonly string[]).includes(k))
        toast(unplaced.length ? `${unplaced.map((k) => FIELD_LABELS[k] ?? k).join('、')}：${fields[unplaced[0]]}` : e.message, 'fail')
      }
    }
  )
  const saving = saveProfile.busy
  // One add intent = one requestId; a resend of the same values after a lost reply reuses it.

  const load = useCallback(async () => {
    if (!editingId) return
    setLoadError(undefined)
    try {
      const p = await call('account', 'getProfile', { id: editingId }, { idempotent: true })
      setValues({ name: p.name, idNumber: p.idNumber, phone: p.phone, relation: p.relation })
      setLoaded(true)
    } catch (e) {
      setLoadError(errorText(e))
    }
  }, [editingId])

  useEffect(() => {
    if (editingId) {
      Taro.setNavigationBarTitle({ title: '修改就诊人' })
      load()
    }
  }, [editingId, load])

  const set = (field: ProfileField, raw: string) => {
    const value = field === 'idNumber' ? raw.replace(/\s/g, '').toUpperCase() : raw
    setValues((v) => ({ ...v, [field]: value }))
    // After a field has been left once, keep its message in step with what is typed.
    if (touched[field] || errors[field]) setErrors((e) => ({ ...e, [field]: validateField(field, value) }))
  }

  const blur = (field: ProfileField) => {
    setTouched((t) => ({ ...t, [field]: true }))
    setErrors((e) => ({ ...e, [field]: validateField(field, values[field]) }))
  }

  const submit = async () => {
    const clientErrors = validateAll(values)
    setTouched({ name: true, idNumber: true, phone: true, relation: true })
    setErrors(clientErrors)
    if (Object.values(clientErrors).some(Boolean)) {
      toast('请按红字提示修改后再保存', 'warn')
      return
    }
    const input = {
      name: values.name.trim(),
      idNumber: normalizeIdNumber(values.idNumber),
      phone: values.phone.trim(),
      relation: values.relation as Relation
    }
    if (!(await saveProfile.run(input))) return
    Taro.showToast({ title: editingId ? '已保存' : '已添加', icon: 'success' })
    setTimeout(() => Taro.navigateBack(), 600)
  }

  if (loadError) return <ErrorState message={loadError} onRetry={load} />
  if (!loaded) return <LoadingState />

  return (
    <View className="profile-form">
      <View className="card">
        <Field label="姓名" name="name" required error={errors.name}>
          <Input
            value={values.name}
            placeholder="与身份证上一致"
            maxLength={20}
            onChange={(v) => set('name', v)}
            onBlur={() => blur('name')}
          />
        </Field>
        <Field label="身份证号" name="idNumber" required error={errors.idNumber} hint={<DerivedFromId idNumber={values.idNumber} />}>
          <Input
            type="idcard"
            value={values.idNumber}
            placeholder="18位居民身份证号"
            maxLength={18}
            onChange={(v) => set('idNumber', v)}
            onBlur={() => blur('idNumber')}
          />
        </Field>
        <Field label="手机号" name="phone" required error={errors.phone}>
          <Input
            type="number"
            value={values.phone}
            placeholder="用于接收就诊提醒"
            maxLength={11}
            onChange={(v) => set('phone', v)}
            onBlur={() => blur('phone')}
          />
        </Field>
        <Field label="与您的关系" name="relation" required error={errors.relation}>
          <Radio.Group
            className="choice-grid"
            value={values.relation}
            shape="button"
            direction="horizontal"
            onChange={(v) => {
              set('relation', String(v))
              setErrors((e) => ({ ...e, relation: undefined }))
            }}
          >
            {RELATIONS.map((r) => (
              <Radio key={r} value={r} shape="button">
                {RELATION_LABELS[r]}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
      </View>

      <View className="actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={submit}>
          {editingId ? '保存' : '添加'}
        </Button>
      </View>
    </View>
  )
}

export default function ProfileFormPage() {
  return (
    <Page>
      <ProfileForm />
    </Page>
  )
}
