/** Hospitals, departments and visiting provincial experts for the demo. Expert names are fictional. */
export const HOSPITALS = [
  { _id: 'h_jiyang_tcm', name: '济阳区中医医院', level: '二级甲等', address: '济南市济阳区纬二路108号', phone: '0531-84231234' },
  { _id: 'h_lc_people', name: '聊城市人民医院', level: '三级甲等', address: '聊城市东昌府区东昌西路67号', phone: '0635-8272000' },
  { _id: 'h_lc_tumor', name: '聊城市肿瘤医院', level: '三级', address: '聊城市东昌府区花园北路23号', phone: '0635-8511000' }
]

const DEPTS: Record<string, string[]> = {
  h_jiyang_tcm: ['中医内科', '针灸推拿科', '心血管内科', '内分泌科', '骨伤科', '妇科'],
  h_lc_people: ['心血管内科', '神经内科', '内分泌科', '呼吸内科', '消化内科', '骨科', '儿科'],
  h_lc_tumor: ['肿瘤内科', '放疗科', '乳腺外科', '胸外科']
}

export const DEPARTMENTS = Object.entries(DEPTS).flatMap(([hospitalId, names]) =>
  names.map((name, i) => ({ _id: `${hospitalId}_d${i + 1}`, hospitalId, name }))
)

function dept(hospitalId: string, name: string): string {
  const d = DEPARTMENTS.find((x) => x.hospitalId === hospitalId && x.name === name)
  if (!d) throw new Error(`seed: no department ${name} in ${hospitalId}`)
  return d._id
}

export const DOCTORS = [
  {
    name: '孟庆和',
    title: '主任医师',
    homeHospital: '山东中医药大学附属医院',
    specialty: '脾胃病、失眠、慢性咳嗽的中医调理',
    hospitalId: 'h_jiyang_tcm',
    department: '中医内科'
  },
  {
    name: '许志强',
    title: '主任医师',
    homeHospital: '山东中医药大学附属医院',
    specialty: '颈肩腰腿痛、面瘫的针灸治疗',
    hospitalId: 'h_jiyang_tcm',
    department: '针灸推拿科'
  },
  {
    name: '陈立明',
    title: '主任医师',
    homeHospital: '山东大学齐鲁医院',
    specialty: '冠心病、高血压、心力衰竭',
    hospitalId: 'h_jiyang_tcm',
    department: '心血管内科'
  },
  {
    name: '刘淑芬',
    title: '主任医师',
    homeHospital: '山东省立医院',
    specialty: '糖尿病及并发症、甲状腺疾病',
    hospitalId: 'h_jiyang_tcm',
    department: '内分泌科'
  },
  {
    name: '高振华',
    title: '副主任医师',
    homeHospital: '山东省千佛山医院',
    specialty: '脑血管病、头痛眩晕、帕金森病',
    hospitalId: 'h_lc_people',
    department: '神经内科'
  },
  {
    name: '苏文静',
    title: '副主任医师',
    homeHospital: '山东省千佛山医院',
    specialty: '慢阻肺、哮喘、肺结节',
    hospitalId: 'h_lc_people',
    department: '呼吸内科'
  },
  {
    name: '杜建国',
    title: '主任医师',
    homeHospital: '山东省立医院',
    specialty: '脊柱退变、膝髋关节疾病',
    hospitalId: 'h_lc_people',
    department: '骨科'
  },
  {
    name: '韩雪梅',
    title: '主任医师',
    homeHospital: '山东大学齐鲁医院',
    specialty: '肺癌、乳腺癌的综合治疗',
    hospitalId: 'h_lc_tumor',
    department: '肿瘤内科'
  }
].map((d, i) => ({
  _id: `doc_${i + 1}`,
  name: d.name,
  title: d.title,
  homeHospital: d.homeHospital,
  specialty: d.specialty,
  hospitalId: d.hospitalId,
  departmentId: dept(d.hospitalId, d.department)
}))

// ---- Decoction (中药代煎配送): prescriptions entered by the pharmacy, some with orders on their way.

type DemoHerb = { name: string; grams: number; handling: '先煎' | '后下' | '包煎' | '另煎' | '烊化' | '冲服' | null }
const herbs = (list: string): DemoHerb[] =>
  list.split('，').map((item) => {
    const [name, grams, handling] = item.split(' ')
    return { name, grams: Number(grams), handling: (handling as DemoHerb['handling']) ?? null }
  })

