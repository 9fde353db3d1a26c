import { z } from 'zod'
import { action, emptyInput, ROLES, STAFF_ROLES } from './contract'
import { idNumberProblem } from './idcard'
import { defineWorkflow } from './workflow'
import { registerFieldLabels } from './zod-zh'
import { text } from './text'
import { trustActions, TRUST_FIELD_LABELS } from './trust'

export const RELATIONS = ['self', 'parent', 'child', 'spouse', 'other'] as const
export type Relation = (typeof RELATIONS)[number]
export const RELATION_LABELS: Record<Relation, string> = {
  self: '本人',
  parent: '父母',
  child: '子女',
  spouse: '配偶',
  other: '其他'
}

/** A patient profile (就诊人) is active until its family removes it; a removed one stays behind its records. */
export const PROFILE_STATUSES = ['active', 'removed'] as const
export type ProfileStatus = (typeof PROFILE_STATUSES)[number]
export const PROFILE_STATUS_LABELS: Record<ProfileStatus, string> = { active: '在用', removed: '已删除' }
export const profileWorkflow = defineWorkflow<ProfileStatus>({
  active: { removed: ['patient'] },
  removed: {}
})

export const NURSE_TITLES = ['护士', '护师', '主管护师', '副主任护师', '主任护师'] as const
export type NurseTitle = (typeof NURSE_TITLES)[number]

/** The version of the health-data consent text the app shows; bump it when the text changes. */
export const HEALTH_DATA_CONSENT_VERSION = '2026-11-30'
export const MAX_PROFILES_PER_ACCOUNT_DEFAULT = 5

export const id = text('编号').min(1, '编号不能为空').max(64)

export const personName = text('姓名', { required_error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(20, '姓名最多20个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母或间隔号')

export const idNumber = text('身份证号', { required_error: '请填写身份证号' })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v)
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `身份证号${problem}` })
  })

export const mobile = z
  .string({ required_error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为11位数字，以1开头')

export const relation = z.enum(RELATIONS, { errorMap: () => ({ message: '请选择与本人的关系' }) })

export const preferencesSchema = z.object({ elderMode: z.boolean() })

export const accountView = z.object({
  id,
  nickname: z.string(),
  roles: z.array(z.enum(ROLES)),
  preferences: preferencesSchema,
  healthDataConsent: z.object({ version: z.string(), at: z.string() }).nullable(),
  maxProfiles: z.number().int()
})
export type AccountView = z.infer<typeof accountView>

export const profileView = z.object({
  id,
  name: z.string(),
  /** Masked everywhere but `getProfile` for the owner. */
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  phone: z.string(),
  relation
})
export type ProfileView = z.infer<typeof profileView>

export const profileInput = z.object({ name: personName, idNumber, phone: mobile, relation }).strict()

export const staffView = z.object({
  accountId: id,
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  nurse: z.object({ title: z.enum(NURSE_TITLES), years: z.number().int(), licenseNumber: z.string() }).nullable()
})
export type StaffView = z.infer<typeof staffView>

export const messageView = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string().optional(),
  createdAt: z.string(),
  read: z.boolean()
})
export type MessageView = z.infer<typeof messageView>

/** What staff see of a patient found by phone or ID number: enough to confirm who it is. */
export const patientMatch = z.object({
  id,
  accountId: id,
  nameMasked: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  phoneMasked: z.string(),
  idNumberMasked: z.string()
})
export type PatientMatch = z.infer<typeof patientMatch>

