/**
 * Health records and follow-up (健康档案与随访): readings, flags, follow-up tasks and their
 * workflow, the national follow-up form, programmes, the timeline, and the `records` function's
 * contract. Rules live in records-rules.ts, thresholds in records-settings.ts.
 *
 * What each screen calls:
 * - family 健康档案 for a profile: `overview` (programmes, latest of each kind, follow-ups waiting,
 *   experts the follow-up doctor booked still to come),
 *   `addReading` (reply carries the flag, its advice and the task it opened or joined),
 *   `listReadings` for the 7/30/90-day chart and its table (`bands` are the threshold bands),
 *   `timeline` (paged with `nextBefore`), `exportFhir` (a file to save and share).
 * - doctor 随访: `followUpConsole` (due/overdue/all; each task has the readings behind it and
 *   `shortcuts` for booking.referralBook / nursing's request with the profile and reason), `patientRecord`,
 *   `recordFollowUp` (the national form; `programmes` lists complications), `closeTask`,
 *   `findPatients` + `enrol`; `listReadings` and `timeline` work for staff too (audited).
 * - nurse: `nurseReading` from a visit; nurse or doctor: `importReadings` (device CSV/JSON).
 */
import { z } from 'zod'
import { calendarDate } from './text'
import { action, emptyInput } from './contract'
import { id } from './account'
import { defineWorkflow } from './workflow'
import { text as safeText } from './text'
import { registerFieldLabels } from './zod-zh'
import { CLASSIFICATIONS, FLAG_LEVELS, GLUCOSE_CONTEXTS, READING_KINDS, TASK_REASONS, type ReadingKind } from './records-rules'

export { READING_KINDS, GLUCOSE_CONTEXTS, TASK_REASONS, CLASSIFICATIONS, type ReadingKind } from './records-rules'