export interface DemoRxStep {
  to: 'reviewed' | 'dispensing' | 'soaking' | 'decocting' | 'packed' | 'shipped' | 'ready_for_pickup' | 'delivered'
  minutesAgo: number
  by?: 'patient'
  machine?: string
  steps?: Array<{ handling: '先煎' | '后下'; minutes: number }>
  courier?: string
  trackingNo?: string
}

export interface DemoRx {
  account: string
  patient: string
  minutesAgo: number
  doctorName: string
  diagnosis: string
  herbs: DemoHerb[]
  doses: number
  packsPerDose: number
  mlPerPack: number
  instructions: string
  order?: {
    minutesAgo: number
    delivery: 'courier' | 'pickup'
    contactName: string
    contactPhone: string
    address?: { region: string; detail: string }
    path: DemoRxStep[]
  }
}

const LI_HOME = { region: '济南市济阳区', detail: '济北街道开元小区5号楼2单元302' }
const ZHANG_HOME = { region: '聊城市东昌府区', detail: '柳园街道龙湾小区3号楼1单元501' }

export const DEMO_DECOCTION: {
  prescriptions: DemoRx[]
  addresses: Array<{ account: string; contactName: string; contactPhone: string; region: string; detail: string }>
} = {
  prescriptions: [
    {
      account: 'li_mei',
      patient: '李德福',
      minutesAgo: 26 * 60,
      doctorName: '孟庆和',
      diagnosis: '胸痹（气虚血瘀证）',
      herbs: herbs(
        '黄芪 30，党参 15，丹参 20，川芎 10，当归 12，赤芍 12，红花 6，桃仁 10，瓜蒌 15，薤白 10，桂枝 9，制附子 9 先煎，炙甘草 6'
      ),
      doses: 7,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，水煎分早晚两次饭后温服'
    },
    {
      account: 'li_mei',
      patient: '李德福',
      minutesAgo: 3 * 24 * 60,
      doctorName: '孟庆和',
      diagnosis: '胃脘痛（脾胃虚弱证）',
      herbs: herbs('党参 15，白术 12，茯苓 15，陈皮 10，法半夏 9，木香 6 后下，砂仁 6 后下，炙甘草 6，生姜 3，大枣 10'),
      doses: 7,
      packsPerDose: 2,
      mlPerPack: 150,
      instructions: '每日1剂，早晚饭前半小时温服',
      order: {
        minutesAgo: 20 * 60,
        delivery: 'courier',
        contactName: '李德福',
        contactPhone: '13953187721',
        address: LI_HOME,
        path: [
          { to: 'reviewed', minutesAgo: 19 * 60 },
          { to: 'dispensing', minutesAgo: 130 },
          { to: 'soaking', minutesAgo: 110 },
          { to: 'decocting', minutesAgo: 75, machine: '2号煎药机', steps: [{ handling: '后下', minutes: 10 }] }
        ]
      }
    },
    {
      account: 'li_mei',
      patient: '李梅',
      minutesAgo: 32 * 24 * 60,
      doctorName: '孟庆和',
      diagnosis: '郁证（肝郁脾虚证）',
      herbs: herbs('柴胡 12，白芍 15，当归 12，茯苓 15，白术 12，薄荷 6 后下，香附 10，郁金 10，炙甘草 6'),
      doses: 5,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，水煎分早晚两次温服',
      order: {
        minutesAgo: 32 * 24 * 60 - 30,
        delivery: 'pickup',
        contactName: '李梅',
        contactPhone: '13805312468',
        path: [
          { to: 'reviewed', minutesAgo: 32 * 24 * 60 - 60 },
          { to: 'dispensing', minutesAgo: 31 * 24 * 60 + 600 },
          { to: 'soaking', minutesAgo: 31 * 24 * 60 + 580 },
          { to: 'decocting', minutesAgo: 31 * 24 * 60 + 545, machine: '1号煎药机', steps: [{ handling: '后下', minutes: 8 }] },
          { to: 'packed', minutesAgo: 31 * 24 * 60 + 450 },
          { to: 'ready_for_pickup', minutesAgo: 31 * 24 * 60 + 440 },
          { to: 'delivered', minutesAgo: 31 * 24 * 60 + 200, by: 'patient' }
        ]
      }
    },
    {
      account: 'zhang_wei',
      patient: '张伟',
      minutesAgo: 90,
      doctorName: '苏文静',
      diagnosis: '咳嗽（风寒袭肺证）',
      herbs: herbs('麻黄 6 先煎，苦杏仁 10，桔梗 10，紫苏叶 10 后下，前胡 10，陈皮 10，法半夏 9，甘草 6'),
      doses: 5,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，早晚饭后温服，服药期间忌食生冷',
      order: { minutesAgo: 40, delivery: 'courier', contactName: '张伟', contactPhone: '15806351290', address: ZHANG_HOME, path: [] }
    },
    {
      account: 'zhang_wei',
      patient: '张子涵',
      minutesAgo: 26 * 60,
      doctorName: '苏文静',
      diagnosis: '积滞（脾虚食积证）',
      herbs: herbs('太子参 10，炒白术 6，茯苓 10，山药 10，鸡内金 6，焦山楂 6，炒麦芽 10，车前子 6 包煎，甘草 3'),
      doses: 5,
      packsPerDose: 2,
      mlPerPack: 100,
      instructions: '每日1剂，分2次温服，每次1袋',
      order: {
        minutesAgo: 24 * 60,
        delivery: 'pickup',
        contactName: '张伟',
        contactPhone: '15806351290',
        path: [
          { to: 'reviewed', minutesAgo: 23 * 60 },
          { to: 'dispensing', minutesAgo: 70 },
          { to: 'soaking', minutesAgo: 45 }
        ]
      }
    },
    {
      account: 'zhang_wei',
      patient: '张伟',
      minutesAgo: 4 * 24 * 60,
      doctorName: '苏文静',
      diagnosis: '不寐（心脾两虚证）',
      herbs: herbs('黄芪 20，党参 15，白术 12，茯神 15，酸枣仁 20，远志 10，龙眼肉 10，当归 10，木香 6 后下，炙甘草 6，阿胶 10 烊化'),
      doses: 7,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，午饭后及睡前1小时温服',
      order: {
        minutesAgo: 3 * 24 * 60,
        delivery: 'courier',
        contactName: '张伟',
        contactPhone: '15806351290',
        address: ZHANG_HOME,
        path: [
          { to: 'reviewed', minutesAgo: 3 * 24 * 60 - 30 },
          { to: 'dispensing', minutesAgo: 2 * 24 * 60 + 600 },
          { to: 'soaking', minutesAgo: 2 * 24 * 60 + 580 },
          { to: 'decocting', minutesAgo: 2 * 24 * 60 + 550, machine: '3号煎药机', steps: [{ handling: '后下', minutes: 10 }] },
          { to: 'packed', minutesAgo: 2 * 24 * 60 + 450 },
          { to: 'shipped', minutesAgo: 2 * 24 * 60 + 300, courier: '顺丰速运', trackingNo: 'SF1402387765123' }
        ]
      }
    }
  ],
  addresses: [
    { account: 'li_mei', contactName: '李德福', contactPhone: '13953187721', ...LI_HOME },
    { account: 'zhang_wei', contactName: '张伟', contactPhone: '15806351290', ...ZHANG_HOME }
  ]
}

