import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Input, Radio } from '@nutui/nutui-react-taro'
import React, { useEffect, useRef, useState } from 'react'
import { DELIVERY_LABELS, submitOrderInput, type AddressView, type Delivery } from '../../../../types/decoction'
import { expectedPacks } from '../../../../types/decoction-rules'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toast } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { DECOCTION_ROUTES, withId } from '../routes'
import './index.scss'
import { askToNotify } from '../../../services/subscribe'

interface Values {
  contactName: string
  contactPhone: string
  region: string
  detail: string
}

const EMPTY: Values = { contactName: '', contactPhone: '', region: '', detail: '' }
const fromAddress = (a: AddressView): Values => ({
  contactName: a.contactName,
  contactPhone: a.contactPhone,
  region: a.region,
  detail: a.detail
})

function OrderForm() {
  const { params } = useRouter()
  const prescriptionId = decodeURIComponent(params.prescriptionId ?? '')
  const data = useShownData(async () => {
    const [rx, saved, people] = await Promise.all([
      call('decoction', 'getPrescription', { id: prescriptionId }, { idempotent: true }),
      call('decoction', 'listAddresses', {}, { idempotent: true }),
      call('account', 'listProfiles', {}, { idempotent: true })
    ])
    return { rx, addresses: saved.addresses, patient: people.profiles.find((p) => p.id === rx.profileId) }
  }, [prescriptionId])
  const [delivery, setDelivery] = useState<Delivery>('courier')
  const [chosen, setChosen] = useState<string>('new')
  const [values, setValues] = useState<Values>(EMPTY)
  const [remember, setRemember] = useState(true)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const submitOrder = useAction(
    (input: CallInput<'decoction', 'submitOrder'>, requestId: string) => call('decoction', 'submitOrder', input, { requestId }),
    { onError: (e) => e.fields && setErrors(e.fields) }
  )
  const saving = submitOrder.busy
  const prefilled = useRef(false)

  // "Leave contact and address once": the most recently used one is filled in; else the patient's own.
  useEffect(() => {
    if (!data.data || prefilled.current) return
    prefilled.current = true
    const [latest] = data.data.addresses
    if (latest) {
      setChosen(latest.id)
      setValues(fromAddress(latest))
    } else if (data.data.patient) {
      setValues({ ...EMPTY, contactName: data.data.patient.name, contactPhone: data.data.patient.phone })
    }
  }, [data.data])

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { rx, addresses } = data.data

  const set = (field: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    setChosen('new')
    const key = field === 'region' || field === 'detail' ? `address.${field}` : field
    if (errors[key] || errors.address) setErrors((e) => ({ ...e, [key]: '', address: '' }))
  }

  const choose = (id: string) => {
    setChosen(id)
    const a = addresses.find((x) => x.id === id)
    setValues(a ? fromAddress(a) : { ...EMPTY, contactName: values.contactName, contactPhone: values.contactPhone })
    setErrors({})
  }

  const submit = async () => {
    const input = {
      prescriptionId,
      delivery,
      contactName: values.contactName.trim(),
      contactPhone: values.contactPhone.trim(),
      ...(delivery === 'courier' ? { address: { region: values.region.trim(), detail: values.detail.trim() } } : {}),
      remember
    }
    const checked = submitOrderInput.safeParse(input)
    if (!checked.success) {
      setErrors(zodFields(checked.error))
      toast('请按红字提示填写后再提交', 'warn')
      return
    }
    // Before any await: WeChat only shows the subscribe prompt from the tap itself.
    const asked = askToNotify(['decoction_shipped', 'decoction_ready_for_pickup', 'decoction_rejected'])
    await asked
    const order = await submitOrder.run(input)
    if (!order) return
    Taro.showToast({ title: '已提交', icon: 'success' })
    setTimeout(() => Taro.redirectTo({ url: withId(DECOCTION_ROUTES.order, order.id) }), 500)
  }

  const err = (key: string) => errors[key] || undefined

  return (
    <View className="order-form">
      <View className="card order-form__rx">
        <Text className="order-form__patient block">{rx.patientName} 的中药处方</Text>
        <Text className="text-muted block">
          {rx.herbs.length} 味 · {rx.doses} 剂 · 煎成 {expectedPacks(rx.doses, rx.packsPerDose)} 袋（每袋 {rx.mlPerPack} 毫升）
        </Text>
        <Text className="text-muted block">处方号 {rx.rxNo} · 代煎和配送免费</Text>
      </View>

      <View className="card">
        <Field label="取药方式" name="delivery" required>
          <Radio.Group
            className="choice-grid choice-grid--wide"
            value={delivery}
            shape="button"
            direction="horizontal"
            onChange={(v) => setDelivery(v as Delivery)}
          >
            {(['courier', 'pickup'] as const).map((d) => (
              <Radio key={d} value={d} shape="button">
                {DELIVERY_LABELS[d]}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
        <Text className="text-muted block order-form__hint">
          {delivery === 'courier' ? '煎好后由快递免费送到家，发货时会通知您快递单号。' : '煎好后通知您，凭订单号到医院中药房取药。'}
        </Text>
      </View>

      {delivery === 'courier' && addresses.length > 0 ? (
        <>
          <Text className="section-title">常用地址</Text>
          <Radio.Group className="order-form__saved" value={chosen} onChange={(v) => choose(String(v))}>
            {addresses.map((a) => (
              <View
                key={a.id}
                className={`card order-form__address${chosen === a.id ? ' order-form__address--on' : ''}`}
                onClick={() => choose(a.id)}
              >
                <Radio value={a.id}>
                  <Text className="text-body block">
                    {a.contactName}　{a.contactPhone}
                  </Text>
                  <Text className="text-muted block">
                    {a.region} {a.detail}
                  </Text>
                </Radio>
              </View>
            ))}
            <View className={`card order-form__address${chosen === 'new' ? ' order-form__address--on' : ''}`} onClick={() => choose('new')}>
              <Radio value="new">
                <Text className="text-body">使用新的联系人和地址</Text>
              </Radio>
            </View>
          </Radio.Group>
        </>
      ) : null}

      <View className="card">
        <Field label="联系人" name="contactName" required error={err('contactName')}>
          <Input value={values.contactName} placeholder="收药人姓名" maxLength={20} onChange={(v) => set('contactName', v)} />
        </Field>
        <Field label="联系电话" name="contactPhone" required error={err('contactPhone')}>
          <Input
            type="number"
            value={values.contactPhone}
            placeholder="11位手机号"
            maxLength={11}
            onChange={(v) => set('contactPhone', v)}
          />
        </Field>
        {delivery === 'courier' ? (
          <>
            <Field label="所在地区" name="region" required error={err('address.region') ?? err('address')}>
              <Input value={values.region} placeholder="如：济南市济阳区" maxLength={40} onChange={(v) => set('region', v)} />
            </Field>
            <Field label="详细地址" name="detail" required error={err('address.detail')}>
              <Input value={values.detail} placeholder="街道、小区、楼号、门牌号" maxLength={80} onChange={(v) => set('detail', v)} />
            </Field>
            <View className="order-form__remember">
              <Checkbox checked={remember} onChange={setRemember} label="保存联系人和地址，下次直接使用" />
            </View>
          </>
        ) : null}
      </View>

      <View className="actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={submit}>
          提交订单
        </Button>
      </View>
    </View>
  )
}

export default function OrderFormPage() {
  return (
    <Page>
      <OrderForm />
    </Page>
  )
}
