/**
 * Home nursing (互联网+护理服务): the request workflow of DOMAIN.md §3 and the contract of the
 * `nursing` function, for the family, 护理部 (nursing_dispatcher) and the visiting nurse.
 */
import { z } from 'zod'
import { calendarDate } from './text'
import { action, emptyInput } from './contract'
import { id, mobile } from './account'
import { defineWorkflow } from './workflow'
import { registerFieldLabels } from './zod-zh'
import { text as safeText } from './text'
import { REFUSAL_REASONS, RISK_LEVELS } from './nursing-rules'
import { pageCursor } from './paging'

export { REFUSAL_LABELS, REFUSAL_REASONS, RISK_LABELS, RISK_LEVELS, type RefusalReason, type RiskLevel } from './nursing-rules'

export const NURSING_STATUSES = [
  'submitted',
  'assessed',
  'rejected',
  'assigned',
  'accepted',
  'en_route',
  'arrived',
  'in_service',
  'completed',
  'rated',
  'cancelled'
] as const
export type NursingStatus = (typeof NURSING_STATUSES)[number]

export const NURSING_STATUS_LABELS: Record<NursingStatus, string> = {
  submitted: '待评估',
  assessed: '待派单',
  rejected: '评估未通过',
  assigned: '已派单',
  accepted: '护士已接单',
  en_route: '护士已出发',
  arrived: '护士已到达',
  in_service: '服务中',
  completed: '服务完成',
  rated: '已评价',
  cancelled: '已取消'
}

/** The button (or timeline line) for each step. */
export const NURSING_STEP_LABELS: Record<NursingStatus, string> = {
  submitted: '提交申请',
  assessed: '评估通过',
  rejected: '评估不通过',
  assigned: '派单',
  accepted: '接单',
  en_route: '出发',
  arrived: '到达',
  in_service: '开始服务',
  completed: '完成服务',
  rated: '评价',
  cancelled: '取消'
}

/**
 * Who moves a request: DOMAIN.md §3. `patient` is the family that owns the request (the handler
 * checks ownership), `nurse` the assigned nurse (the handler checks it is her visit).
 *
 * Decided here, beyond DOMAIN's line: an assignment goes back to `assessed` when the nurse declines
 * it (with a reason) or 护理部 takes it back to reassign (from `assigned` or `accepted`, before the
 * nurse sets out); 护理部 then assigns again. The family may cancel up to and including `en_route`
 * (what is refunded is `familyCancelTerms`), 护理部 at any time before `arrived`.
 */
export const nursingWorkflow = defineWorkflow<NursingStatus>({
  submitted: { assessed: ['nursing_dispatcher'], rejected: ['nursing_dispatcher'], cancelled: ['patient', 'nursing_dispatcher'] },
  assessed: { assigned: ['nursing_dispatcher'], cancelled: ['patient', 'nursing_dispatcher'] },
  assigned: { accepted: ['nurse'], assessed: ['nurse', 'nursing_dispatcher'], cancelled: ['patient', 'nursing_dispatcher'] },
  accepted: { en_route: ['nurse'], assessed: ['nursing_dispatcher'], cancelled: ['patient', 'nursing_dispatcher'] },
  en_route: { arrived: ['nurse'], cancelled: ['patient', 'nursing_dispatcher'] },
  arrived: { in_service: ['nurse'] },
  in_service: { completed: ['nurse'] },
  completed: { rated: ['patient'] },
  rated: {},
  rejected: {},
  cancelled: {}
})

/** Statuses in which the request holds a nurse's window and an active visit exists. */
export const HOLDING_STATUSES: readonly NursingStatus[] = ['assigned', 'accepted', 'en_route', 'arrived', 'in_service']
/** Not yet finished: the request still keeps its patient's profile from being removed. */
export const OPEN_STATUSES: readonly NursingStatus[] = ['submitted', 'assessed', ...HOLDING_STATUSES]
/** A live visit: the nurse sees the family's address and phone, and the alarm button shows. */
export const LIVE_STATUSES: readonly NursingStatus[] = ['accepted', 'en_route', 'arrived', 'in_service']
/** The console's tabs. */
export const BOARD_STATUSES: readonly NursingStatus[] = [
  'submitted',
  'assessed',
  'assigned',
  'accepted',
  'en_route',
  'arrived',
  'in_service',
  'completed',
  'rated',
  'rejected',
  'cancelled'
]