// ---- Booking (专家号预约): a week of visiting experts' sessions around the seed day, and 李德福's history.

export interface DemoSession {
  /** Named sessions get the id `sch_demo_<key>` (tests and fixtures find them by it). */
  key?: string
  doctor: string
  /** Days from the seed day (0 = today, negative = past). */
  day: number
  session: 'am' | 'pm' | 'evening' | 'custom'
  start: string
  end: string
  sliceMinutes: number
  quota: number
  clinicType?: 'expert' | 'general' | 'special'
  draft?: boolean
}

export const DEMO_PLACES: Record<string, string> = {
  doc_1: '门诊楼2楼 中医内科 专家诊室1',
  doc_2: '门诊楼3楼 针灸推拿科 诊室2',
  doc_3: '门诊楼2楼 心血管内科 诊室3',
  doc_4: '门诊楼2楼 内分泌科 诊室1',
  doc_5: '门诊楼4楼 神经内科 专家诊室2',
  doc_6: '门诊楼3楼 呼吸内科 诊室5',
  doc_7: '门诊楼5楼 骨科 专家诊室1',
  doc_8: '门诊楼1楼 肿瘤内科 特需诊室'
}

const am = { session: 'am' as const, start: '08:00', end: '11:30', sliceMinutes: 30, quota: 4 }
const pm = { session: 'pm' as const, start: '14:00', end: '17:00', sliceMinutes: 30, quota: 3 }

