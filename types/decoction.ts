/**
 * Herbal decoction delivery (中药代煎配送): prescriptions, orders, the order workflow of DOMAIN.md
 * section 2, and the contract of the `decoction` function.
 */
import { z } from 'zod'
import { action, emptyInput } from './contract'
import { id, mobile, personName } from './account'
import { defineWorkflow } from './workflow'
import { registerFieldLabels } from './zod-zh'
import { instant, text } from './text'
import { HANDLINGS, MAX_HERB_GRAMS, MAX_HERBS, herbNameProblem } from './decoction-herbs'
import { pageCursor } from './paging'

export { HANDLINGS, type Handling } from './decoction-herbs'

export const ORDER_STATUSES = [
  'submitted',
  'reviewed',
  'rejected',
  'dispensing',
  'soaking',
  'decocting',
  'packed',
  'shipped',
  'ready_for_pickup',
  'delivered',
  'cancelled'
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  submitted: '待审方',
  reviewed: '审方通过',
  rejected: '审方未通过',
  dispensing: '调配中',
  soaking: '浸泡中',
  decocting: '煎煮中',
  packed: '已包装',
  shipped: '已发货',
  ready_for_pickup: '待取药',
  delivered: '已签收',
  cancelled: '已取消'
}

/** Who moves an order, exactly the table of DOMAIN.md section 2. `patient` is the family that owns the order. */
export const decoctionWorkflow = defineWorkflow<OrderStatus>({
  submitted: { reviewed: ['pharmacist'], rejected: ['pharmacist'], cancelled: ['patient', 'pharmacist'] },
  reviewed: { dispensing: ['pharmacist'], cancelled: ['patient', 'pharmacist'] },
  rejected: {},
  dispensing: { soaking: ['pharmacist'] },
  soaking: { decocting: ['pharmacist'] },
  decocting: { packed: ['pharmacist'] },
  packed: { shipped: ['pharmacist'], ready_for_pickup: ['pharmacist'] },
  shipped: { delivered: ['pharmacist', 'patient'] },
  ready_for_pickup: { delivered: ['pharmacist', 'patient'] },
  delivered: {},
  cancelled: {}
})

/** Statuses the decoction room still has work (or a parcel) for: the queue's tabs with counts. */
export const ACTIVE_STATUSES = [
  'submitted',
  'reviewed',
  'dispensing',
  'soaking',
  'decocting',
  'packed',
  'shipped',
  'ready_for_pickup'
] as const
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number]
/** An order in one of these no longer holds its prescription: the family may order it again. */
export const RELEASING_STATUSES: readonly OrderStatus[] = ['rejected', 'cancelled']

/** The button a pharmacist taps for each next step. */
export const STEP_ACTION_LABELS: Record<OrderStatus, string> = {
  submitted: '提交',
  reviewed: '审方通过',
  rejected: '审方不通过',
  dispensing: '开始调配',
  soaking: '开始浸泡',
  decocting: '开始煎煮',
  packed: '包装完成',
  shipped: '快递发货',
  ready_for_pickup: '通知取药',
  delivered: '确认签收',
  cancelled: '取消订单'
}

export const DELIVERIES = ['courier', 'pickup'] as const
export type Delivery = (typeof DELIVERIES)[number]
export const DELIVERY_LABELS: Record<Delivery, string> = { courier: '快递到家', pickup: '到院自取' }

/** Special handlings the decoction step records with their minutes. */
export const TIMED_HANDLINGS = ['先煎', '后下'] as const
export type TimedHandling = (typeof TIMED_HANDLINGS)[number]

// ---------------------------------------------------------------- field schemas

const handling = z.enum(HANDLINGS, { errorMap: () => ({ message: '煎法只能是先煎、后下、包煎、另煎、烊化、冲服' }) })

