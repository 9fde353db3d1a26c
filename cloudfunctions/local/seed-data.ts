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
