import { Text, View } from '@tarojs/components'
import { Button, Input, Radio, TextArea } from '@nutui/nutui-react-taro'
import React, { useMemo, useState } from 'react'
import type { PatientMatch } from '../../../../types/account'
import { prescriptionInput, type PrescriptionView } from '../../../../types/decoction'
import { parseHerbList } from '../../../../types/decoction-herbs'
import { expectedPacks } from '../../../../types/decoction-rules'
import { zodFields } from '../../../../types/zod-zh'
import { Field } from '../../../components/Field'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState } from '../../../components/States'
import { call, type CallInput } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useSignedInAccount } from '../../../state/account'
import { HerbTable } from '../../decoction/components/HerbTable'
import './index.scss'

const SAMPLE = '黄芪 30g\n附子 15 先煎\n阿胶 10g 烊化\n当归15 川芎10 白芍12'
const DEFAULT_USAGE = '每日1剂，水煎分早晚两次温服'

function FindPatient({ onPick }: { onPick(p: PatientMatch): void }) {
  const [key, setKey] = useState('')
  const [error, setError] = useState<string>()
  const [matches, setMatches] = useState<PatientMatch[] | null>(null)
  const findPatients = useAction(
    (input: CallInput<'account', 'findPatients'>) => call('account', 'findPatients', input, { idempotent: true }),
    { showError: 'inline', onError: (e) => (e.fields ? setError(Object.values(e.fields)[0]) : toastError(e)) }
  )
  const busy = findPatients.busy

  const find = async () => {
    const v = key.replace(/\s/g, '').toUpperCase()
    const input = /^\d{11}$/.test(v) ? { phone: v } : v.length === 18 ? { idNumber: v } : null
    if (!input) {
      setError('请输入11位手机号或18位身份证号')
      return
    }
    setError(undefined)
    const found = await findPatients.run(input)
    if (found) setMatches(found.patients)
  }

  return (
    <View className="card">
      <Field label="查找患者" name="patientKey" required error={error} hint="输入患者的手机号或身份证号">
        <View className="prescribe__find">
          <Input value={key} placeholder="手机号或身份证号" maxLength={18} onChange={setKey} onConfirm={find} />
          <Button type="primary" loading={busy} onClick={find}>
            查找
          </Button>
        </View>
      </Field>
      {matches && matches.length === 0 ? (
        <EmptyState mark="?" title="没有找到这位患者" description="请核对号码，或请患者先在小程序中添加就诊人" />
      ) : null}
      {matches?.map((p) => (
        <View key={p.id} className="prescribe__match" data-profile-id={p.id} hoverClass="tap-active" onClick={() => onPick(p)}>
          <View>
            <Text className="prescribe__match-name block">
              {p.nameMasked}　{p.sex === 'male' ? '男' : '女'} {p.age}岁
            </Text>
            <Text className="text-muted block">
              {p.phoneMasked} · {p.idNumberMasked}
            </Text>
          </View>
          <Text className="prescribe__pick">选择</Text>
        </View>
      ))}
    </View>
  )
}

