import type { Role } from '../types/contract'

export interface ServiceEntry {
  key: string
  title: string
  description: string
  url: string
  /** Shown only to these roles; to everyone when absent. */
  roles?: readonly Role[]
}

/**
 * The home page's service entries, only for services that work today. Each service adds its
 * entry here in the change that ships its screens (专家号预约, 中药代煎配送, 上门护理, 健康档案).
 */
export const SERVICE_ENTRIES: readonly ServiceEntry[] = [
  {
    key: 'booking',
    title: '专家号预约',
    description: '省级专家来院出诊，按科室、专家或日期预约，可为家人挂号',
    url: '/packages/booking/browse/index'
  },
  {
    key: 'schedule',
    title: '排班管理',
    description: '安排专家出诊、复制上周排班、发布、停诊和签到',
    url: '/packages/booking/schedule/index',
    roles: ['scheduler']
  },
  {
    key: 'hotline',
    title: '热线预约',
    description: '按来电号码查找或建档，代来电者预约、取消和复述',
    url: '/packages/booking/hotline/index',
    roles: ['hotline']
  },
  {
    key: 'booking-bans',
    title: '爽约限制',
    description: '查看因多次爽约被限制预约的患者，核实后解除',
    url: '/packages/booking/bans/index',
    roles: ['admin']
  },
  {
    key: 'decoction',
    title: '中药代煎配送',
    description: '医院代煎中药，免费送到家，进度随时可查',
    url: '/packages/decoction/prescriptions/index'
  },
  {
    key: 'pharmacy',
    title: '中药房工作台',
    description: '审方、调配、浸泡、煎煮、包装、发货',
    url: '/packages/pharmacy/queue/index',
    roles: ['pharmacist']
  },
  {
    key: 'prescribe',
    title: '录入中药处方',
    description: '查找患者，一次粘贴整张药味',
    url: '/packages/pharmacy/prescribe/index',
    roles: ['pharmacist', 'doctor']
  },
  {
    key: 'nursing',
    title: '上门护理',
    description: '护士上门换药、PICC维护、采血等，护理部评估后派单',
    url: '/packages/nursing/catalogue/index'
  },
  {
    key: 'nursing-console',
    title: '护理部工作台',
    description: '评估上门护理申请、派单、处理护士报警',
    url: '/packages/nursing-staff/console/index',
    roles: ['nursing_dispatcher']
  },
  {
    key: 'nursing-visits',
    title: '我的出诊',
    description: '今天和接下来的上门护理：接单、出发、签到、记录',
    url: '/packages/nursing-staff/visits/index',
    roles: ['nurse']
  },
  {
    key: 'follow-up',
    title: '随访工作台',
    description: '到期和逾期的随访、引起随访的读数、随访记录和慢病管理',
    url: '/packages/records/console/index',
    roles: ['doctor']
  },
  {
    key: 'records',
    title: '健康档案',
    description: '在家量的血压、血糖记下来，看变化趋势，异常时医生会随访',
    url: '/packages/records/home/index'
  }
]

export function entriesFor(roles: readonly Role[]): ServiceEntry[] {
  return SERVICE_ENTRIES.filter((e) => !e.roles || e.roles.some((r) => roles.includes(r)))
}
