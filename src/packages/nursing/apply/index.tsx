import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Calendar, Cell, Checkbox, Input, Picker, Radio, TextArea } from '@nutui/nutui-react-taro'
import React, { useEffect, useRef, useState } from 'react'
import { addDays, chinaInstant, chinaWallClock, dateLabel, feeLabel } from '../../../../types/booking-rules'
import { MOBILITIES, MOBILITY_LABELS, submitRequestInput, type SubmitRequestInput } from '../../../../types/nursing'
import { feesOf, feesText } from '../../../../types/nursing-rules'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { askToNotify } from '../../../services/subscribe'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { pickPhotos } from '../photos'
import { NURSING_ROUTES, withQuery } from '../routes'
import '../components/nursing.scss'
import './index.scss'

type Mobility = (typeof MOBILITIES)[number]
interface NewAddress {
  contactName: string
  contactPhone: string
  region: string
  detail: string
}

const todayCst = () => chinaWallClock(new Date()).date

/** The first window a family may still choose on `date` (the server says the same: minLeadHours ahead). */
function openWindows(date: string, windows: readonly { start: string; end: string }[], minLeadHours: number) {
  const earliest = Date.now() + minLeadHours * 3600_000
  return windows.filter((w) => Date.parse(chinaInstant(date, w.start)) >= earliest)
}