export const READING_KIND_LABELS: Record<ReadingKind, string> = {
  bp: '血压',
  glucose: '血糖',
  heart_rate: '心率',
  weight: '体重',
  temperature: '体温',
  spo2: '血氧'
}
/** The unit each kind is stored and charted in (UCUM code in the FHIR export). */
export const READING_UNITS: Record<ReadingKind, { unit: string; ucum: string }> = {
  bp: { unit: 'mmHg', ucum: 'mm[Hg]' },
  glucose: { unit: 'mmol/L', ucum: 'mmol/L' },
  heart_rate: { unit: '次/分', ucum: '/min' },
  weight: { unit: 'kg', ucum: 'kg' },
  temperature: { unit: '℃', ucum: 'Cel' },
  spo2: { unit: '%', ucum: '%' }
}
/** LOINC codes: the panel (or value) code and, for blood pressure, its components. */
export const LOINC = {
  bp: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure' },
  glucose: { code: '15074-8', display: 'Glucose [Moles/volume] in Blood' },
  heart_rate: { code: '8867-4', display: 'Heart rate' },
  weight: { code: '29463-7', display: 'Body weight' },
  temperature: { code: '8310-5', display: 'Body temperature' },
  spo2: { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
  spo2Pulse: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' }
} as const

export const GLUCOSE_CONTEXT_LABELS: Record<(typeof GLUCOSE_CONTEXTS)[number], string> = {
  fasting: '空腹',
  after_meal: '餐后2小时',
  random: '随机'
}
export const SOURCES = ['self', 'nurse', 'device'] as const
export type Source = (typeof SOURCES)[number]
export const SOURCE_LABELS: Record<Source, string> = { self: '家庭自测', nurse: '护士测量', device: '设备导入' }

// ---------------------------------------------------------------- follow-up tasks

export const TASK_STATUSES = ['open', 'done', 'closed'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '待随访', done: '已随访', closed: '已关闭' }

/** DOMAIN.md §4: open → done (with the follow-up) or closed (with a reason), by the follow-up doctor. */
export const taskWorkflow = defineWorkflow<TaskStatus>({
  open: { done: ['doctor'], closed: ['doctor'] },
  done: {},
  closed: {}
})

export const METHODS = ['clinic', 'phone', 'home'] as const
export const METHOD_LABELS: Record<(typeof METHODS)[number], string> = { clinic: '门诊', phone: '电话', home: '家庭' }
export const LEVELS = ['none', 'light', 'moderate', 'heavy'] as const
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = { none: '无', light: '少量', moderate: '中等', heavy: '大量' }
export const SALT = ['light', 'moderate', 'heavy'] as const
export const SALT_LABELS: Record<(typeof SALT)[number], string> = { light: '轻', moderate: '中', heavy: '重' }
export const ADHERENCE = ['regular', 'intermittent', 'none'] as const
export const ADHERENCE_LABELS: Record<(typeof ADHERENCE)[number], string> = { regular: '规律', intermittent: '间断', none: '不服药' }
export { CLASSIFICATION_LABELS, TASK_REASON_LABELS, FLAG_LABELS } from './records-rules'

// ---------------------------------------------------------------- inputs

const num = (label: string) => z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` }).finite()
const isoTime = z.string({ required_error: '请填写测量时间' }).datetime({ offset: true, message: '测量时间格式不正确' })
const day = calendarDate('日期格式不正确')
/** Free text a person types: control characters, bidi overrides and lone surrogates refused (types/text.ts). */
const text = (max: number, label = '填写的内容') => safeText(label).trim().max(max, `最多${max}个字`)

/** What a person types; ranges are checked by readingProblems so that every field gets its own message. */
export const measureInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ kind: z.literal('bp'), systolic: num('收缩压').int('收缩压应为整数'), diastolic: num('舒张压').int('舒张压应为整数') })
      .strict(),
    z
      .object({
        kind: z.literal('glucose'),
        value: num('血糖'),
        unit: z.enum(['mmol/L', 'mg/dL']).default('mmol/L'),
        context: z.enum(GLUCOSE_CONTEXTS, { errorMap: () => ({ message: '请选择空腹、餐后或随机' }) })
      })
      .strict(),
    z.object({ kind: z.literal('heart_rate'), value: num('心率').int('心率应为整数') }).strict(),
    z.object({ kind: z.literal('weight'), value: num('体重') }).strict(),
    z.object({ kind: z.literal('temperature'), value: num('体温') }).strict(),
    z.object({ kind: z.literal('spo2'), value: num('血氧').int('血氧应为整数') }).strict()
  ],
  { errorMap: () => ({ message: '请选择测量项目' }) }
)
export type MeasureInputZ = z.infer<typeof measureInput>

export const readingInput = z.object({ profileId: id, measure: measureInput, measuredAt: isoTime, note: text(100).optional() }).strict()
export type ReadingInput = z.infer<typeof readingInput>

export const followUpForm = z
  .object({
    method: z.enum(METHODS, { errorMap: () => ({ message: '请选择随访方式' }) }),
    symptoms: z.array(text(20).min(1)).max(12).default([]),
    systolic: num('收缩压').int().min(50).max(300).optional(),
    diastolic: num('舒张压').int().min(30).max(200).optional(),
    weight: num('体重').min(2).max(300).optional(),
    heartRate: num('心率').int().min(30).max(250).optional(),
    lifestyle: z
      .object({
        smokingPerDay: z.number().int().min(0).max(100),
        drinking: z.enum(LEVELS),
        exerciseTimesPerWeek: z.number().int().min(0).max(21),
        salt: z.enum(SALT)
      })
      .strict(),
    adherence: z.enum(ADHERENCE, { errorMap: () => ({ message: '请选择服药依从性' }) }),
    adverseReactions: text(100).default(''),
    classification: z.enum(CLASSIFICATIONS, { errorMap: () => ({ message: '请选择此次随访分类' }) }),
    /** Complications present now, from the programme's list (settings). */
    complications: z.array(text(20).min(1)).max(10).default([]),
    referral: z
      .object({ hospital: text(40).min(2), reason: text(100).min(2) })
      .strict()
      .nullable()
      .default(null),
    nextDate: day,
    notes: text(300).default('')
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.systolic !== undefined && f.diastolic !== undefined && f.systolic <= f.diastolic)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '收缩压应高于舒张压', path: ['systolic'] })
  })
export type FollowUpForm = z.infer<typeof followUpForm>

// ---------------------------------------------------------------- views

export const flagView = z.object({
  level: z.enum(FLAG_LEVELS),
  label: z.string(),
  advice: z.string(),
  uncontrolled: z.boolean()
})

export const readingView = z.object({
  id,
  profileId: id,
  kind: z.enum(READING_KINDS),
  kindLabel: z.string(),
  systolic: z.number().optional(),
  diastolic: z.number().optional(),
  value: z.number().optional(),
  unit: z.string(),
  context: z.enum(GLUCOSE_CONTEXTS).optional(),
  /** e.g. "150/95 mmHg", "7.2 mmol/L（空腹）" */
  display: z.string(),
  measuredAt: z.string(),
  source: z.enum(SOURCES),
  sourceLabel: z.string(),
  flag: flagView
})
export type ReadingView = z.infer<typeof readingView>

/** An expert the doctor booked the patient from this task (booking.referralBook). */
export const referralView = z.object({
  appointmentId: id,
  date: z.string(),
  start: z.string(),
  end: z.string(),
  doctorName: z.string(),
  doctorTitle: z.string(),
  departmentName: z.string(),
  hospitalName: z.string(),
  queueNo: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  bookedByName: z.string()
})
export type ReferralView = z.infer<typeof referralView>

export const taskView = z.object({
  id,
  profileId: id,
  patientName: z.string(),
  reason: z.enum(TASK_REASONS),
  reasonLabel: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  /** The readings that opened (or joined) the task, newest first. */
  readings: z.array(readingView),
  /** The statuses this caller may move it to (from the workflow table). */
  next: z.array(z.enum(TASK_STATUSES)),
  followUpId: id.nullable(),
  closeReason: z.string().nullable(),
  /** Experts booked from this task (转诊), soonest first. */
  referrals: z.array(referralView)
})
export type TaskView = z.infer<typeof taskView>

export const followUpView = z.object({
  id,
  taskId: id,
  profileId: id,
  doctorName: z.string(),
  at: z.string(),
  form: z.object({
    method: z.enum(METHODS),
    methodLabel: z.string(),
    symptoms: z.array(z.string()),
    systolic: z.number().optional(),
    diastolic: z.number().optional(),
    weight: z.number().optional(),
    heartRate: z.number().optional(),
    lifestyle: z.object({ smokingPerDay: z.number(), drinking: z.enum(LEVELS), exerciseTimesPerWeek: z.number(), salt: z.enum(SALT) }),
    adherence: z.enum(ADHERENCE),
    adverseReactions: z.string(),
    classification: z.enum(CLASSIFICATIONS),
    classificationLabel: z.string(),
    complications: z.array(z.string()),
    referral: z.object({ hospital: z.string(), reason: z.string() }).nullable(),
    nextDate: z.string(),
    notes: z.string()
  }),
  referralSuggested: z.boolean(),
  referralReason: z.string().nullable()
})
export type FollowUpView = z.infer<typeof followUpView>

export const programmeView = z.object({ code: z.string(), name: z.string(), quarterly: z.boolean(), complications: z.array(z.string()) })
export const enrolmentView = z.object({
  id,
  profileId: id,
  programme: z.string(),
  programmeName: z.string(),
  complications: z.array(z.string()),
  enrolledAt: z.string(),
  enrolledByName: z.string()
})
export type EnrolmentView = z.infer<typeof enrolmentView>

export const patientSummary = z.object({
  profileId: id,
  name: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  /** Full for the doctor who calls; masked for nobody else (families see their own). */
  phone: z.string()
})

export const TIMELINE_KINDS = ['appointment', 'decoction_order', 'nursing_visit', 'reading', 'follow_up'] as const
export const TIMELINE_KIND_LABELS: Record<(typeof TIMELINE_KINDS)[number], string> = {
  appointment: '预约挂号',
  decoction_order: '中药代煎',
  nursing_visit: '上门护理',
  reading: '健康测量',
  follow_up: '随访'
}
export const timelineItem = z.object({
  kind: z.enum(TIMELINE_KINDS),
  kindLabel: z.string(),
  id,
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  status: z.string().nullable(),
  flag: flagView.nullable(),
  /** A booked visit still to come (待就诊). */
  upcoming: z.boolean()
})
export type TimelineItem = z.infer<typeof timelineItem>

const bandView = z.object({ label: z.string(), from: z.number().nullable(), to: z.number().nullable(), level: z.enum(FLAG_LEVELS) })

/** What the app needs to offer "book an expert" and "request a nursing visit" from a task. */
export const taskShortcuts = z.object({ profileId: id, patientName: z.string(), reason: z.string() })

const consoleItem = taskView.extend({ patient: patientSummary, programmes: z.array(z.string()), shortcuts: taskShortcuts })

const recordView = z.object({
  patient: patientSummary,
  enrolments: z.array(enrolmentView),
  latest: z.array(readingView),
  tasks: z.array(taskView),
  followUps: z.array(followUpView),
  /** Referral suggested at the latest follow-up. */
  referral: z.object({ suggested: z.boolean(), reason: z.string().nullable() })
})

const fhirResource = z.object({ resourceType: z.string(), id: z.string() }).passthrough()
export const fhirBundle = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    timestamp: z.string(),
    entry: z.array(z.object({ fullUrl: z.string(), resource: fhirResource }))
  })
  .passthrough()

const profileOnly = z.object({ profileId: id }).strict()
/** `taskOpened`: the follow-up task this reading opened, or the open one it joined (same patient and reason). */
const reading = z.object({
  reading: readingView,
  taskOpened: z.object({ id, reason: z.enum(TASK_REASONS), reasonLabel: z.string() }).nullable()
})

export const importRow = z.object({ measure: measureInput, measuredAt: isoTime }).strict()

export const recordsActions = {
  /** A family enters a reading for one of their profiles; the flag and advice come back at once. */
  addReading: action({ input: readingInput, output: reading })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ profileId: f.ownProfileId, measure: { kind: 'bp', systolic: 132, diastolic: 84 }, measuredAt: f.records.pastTime }),
    foreign: (f) => ({ profileId: f.otherProfileId, measure: { kind: 'bp', systolic: 132, diastolic: 84 }, measuredAt: f.records.pastTime })
  }),
  /** Readings of one kind over 7/30/90 days, oldest first, with the chart's threshold bands. */
  listReadings: action({
    input: z.object({ profileId: id, kind: z.enum(READING_KINDS), days: z.union([z.literal(7), z.literal(30), z.literal(90)]) }).strict(),
    output: z.object({ kind: z.enum(READING_KINDS), unit: z.string(), bands: z.array(bandView), readings: z.array(readingView) })
  })({
    roles: ['patient', 'doctor', 'nurse'],
    requestId: false,
    example: (f) => ({ profileId: f.ownProfileId, kind: 'bp', days: 30 }),
    foreign: (f) => ({ profileId: f.otherProfileId, kind: 'bp', days: 30 })
  }),
  /** The family's overview of one profile: programmes, latest of each kind, follow-ups waiting. */
  overview: action({
    input: profileOnly,
    output: z.object({
      patient: patientSummary,
      enrolments: z.array(enrolmentView),
      latest: z.array(readingView),
      openTasks: z.array(taskView),
      /** Experts the follow-up doctor booked from a task (open or followed up) still to come, soonest first. */
      referrals: z.array(referralView)
    })
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ profileId: f.ownProfileId }),
    foreign: (f) => ({ profileId: f.otherProfileId })
  }),
  /** One timeline per patient, newest first, paged with `before` (the last item's `at`). */
  timeline: action({
    input: z
      .object({
        profileId: id,
        before: z.string().datetime({ offset: true }).optional(),
        limit: z.number().int().min(1).max(50).optional()
      })
      .strict(),
    output: z.object({ items: z.array(timelineItem), nextBefore: z.string().nullable() })
  })({
    roles: ['patient', 'doctor', 'nurse'],
    requestId: false,
    example: (f) => ({ profileId: f.ownProfileId }),
    foreign: (f) => ({ profileId: f.otherProfileId })
  }),
  /** The whole record as JSON and as a FHIR R4 Bundle, to save and share. */
  exportFhir: action({
    input: profileOnly,
    output: z.object({ fileName: z.string(), record: z.record(z.unknown()), bundle: fhirBundle })
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ profileId: f.ownProfileId }),
    foreign: (f) => ({ profileId: f.otherProfileId })
  }),
  /** A nurse records a reading taken on a visit (source nurse). */
  nurseReading: action({ input: readingInput.extend({ visitId: id.optional() }).strict(), output: reading })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ profileId: f.ownProfileId, measure: { kind: 'bp', systolic: 128, diastolic: 80 }, measuredAt: f.records.pastTime })
  }),
  /** Staff import a device's export: a small batch of rows as JSON or CSV (kind,systolic,diastolic,value,unit,context,measuredAt). */
  importReadings: action({
    input: z
      .object({ profileId: id, rows: z.array(importRow).max(200).optional(), csv: safeText('导入内容').max(20_000).optional() })
      .strict()
      .refine((v) => !!v.rows !== !!v.csv, { message: '请上传一种格式：rows 或 csv', path: ['rows'] }),
    output: z.object({
      imported: z.number().int(),
      duplicates: z.number().int(),
      /** One per refused row: the first bad field (e.g. `measure.systolic`) and why, one line per row for the table. */
      errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
      tasksOpened: z.number().int()
    })
  })({
    roles: ['nurse', 'doctor'],
    requestId: true,
    example: (f) => ({ profileId: f.ownProfileId, rows: [{ measure: { kind: 'heart_rate', value: 72 }, measuredAt: f.records.pastTime }] })
  }),
  /** The doctor's console: open tasks, soonest due first, with reason and the readings behind them. */
  followUpConsole: action({
    input: z
      .object({ filter: z.enum(['due', 'overdue', 'all']).default('all'), offset: z.number().int().min(0).max(10_000).optional() })
      .strict(),
    output: z.object({
      tasks: z.array(consoleItem),
      counts: z.object({ due: z.number().int(), overdue: z.number().int(), all: z.number().int() }),
      hasMore: z.boolean()
    })
  })({ roles: ['doctor'], requestId: false, example: () => ({ filter: 'all' }) }),
  /** A patient's record for the doctor (the read is audited). */
  patientRecord: action({ input: profileOnly, output: recordView })({
    roles: ['doctor'],
    requestId: false,
    example: (f) => ({ profileId: f.ownProfileId })
  }),
  /** Records the follow-up, closes the task as done and schedules the next one. */
  recordFollowUp: action({
    input: z.object({ taskId: id, form: followUpForm }).strict(),
    output: z.object({ followUp: followUpView, task: taskView, nextTask: taskView.nullable() })
  })({
    roles: ['doctor'],
    requestId: true,
    example: (f) => ({
      taskId: f.records.openTaskId,
      form: {
        method: 'phone',
        symptoms: ['头晕'],
        systolic: 152,
        diastolic: 94,
        lifestyle: { smokingPerDay: 0, drinking: 'none', exerciseTimesPerWeek: 3, salt: 'moderate' },
        adherence: 'regular',
        classification: 'unsatisfactory',
        nextDate: f.records.nextDate
      }
    })
  }),
  /** Closes a task without a follow-up (e.g. the patient was admitted), with the reason. */
  closeTask: action({
    input: z.object({ taskId: id, reason: text(100).min(2, '原因至少2个字') }).strict(),
    output: taskView
  })({ roles: ['doctor'], requestId: true, example: (f) => ({ taskId: f.records.openTaskId, reason: '患者已住院治疗' }) }),
  /** The programmes and their complications (a hospital setting). */
  programmes: action({ input: emptyInput, output: z.object({ programmes: z.array(programmeView) }) })({
    roles: ['patient', 'doctor'],
    requestId: false,
    example: () => ({})
  }),
  /** Finds patients by the phone on their profile, to enrol them. */
  findPatients: action({
    input: z.object({ phone: z.string().regex(/^1\d{10}$/, '请输入11位手机号') }).strict(),
    output: z.object({ patients: z.array(patientSummary.extend({ enrolments: z.array(z.string()) })) })
  })({ roles: ['doctor'], requestId: false, example: () => ({ phone: '13953187721' }) }),
  /** A doctor enrols a patient in a programme (or updates the complications on record). */
  enrol: action({
    input: z
      .object({
        profileId: id,
        programme: safeText('慢病项目').min(1).max(32),
        complications: z.array(text(20).min(1)).max(10).default([])
      })
      .strict(),
    output: enrolmentView
  })({ roles: ['doctor'], requestId: true, example: (f) => ({ profileId: f.ownProfileId, programme: 't2dm' }) }),
  /** Daily timer: opens the quarter's follow-up for programme members and tells families a follow-up is due. */
  dailyFollowUps: action({ input: emptyInput, output: z.record(z.number().int()) })({
    roles: ['system'],
    requestId: false,
    example: () => ({})
  })
} as const

export type AddReadingInput = z.output<typeof readingInput>
export type RecordFollowUpInput = z.output<(typeof recordsActions)['recordFollowUp']['input']>

registerFieldLabels({
  measure: '测量值',
  systolic: '收缩压',
  diastolic: '舒张压',
  value: '数值',
  unit: '单位',
  context: '测量时段',
  measuredAt: '测量时间',
  kind: '测量项目',
  days: '时间范围',
  before: '位置',
  limit: '条数',
  taskId: '随访任务',
  method: '随访方式',
  symptoms: '症状',
  weight: '体重',
  heartRate: '心率',
  lifestyle: '生活方式',
  smokingPerDay: '日吸烟量',
  drinking: '饮酒',
  exerciseTimesPerWeek: '每周运动次数',
  salt: '摄盐情况',
  adherence: '服药依从性',
  adverseReactions: '药物不良反应',
  classification: '此次随访分类',
  complications: '并发症',
  referral: '转诊',
  hospital: '转诊医院',
  nextDate: '下次随访日期',
  notes: '备注',
  programme: '慢病项目',
  rows: '导入数据',
  csv: '导入文件',
  filter: '筛选',
  visitId: '护理记录'
})
