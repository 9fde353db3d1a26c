/**
 * Demo home nursing: the catalogue of DOMAIN.md §3, 周静's competence (most items, with her PICC
 * certificate), 李梅's PICC 维护 request for her father 李德福 in 济阳, and requests in every
 * stage of the workflow so the console, the nurse's list and the family's timeline have something
 * to show. Requests carry the status events their history would have written.
 */
import { addDays, chinaInstant, chinaWallClock } from '../../types/booking-rules'
import type { NursingStatus, RefusalReason, RiskLevel } from '../../types/nursing'
import { REFUSAL_LABELS } from '../../types/nursing'
import { RISK_ORDER, feesOf, windowStartsAt } from '../../types/nursing-rules'
import { SERVICE_AGREEMENT_VERSION } from '../../types/nursing'
import { now, today } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor } from '../common/identity'
import { ALARMS, EVENTS, ITEMS, NURSES, REQUESTS, freeSlot, nurseSlotKey, type ItemDoc, type RequestDoc } from '../nursing/docs'
import type { ProfileDoc } from '../common/patients'
import { nextSequence } from '../nursing/reads'
import { demoOpenid } from './demo'

const yuan = (n: number) => n * 100

export const DEMO_NURSING_ITEMS: Array<Omit<ItemDoc, '_id' | 'active' | 'order'>> = [
  {
    code: 'HL01',
    name: '换药',
    description: '伤口清洁、消毒、更换敷料',
    visitFee: yuan(100),
    itemFee: yuan(50),
    minutes: 30,
    prepare: ['既往换药记录', '干净毛巾'],
    certificate: null
  },
  {
    code: 'HL02',
    name: 'PICC维护',
    description: 'PICC导管冲管、封管、更换贴膜及接头',
    visitFee: yuan(100),
    itemFee: yuan(120),
    minutes: 40,
    prepare: ['PICC维护手册', '上次维护记录'],
    certificate: 'PICC'
  },
  {
    code: 'HL03',
    name: '更换导尿管',
    description: '留置导尿管更换及会阴护理',
    visitFee: yuan(100),
    itemFee: yuan(80),
    minutes: 40,
    prepare: ['医院开具的导尿包', '一次性护理垫'],
    certificate: null
  },
  {
    code: 'HL04',
    name: '鼻饲管护理',
    description: '胃管更换或维护、鼻饲指导',
    visitFee: yuan(100),
    itemFee: yuan(60),
    minutes: 30,
    prepare: ['胃管及注射器', '温开水'],
    certificate: null
  },
  {
    code: 'HL05',
    name: '压疮护理',
    description: '压疮评估、清创换药、翻身减压指导',
    visitFee: yuan(100),
    itemFee: yuan(80),
    minutes: 40,
    prepare: ['既往伤口照片', '干净床单'],
    certificate: null
  },
  {
    code: 'HL06',
    name: '造口护理',
    description: '造口评估、更换造口袋、皮肤护理',
    visitFee: yuan(100),
    itemFee: yuan(80),
    minutes: 40,
    prepare: ['造口袋及底盘', '剪刀'],
    certificate: null
  },
  {
    code: 'HL07',
    name: '上门采血',
    description: '静脉采血，标本送医院检验科',
    visitFee: yuan(80),
    itemFee: yuan(30),
    minutes: 20,
    prepare: ['检验申请单', '按医嘱空腹'],
    certificate: null
  },
  {
    code: 'HL08',
    name: '肌肉注射',
    description: '遵医嘱肌肉注射',
    visitFee: yuan(80),
    itemFee: yuan(20),
    minutes: 20,
    prepare: ['医嘱及药品', '药品购买凭证'],
    certificate: null
  },
  {
    code: 'HL09',
    name: '康复指导',
    description: '肢体功能训练、防跌倒指导',
    visitFee: yuan(100),
    itemFee: yuan(100),
    minutes: 60,
    prepare: ['出院小结', '宽松衣物'],
    certificate: null
  },
  {
    code: 'HL10',
    name: '产后母婴护理',
    description: '产妇伤口及乳房护理、新生儿脐部护理与沐浴',
    visitFee: yuan(100),
    itemFee: yuan(150),
    minutes: 60,
    prepare: ['出院记录', '婴儿浴盆及衣物'],
    certificate: null
  }
]