function ApplyForm() {
  const { params } = useRouter()
  const data = useShownData(async () => {
    const [catalogue, people, saved] = await Promise.all([
      call('nursing', 'catalogue', {}, { idempotent: true }),
      call('account', 'listProfiles', {}, { idempotent: true }),
      call('decoction', 'listAddresses', {}, { idempotent: true })
    ])
    return { catalogue, profiles: people.profiles, addresses: saved.addresses }
  })

  const [profileId, setProfileId] = useState(decodeURIComponent(params.profileId ?? ''))
  const [items, setItems] = useState<string[]>(params.item ? [decodeURIComponent(params.item)] : [])
  const [addressId, setAddressId] = useState<string>('')
  const [fresh, setFresh] = useState<NewAddress>({ contactName: '', contactPhone: '', region: '', detail: '' })
  const [date, setDate] = useState('')
  const [windowStart, setWindowStart] = useState('')
  const [calendarOpen, setCalendarOpen] = useState(false)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [diagnosis, setDiagnosis] = useState('')
  const [allergies, setAllergies] = useState('')
  const [mobility, setMobility] = useState<Mobility | ''>('')
  const [notes, setNotes] = useState('')
  const [photos, setPhotos] = useState<{ fileId: string; url: string }[]>([])
  const [uploading, setUploading] = useState(false)
  const [consent, setConsent] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const prefilled = useRef(false)

  const submit = useAction((input: SubmitRequestInput, requestId: string) => call('nursing', 'submitRequest', input, { requestId }), {
    success: '申请已提交'
  })

  // The server's per-field refusals go beside the fields, as the form's own checks do.
  const refused = submit.error?.fields
  useEffect(() => {
    if (refused) setErrors(refused)
  }, [refused])

  // Sensible first choices: the only profile, the most recent address, the first day and window still open.
  useEffect(() => {
    const d = data.data
    if (!d || prefilled.current) return
    prefilled.current = true
    if (!profileId && d.profiles.length === 1) setProfileId(d.profiles[0].id)
    if (d.addresses[0]) setAddressId(d.addresses[0].id)
    else setAddressId('new')
    const { windows, minLeadHours } = d.catalogue
    const first = [0, 1, 2].map((n) => addDays(todayCst(), n)).find((day) => openWindows(day, windows, minLeadHours).length > 0)
    if (first) {
      setDate(first)
      setWindowStart(openWindows(first, windows, minLeadHours)[0].start)
    }
  }, [data.data, profileId])

  useEffect(() => {
    const p = data.data?.profiles.find((x) => x.id === profileId)
    if (p && !fresh.contactName) setFresh((f) => ({ ...f, contactName: p.name, contactPhone: p.phone }))
  }, [profileId, data.data, fresh.contactName])

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { catalogue: c, profiles, addresses } = data.data

  if (profiles.length === 0) {
    return (
      <EmptyState
        mark="人"
        title="还没有就诊人"
        description="请先添加需要上门护理的家人"
        action={
          <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: ROUTES.profileForm })}>
            添加就诊人
          </Button>
        }
      />
    )
  }

  const chosenItems = c.items.filter((i) => items.includes(i.code))
  const fees = chosenItems.length ? feesOf(chosenItems) : null
  const windows = date ? openWindows(date, c.windows, c.minLeadHours) : []
  const windowNow = windows.find((w) => w.start === windowStart)
  const err = (key: string) => errors[key] || undefined
  const clear = (...keys: string[]) => {
    if (keys.some((k) => errors[k])) setErrors((e) => ({ ...e, ...Object.fromEntries(keys.map((k) => [k, ''])) }))
  }

  const toggleItem = (code: string) => {
    clear('items')
    if (items.includes(code)) setItems(items.filter((x) => x !== code))
    else if (items.length >= c.maxItemsPerRequest) toast(`每次最多选${c.maxItemsPerRequest}项`, 'warn')
    else setItems([...items, code])
  }

  const addPhotos = async () => {
    const room = c.maxPhotos - photos.length
    if (room <= 0) return
    setUploading(true)
    try {
      const picked = await pickPhotos(room, c.photoMaxKB)
      for (const p of picked) {
        const up = await call('nursing', 'uploadPhoto', p)
        setPhotos((list) => [...list, up])
      }
    } catch (e) {
      // Closing the album without choosing is not a failure.
      const msg = (e as { errMsg?: string }).errMsg ?? ''
      if (!/cancel/i.test(msg)) toastError(e)
    } finally {
      setUploading(false)
    }
  }

  const send = async () => {
    // Before any await: WeChat shows the subscribe prompt only from the tap itself.
    const asked = askToNotify(['nursing_assigned', 'nursing_en_route', 'nursing_completed'])
    let useAddress = addressId
    const draft = {
      profileId,
      items,
      addressId: useAddress === 'new' ? 'pending-new-address' : useAddress,
      date,
      window: windowNow ?? { start: '', end: '' },
      health: { diagnosis: diagnosis.trim(), allergies: allergies.trim(), mobility, ...(notes.trim() ? { notes: notes.trim() } : {}) },
      ...(photos.length ? { photos: photos.map((p) => p.fileId) } : {}),
      consent
    }
    const checked = submitRequestInput.safeParse(draft)
    const found: Record<string, string> = checked.success ? {} : zodFields(checked.error)
    if (!profileId) found.profileId = '请选择为谁申请'
    if (!windowNow) found.window = '请选择上门时段'
    if (useAddress === 'new') {
      if (!fresh.contactName.trim()) found.contactName = '请填写联系人'
      if (!/^1\d{10}$/.test(fresh.contactPhone.trim())) found.contactPhone = '请填写11位手机号'
      if (fresh.region.trim().length < 2) found.region = '请填写所在地区，如「济南市济阳区」'
      if (fresh.detail.trim().length < 4) found.detail = '详细地址至少4个字，写到门牌号'
    }
    if (Object.keys(found).length) {
      setErrors(found)
      toast('请按红字提示填写后再提交', 'warn')
      return
    }
    await asked
    if (useAddress === 'new') {
      try {
        const saved = await call('decoction', 'saveAddress', {
          contactName: fresh.contactName.trim(),
          contactPhone: fresh.contactPhone.trim(),
          region: fresh.region.trim(),
          detail: fresh.detail.trim()
        })
        useAddress = saved.id
        // A retry after a failed submit uses the saved address instead of saving it again.
        setAddressId(saved.id)
        await data.reload()
      } catch (e) {
        toastError(e)
        return
      }
    }
    const result = await submit.run({ ...(checked.success ? checked.data : (draft as SubmitRequestInput)), addressId: useAddress })
    if (result) setTimeout(() => Taro.redirectTo({ url: withQuery(NURSING_ROUTES.request, { id: result.id }) }), 400)
  }

  const profile = profiles.find((p) => p.id === profileId)
  const prepare = Array.from(new Set(chosenItems.flatMap((i) => i.prepare)))

  return (
    <View className="nursing-apply">
      <View className="card">
        <Field label="为谁申请" name="profileId" required error={err('profileId')}>
          <Radio.Group
            className="choice-grid"
            value={profileId}
            shape="button"
            direction="horizontal"
            onChange={(v) => {
              setProfileId(String(v))
              clear('profileId')
            }}
          >
            {profiles.map((p) => (
              <Radio key={p.id} value={p.id} shape="button">
                {p.name}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
        {profile ? (
          <Text className="text-muted block">
            {profile.sex === 'male' ? '男' : '女'}，{profile.age}岁，{profile.idNumberMasked}
          </Text>
        ) : null}
      </View>

      <Text className="section-title">护理项目（最多{c.maxItemsPerRequest}项）</Text>
      <View className="card" data-field="items">
        {c.items.map((i) => {
          const on = items.includes(i.code)
          return (
            <View
              key={i.code}
              className={`nursing-choice${on ? ' nursing-choice--on' : ''}`}
              data-code={i.code}
              onClick={() => toggleItem(i.code)}
            >
              <Checkbox checked={on}>
                <Text className="text-body block">
                  {i.name}　{feeLabel(i.itemFee)}
                </Text>
                <Text className="text-muted block">
                  {i.code} · 约{i.minutes}分钟{i.certificate ? ' · 需专科资质护士' : ''}
                </Text>
              </Checkbox>
            </View>
          )
        })}
        {err('items') ? <Text className="field__error">{err('items')}</Text> : null}
        {fees ? (
          <Text className="nursing-apply__fees block" data-total={fees.total}>
            {feesText(fees)}
          </Text>
        ) : null}
        {prepare.length ? <Text className="text-muted block">请提前准备：{prepare.join('、')}</Text> : null}
      </View>

      <Text className="section-title">上门地址</Text>
      <View className="card" data-field="addressId">
        {addresses.map((a) => (
          <View
            key={a.id}
            className={`nursing-choice${addressId === a.id ? ' nursing-choice--on' : ''}`}
            onClick={() => {
              setAddressId(a.id)
              clear('addressId')
            }}
          >
            <Radio checked={addressId === a.id} value={a.id}>
              <Text className="text-body block">
                {a.contactName}　{a.contactPhone}
              </Text>
              <Text className="text-muted block">
                {a.region} {a.detail}
              </Text>
            </Radio>
          </View>
        ))}
        <View className={`nursing-choice${addressId === 'new' ? ' nursing-choice--on' : ''}`} onClick={() => setAddressId('new')}>
          <Radio checked={addressId === 'new'} value="new">
            <Text className="text-body">{addresses.length ? '使用新的地址' : '填写上门地址'}</Text>
          </Radio>
        </View>
        {addressId === 'new' ? (
          <>
            <Field label="联系人" name="contactName" required error={err('contactName')}>
              <Input value={fresh.contactName} maxLength={20} onChange={(v) => setFresh({ ...fresh, contactName: v })} />
            </Field>
            <Field label="联系电话" name="contactPhone" required error={err('contactPhone')}>
              <Input
                type="number"
                value={fresh.contactPhone}
                maxLength={11}
                placeholder="11位手机号"
                onChange={(v) => setFresh({ ...fresh, contactPhone: v })}
              />
            </Field>
            <Field label="所在地区" name="region" required error={err('region')}>
              <Input
                value={fresh.region}
                maxLength={40}
                placeholder="如：济南市济阳区"
                onChange={(v) => setFresh({ ...fresh, region: v })}
              />
            </Field>
            <Field label="详细地址" name="detail" required error={err('detail')}>
              <Input
                value={fresh.detail}
                maxLength={80}
                placeholder="街道、小区、楼号、门牌号"
                onChange={(v) => setFresh({ ...fresh, detail: v })}
              />
            </Field>
          </>
        ) : null}
        {err('addressId') ? <Text className="field__error">{err('addressId')}</Text> : null}
      </View>

      <Text className="section-title">上门时间（服务时间 {c.serviceHours}）</Text>
      <View className="card nursing-apply__when">
        <Field label="日期" name="date" required error={err('date')}>
          <Cell
            className="nursing-apply__pick"
            title={date ? `${date.slice(0, 4)}年${dateLabel(date)}` : '请选择日期'}
            extra="修改"
            onClick={() => setCalendarOpen(true)}
          />
        </Field>
        <Field
          label="时段"
          name="window"
          required
          error={err('window') ?? err('window.start')}
          hint={date && !windows.length ? '这一天已没有可选时段，请换一天' : undefined}
        >
          <Cell
            className="nursing-apply__pick"
            title={windowNow ? `${windowNow.start}-${windowNow.end}` : '请选择时段'}
            extra="修改"
            onClick={() => (windows.length ? setPickerOpen(true) : toast('这一天已没有可选时段，请换一天', 'warn'))}
          />
        </Field>
        <Text className="text-muted block">
          需提前{c.minLeadHours}小时以上，最多预约{c.maxDaysAhead}天内。
        </Text>
      </View>

      <Text className="section-title">健康情况</Text>
      <View className="card">
        <Field label="诊断" name="diagnosis" required error={err('health.diagnosis')}>
          <Input
            value={diagnosis}
            maxLength={100}
            placeholder="如：肺癌化疗后，带PICC导管"
            onChange={(v) => {
              setDiagnosis(v)
              clear('health.diagnosis')
            }}
          />
        </Field>
        <Field label="过敏史" name="allergies" error={err('health.allergies')} hint="没有请填「无」">
          <Input value={allergies} maxLength={100} placeholder="药物、胶布、碘伏等" onChange={setAllergies} />
        </Field>
        <Field label="行动能力" name="mobility" required error={err('health.mobility')}>
          <Radio.Group
            className="choice-grid choice-grid--wide"
            value={mobility}
            shape="button"
            direction="horizontal"
            onChange={(v) => {
              setMobility(v as Mobility)
              clear('health.mobility')
            }}
          >
            {MOBILITIES.map((m) => (
              <Radio key={m} value={m} shape="button">
                {MOBILITY_LABELS[m]}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
        <Field label="病情说明" name="notes" error={err('health.notes')}>
          <TextArea value={notes} maxLength={300} rows={3} placeholder="近期情况、传染病史等，护理部评估时会看" onChange={setNotes} />
        </Field>
        <Field
          label={`照片（选填，最多${c.maxPhotos}张）`}
          name="photos"
          error={err('photos')}
          hint="如伤口、敷料、导管的照片，帮助护士提前准备"
        >
          <View className="nursing-photos">
            {photos.map((p) => (
              <View key={p.fileId} className="nursing-apply__photo">
                <Image className="nursing-photos__img" src={p.url} mode="aspectFill" />
                <Text className="nursing-apply__photo-del" onClick={() => setPhotos(photos.filter((x) => x.fileId !== p.fileId))}>
                  删除
                </Text>
              </View>
            ))}
            {photos.length < c.maxPhotos ? (
              <Button className="nursing-apply__add-photo" fill="outline" loading={uploading} disabled={uploading} onClick={addPhotos}>
                {uploading ? '上传中' : '添加照片'}
              </Button>
            ) : null}
          </View>
        </Field>
      </View>

      <View className="card nursing-apply__consent" data-field="consent">
        <Text className="text-body block">上门护理服务协议（{c.agreementVersion}）</Text>
        <Text className="text-muted block">
          护理部先评估病情再派护士；传染病或有攻击行为史的患者不能上门服务。上门前{c.freeCancelHours}
          小时可免费取消；护士出发后取消，上门费不退、护理费退回；护士到达后不能取消。护士会核对就诊人身份证号后四位，请家属在场。
        </Text>
        <View className="nursing-apply__agree">
          <Checkbox
            checked={consent}
            onChange={(v) => {
              setConsent(v)
              clear('consent')
            }}
            label="我已阅读并同意上门护理服务协议"
          />
        </View>
        {err('consent') ? <Text className="field__error">{err('consent')}</Text> : null}
      </View>

      <View className="actions">
        <Button type="primary" size="large" block loading={submit.busy} disabled={submit.busy || uploading} onClick={send}>
          提交申请{fees ? `（${feeLabel(fees.total)}）` : ''}
        </Button>
      </View>

      <Calendar
        visible={calendarOpen}
        title="选择上门日期"
        startDate={todayCst()}
        endDate={addDays(todayCst(), c.maxDaysAhead)}
        defaultValue={date}
        onClose={() => setCalendarOpen(false)}
        onConfirm={(param: unknown) => {
          // NutUI answers [y, m, d, 'YYYY/MM/DD', weekday].
          const picked = ([] as unknown[])
            .concat(param)
            .find((x): x is string => typeof x === 'string' && /^\d{4}[-/]\d{2}[-/]\d{2}$/.test(x))
            ?.replace(/\//g, '-')
          setCalendarOpen(false)
          if (!picked) return
          setDate(picked)
          clear('date')
          const open = openWindows(picked, c.windows, c.minLeadHours)
          if (!open.some((w) => w.start === windowStart)) setWindowStart(open[0]?.start ?? '')
        }}
      />
      <Picker
        visible={pickerOpen}
        title="选择上门时段"
        options={[windows.map((w) => ({ label: `${w.start}-${w.end}`, value: w.start }))]}
        value={windowStart ? [windowStart] : undefined}
        onClose={() => setPickerOpen(false)}
        onCancel={() => setPickerOpen(false)}
        onConfirm={(_options, values) => {
          setPickerOpen(false)
          if (values[0]) {
            setWindowStart(String(values[0]))
            clear('window')
          }
        }}
      />
    </View>
  )
}

export default function ApplyPage() {
  return (
    <Page>
      <ApplyForm />
    </Page>
  )
}
