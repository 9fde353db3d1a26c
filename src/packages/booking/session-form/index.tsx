import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Input, Picker, Switch } from '@nutui/nutui-react-taro'
import React, { useEffect, useState } from 'react'
import {
  CLINIC_TYPE_LABELS,
  CLINIC_TYPES,
  SESSION_LABELS,
  SESSIONS,
  sessionInput,
  type ClinicType,
  type Session
} from '../../../../types/booking'
import { dateLabel, makeSlices, SESSION_DEFAULT_RANGES, weekDates, weekStartOf } from '../../../../types/booking-rules'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toast } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { ApiError } from '../../../services/errors'
import { useAction } from '../../../services/useAction'
import { useAccount } from '../../../state/account'
import { pickerRowStyle } from '../../../components/pickerRows'
import { useShownData } from '../../../state/useShownData'
import { Segments } from '../components/Segments'
import { param } from '../routes'
import './index.scss'

/** Lengths a slice can have; the server accepts 5-240 minutes. */
const SLICE_MINUTES = [10, 15, 20, 30, 40, 45, 60, 90, 120]

/** Which time the open picker is changing: the session's own, or one slice's. */
type Picking = { key: 'start' | 'end'; slice?: number } | null

const PICKING_TITLES = { start: '开始时间', end: '结束时间' }

/** The picker works on a Date; only its hours and minutes are read. */
function clockDate(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  const d = new Date()
  d.setHours(Number.isFinite(h) ? h : 8, Number.isFinite(m) ? m : 0, 0, 0)
  return d
}

const hhmm = (h: unknown, m: unknown) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

/** A time shown as a tappable value; the tap opens the picker. */
function TimeButton({ value, label, onOpen, className }: { value: string; label: string; onOpen(): void; className?: string }) {
  return (
    <View className={`sform__clock ${className ?? ''}`} hoverClass="tap-active" onClick={onOpen} aria-role="button" aria-label={label}>
      <Text className="sform__clock-value">{value || '--:--'}</Text>
    </View>
  )
}

interface SliceRow {
  start: string
  end: string
  quota: string
}

interface Form {
  doctorId: string
  date: string
  session: Session
  start: string
  end: string
  clinicType: ClinicType
  fee: string
  place: string
  returnVisit: boolean
  slices: SliceRow[]
}

const rows = (list: Array<{ start: string; end: string; quota: number }>): SliceRow[] => list.map((x) => ({ ...x, quota: String(x.quota) }))