export const herbInput = z
  .object({
    name: text('药名', { required_error: '请填写药名', invalid_type_error: '药名格式不正确' })
      .trim()
      .min(1, '请填写药名')
      .superRefine((v, ctx) => {
        const problem = herbNameProblem(v)
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
      }),
    grams: z
      .number({ required_error: '请填写克数', invalid_type_error: '克数应为数字' })
      .positive('克数应大于0')
      .max(MAX_HERB_GRAMS, `单味药最多${MAX_HERB_GRAMS}克`)
      .refine((g) => Math.round(g * 100) === g * 100, '克数最多保留两位小数'),
    handling: handling.nullable()
  })
  .strict()
export type HerbInput = z.infer<typeof herbInput>

const herbList = z
  .array(herbInput)
  .min(1, '请至少录入一味药')
  .max(MAX_HERBS, `一张处方最多${MAX_HERBS}味药`)
  .superRefine((herbs, ctx) => {
    const seen = new Set<string>()
    herbs.forEach((h, i) => {
      if (seen.has(h.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `「${h.name}」重复录入`, path: [i, 'name'] })
      seen.add(h.name)
    })
  })

const count = (label: string, min: number, max: number) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能少于${min}`)
    .max(max, `${label}不能超过${max}`)

const reason = text('原因', { required_error: '请填写原因' }).trim().min(2, '原因至少2个字').max(100, '原因最多100个字')
const note = text('备注').trim().max(100, '备注最多100个字')
const isoTime = instant('时间格式不正确')

export const addressInput = z
  .object({
    region: text('所在地区', { required_error: '请填写所在地区' })
      .trim()
      .min(2, '请填写所在地区，如「济南市济阳区」')
      .max(40, '所在地区最多40个字'),
    detail: text('详细地址', { required_error: '请填写详细地址' })
      .trim()
      .min(4, '详细地址至少4个字，写到门牌号')
      .max(80, '详细地址最多80个字')
  })
  .strict()

export const contactInput = { contactName: personName, contactPhone: mobile }

// ---------------------------------------------------------------- views

export const herbView = z.object({ name: z.string(), grams: z.number(), handling: handling.nullable() })

export const prescriptionView = z.object({
  id,
  rxNo: z.string(),
  profileId: id,
  patientName: z.string(),
  doctorName: z.string(),
  diagnosis: z.string().optional(),
  appointmentId: id.optional(),
  herbs: z.array(herbView),
  doses: z.number().int(),
  packsPerDose: z.number().int(),
  mlPerPack: z.number().int(),
  instructions: z.string(),
  createdAt: z.string(),
  /** The order holding this prescription (none, or one that was cancelled or rejected: may order). */
  order: z.object({ id, orderNo: z.string(), status: z.enum(ORDER_STATUSES) }).nullable()
})
export type PrescriptionView = z.infer<typeof prescriptionView>

export const addressView = z.object({
  id,
  contactName: z.string(),
  contactPhone: z.string(),
  region: z.string(),
  detail: z.string(),
  lastUsedAt: z.string()
})
export type AddressView = z.infer<typeof addressView>

export const decoctStep = z.object({ handling: z.enum(TIMED_HANDLINGS), herbs: z.array(z.string()), minutes: z.number().int() })
export type DecoctStep = z.infer<typeof decoctStep>

export const orderView = z.object({
  id,
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  prescriptionId: id,
  rxNo: z.string(),
  profileId: id,
  patientName: z.string(),
  patientPhone: z.string(),
  delivery: z.enum(DELIVERIES),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.object({ region: z.string(), detail: z.string() }).nullable(),
  doses: z.number().int(),
  packsPerDose: z.number().int(),
  mlPerPack: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  soakStartedAt: z.string().optional(),
  decoction: z.object({ machine: z.string(), startedAt: z.string(), steps: z.array(decoctStep) }).optional(),
  packCount: z.number().int().optional(),
  courier: z.object({ company: z.string(), trackingNo: z.string() }).optional(),
  rejectReason: z.string().optional(),
  cancelReason: z.string().optional()
})
export type OrderView = z.infer<typeof orderView>

/** One step of an order's history: who (the family or the pharmacy), when, from, to, and what was recorded. */
export const eventView = z.object({
  from: z.enum(ORDER_STATUSES),
  to: z.enum(ORDER_STATUSES),
  at: z.string(),
  by: z.enum(['patient', 'pharmacy']),
  /** Staff name; only in the pharmacy's view. */
  byName: z.string().optional(),
  note: z.string().optional(),
  machine: z.string().optional(),
  startedAt: z.string().optional(),
  steps: z.array(decoctStep).optional(),
  packCount: z.number().int().optional(),
  courier: z.string().optional(),
  trackingNo: z.string().optional()
})
export type EventView = z.infer<typeof eventView>

export const orderDetail = z.object({ order: orderView, prescription: prescriptionView, events: z.array(eventView) })
export type OrderDetail = z.infer<typeof orderDetail>

export const orderSummary = z.object({
  id,
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  patientName: z.string(),
  delivery: z.enum(DELIVERIES),
  doses: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  courier: z.object({ company: z.string(), trackingNo: z.string() }).optional()
})
export type OrderSummary = z.infer<typeof orderSummary>

/** A row of the pharmacy queue: name and phone masked until the pharmacist opens the order. */
export const queueItem = z.object({
  id,
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  patientNameMasked: z.string(),
  phoneMasked: z.string(),
  delivery: z.enum(DELIVERIES),
  doses: z.number().int(),
  packsPerDose: z.number().int(),
  handlings: z.array(handling),
  createdAt: z.string(),
  updatedAt: z.string(),
  soakStartedAt: z.string().optional(),
  /** Minutes in soaking so far, while soaking. */
  soakedMinutes: z.number().int().optional(),
  overdue: z.boolean()
})
export type QueueItem = z.infer<typeof queueItem>

export const labelView = z.object({
  orderNo: z.string(),
  rxNo: z.string(),
  patientNameMasked: z.string(),
  doses: z.number().int(),
  packsPerDose: z.number().int(),
  packs: z.number().int(),
  mlPerPack: z.number().int(),
  delivery: z.enum(DELIVERIES),
  handlings: z.array(z.object({ handling, herbs: z.array(z.string()) })),
  instructions: z.string(),
  decoctedAt: z.string().optional()
})
export type LabelView = z.infer<typeof labelView>

// ---------------------------------------------------------------- inputs

export const prescriptionInput = z
  .object({
    profileId: id,
    appointmentId: id.optional(),
    doctorName: personName,
    diagnosis: text('诊断').trim().max(50, '诊断最多50个字').optional(),
    herbs: herbList,
    doses: count('剂数', 1, 60),
    packsPerDose: count('每剂袋数', 1, 4),
    mlPerPack: count('每袋毫升数', 50, 400),
    instructions: text('用法', { required_error: '请填写用法' }).trim().min(2, '用法至少2个字').max(200, '用法最多200个字')
  })
  .strict()
export type PrescriptionInput = z.infer<typeof prescriptionInput>

export const submitOrderInput = z
  .object({
    prescriptionId: id,
    delivery: z.enum(DELIVERIES, { errorMap: () => ({ message: '请选择配送方式' }) }),
    ...contactInput,
    address: addressInput.optional(),
    /** Keep this contact and address for next time (default yes). */
    remember: z.boolean().optional()
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.delivery === 'courier' && !v.address)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '快递到家请填写收货地址', path: ['address'] })
  })
export type SubmitOrderInput = z.infer<typeof submitOrderInput>

const moveBase = { id, from: z.enum(ORDER_STATUSES, { errorMap: () => ({ message: '请刷新后再操作' }) }) }

export const advanceInput = z.discriminatedUnion(
  'to',
  [
    z.object({ ...moveBase, to: z.literal('reviewed'), note: note.optional() }).strict(),
    z.object({ ...moveBase, to: z.literal('rejected'), reason }).strict(),
    z.object({ ...moveBase, to: z.literal('dispensing'), note: note.optional() }).strict(),
    z.object({ ...moveBase, to: z.literal('soaking'), startedAt: isoTime.optional(), timeReason: reason.optional() }).strict(),
    z
      .object({
        ...moveBase,
        to: z.literal('decocting'),
        machine: text('煎药机', { required_error: '请填写煎药机' }).trim().min(1, '请填写煎药机').max(20, '煎药机最多20个字'),
        startedAt: isoTime.optional(),
        /** Why a start time the rules call impossible is right after all (stepTimeProblem). */
        timeReason: reason.optional(),
        steps: z
          .array(z.object({ handling: z.enum(TIMED_HANDLINGS), minutes: count('分钟', 1, 180) }).strict())
          .max(2)
          .optional()
      })
      .strict(),
    z.object({ ...moveBase, to: z.literal('packed'), packCount: count('包装袋数', 1, 240) }).strict(),
    z
      .object({
        ...moveBase,
        to: z.literal('shipped'),
        courier: text('快递公司', { required_error: '请填写快递公司' }).trim().min(2, '请填写快递公司').max(20, '快递公司最多20个字'),
        trackingNo: z
          .string({ required_error: '请填写快递单号' })
          .trim()
          .regex(/^[A-Za-z0-9]{8,30}$/, '快递单号应为8-30位字母或数字')
      })
      .strict(),
    z.object({ ...moveBase, to: z.literal('ready_for_pickup'), note: note.optional() }).strict(),
    z.object({ ...moveBase, to: z.literal('delivered'), note: note.optional() }).strict(),
    z.object({ ...moveBase, to: z.literal('cancelled'), reason }).strict()
  ],
  { errorMap: () => ({ message: '请选择下一步' }) }
)
export type AdvanceInput = z.infer<typeof advanceInput>
export type StepTarget = AdvanceInput['to']

export const QUEUE_PAGE_SIZE = 20

// ---------------------------------------------------------------- the contract

export const decoctionActions = {
  createPrescription: action({ input: prescriptionInput, output: prescriptionView })({
    roles: ['pharmacist', 'doctor'],
    requestId: true,
    example: (f) => ({
      profileId: f.ownProfileId,
      doctorName: '孟庆和',
      diagnosis: '气虚血瘀',
      herbs: [
        { name: '黄芪', grams: 30, handling: null },
        { name: '当归', grams: 15, handling: null },
        { name: '附子', grams: 9, handling: '先煎' }
      ],
      doses: 7,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，早晚饭后温服'
    })
  }),
  listPrescriptions: action({
    input: z.object({ profileId: id.optional() }).strict(),
    output: z.object({ prescriptions: z.array(prescriptionView) })
  })({ roles: ['patient'], requestId: false, example: () => ({}), foreign: (f) => ({ profileId: f.otherProfileId }) }),
  getPrescription: action({ input: z.object({ id }).strict(), output: prescriptionView })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.decoction.ownPrescriptionId }),
    foreign: (f) => ({ id: f.decoction.otherPrescriptionId })
  }),
  listAddresses: action({ input: emptyInput, output: z.object({ addresses: z.array(addressView) }) })({
    roles: ['patient'],
    requestId: false,
    example: () => ({})
  }),
  saveAddress: action({
    input: z.object({ id: id.optional(), ...contactInput, ...addressInput.shape }).strict(),
    output: addressView
  })({
    roles: ['patient'],
    requestId: false,
    example: () => ({ contactName: '李梅', contactPhone: '13805312468', region: '济南市济阳区', detail: '纬二路108号3单元201' }),
    foreign: (f) => ({
      id: f.decoction.otherAddressId,
      contactName: '李梅',
      contactPhone: '13805312468',
      region: '济南市济阳区',
      detail: '纬二路108号3单元201'
    })
  }),
  removeAddress: action({ input: z.object({ id }).strict(), output: z.object({ id }) })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.decoction.ownAddressId }),
    foreign: (f) => ({ id: f.decoction.otherAddressId })
  }),
  submitOrder: action({ input: submitOrderInput, output: orderView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({
      prescriptionId: f.decoction.ownPrescriptionId,
      delivery: 'courier',
      contactName: '李梅',
      contactPhone: '13805312468',
      address: { region: '济南市济阳区', detail: '纬二路108号3单元201' }
    }),
    foreign: (f) => ({
      prescriptionId: f.decoction.otherPrescriptionId,
      delivery: 'pickup',
      contactName: '李梅',
      contactPhone: '13805312468'
    })
  }),
  listOrders: action({ input: emptyInput, output: z.object({ orders: z.array(orderSummary) }) })({
    roles: ['patient'],
    requestId: false,
    example: () => ({})
  }),
  getOrder: action({ input: z.object({ id }).strict(), output: orderDetail })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.decoction.ownOrderId }),
    foreign: (f) => ({ id: f.decoction.otherOrderId })
  }),
  cancelOrder: action({ input: z.object({ id, reason: reason.optional() }).strict(), output: orderView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ id: f.decoction.ownOrderId }),
    foreign: (f) => ({ id: f.decoction.otherOrderId })
  }),
  confirmReceipt: action({ input: z.object({ id }).strict(), output: orderView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ id: f.decoction.ownOrderId }),
    foreign: (f) => ({ id: f.decoction.otherOrderId })
  }),
  queue: action({
    input: z
      .object({
        status: z.enum(ORDER_STATUSES, { errorMap: () => ({ message: '请选择状态' }) }),
        after: pageCursor.optional()
      })
      .strict(),
    output: z.object({
      orders: z.array(queueItem),
      counts: z.record(z.string(), z.number().int()),
      overdue: z.number().int(),
      hasMore: z.boolean(),
      /** Where 加载更多 continues; only while hasMore. */
      next: pageCursor.optional(),
      soakingMinutes: z.number().int()
    })
  })({ roles: ['pharmacist'], requestId: false, example: () => ({ status: 'submitted' }) }),
  searchOrders: action({
    input: z
      .object({ q: text('搜索内容', { required_error: '请输入订单号、姓名或手机号' }).trim().min(2, '请输入订单号、姓名或手机号').max(30) })
      .strict(),
    output: z.object({ orders: z.array(queueItem) })
  })({ roles: ['pharmacist'], requestId: false, example: () => ({ q: '李德福' }) }),
  openOrder: action({ input: z.object({ id }).strict(), output: orderDetail })({
    roles: ['pharmacist'],
    requestId: false,
    example: (f) => ({ id: f.decoction.ownOrderId })
  }),
  advanceOrder: action({ input: advanceInput, output: orderView })({
    roles: ['pharmacist'],
    requestId: true,
    example: (f) => ({ id: f.decoction.queuedOrderId, from: 'submitted', to: 'reviewed' })
  }),
  orderLabel: action({ input: z.object({ id }).strict(), output: labelView })({
    roles: ['pharmacist'],
    requestId: false,
    example: (f) => ({ id: f.decoction.ownOrderId })
  })
} as const

registerFieldLabels({
  profileId: '就诊人',
  appointmentId: '预约记录',
  doctorName: '开方医生',
  diagnosis: '诊断',
  herbs: '药味',
  grams: '克数',
  handling: '煎法',
  doses: '剂数',
  packsPerDose: '每剂袋数',
  mlPerPack: '每袋毫升数',
  instructions: '用法',
  prescriptionId: '处方',
  delivery: '配送方式',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '收货地址',
  region: '所在地区',
  detail: '详细地址',
  remember: '保存地址',
  from: '当前状态',
  to: '下一步',
  reason: '原因',
  note: '备注',
  machine: '煎药机',
  startedAt: '开始时间',
  timeReason: '时间说明',
  steps: '先煎/后下',
  minutes: '分钟',
  packCount: '包装袋数',
  courier: '快递公司',
  trackingNo: '快递单号',
  status: '状态',
  after: '分页位置',
  q: '搜索内容'
})
