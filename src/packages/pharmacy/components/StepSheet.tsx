import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Input, Popup, Radio, TextArea } from '@nutui/nutui-react-taro'
import React, { useMemo, useState } from 'react'
import { pickerRowStyle } from '../../../components/pickerRows'
import { useAccount } from '../../../state/account'
import {
  STEP_ACTION_LABELS,
  advanceInput,
  type AdvanceInput,
  type OrderView,
  type PrescriptionView,
  type StepTarget
} from '../../../../types/decoction'
import { handlingGroups } from '../../../../types/decoction-herbs'
import {
  cstClockToIso,
  decoctStepsProblem,
  expectedPacks,
  formatCst,
  packCountProblem,
  startTimeProblem,
  timedHandlingsOf
} from '../../../../types/decoction-rules'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toastError } from '../../../components/feedback'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import './step-sheet.scss'

const MACHINES = ['1号煎药机', '2号煎药机', '3号煎药机', '4号煎药机']
const COURIERS = ['顺丰速运', '中国邮政', '京东快递', '中通快递']
const REJECT_REASONS = ['剂量超出常规，请医生确认', '存在配伍禁忌，请医生确认', '药房缺药，请医生调整处方']
const DEFAULT_MINUTES = { 先煎: 30, 后下: 10 } as const

const nowClock = () => formatCst(new Date().toISOString()).slice(11)

/** The picker works on a Date; only its hours and minutes are read. */
function clockDate(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  const d = new Date()
  d.setHours(Number.isFinite(h) ? h : 0, Number.isFinite(m) ? m : 0, 0, 0)
  return d
}

const QUESTIONS: Partial<Record<StepTarget, string>> = {
  reviewed: '处方用药、剂量、配伍已核对无误？',
  dispensing: '开始按处方调配药材？',
  ready_for_pickup: '药已放到取药处？将通知患者凭订单号取药。',
  delivered: '确认患者已收到药？'
}

interface Props {
  step: StepTarget | null
  order: OrderView
  prescription: PrescriptionView
  onClose(): void
  onDone(): void
}