function SessionForm() {
  const { params } = useRouter()
  const editingId = param(params, 'id')
  const weekParam = param(params, 'weekStart')
  const doctorParam = param(params, 'doctorId')
  const catalog = useShownData(() => call('booking', 'catalog', {}, { idempotent: true }))
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [minutes, setMinutes] = useState('30')
  const { elderMode } = useAccount()
  const [picking, setPicking] = useState<Picking>(null)
  const [pickingMinutes, setPickingMinutes] = useState(false)
  const [perSlice, setPerSlice] = useState('5')
  const saveSession = useAction(
    (input: CallInput<'booking', 'createSession'>, requestId: string) =>
      editingId ? call('booking', 'updateSession', { ...input, id: editingId }) : call('booking', 'createSession', input, { requestId }),
    { onError: (e) => e.fields && setErrors(e.fields) }
  )
  const saving = saveSession.busy
  const [loadError, setLoadError] = useState('')

  useEffect(() => {
    if (editingId) Taro.setNavigationBarTitle({ title: '修改出诊' })
    const load = async () => {
      try {
        if (editingId) {
          // A draft is opened from its week in 排班, which passes that week along.
          const all = await call('booking', 'weekSchedules', weekParam ? { weekStart: weekParam } : {}, { idempotent: true })
          const found = all.sessions.find((s) => s.id === editingId)
          if (!found) throw new ApiError('NOT_FOUND', '没有找到这场出诊')
          setForm({ ...found, fee: String(found.fee / 100), slices: rows(found.slices) })
        } else {
          const week = weekParam
          const am = SESSION_DEFAULT_RANGES.am
          setForm({
            doctorId: doctorParam,
            date: week ? weekDates(week)[0] : '',
            session: 'am',
            start: am.start,
            end: am.end,
            clinicType: 'expert',
            fee: '50',
            place: '',
            returnVisit: true,
            slices: rows(makeSlices(am.start, am.end, 30, 5))
          })
        }
      } catch (e) {
        setLoadError(e instanceof ApiError ? e.message : '加载失败')
      }
    }
    load()
  }, [editingId, weekParam, doctorParam])

  if (loadError) return <ErrorState message={loadError} />
  if (!form || !catalog.data) return catalog.error ? <ErrorState message={catalog.error} onRetry={catalog.reload} /> : <LoadingState />

  const doctors = catalog.data.doctors
  const deptOf = (id: string) => catalog.data?.departments.find((d) => d.id === id)?.name ?? ''
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f))
    setErrors((e) => ({ ...e, [key]: '' }))
  }
  const chooseSession = (session: Session) => {
    const range = session === 'custom' ? { start: '11:30', end: '13:00' } : SESSION_DEFAULT_RANGES[session]
    setForm((f) =>
      f ? { ...f, session, ...range, slices: rows(makeSlices(range.start, range.end, Number(minutes) || 30, Number(perSlice) || 5)) } : f
    )
  }
  const generate = () => {
    const m = Number(minutes)
    const q = Number(perSlice)
    if (!(m >= 5 && m <= 240) || !(q >= 1 && q <= 99)) {
      toast('每段时长5-240分钟，每段号数1-99', 'warn')
      return
    }
    set('slices', rows(makeSlices(form.start, form.end, m, q)))
  }
  const setSlice = (i: number, key: keyof SliceRow, value: string) =>
    set(
      'slices',
      form.slices.map((x, k) => (k === i ? { ...x, [key]: value } : x))
    )
  const pickedValue = picking ? (picking.slice === undefined ? form[picking.key] : form.slices[picking.slice]?.[picking.key]) : ''
  const pickedTitle = picking
    ? `${picking.slice === undefined ? '' : `第${picking.slice + 1}段 `}${PICKING_TITLES[picking.key]}`
    : PICKING_TITLES.start
  const confirmTime = (value: string) => {
    if (!picking) return
    if (picking.slice === undefined) set(picking.key, value)
    else setSlice(picking.slice, picking.key, value)
  }
  // The form is opened from a week of 排班 (weekStart), or on a session (its date).
  const anchor = form.date || weekParam
  const week = anchor ? weekDates(weekStartOf(anchor)) : []

  const save = async () => {
    const input = {
      doctorId: form.doctorId,
      date: form.date,
      session: form.session,
      start: form.start.trim(),
      end: form.end.trim(),
      clinicType: form.clinicType,
      fee: Math.round(Number(form.fee) * 100),
      place: form.place.trim(),
      returnVisit: form.clinicType === 'special' ? false : form.returnVisit,
      slices: form.slices.map((x) => ({ start: x.start.trim(), end: x.end.trim(), quota: Number(x.quota) }))
    }
    const checked = sessionInput.safeParse(input)
    if (!checked.success || !form.fee.trim() || Number.isNaN(Number(form.fee))) {
      const fields = checked.success ? {} : zodFields(checked.error)
      if (!form.fee.trim() || Number.isNaN(Number(form.fee))) fields.fee = '请填写挂号费（元）'
      if (!form.doctorId) fields.doctorId = '请选择医生'
      if (!form.date) fields.date = '请选择日期'
      setErrors(fields)
      toast('请按红字提示修改后再保存', 'warn')
      return
    }
    if (!(await saveSession.run(input))) return
    Taro.showToast({ title: '已保存为草稿', icon: 'success' })
    setTimeout(() => Taro.navigateBack(), 600)
  }

  const sliceError = (i: number) => errors[`slices.${i}.start`] || errors[`slices.${i}.end`] || errors[`slices.${i}.quota`]
  return (
    <View className="sform">
      <View className="card">
        <Field label="出诊专家" name="doctorId" required error={errors.doctorId}>
          <Segments
            wrap
            items={doctors.map((d) => ({ value: d.id, label: d.name, hint: deptOf(d.departmentId) }))}
            value={form.doctorId}
            onChange={(v) => set('doctorId', v)}
          />
        </Field>
        <Field label="日期" name="date" required error={errors.date}>
          <Segments
            wrap
            items={week.map((d) => ({ value: d, label: dateLabel(d).split(' ')[0], hint: dateLabel(d).split(' ')[1] }))}
            value={form.date}
            onChange={(v) => set('date', v)}
          />
        </Field>
        <Field label="出诊时段" name="session" required error={errors.session}>
          <Segments items={SESSIONS.map((s) => ({ value: s, label: SESSION_LABELS[s] }))} value={form.session} onChange={chooseSession} />
        </Field>
        <View className="sform__pair">
          <Field label="开始" name="start" required error={errors.start}>
            <TimeButton value={form.start} label="开始时间" onOpen={() => setPicking({ key: 'start' })} />
          </Field>
          <Field label="结束" name="end" required error={errors.end}>
            <TimeButton value={form.end} label="结束时间" onOpen={() => setPicking({ key: 'end' })} />
          </Field>
        </View>
        <Field label="门诊类型" name="clinicType" required error={errors.clinicType}>
          <Segments
            items={CLINIC_TYPES.map((c) => ({ value: c, label: CLINIC_TYPE_LABELS[c] }))}
            value={form.clinicType}
            onChange={(v) => set('clinicType', v)}
          />
        </Field>
        <Field label="挂号费（元）" name="fee" required error={errors.fee}>
          <Input type="digit" value={form.fee} maxLength={7} placeholder="50" onChange={(v) => set('fee', v)} />
        </Field>
        <Field label="就诊地点" name="place" required error={errors.place}>
          <Input value={form.place} maxLength={40} placeholder="如：门诊楼2楼 心血管内科 诊室3" onChange={(v) => set('place', v)} />
        </Field>
        {form.clinicType !== 'special' ? (
          <Field label="三天有效（看结果免费复诊）" name="returnVisit" error={errors.returnVisit}>
            <Switch checked={form.returnVisit} onChange={(v) => set('returnVisit', v)} ariaLabel="三天有效" />
          </Field>
        ) : null}
      </View>

      <Text className="bk-section">分时段号源</Text>
      <View className="card">
        <View className="sform__gen">
          <Text className="text-body">每</Text>
          <View
            className="sform__small sform__minutes"
            hoverClass="tap-active"
            onClick={() => setPickingMinutes(true)}
            aria-role="button"
            aria-label="每段分钟数"
          >
            <Text>{minutes}</Text>
          </View>
          <Text className="text-body">分钟一段，每段</Text>
          <Input className="sform__small" type="number" value={perSlice} maxLength={2} onChange={setPerSlice} />
          <Text className="text-body">个号</Text>
        </View>
        <View className="actions sform__gen-btn">
          <Button fill="outline" type="primary" block onClick={generate}>
            按出诊时间重新生成时段
          </Button>
        </View>
        {errors.slices ? <Text className="field__error">{errors.slices}</Text> : null}
        {form.slices.map((x, i) => (
          <View key={i} className="sform__slice" data-slice={i}>
            <View className="sform__slice-row">
              <TimeButton
                className="sform__time"
                value={x.start}
                label={`第${i + 1}段开始时间`}
                onOpen={() => setPicking({ key: 'start', slice: i })}
              />
              <Text className="text-body">-</Text>
              <TimeButton
                className="sform__time"
                value={x.end}
                label={`第${i + 1}段结束时间`}
                onOpen={() => setPicking({ key: 'end', slice: i })}
              />
              <Text className="text-body">×</Text>
              <Input className="sform__small" type="number" value={x.quota} maxLength={2} onChange={(v) => setSlice(i, 'quota', v)} />
              <Text
                className="sform__remove"
                onClick={() =>
                  set(
                    'slices',
                    form.slices.filter((_x, k) => k !== i)
                  )
                }
              >
                删除
              </Text>
            </View>
            {sliceError(i) ? <Text className="field__error">{sliceError(i)}</Text> : null}
          </View>
        ))}
        <Text className="text-muted block sform__total">
          共 {form.slices.length} 个时段，{form.slices.reduce((n, x) => n + (Number(x.quota) || 0), 0)} 个号
        </Text>
        <View className="actions">
          <Button
            fill="outline"
            block
            onClick={() => {
              const last = form.slices[form.slices.length - 1]
              set('slices', [...form.slices, { start: last?.end ?? form.start, end: form.end, quota: perSlice }])
            }}
          >
            添加时段
          </Button>
        </View>
      </View>

      <View style={pickerRowStyle(elderMode)}>
        <DatePicker
          type="hour-minutes"
          title={pickedTitle}
          minuteStep={5}
          // A flat wheel: the 3D one draws its rows on top of each other in the H5 build.
          threeDimensional={false}
          visible={picking !== null}
          value={clockDate(pickedValue)}
          onConfirm={(_, [h, m]) => confirmTime(hhmm(h, m))}
          onClose={() => setPicking(null)}
        />
        <Picker
          title="每段时长（分钟）"
          visible={pickingMinutes}
          threeDimensional={false}
          options={[SLICE_MINUTES.map((m) => ({ label: String(m), value: String(m) }))]}
          value={[minutes]}
          onConfirm={(_, [v]) => setMinutes(String(v))}
          onClose={() => setPickingMinutes(false)}
        />
      </View>

      <View className="actions">
        <Button type="primary" size="large" block disabled={saving} onClick={save}>
          {saving ? '正在保存…' : '保存为草稿'}
        </Button>
      </View>
    </View>
  )
}

export default function SessionFormPage() {
  return (
    <Page>
      <SessionForm />
    </Page>
  )
}