/** 周静: everything but 产后母婴护理, with her PICC certificate. */
const ZHOU_JING_ITEMS = ['HL01', 'HL02', 'HL03', 'HL04', 'HL05', 'HL06', 'HL07', 'HL08', 'HL09']

export const demoNursingId = (key: string) => `nr_demo_${key}`
export const demoAlarmId = () => 'alarm_demo_1'

interface DemoRequest {
  key: string
  family: string
  patient: string
  items: string[]
  /** Days from today, and the window start. */
  day: number
  start: string
  path: NursingStatus[]
  risk?: RiskLevel
  reject?: RefusalReason
  diagnosis: string
  mobility: RequestDoc['health']['mobility']
  minutesAgo: number
}

const REQUESTS_DEMO: DemoRequest[] = [
  // 李梅 asks PICC 维护 for her father: assessed, waiting for a nurse (the fixtures' "own" request).
  {
    key: 'picc',
    family: 'li_mei',
    patient: '李德福',
    items: ['HL02'],
    day: 3,
    start: '10:00',
    path: ['assessed'],
    risk: 'medium',
    diagnosis: '肺癌化疗间歇期，右上臂PICC置管',
    mobility: 'assisted',
    minutesAgo: 600
  },
  {
    key: 'bloodTest',
    family: 'zhang_wei',
    patient: '张子涵',
    items: ['HL07'],
    day: 2,
    start: '08:00',
    path: [],
    diagnosis: '复查血常规',
    mobility: 'walks',
    minutesAgo: 90
  },
  {
    key: 'dressing',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL01'],
    day: 4,
    start: '08:00',
    path: [],
    diagnosis: '左小腿外伤缝合术后',
    mobility: 'walks',
    minutesAgo: 30
  },
  {
    key: 'rehab',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL09'],
    day: 4,
    start: '10:00',
    path: ['assessed'],
    risk: 'low',
    diagnosis: '膝关节置换术后康复',
    mobility: 'assisted',
    minutesAgo: 300
  },
  {
    key: 'injection',
    family: 'li_mei',
    patient: '李梅',
    items: ['HL08'],
    day: 2,
    start: '14:00',
    path: ['assessed', 'assigned'],
    risk: 'low',
    diagnosis: '遵医嘱肌注维生素B12',
    mobility: 'walks',
    minutesAgo: 1500
  },
  {
    key: 'pressure',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL05'],
    day: 2,
    start: '16:00',
    path: ['assessed', 'assigned', 'accepted'],
    risk: 'medium',
    diagnosis: '骶尾部二期压疮',
    mobility: 'bedridden',
    minutesAgo: 2000
  },
  {
    key: 'enRoute',
    family: 'li_mei',
    patient: '李德福',
    items: ['HL01'],
    day: 0,
    start: '14:00',
    path: ['assessed', 'assigned', 'accepted', 'en_route'],
    risk: 'high',
    diagnosis: '糖尿病足溃疡',
    mobility: 'wheelchair',
    minutesAgo: 3000
  },
  {
    key: 'arrived',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL06'],
    day: 0,
    start: '10:00',
    path: ['assessed', 'assigned', 'accepted', 'en_route', 'arrived'],
    risk: 'low',
    diagnosis: '结肠造口术后',
    mobility: 'walks',
    minutesAgo: 3200
  },
  {
    key: 'inService',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL01'],
    day: 0,
    start: '08:00',
    path: ['assessed', 'assigned', 'accepted', 'en_route', 'arrived', 'in_service'],
    risk: 'low',
    diagnosis: '手部烫伤换药',
    mobility: 'walks',
    minutesAgo: 3400
  },
  {
    key: 'done',
    family: 'li_mei',
    patient: '李德福',
    items: ['HL02'],
    day: -7,
    start: '10:00',
    path: ['assessed', 'assigned', 'accepted', 'en_route', 'arrived', 'in_service', 'completed'],
    risk: 'medium',
    diagnosis: '肺癌化疗间歇期，右上臂PICC置管',
    mobility: 'assisted',
    minutesAgo: 14000
  },
  {
    key: 'rated',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL07'],
    day: -10,
    start: '08:00',
    path: ['assessed', 'assigned', 'accepted', 'en_route', 'arrived', 'in_service', 'completed', 'rated'],
    risk: 'low',
    diagnosis: '复查肝功能',
    mobility: 'walks',
    minutesAgo: 18000
  },
  {
    key: 'refused',
    family: 'zhang_wei',
    patient: '张伟',
    items: ['HL01'],
    day: 5,
    start: '08:00',
    path: ['rejected'],
    reject: 'infectious_disease',
    diagnosis: '活动性肺结核，伤口换药',
    mobility: 'walks',
    minutesAgo: 800
  },
  {
    key: 'cancelled',
    family: 'li_mei',
    patient: '李德福',
    items: ['HL07'],
    day: 1,
    start: '08:00',
    path: ['cancelled'],
    diagnosis: '复查血糖',
    mobility: 'assisted',
    minutesAgo: 1200
  }
]

