/**
 * Trust and control (issue 11): what a family sees and controls of its data, and the hospital's
 * own rules. The actions live in the account function; their contracts are here.
 */
import { z } from 'zod'
import { action, emptyInput, STAFF_ROLES } from './contract'
import { settingsSchema } from './settings'
import { settingEditor } from './settings-editors'
import { text } from './text'

const staffRole = z.enum(STAFF_ROLES)

export const accessLogEntry = z.object({
  at: z.string(),
  role: staffRole.nullable(),
  roleLabel: z.string(),
  staffName: z.string(),
  /** What was looked at or changed, in Chinese. */
  what: z.string(),
  /** The profile it concerned, by name, when it named one. */
  patientName: z.string().nullable(),
  reason: z.string().nullable()
})
export type AccessLogEntry = z.infer<typeof accessLogEntry>

/** What withdrawing consent means, shown before the family confirms. */
export const WITHDRAWAL_MEANING = [
  '撤回后，医院将停止处理您和家人的健康信息：不能新预约专家号、不能候补、不能下代煎订单、不能申请上门护理、不能记录血压血糖等测量数据。',
  '已有的预约、订单、护理申请和健康档案会保留，您仍可查看，但不会再新增。',
  '已有的预约和订单不会自动取消；如不再需要，请自行取消。',
  '您可以随时在「我的 → 隐私与数据」重新同意，恢复以上服务。'
] as const

export const DELETION_MEANING = [
  '注销后，您的登录将失效，所有就诊人、地址、消息和个人信息将被删除，无法恢复。',
  '未就诊的预约、候补、未开始配药的代煎订单和上门护理将先按各项服务的规则取消；如有已不能取消的服务（已过取消时间、正在配药或护士已到达），需等其完成后再注销。',
  '按照病历管理规定，门诊病历等医疗记录须保存一定年限：这部分记录将与账号脱离，加密保存并标记，到期后删除。'
] as const

export const settingDescription = z.object({
  /** `section.field`, e.g. `booking.cutoffTime`. */
  key: z.string(),
  section: z.string(),
  sectionLabel: z.string(),
  label: z.string(),
  meaning: z.string(),
  unit: z.string().nullable(),
  defaultValue: z.unknown(),
  value: z.unknown(),
  /** How the page edits it, read off the settings schema (settings-editors.ts). */
  editor: settingEditor
})
export type SettingDescriptionView = z.infer<typeof settingDescription>

const settingsPatch = z
  .record(z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, '设置项名称有误'), z.unknown())
  .refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 100, { message: '请至少修改一项' })

export const settingsChange = z.object({
  id: z.string(),
  at: z.string(),
  by: z.object({ accountId: z.string(), name: z.string() }),
  key: z.string(),
  label: z.string(),
  before: z.unknown(),
  after: z.unknown()
})

export const smsView = z.object({
  id: z.string(),
  phone: z.string(),
  template: z.string(),
  kind: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  simulated: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable()
})

export const exportDocument = z.object({
  exportedAt: z.string(),
  format: z.literal('county-hospital-care/export-v1'),
  account: z.record(z.unknown()),
  profiles: z.array(
    z.object({
      profile: z.record(z.unknown()),
      data: z.record(z.array(z.record(z.unknown()))),
      fhir: z.record(z.unknown())
    })
  ),
  /** Account-wide holdings (messages, addresses) that name no profile. */
  accountData: z.record(z.array(z.record(z.unknown())))
})

export const trustActions = {
  myAccessLog: action({
    input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ entries: z.array(accessLogEntry) })
  })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  exportMyData: action({ input: emptyInput, output: exportDocument })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  withdrawHealthDataConsent: action({
    input: z.object({ confirm: z.literal(true, { errorMap: () => ({ message: '请确认撤回同意' }) }) }).strict(),
    output: z.object({ withdrawnAt: z.string(), meaning: z.array(z.string()) })
  })({ roles: ['patient'], requestId: false, example: () => ({ confirm: true }) }),
  deleteAccount: action({
    input: z.object({ confirm: z.literal(true, { errorMap: () => ({ message: '请确认注销账号' }) }) }).strict(),
    output: z.object({
      cancelled: z.array(z.object({ service: z.string(), id: z.string(), label: z.string() })),
      notCancelled: z.array(z.object({ service: z.string(), id: z.string(), label: z.string(), why: z.string() })),
      kept: z.array(z.object({ collection: z.string(), count: z.number().int(), label: z.string(), until: z.string() })),
      meaning: z.array(z.string())
    })
  })({ roles: ['patient'], requestId: false, example: () => ({ confirm: true }) }),
  getSettings: action({ input: emptyInput, output: z.object({ settings: z.array(settingDescription) }) })({
    roles: ['admin'],
    requestId: false,
    example: () => ({})
  }),
  updateSettings: action({
    input: z.object({ changes: settingsPatch }).strict(),
    output: z.object({ settings: z.array(settingDescription), changed: z.array(z.string()) })
  })({ roles: ['admin'], requestId: false, example: () => ({ changes: { 'booking.cutoffTime': '16:00' } }) }),
  settingsHistory: action({
    input: z.object({ key: text('设置项').max(64).optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.object({ changes: z.array(settingsChange) })
  })({ roles: ['admin'], requestId: false, example: () => ({}) }),
  smsOutbox: action({
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.object({ messages: z.array(smsView) })
  })({ roles: ['admin'], requestId: false, example: () => ({}) })
} as const

export const TRUST_FIELD_LABELS: Record<string, string> = { confirm: '确认', changes: '设置', limit: '条数', key: '设置项' }

/** Kept only so typecheck notices if the settings shape stops being an object of sections. */
export type SettingsSections = keyof z.infer<typeof settingsSchema>