export const MOBILITIES = ['walks', 'assisted', 'wheelchair', 'bedridden'] as const
export const MOBILITY_LABELS: Record<(typeof MOBILITIES)[number], string> = {
  walks: '可自行走动',
  assisted: '需人搀扶',
  wheelchair: '轮椅',
  bedridden: '卧床'
}

/** Version of the service agreement (上门护理服务协议) the family consents to. */
export const SERVICE_AGREEMENT_VERSION = '2026-11'

// ---------------------------------------------------------------- field schemas

/** Free text a person types: control characters, bidi overrides and lone surrogates refused (types/text.ts). */
const text = (label: string, max: number, min = 0) =>
  safeText(label, { required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .trim()
    .min(min, min ? `${label}至少${min}个字` : undefined)
    .max(max, `${label}最多${max}个字`)
const reason = text('原因', 100, 2)
const date = calendarDate('日期格式不正确')
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式不正确')
export const visitWindow = z.object({ start: hhmm, end: hhmm }).strict()
const itemCode = z.string().regex(/^[A-Z0-9_]{2,16}$/, '项目编码不正确')
const fileId = safeText('图片编号').min(1, '图片编号不能为空').max(300)

export const locationInput = z
  .object({
    latitude: z.number({ required_error: '没有获取到位置', invalid_type_error: '位置格式不正确' }).min(-90).max(90),
    longitude: z.number({ required_error: '没有获取到位置', invalid_type_error: '位置格式不正确' }).min(-180).max(180),
    accuracy: z.number().min(0).max(100_000).optional()
  })
  .strict()
export type LocationInput = z.infer<typeof locationInput>
/**
 * 出发 and 到达 carry the phone's location; null when the phone cannot give one (refused, no signal,
 * a browser without geolocation). The step still happens, and its event says 位置不可用 so the gap
 * is on the record instead of blocking the visit.
 */
export const stepLocation = locationInput.nullable()
export const LOCATION_UNAVAILABLE = '位置不可用'

export const healthInput = z
  .object({
    diagnosis: text('诊断', 100, 2),
    allergies: text('过敏史', 100),
    mobility: z.enum(MOBILITIES, { errorMap: () => ({ message: '请选择行动能力' }) }),
    notes: text('病情说明', 300).optional()
  })
  .strict()

export const submitRequestInput = z
  .object({
    profileId: id,
    items: z.array(itemCode).min(1, '请至少选择一个护理项目').max(10, '护理项目太多'),
    addressId: id,
    date,
    window: visitWindow,
    health: healthInput,
    photos: z.array(fileId).max(20, '图片太多').optional(),
    consent: z.literal(true, { errorMap: () => ({ message: '请阅读并同意上门护理服务协议' }) })
  })
  .strict()
export type SubmitRequestInput = z.infer<typeof submitRequestInput>

const vital = (label: string, min: number, max: number) =>
  z
    .number({ invalid_type_error: `${label}应为数字` })
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`)

/** Vital signs as the health record's readings (source `nurse`). */
export const vitalsInput = z
  .object({
    systolic: vital('收缩压', 50, 260).int('收缩压应为整数').optional(),
    diastolic: vital('舒张压', 30, 160).int('舒张压应为整数').optional(),
    heartRate: vital('心率', 20, 250).int('心率应为整数').optional(),
    temperature: vital('体温', 34, 43).optional(),
    spo2: vital('血氧饱和度', 50, 100).int('血氧饱和度应为整数').optional(),
    glucose: vital('血糖', 1, 35).optional()
  })
  .strict()
  .refine((v) => (v.systolic === undefined) === (v.diastolic === undefined), {
    message: '血压请同时填写收缩压和舒张压',
    path: ['diastolic']
  })
export type VitalsInput = z.infer<typeof vitalsInput>

export const visitRecordInput = z
  .object({
    items: z.array(z.object({ code: itemCode, done: text('操作记录', 300, 2) }).strict()).min(1, '请记录每个项目的操作'),
    vitals: vitalsInput,
    consumables: text('耗材', 200).optional(),
    advice: text('护理建议', 300, 2),
    nextVisit: text('下次上门建议', 100).optional()
  })
  .strict()
export type VisitRecordInput = z.infer<typeof visitRecordInput>

// ---------------------------------------------------------------- views

export const catalogueItem = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  /** 分. */
  visitFee: z.number().int(),
  itemFee: z.number().int(),
  minutes: z.number().int(),
  prepare: z.array(z.string()),
  /** A certificate the nurse needs beyond being marked competent (e.g. PICC). */
  certificate: z.string().nullable()
})
export type CatalogueItem = z.infer<typeof catalogueItem>

const fees = z.object({ visitFee: z.number().int(), nursingFee: z.number().int(), total: z.number().int() })
export const cancelTermsView = z.object({
  allowed: z.boolean(),
  stage: z.enum(['free', 'late', 'set_out', 'closed']),
  refund: z.number().int(),
  kept: z.number().int(),
  text: z.string()
})
export const locationView = z.object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().optional(), at: z.string() })
export type LocationView = z.infer<typeof locationView>

export const nurseCard = z.object({
  accountId: id,
  name: z.string(),
  title: z.string(),
  years: z.number().int(),
  photoUrl: z.string().nullable()
})

export const visitRecordView = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), done: z.string() })),
  vitals: z.object({
    systolic: z.number().optional(),
    diastolic: z.number().optional(),
    heartRate: z.number().optional(),
    temperature: z.number().optional(),
    spo2: z.number().optional(),
    glucose: z.number().optional()
  }),
  consumables: z.string().optional(),
  advice: z.string(),
  nextVisit: z.string().optional(),
  at: z.string()
})

export const timelineEvent = z.object({
  from: z.enum(NURSING_STATUSES),
  to: z.enum(NURSING_STATUSES),
  label: z.string(),
  at: z.string(),
  by: z.enum(['family', 'nursing', 'nurse', 'system']),
  /** Staff name; the family sees the nurse's name, 护理部 sees everyone's. */
  byName: z.string().optional(),
  note: z.string().optional()
})
export type TimelineEvent = z.infer<typeof timelineEvent>

export const requestView = z.object({
  id,
  requestNo: z.string(),
  status: z.enum(NURSING_STATUSES),
  statusLabel: z.string(),
  profileId: id,
  patientName: z.string(),
  patientSex: z.enum(['male', 'female']),
  patientAge: z.number().int(),
  items: z.array(z.object({ code: z.string(), name: z.string(), minutes: z.number().int(), certificate: z.string().nullable() })),
  date: z.string(),
  window: visitWindow,
  windowLabel: z.string(),
  fees,
  feesText: z.string(),
  /** The family sees its own; the nurse only while her visit is live; 护理部 the region only. */
  address: z.object({ region: z.string(), detail: z.string() }),
  contactName: z.string(),
  contactPhone: z.string(),
  health: z.object({
    diagnosis: z.string(),
    allergies: z.string(),
    mobility: z.enum(MOBILITIES),
    mobilityLabel: z.string(),
    notes: z.string().optional()
  }),
  photos: z.array(z.object({ fileId: z.string(), url: z.string() })),
  risk: z.enum(RISK_LEVELS).nullable(),
  riskLabel: z.string().nullable(),
  assessmentNote: z.string().optional(),
  rejectReason: z.enum(REFUSAL_REASONS).optional(),
  rejectText: z.string().optional(),
  nurse: nurseCard.nullable(),
  record: visitRecordView.nullable(),
  rating: z.object({ stars: z.number().int(), comment: z.string(), at: z.string() }).nullable(),
  cancellation: z
    .object({
      by: z.enum(['family', 'nursing']),
      reason: z.string(),
      refund: z.number().int(),
      kept: z.number().int(),
      text: z.string(),
      at: z.string()
    })
    .nullable(),
  /** What cancelling now would refund (for the family; for 护理部 their own terms). */
  cancelTerms: cancelTermsView,
  /** The statuses this viewer may move the request to now (buttons). */
  nextSteps: z.array(z.enum(NURSING_STATUSES)),
  /** Departure, arrival and leaving, for 护理部 and the nurse; the family sees only that it happened. */
  locations: z.object({ departed: locationView.optional(), arrived: locationView.optional(), left: locationView.optional() }),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type RequestView = z.infer<typeof requestView>

export const requestDetail = z.object({ request: requestView, timeline: z.array(timelineEvent) })
export type RequestDetail = z.infer<typeof requestDetail>

export const requestSummary = z.object({
  id,
  requestNo: z.string(),
  status: z.enum(NURSING_STATUSES),
  statusLabel: z.string(),
  patientName: z.string(),
  itemNames: z.array(z.string()),
  date: z.string(),
  windowLabel: z.string(),
  fees,
  nurseName: z.string().nullable(),
  createdAt: z.string()
})
export type RequestSummary = z.infer<typeof requestSummary>

/** A console row: the patient's name masked until a dispatcher opens the request (audited). */
export const boardItem = z.object({
  id,
  requestNo: z.string(),
  status: z.enum(NURSING_STATUSES),
  statusLabel: z.string(),
  patientNameMasked: z.string(),
  region: z.string(),
  itemNames: z.array(z.string()),
  date: z.string(),
  windowLabel: z.string(),
  risk: z.enum(RISK_LEVELS).nullable(),
  riskLabel: z.string().nullable(),
  nurseName: z.string().nullable(),
  hasOpenAlarm: z.boolean(),
  createdAt: z.string()
})
export type BoardItem = z.infer<typeof boardItem>

export const alarmView = z.object({
  id,
  requestId: id,
  requestNo: z.string(),
  patientName: z.string(),
  address: z.string(),
  nurseAccountId: id,
  nurseName: z.string(),
  nursePhone: z.string(),
  location: locationView.nullable(),
  note: z.string().optional(),
  status: z.enum(['open', 'acknowledged']),
  raisedAt: z.string(),
  acknowledgedAt: z.string().optional(),
  acknowledgedByName: z.string().optional()
})
export type AlarmView = z.infer<typeof alarmView>

export const nurseRow = z.object({
  accountId: id,
  name: z.string(),
  title: z.string().nullable(),
  years: z.number().int().nullable(),
  licenseNumber: z.string().nullable(),
  phone: z.string().nullable(),
  photoUrl: z.string().nullable(),
  items: z.array(z.string()),
  certificates: z.record(z.string(), z.string()),
  /** Why this nurse may not visit homes at all ([] = qualified). */
  problems: z.array(z.string())
})
export type NurseRow = z.infer<typeof nurseRow>

export const candidateNurse = z.object({
  accountId: id,
  name: z.string(),
  title: z.string(),
  years: z.number().int(),
  /** [] = may be assigned; else why not (qualification, competence, a visit in the same window). */
  problems: z.array(z.string())
})

const visitItem = boardItem.omit({ patientNameMasked: true }).extend({ patientName: z.string() })

const idInput = z.object({ id }).strict()
const fromInput = { id, from: z.enum(NURSING_STATUSES).optional() }
const stars = z.number({ required_error: '请选择星级' }).int('星级应为整数').min(1, '最少1星').max(5, '最多5星')

// ---------------------------------------------------------------- the contract

export const nursingActions = {
  // ---- the family
  catalogue: action({
    input: emptyInput,
    output: z.object({
      items: z.array(catalogueItem),
      windows: z.array(visitWindow),
      serviceHours: z.string(),
      freeCancelHours: z.number(),
      /** The earliest window starts this many hours from now; the last date is today + maxDaysAhead. */
      minLeadHours: z.number(),
      maxDaysAhead: z.number().int(),
      maxItemsPerRequest: z.number().int(),
      maxPhotos: z.number().int(),
      photoMaxKB: z.number().int(),
      agreementVersion: z.string()
    })
  })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  uploadPhoto: action({
    input: z
      .object({
        contentType: z.enum(['image/jpeg', 'image/png'], { errorMap: () => ({ message: '只能上传 JPG 或 PNG 图片' }) }),
        /** The image as base64 (no data: prefix); the size limit is the setting photoMaxKB. */
        base64: z
          .string()
          .min(8, '图片为空')
          .max(15_000_000, '图片太大')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片格式不正确')
      })
      .strict(),
    output: z.object({ fileId: z.string(), url: z.string() })
  })({
    roles: ['patient'],
    requestId: false,
    example: () => ({
      contentType: 'image/png',
      base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
    })
  }),
  submitRequest: action({ input: submitRequestInput, output: requestView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({
      profileId: f.ownProfileId,
      items: ['HL02'],
      addressId: f.decoction.ownAddressId,
      date: f.nursing.freeDate,
      window: { start: '14:00', end: '16:00' },
      health: { diagnosis: '肺癌化疗后，带PICC导管', allergies: '无', mobility: 'assisted' },
      consent: true
    }),
    foreign: (f) => ({
      profileId: f.otherProfileId,
      items: ['HL02'],
      addressId: f.decoction.otherAddressId,
      date: f.nursing.freeDate,
      window: { start: '14:00', end: '16:00' },
      health: { diagnosis: '肺癌化疗后，带PICC导管', allergies: '无', mobility: 'assisted' },
      consent: true
    })
  }),
  myRequests: action({ input: emptyInput, output: z.object({ requests: z.array(requestSummary) }) })({
    roles: ['patient'],
    requestId: false,
    example: () => ({})
  }),
  getRequest: action({ input: idInput, output: requestDetail })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.nursing.ownRequestId }),
    foreign: (f) => ({ id: f.nursing.otherRequestId })
  }),
  cancelRequest: action({ input: z.object({ id, reason: reason.optional() }).strict(), output: requestDetail })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ id: f.nursing.ownRequestId, reason: '父亲住院了' }),
    foreign: (f) => ({ id: f.nursing.otherRequestId })
  }),
  rateVisit: action({ input: z.object({ id, stars, comment: text('评价', 300).optional() }).strict(), output: requestDetail })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ id: f.nursing.ownCompletedRequestId, stars: 5, comment: '周护士很细心' }),
    foreign: (f) => ({ id: f.nursing.otherRequestId, stars: 1 })
  }),

  // ---- 护理部
  board: action({
    input: z
      .object({
        status: z.enum(NURSING_STATUSES, { errorMap: () => ({ message: '请选择状态' }) }),
        after: pageCursor.optional()
      })
      .strict(),
    output: z.object({
      requests: z.array(boardItem),
      counts: z.record(z.string(), z.number().int()),
      openAlarms: z.array(alarmView),
      hasMore: z.boolean(),
      /** Where 加载更多 continues; only while hasMore. */
      next: pageCursor.optional()
    })
  })({ roles: ['nursing_dispatcher'], requestId: false, example: () => ({ status: 'submitted' }) }),
  dayVisits: action({
    input: z.object({ date }).strict(),
    output: z.object({ nurses: z.array(z.object({ accountId: id, name: z.string(), visits: z.array(visitItem) })) })
  })({ roles: ['nursing_dispatcher'], requestId: false, example: (f) => ({ date: f.nursing.freeDate }) }),
  openRequest: action({ input: idInput, output: requestDetail })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: (f) => ({ id: f.nursing.ownRequestId })
  }),
  assessRequest: action({
    input: z.discriminatedUnion(
      'decision',
      [
        z
          .object({
            ...fromInput,
            decision: z.literal('accept'),
            risk: z.enum(RISK_LEVELS, { errorMap: () => ({ message: '请选择风险等级' }) }),
            note: text('评估意见', 300).optional()
          })
          .strict(),
        z
          .object({
            ...fromInput,
            decision: z.literal('reject'),
            reason: z.enum(REFUSAL_REASONS, { errorMap: () => ({ message: '请选择不通过的原因' }) }),
            note: text('说明', 300).optional()
          })
          .strict()
      ],
      { errorMap: () => ({ message: '请选择评估结果' }) }
    ),
    output: requestDetail
  })({
    roles: ['nursing_dispatcher'],
    requestId: true,
    example: (f) => ({ id: f.nursing.submittedRequestId, decision: 'accept', risk: 'medium', note: '带管，家属陪护' })
  }),
  qualifiedNurses: action({ input: idInput, output: z.object({ nurses: z.array(candidateNurse) }) })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: (f) => ({ id: f.nursing.assessedRequestId })
  }),
  assignNurse: action({ input: z.object({ ...fromInput, nurseAccountId: id }).strict(), output: requestDetail })({
    roles: ['nursing_dispatcher'],
    requestId: true,
    example: (f) => ({ id: f.nursing.assessedRequestId, nurseAccountId: f.nursing.nurseAccountId })
  }),
  unassignNurse: action({ input: z.object({ ...fromInput, reason }).strict(), output: requestDetail })({
    roles: ['nursing_dispatcher'],
    requestId: true,
    example: (f) => ({ id: f.nursing.assignedRequestId, reason: '护士临时请假，改派' })
  }),
  cancelByNursing: action({ input: z.object({ ...fromInput, reason }).strict(), output: requestDetail })({
    roles: ['nursing_dispatcher'],
    requestId: true,
    example: (f) => ({ id: f.nursing.ownRequestId, reason: '暴雪封路，无法上门' })
  }),
  nurses: action({ input: emptyInput, output: z.object({ nurses: z.array(nurseRow) }) })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: () => ({})
  }),
  setNurseCompetence: action({
    input: z
      .object({
        accountId: id,
        items: z.array(itemCode).max(50),
        certificates: z.record(z.string().regex(/^[A-Z]{2,12}$/, '证书类别不正确'), text('证书编号', 40, 4)),
        phone: mobile.optional(),
        photoFileId: fileId.nullable().optional()
      })
      .strict(),
    output: nurseRow
  })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: (f) => ({ accountId: f.nursing.nurseAccountId, items: ['HL01', 'HL02'], certificates: { PICC: 'PICC-2021-0037' } })
  }),
  alarms: action({ input: z.object({ open: z.boolean().optional() }).strict(), output: z.object({ alarms: z.array(alarmView) }) })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: () => ({ open: true })
  }),
  acknowledgeAlarm: action({ input: z.object({ id, note: text('处理说明', 200).optional() }).strict(), output: alarmView })({
    roles: ['nursing_dispatcher'],
    requestId: false,
    example: (f) => ({ id: f.nursing.alarmId, note: '已电话联系护士，平安' })
  }),

  // ---- the nurse
  myVisits: action({ input: emptyInput, output: z.object({ visits: z.array(visitItem) }) })({
    roles: ['nurse'],
    requestId: false,
    example: () => ({})
  }),
  openVisit: action({ input: idInput, output: requestDetail })({
    roles: ['nurse'],
    requestId: false,
    example: (f) => ({ id: f.nursing.assignedRequestId })
  }),
  acceptVisit: action({ input: z.object(fromInput).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.assignedRequestId })
  }),
  declineVisit: action({ input: z.object({ ...fromInput, reason }).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.assignedRequestId, reason: '该时段已有其他安排' })
  }),
  depart: action({ input: z.object({ ...fromInput, location: stepLocation }).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.acceptedRequestId, location: { latitude: 36.6512, longitude: 117.1201 } })
  }),
  arrive: action({
    input: z
      .object({
        ...fromInput,
        location: stepLocation,
        /** The patient's identity checked at the door: the last four characters of the ID number. */
        idLastFour: z.string({ required_error: '请核对身份证号后四位' }).regex(/^\d{3}[\dXx]$/, '请输入身份证号后四位')
      })
      .strict(),
    output: requestDetail
  })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({
      id: f.nursing.enRouteRequestId,
      location: { latitude: 36.9787, longitude: 117.1763 },
      idLastFour: f.nursing.enRouteIdLastFour
    })
  }),
  startService: action({ input: z.object(fromInput).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.arrivedRequestId })
  }),
  completeVisit: action({ input: z.object({ ...fromInput, record: visitRecordInput }).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({
      id: f.nursing.inServiceRequestId,
      record: {
        items: [{ code: 'HL01', done: '伤口清创换药，渗出少，无红肿' }],
        vitals: { systolic: 150, diastolic: 95, heartRate: 78, temperature: 36.6, spo2: 97 },
        advice: '保持敷料干燥，三天后复换'
      }
    })
  }),
  leaveVisit: action({ input: z.object({ id, location: locationInput }).strict(), output: requestDetail })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.completedVisitId, location: { latitude: 36.9787, longitude: 117.1763 } })
  }),
  raiseAlarm: action({
    input: z.object({ id, location: locationInput.optional(), note: text('情况', 100).optional() }).strict(),
    output: alarmView
  })({
    roles: ['nurse'],
    requestId: true,
    example: (f) => ({ id: f.nursing.enRouteRequestId, location: { latitude: 36.9787, longitude: 117.1763 } })
  })
} as const

registerFieldLabels({
  items: '护理项目',
  addressId: '上门地址',
  window: '上门时段',
  health: '健康情况',
  allergies: '过敏史',
  mobility: '行动能力',
  notes: '病情说明',
  photos: '图片',
  consent: '服务协议',
  risk: '风险等级',
  decision: '评估结果',
  nurseAccountId: '护士',
  location: '位置',
  latitude: '纬度',
  longitude: '经度',
  idLastFour: '身份证号后四位',
  record: '服务记录',
  vitals: '生命体征',
  systolic: '收缩压',
  diastolic: '舒张压',
  heartRate: '心率',
  temperature: '体温',
  spo2: '血氧饱和度',
  glucose: '血糖',
  consumables: '耗材',
  advice: '护理建议',
  nextVisit: '下次上门建议',
  stars: '星级',
  comment: '评价',
  certificates: '证书',
  base64: '图片',
  contentType: '图片类型',
  photoFileId: '照片',
  open: '仅未处理',
  done: '操作记录'
})