function Prescribe() {
  const { account } = useSignedInAccount()
  const [patient, setPatient] = useState<PatientMatch | null>(null)
  const [doctorName, setDoctorName] = useState(account.roles.includes('doctor') ? account.nickname : '')
  const [diagnosis, setDiagnosis] = useState('')
  const [appointmentId, setAppointmentId] = useState('')
  const [text, setText] = useState('')
  const [doses, setDoses] = useState('7')
  const [packsPerDose, setPacksPerDose] = useState('2')
  const [mlPerPack, setMlPerPack] = useState('200')
  const [instructions, setInstructions] = useState(DEFAULT_USAGE)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useAction(
    (input: CallInput<'decoction', 'createPrescription'>, requestId: string) =>
      call('decoction', 'createPrescription', input, { requestId }),
    { onError: (e) => e.fields && setErrors(e.fields) }
  )
  const saving = create.busy
  const [saved, setSaved] = useState<PrescriptionView | null>(null)

  // Parsed on every keystroke: thirty lines take well under a millisecond.
  const parsed = useMemo(() => parseHerbList(text), [text])
  const duplicated = new Set(parsed.duplicates)
  const rows = parsed.herbs.map((h, i) => ({
    ...h,
    flagged: duplicated.has(h.name) && parsed.herbs.findIndex((x) => x.name === h.name) !== i
  }))

  const startOver = (keepPatient: boolean) => {
    setSaved(null)
    setText('')
    setDiagnosis('')
    setAppointmentId('')
    setErrors({})
    if (!keepPatient) setPatient(null)
  }

  const save = async () => {
    if (!patient) return
    const input = {
      profileId: patient.id,
      ...(appointmentId.trim() ? { appointmentId: appointmentId.trim() } : {}),
      doctorName: doctorName.trim(),
      ...(diagnosis.trim() ? { diagnosis: diagnosis.trim() } : {}),
      herbs: parsed.herbs.map(({ name, grams, handling }) => ({ name, grams, handling })),
      doses: Number(doses),
      packsPerDose: Number(packsPerDose),
      mlPerPack: Number(mlPerPack),
      instructions: instructions.trim()
    }
    const checked = prescriptionInput.safeParse(input)
    const found = checked.success ? {} : zodFields(checked.error)
    if (parsed.errors.length) found.herbs = `药味有 ${parsed.errors.length} 处需要修改`
    else if (!parsed.herbs.length) found.herbs = '请录入药味'
    setErrors(found)
    if (Object.keys(found).length) {
      toast('请按红字提示修改后再保存', 'warn')
      return
    }
    const rx = await create.run(input)
    if (rx) setSaved(rx)
  }

  if (saved) {
    return (
      <View className="prescribe">
        <View className="card prescribe__saved">
          <Text className="prescribe__saved-title block">处方已保存</Text>
          <Text className="text-body block">处方号 {saved.rxNo}</Text>
          <Text className="text-body block">
            {saved.herbs.length} 味 · {saved.doses} 剂 · 共 {expectedPacks(saved.doses, saved.packsPerDose)} 袋
          </Text>
          <Text className="text-muted block">患者家属会收到通知，可在小程序中申请代煎配送。</Text>
        </View>
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => startOver(true)}>
            为同一患者再录一张
          </Button>
          <Button fill="outline" size="large" block onClick={() => startOver(false)}>
            换一位患者
          </Button>
        </View>
      </View>
    )
  }

  if (!patient) return <FindPatient onPick={setPatient} />

  const err = (k: string) => errors[k] || undefined
  const herbError = err('herbs') ?? Object.entries(errors).find(([k]) => k.startsWith('herbs.'))?.[1]

  return (
    <View className="prescribe">
      <View className="card prescribe__patient">
        <Text className="prescribe__match-name">
          {patient.nameMasked}　{patient.sex === 'male' ? '男' : '女'} {patient.age}岁　{patient.phoneMasked}
        </Text>
        <Text className="prescribe__change" onClick={() => setPatient(null)}>
          换人
        </Text>
      </View>

      <View className="card">
        <Field
          label="药味"
          name="herbs"
          required
          error={herbError}
          hint="每行一味或多味：药名 克数 煎法。空格、逗号、顿号都可分隔；先煎、后下、包煎、另煎、烊化、冲服会自动识别"
        >
          <TextArea className="prescribe__herbs" value={text} placeholder={SAMPLE} maxLength={3000} rows={8} autoSize onChange={setText} />
        </Field>
        {parsed.errors.length ? (
          <View className="prescribe__problems" aria-live="polite">
            {parsed.errors.map((e, i) => (
              <Text key={i} className="prescribe__problem block">
                第{e.line}行：{e.message}
              </Text>
            ))}
          </View>
        ) : null}
        {rows.length ? (
          <View className="prescribe__preview">
            <Text className="prescribe__preview-title block">请核对（{rows.length} 味）</Text>
            <HerbTable herbs={rows} showLines />
          </View>
        ) : null}
      </View>

      <View className="card">
        <Field label="开方医生" name="doctorName" required error={err('doctorName')}>
          <Input value={doctorName} placeholder="开具处方的医生姓名" maxLength={20} onChange={setDoctorName} />
        </Field>
        <Field label="诊断" name="diagnosis" error={err('diagnosis')}>
          <Input value={diagnosis} placeholder="选填，如：胸痹（气虚血瘀证）" maxLength={50} onChange={setDiagnosis} />
        </Field>
        <Field label="剂数" name="doses" required error={err('doses')}>
          <Input type="number" value={doses} maxLength={2} onChange={setDoses} />
        </Field>
        <Field label="每剂袋数" name="packsPerDose" required error={err('packsPerDose')}>
          <Radio.Group
            className="choice-grid"
            value={packsPerDose}
            shape="button"
            direction="horizontal"
            onChange={(v) => setPacksPerDose(String(v))}
          >
            {['1', '2', '3'].map((n) => (
              <Radio key={n} value={n} shape="button">
                {n} 袋
              </Radio>
            ))}
          </Radio.Group>
        </Field>
        <Field label="每袋毫升数" name="mlPerPack" required error={err('mlPerPack')}>
          <Input type="number" value={mlPerPack} maxLength={3} onChange={setMlPerPack} />
        </Field>
        <Field label="用法" name="instructions" required error={err('instructions')}>
          <Input value={instructions} maxLength={200} onChange={setInstructions} />
        </Field>
        <Field label="关联预约" name="appointmentId" error={err('appointmentId')} hint="选填：这张处方来自的预约记录编号">
          <Input value={appointmentId} placeholder="预约记录编号" maxLength={64} onChange={setAppointmentId} />
        </Field>
      </View>

      <View className="actions">
        <Button type="primary" size="large" block loading={saving} disabled={saving} onClick={save}>
          保存处方
        </Button>
      </View>
    </View>
  )
}

export default function PrescribePage() {
  return (
    <Page>
      <Prescribe />
    </Page>
  )
}