const BY: Record<NursingStatus, 'nursing' | 'nurse' | 'family'> = {
  submitted: 'family',
  assessed: 'nursing',
  rejected: 'nursing',
  assigned: 'nursing',
  accepted: 'nurse',
  en_route: 'nurse',
  arrived: 'nurse',
  in_service: 'nurse',
  completed: 'nurse',
  rated: 'family',
  cancelled: 'family'
}

const JIYANG = { latitude: 36.9787, longitude: 117.1763 }

export async function seedNursing(): Promise<void> {
  await db()
    .collection(ITEMS)
    .add(DEMO_NURSING_ITEMS.map((i, order) => ({ _id: i.code, ...i, active: true, order })))
  const nurseId = accountIdFor(demoOpenid('nurse'))
  const dispatcherId = accountIdFor(demoOpenid('dispatcher'))
  const at = now().toISOString()
  await db()
    .collection(NURSES)
    .add({
      _id: nurseId,
      items: ZHOU_JING_ITEMS,
      certificates: { PICC: 'PICC-2021-0037' },
      phone: '13906351588',
      photoFileId: null,
      updatedAt: at
    })
  const items = new Map(DEMO_NURSING_ITEMS.map((i) => [i.code, i]))
  for (const r of REQUESTS_DEMO) await addRequest(r, items, nurseId, dispatcherId)

  const enRoute = demoNursingId('enRoute')
  const doc = (await db().collection(REQUESTS).doc(enRoute).get()).data[0] as RequestDoc
  await db()
    .collection(ALARMS)
    .add({
      _id: demoAlarmId(),
      requestId: enRoute,
      requestNo: doc.requestNo,
      patientName: doc.patientName,
      address: `${doc.address.region}${doc.address.detail}`,
      nurseAccountId: nurseId,
      nurseName: '周静',
      nursePhone: '13906351588',
      location: doc.locations.last ?? null,
      note: '楼道无灯，家属未接电话',
      // History, not an open alarm: a seeded open alarm put a red banner on every demo console, older
      // with each restart and still saying 请立即联系护士, which teaches staff to ignore the banner and
      // hides the one a demo raises. The demo shows the alarm by raising one mid-visit.
      status: 'acknowledged',
      raisedAt: new Date(now().getTime() - 26 * 60 * 60_000).toISOString(),
      acknowledgedAt: new Date(now().getTime() - 26 * 60 * 60_000 + 3 * 60_000).toISOString(),
      acknowledgedBy: { accountId: dispatcherId, name: '吴芳' },
      ackNote: '已电话联系护士，家属下楼接应，平安'
    })
}