export const accountActions = {
  whoami: action({ input: emptyInput, output: accountView })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  setPreferences: action({
    input: preferencesSchema.strict(),
    output: preferencesSchema
  })({
    roles: ['patient'],
    requestId: false,
    example: () => ({ elderMode: true })
  }),
  grantHealthDataConsent: action({
    input: z
      .object({ version: z.literal(HEALTH_DATA_CONSENT_VERSION, { errorMap: () => ({ message: '同意书版本已更新，请重新阅读' }) }) })
      .strict(),
    output: accountView
  })({
    roles: ['patient'],
    requestId: false,
    example: () => ({ version: HEALTH_DATA_CONSENT_VERSION })
  }),
  listProfiles: action({
    input: emptyInput,
    output: z.object({ profiles: z.array(profileView) })
  })({
    roles: ['patient'],
    requestId: false,
    example: () => ({})
  }),
  getProfile: action({
    input: z.object({ id }).strict(),
    output: profileView.extend({ idNumber: z.string() })
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.ownProfileId }),
    foreign: (f) => ({ id: f.otherProfileId })
  }),
  addProfile: action({ input: profileInput, output: profileView })({
    roles: ['patient'],
    requestId: true,
    example: () => ({ name: '李秀兰', idNumber: '370125195003150020', phone: '13905310000', relation: 'parent' })
  }),
  updateProfile: action({
    input: profileInput.partial().extend({ id }).strict(),
    output: profileView
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.ownProfileId, phone: '13905310001' }),
    foreign: (f) => ({ id: f.otherProfileId, phone: '13905310001' })
  }),
  removeProfile: action({
    input: z.object({ id }).strict(),
    output: z.object({ id })
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.ownProfileId }),
    foreign: (f) => ({ id: f.otherProfileId })
  }),
  listStaff: action({
    input: z.object({ keyword: text('关键词').trim().max(20).optional() }).strict(),
    output: z.object({ staff: z.array(staffView), accounts: z.array(z.object({ id, nickname: z.string() })) })
  })({
    roles: ['admin'],
    requestId: false,
    example: () => ({})
  }),
  grantRole: action({
    input: z
      .object({ accountId: id, role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: '请选择角色' }) }), name: personName.optional() })
      .strict(),
    output: staffView
  })({
    roles: ['admin'],
    requestId: false,
    example: (f) => ({ accountId: f.patientAccountId, role: 'doctor' })
  }),
  revokeRole: action({
    input: z.object({ accountId: id, role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: '请选择角色' }) }) }).strict(),
    output: staffView
  })({
    roles: ['admin'],
    requestId: false,
    example: (f) => ({ accountId: f.staffAccountId, role: 'nurse' })
  }),
  setNurseCredentials: action({
    input: z
      .object({
        accountId: id,
        title: z.enum(NURSE_TITLES, { errorMap: () => ({ message: '请选择职称' }) }),
        years: z
          .number({ invalid_type_error: '执业年限应为数字' })
          .int('执业年限应为整数')
          .min(0, '执业年限不能为负')
          .max(60, '执业年限不超过60年'),
        licenseNumber: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z]{6,20}$/, '执业证书编号应为6-20位字母或数字')
      })
      .strict(),
    output: staffView
  })({
    roles: ['admin'],
    requestId: false,
    example: (f) => ({ accountId: f.staffAccountId, title: '护师', years: 6, licenseNumber: '201937012345' })
  }),
  findPatients: action({
    input: z
      .object({ phone: mobile.optional(), idNumber: idNumber.optional() })
      .strict()
      .refine((v) => v.phone || v.idNumber, { message: '请填写手机号或身份证号', path: ['phone'] }),
    output: z.object({ patients: z.array(patientMatch) })
  })({ roles: ['hotline', 'pharmacist', 'doctor', 'nursing_dispatcher'], requestId: false, example: () => ({ phone: '13953187721' }) }),
  listMessages: action({
    input: z.object({ unreadOnly: z.boolean().optional() }).strict(),
    output: z.object({ messages: z.array(messageView), unread: z.number().int() })
  })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  markMessagesRead: action({
    input: z.object({ ids: z.array(id).min(1).max(100) }).strict(),
    output: z.object({ updated: z.number().int() })
  })({ roles: ['patient'], requestId: false, example: () => ({ ids: ['msg_none'] }) }),
  ...trustActions
} as const

export const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  relation: '关系',
  elderMode: '长辈模式',
  accountId: '账号',
  role: '角色',
  title: '职称',
  years: '执业年限',
  licenseNumber: '执业证书编号',
  version: '同意书版本',
  id: '编号',
  keyword: '关键词',
  ids: '消息',
  unreadOnly: '只看未读'
}

registerFieldLabels(FIELD_LABELS)
registerFieldLabels(TRUST_FIELD_LABELS)