/** The form for one step: asks only for what that step records, checks it with the server's own rules, sends it once. */
export function StepSheet({ step, order, prescription, onClose, onDone }: Props) {
  const timed = useMemo(() => timedHandlingsOf(prescription.herbs), [prescription.herbs])
  const groups = useMemo(() => handlingGroups(prescription.herbs), [prescription.herbs])
  const { elderMode } = useAccount()
  const [reason, setReason] = useState('')
  const [clock, setClock] = useState(nowClock)
  const [pickingTime, setPickingTime] = useState(false)
  const [machine, setMachine] = useState(MACHINES[0])
  const [minutes, setMinutes] = useState<Record<string, string>>(() =>
    Object.fromEntries(timed.map((h) => [h, String(DEFAULT_MINUTES[h])]))
  )
  const [packCount, setPackCount] = useState('')
  const [courier, setCourier] = useState(COURIERS[0])
  const [trackingNo, setTrackingNo] = useState('')
  const [timeReason, setTimeReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const advance = useAction((input: AdvanceInput, requestId: string) => call('decoction', 'advanceOrder', input, { requestId }), {
    success: (_, input) => `已${STEP_ACTION_LABELS[input.to]}`,
    showError: 'inline',
    onError: (e) => {
      if (e.code === 'INVALID_INPUT' && e.fields) return setErrors(e.fields)
      toastError(e)
      // Someone else moved it: show what it is now.
      if (e.code === 'CONFLICT') onDone()
    }
  })

  if (!step) return null
  const expected = expectedPacks(order.doses, order.packsPerDose)

  const build = (): Record<string, unknown> => {
    const base = { id: order.id, from: order.status, to: step }
    const startedAt = cstClockToIso(clock, new Date()) ?? clock
    // Asked for only once the server has called the time impossible (stepTimeProblem).
    const explained = timeReason.trim() ? { timeReason: timeReason.trim() } : {}
    switch (step) {
      case 'rejected':
      case 'cancelled':
        return { ...base, reason: reason.trim() }
      case 'soaking':
        return { ...base, startedAt, ...explained }
      case 'decocting':
        return {
          ...base,
          machine: machine.trim(),
          startedAt,
          ...explained,
          steps: timed.map((h) => ({ handling: h, minutes: Number(minutes[h]) }))
        }
      case 'packed':
        return { ...base, packCount: Number(packCount) }
      case 'shipped':
        return { ...base, courier: courier.trim(), trackingNo: trackingNo.trim() }
      default:
        return base
    }
  }

  /** The step as the server will read it, or the Chinese problems to show first (same schema, same rules). */
  const check = (input: Record<string, unknown>): { ok: true; value: AdvanceInput } | { ok: false; fields: Record<string, string> } => {
    const parsed = advanceInput.safeParse(input)
    if (!parsed.success) {
      const fields = zodFields(parsed.error)
      if (fields.startedAt) fields.startedAt = '请按 08:30 这样的格式填写时间'
      return { ok: false, fields }
    }
    const v = parsed.data
    const problems: Array<[string, string | null]> = [
      ['startedAt', (v.to === 'soaking' || v.to === 'decocting') && v.startedAt ? startTimeProblem(v.startedAt, new Date()) : null],
      ['steps', v.to === 'decocting' ? decoctStepsProblem(prescription.herbs, v.steps ?? []) : null],
      ['packCount', v.to === 'packed' ? packCountProblem(v.packCount, order.doses, order.packsPerDose) : null]
    ]
    const found = problems.filter((p): p is [string, string] => p[1] !== null)
    if (found.length) return { ok: false, fields: Object.fromEntries(found) }
    return { ok: true, value: v }
  }

  const send = async () => {
    const checked = check(build())
    setErrors(checked.ok ? {} : checked.fields)
    if (!checked.ok) return
    if (await advance.run(checked.value)) onDone()
  }

  const err = (k: string) => errors[k] || undefined
  const timeField = (
    <>
      <Field label="开始时间" name="startedAt" required error={err('startedAt')} hint="默认现在，可改为实际开始的时间">
        <View className="step-sheet__clock" hoverClass="tap-active" onClick={() => setPickingTime(true)} aria-role="button">
          <Text className="step-sheet__clock-value">{clock}</Text>
          <Text className="step-sheet__clock-change">修改时间 ›</Text>
        </View>
        <View style={pickerRowStyle(elderMode)}>
          <DatePicker
            type="hour-minutes"
            title="开始时间"
            threeDimensional={false}
            visible={pickingTime}
            value={clockDate(clock)}
            onConfirm={(_, [h, m]) => setClock(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)}
            onClose={() => setPickingTime(false)}
          />
        </View>
      </Field>
      {errors.timeReason || timeReason ? (
        <Field label="时间说明" name="timeReason" required error={err('timeReason')} hint="患者的进度里会显示这条说明">
          <TextArea value={timeReason} placeholder="如：配药前已先泡上，补录" maxLength={100} onChange={setTimeReason} />
        </Field>
      ) : null}
    </>
  )

  let body: React.ReactNode
  switch (step) {
    case 'rejected':
    case 'cancelled':
      body = (
        <Field
          label={step === 'rejected' ? '不通过的原因' : '取消的原因'}
          name="reason"
          required
          error={err('reason')}
          hint="患者会收到这条原因"
        >
          <View className="step-sheet__col">
            {step === 'rejected' ? (
              <View className="step-sheet__picks">
                {REJECT_REASONS.map((r) => (
                  <Text key={r} className="step-sheet__pick" onClick={() => setReason(r)}>
                    {r}
                  </Text>
                ))}
              </View>
            ) : null}
            <TextArea value={reason} placeholder="请写明原因" maxLength={100} onChange={setReason} />
          </View>
        </Field>
      )
      break
    case 'soaking':
      body = timeField
      break
    case 'decocting':
      body = (
        <>
          <Field label="煎药机" name="machine" required error={err('machine')}>
            <View className="step-sheet__col">
              <Radio.Group
                className="choice-grid choice-grid--wide"
                value={machine}
                shape="button"
                direction="horizontal"
                onChange={(v) => setMachine(String(v))}
              >
                {MACHINES.map((m) => (
                  <Radio key={m} value={m} shape="button">
                    {m}
                  </Radio>
                ))}
              </Radio.Group>
            </View>
          </Field>
          {timeField}
          {timed.length ? (
            <Field label="先煎 / 后下" name="steps" required error={err('steps')}>
              <View className="step-sheet__col">
                {groups
                  .filter((g) => g.handling === '先煎' || g.handling === '后下')
                  .map((g) => (
                    <View key={g.handling} className="step-sheet__timed" data-handling={g.handling}>
                      <Text className="step-sheet__timed-label">
                        {g.handling}：{g.herbs.join('、')}
                      </Text>
                      <Input
                        type="number"
                        value={minutes[g.handling]}
                        maxLength={3}
                        onChange={(v) => setMinutes((m) => ({ ...m, [g.handling]: v }))}
                      />
                      <Text className="step-sheet__unit">{g.handling === '先煎' ? '分钟（先煎时长）' : '分钟（出锅前加入）'}</Text>
                    </View>
                  ))}
              </View>
            </Field>
          ) : (
            <Text className="text-muted block">本处方没有先煎、后下的药。</Text>
          )}
        </>
      )
      break
    case 'packed':
      body = (
        <Field
          label="包装袋数"
          name="packCount"
          required
          error={err('packCount')}
          hint={`处方 ${order.doses} 剂 × 每剂 ${order.packsPerDose} 袋，应为 ${expected} 袋`}
        >
          <Input type="number" value={packCount} placeholder="清点后填写实际袋数" maxLength={3} onChange={setPackCount} />
        </Field>
      )
      break
    case 'shipped':
      body = (
        <>
          <Field label="快递公司" name="courier" required error={err('courier')}>
            <Radio.Group
              className="choice-grid choice-grid--wide"
              value={courier}
              shape="button"
              direction="horizontal"
              onChange={(v) => setCourier(String(v))}
            >
              {COURIERS.map((c) => (
                <Radio key={c} value={c} shape="button">
                  {c}
                </Radio>
              ))}
            </Radio.Group>
          </Field>
          <Field label="快递单号" name="trackingNo" required error={err('trackingNo')}>
            <Input value={trackingNo} placeholder="扫描或输入快递单号" maxLength={30} onChange={setTrackingNo} />
          </Field>
        </>
      )
      break
    default:
      body = <Text className="text-body block step-sheet__question">{QUESTIONS[step]}</Text>
  }

  return (
    <Popup visible position="bottom" round closeable title={STEP_ACTION_LABELS[step]} onClose={onClose} className="step-sheet">
      <View className="step-sheet__body">
        <Text className="text-muted block">
          订单 {order.orderNo} · {order.patientName}
        </Text>
        {body}
        <View className="actions">
          <Button
            type={step === 'rejected' || step === 'cancelled' ? 'danger' : 'primary'}
            size="large"
            block
            loading={advance.busy}
            disabled={advance.busy}
            onClick={send}
          >
            确认{STEP_ACTION_LABELS[step]}
          </Button>
        </View>
      </View>
    </Popup>
  )
}