export const DEMO_SESSIONS: DemoSession[] = [
  { key: 'today', doctor: 'doc_1', day: 0, session: 'evening', start: '18:00', end: '21:00', sliceMinutes: 30, quota: 3 },
  { doctor: 'doc_1', day: 2, session: 'custom', start: '11:30', end: '13:00', sliceMinutes: 30, quota: 3 },
  { doctor: 'doc_1', day: 5, ...am },
  { doctor: 'doc_2', day: 1, ...pm },
  { doctor: 'doc_2', day: 4, ...am, clinicType: 'general', quota: 6 },
  { doctor: 'doc_3', day: 1, ...am },
  { key: 'upcoming', doctor: 'doc_3', day: 3, ...pm },
  { doctor: 'doc_3', day: 6, session: 'evening', start: '18:00', end: '20:30', sliceMinutes: 30, quota: 2 },
  { key: 'open', doctor: 'doc_4', day: 3, ...am },
  { doctor: 'doc_4', day: 6, ...am },
  { doctor: 'doc_5', day: 2, ...am },
  { key: 'full2', doctor: 'doc_5', day: 5, session: 'pm', start: '14:00', end: '15:00', sliceMinutes: 60, quota: 1, clinicType: 'special' },
  { doctor: 'doc_5', day: 7, ...am },
  { doctor: 'doc_6', day: 1, ...pm },
  { key: 'full', doctor: 'doc_6', day: 4, session: 'am', start: '08:00', end: '09:00', sliceMinutes: 30, quota: 1, clinicType: 'special' },
  { doctor: 'doc_7', day: 2, ...am },
  { doctor: 'doc_7', day: 5, ...am },
  { doctor: 'doc_8', day: 3, ...am, clinicType: 'special', quota: 2 },
  { doctor: 'doc_8', day: 7, ...pm },
  { key: 'draft', doctor: 'doc_2', day: 9, ...am, draft: true },
  { key: 'past2', doctor: 'doc_3', day: -2, ...am },
  { key: 'past20', doctor: 'doc_3', day: -20, ...am },
  { key: 'past40', doctor: 'doc_1', day: -40, ...pm },
  { key: 'past10', doctor: 'doc_7', day: -10, ...am },
  { key: 'past25', doctor: 'doc_7', day: -25, ...am },
  { key: 'past50', doctor: 'doc_7', day: -50, ...am }
]

/** A caller the hotline booked for three times who never came: barred from booking (ID fictional). */
export const DEMO_HOTLINE_CALLER = { name: '赵桂芳', idNumber: '37012519560321004X', phone: '13583100000', relation: 'self' as const }

export interface DemoBooking {
  key: string
  session: string
  slice: number
  /** [account key, profile name]; `hotline` is the hotline-managed account of DEMO_HOTLINE_CALLER. */
  patient: [string, string]
  status: 'booked' | 'completed' | 'no_show'
  channel: 'self' | 'family' | 'hotline'
}

export const DEMO_BOOKINGS: DemoBooking[] = [
  { key: 'upcoming', session: 'upcoming', slice: 1, patient: ['li_mei', '李德福'], status: 'booked', channel: 'family' },
  { key: 'today', session: 'today', slice: 0, patient: ['li_mei', '李德福'], status: 'booked', channel: 'family' },
  { key: 'past2', session: 'past2', slice: 0, patient: ['li_mei', '李德福'], status: 'completed', channel: 'family' },
  { key: 'past20', session: 'past20', slice: 2, patient: ['li_mei', '李德福'], status: 'completed', channel: 'hotline' },
  { key: 'past40', session: 'past40', slice: 1, patient: ['li_mei', '李德福'], status: 'no_show', channel: 'family' },
  { key: 'zhang', session: 'full', slice: 0, patient: ['zhang_wei', '张伟'], status: 'booked', channel: 'self' },
  { key: 'zihan', session: 'full', slice: 1, patient: ['zhang_wei', '张子涵'], status: 'booked', channel: 'family' },
  { key: 'limei', session: 'full2', slice: 0, patient: ['li_mei', '李梅'], status: 'booked', channel: 'self' },
  { key: 'caller10', session: 'past10', slice: 0, patient: ['hotline', '赵桂芳'], status: 'no_show', channel: 'hotline' },
  { key: 'caller25', session: 'past25', slice: 1, patient: ['hotline', '赵桂芳'], status: 'no_show', channel: 'hotline' },
  { key: 'caller50', session: 'past50', slice: 0, patient: ['hotline', '赵桂芳'], status: 'no_show', channel: 'hotline' }
]

/** Waitlist tickets: 李梅 waits on the full 呼吸内科 session, 张伟 on the full 神经内科 one. */
export const DEMO_WAITS: Array<{ key: string; session: string; patient: [string, string] }> = [
  { key: 'limei', session: 'full', patient: ['li_mei', '李梅'] },
  { key: 'zhangwei', session: 'full2', patient: ['zhang_wei', '张伟'] }
]