async function addRequest(r: DemoRequest, items: Map<string, (typeof DEMO_NURSING_ITEMS)[number]>, nurseId: string, dispatcherId: string) {
  const accountId = accountIdFor(demoOpenid(r.family))
  const profileRes = await db().collection('profiles').where({ accountId, name: r.patient }).get()
  const profile = profileRes.data[0] as ProfileDoc | undefined
  if (!profile) throw new Error(`seed: no profile ${r.patient}`)
  const addrRes = await db().collection('addresses').where({ accountId }).limit(1).get()
  const addr = (addrRes.data[0] ?? {
    contactName: profile.name,
    contactPhone: profile.phone,
    region: '济南市济阳区',
    detail: '纬二路108号3单元201'
  }) as {
    contactName: string
    contactPhone: string
    region: string
    detail: string
  }
  const lines = r.items.map((c) => {
    const i = items.get(c)!
    return { code: i.code, name: i.name, minutes: i.minutes, visitFee: i.visitFee, itemFee: i.itemFee, certificate: i.certificate }
  })
  const date = addDays(today(), r.day)
  const window = { start: r.start, end: `${String(Number(r.start.slice(0, 2)) + 2).padStart(2, '0')}:00` }
  const createdAt = new Date(now().getTime() - r.minutesAgo * 60_000).toISOString()
  const status = r.path.length ? r.path[r.path.length - 1] : 'submitted'
  const _id = demoNursingId(r.key)
  const assigned = r.path.includes('assigned') && status !== 'cancelled'
  const fees = feesOf(lines)
  /** Minutes after the window opens, as ISO. */
  const after = (minutes: number) => new Date(Date.parse(chinaInstant(date, r.start)) + minutes * 60_000).toISOString()
  const loc = (minutes: number) => ({ ...JIYANG, accuracy: 30, at: after(minutes) })
  const locations: RequestDoc['locations'] = {}
  if (r.path.includes('en_route')) locations.departed = { latitude: 36.6512, longitude: 117.1201, accuracy: 25, at: after(-40) }
  if (r.path.includes('arrived')) locations.arrived = loc(5)
  locations.last = locations.arrived ?? locations.departed
  if (!locations.last) delete locations.last
  const chinaDay = chinaWallClock(createdAt).date.replace(/-/g, '')
  const doc: RequestDoc = {
    _id,
    // The server's own counter for that China day, so a request submitted later never repeats a demo number.
    requestNo: `HL${chinaDay}${String(await nextSequence(`nursing:${chinaDay}`)).padStart(4, '0')}`,
    status,
    accountId,
    profileId: profile._id,
    patientName: profile.name,
    patientSex: profile.sex,
    patientBirthDate: profile.birthDate,
    patientIdMasked: profile.idNumberMasked,
    items: lines,
    date,
    window,
    windowStartsAt: windowStartsAt(date, window),
    fees,
    address: { region: addr.region, detail: addr.detail },
    contactName: addr.contactName,
    contactPhone: addr.contactPhone,
    health: { diagnosis: r.diagnosis, allergies: r.patient === '李德福' ? '青霉素过敏' : '无', mobility: r.mobility },
    photos: [],
    consent: { version: SERVICE_AGREEMENT_VERSION, at: createdAt },
    risk: r.risk ?? null,
    riskRank: r.risk ? RISK_ORDER[r.risk] : 0,
    ...(r.reject ? { rejectReason: r.reject } : {}),
    nurseAccountId: assigned ? nurseId : null,
    nurseSlot: assigned ? nurseSlotKey(nurseId, date, window.start) : freeSlot(_id),
    record: r.path.includes('completed')
      ? {
          items: lines.map((l) => ({
            code: l.code,
            name: l.name,
            done: l.code === 'HL02' ? '冲管、封管，更换透明贴膜及正压接头；穿刺点无红肿渗液，臂围28cm' : '操作顺利，患者无不适'
          })),
          vitals: { systolic: 150, diastolic: 95, heartRate: 80, temperature: 36.5, spo2: 97 },
          advice: '血压偏高，请按时服药并每日测量；保持贴膜干燥，一周后再次维护',
          nextVisit: '7天后PICC维护',
          at: after(50)
        }
      : null,
    rating: status === 'rated' ? { stars: 5, comment: '护士准时、专业，很耐心', at: after(180) } : null,
    cancellation:
      status === 'cancelled'
        ? {
            by: 'family',
            reason: '已在医院复查',
            refund: fees.total,
            kept: 0,
            text: `现在取消免费，全额退款${fees.total / 100}元`,
            at: createdAt
          }
        : null,
    locations: status === 'cancelled' ? {} : locations,
    createdAt,
    updatedAt: createdAt
  }
  await db().collection(REQUESTS).add(doc)
  let from: NursingStatus = 'submitted'
  let t = Date.parse(createdAt)
  for (const to of r.path) {
    t += 20 * 60_000
    const as = BY[to]
    const actor = as === 'nurse' ? nurseId : as === 'nursing' ? dispatcherId : accountId
    const roles = as === 'nurse' ? ['patient', 'nurse'] : as === 'nursing' ? ['patient', 'nursing_dispatcher'] : ['patient']
    const note =
      to === 'rejected' && r.reject
        ? REFUSAL_LABELS[r.reject]
        : to === 'assigned'
          ? '派给周静'
          : to === 'cancelled'
            ? '已在医院复查'
            : undefined
    await db()
      .collection(EVENTS)
      .add({
        collection: REQUESTS,
        docId: _id,
        from,
        to,
        by: { accountId: actor, roles },
        at: new Date(Math.min(t, now().getTime())).toISOString(),
        ...(note ? { note } : {}),
        data: { as }
      })
    from = to
  }
}
