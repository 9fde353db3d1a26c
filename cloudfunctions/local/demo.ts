/**
 * Demo people for the local host: one account per staff role and two patient families, one of them
 * a daughter working in Jinan who books for her father in Jiyang. Names and ID numbers are fictional;
 * the ID numbers carry a valid GB 11643 check character.
 */
import type { Relation } from '../../types/account'
import type { StaffRole } from '../../types/contract'
import { idCheckChar } from '../../types/idcard'

export interface DemoProfile {
  name: string
  idNumber: string
  phone: string
  relation: Relation
}
export interface DemoAccount {
  key: string
  name: string
  description: string
  roles: StaffRole[]
  nurse?: { title: '护师' | '主管护师'; years: number; licenseNumber: string }
  profiles: DemoProfile[]
}

/** A fictional ID number: area + birth date + sequence, with its check character computed. */
export function demoId(area: string, birth: string, seq: string): string {
  const first17 = `${area}${birth}${seq}`
  return first17 + idCheckChar(first17)
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    key: 'li_mei',
    name: '李梅',
    description: '在济南工作的女儿，为住在济阳的父亲挂号、订代煎药',
    roles: [],
    profiles: [
      { name: '李梅', idNumber: demoId('370125', '19880314', '024'), phone: '13805312468', relation: 'self' },
      { name: '李德福', idNumber: demoId('370125', '19470902', '017'), phone: '13953187721', relation: 'parent' }
    ]
  },
  {
    key: 'zhang_wei',
    name: '张伟',
    description: '聊城的年轻父亲，给自己和孩子看病',
    roles: [],
    profiles: [
      { name: '张伟', idNumber: demoId('371502', '19920611', '035'), phone: '15806351290', relation: 'self' },
      { name: '张子涵', idNumber: demoId('371502', '20190220', '046'), phone: '15806351290', relation: 'child' }
    ]
  },
  { key: 'liu_yang', name: '刘洋', description: '第一次使用的新用户：还没有添加就诊人', roles: [], profiles: [] },
  { key: 'scheduler', name: '赵敏', description: '门诊部排班员：发布专家出诊、停诊', roles: ['scheduler'], profiles: [] },
  { key: 'hotline', name: '孙丽', description: '24小时预约热线客服：为不会用手机的来电者挂号', roles: ['hotline'], profiles: [] },
  { key: 'pharmacist', name: '钱志刚', description: '中药房药师：审方、调配、煎药、发货', roles: ['pharmacist'], profiles: [] },
  {
    key: 'nurse',
    name: '周静',
    description: '护师，8年执业，承接上门护理',
    roles: ['nurse'],
    nurse: { title: '主管护师', years: 8, licenseNumber: '201637012508' },
    profiles: []
  },
  { key: 'dispatcher', name: '吴芳', description: '护理部：评估并派单上门护理', roles: ['nursing_dispatcher'], profiles: [] },
  { key: 'doctor', name: '郑国华', description: '慢病随访医生', roles: ['doctor'], profiles: [] },
  { key: 'admin', name: '王磊', description: '信息科管理员：授予和撤销员工角色', roles: ['admin'], profiles: [] }
]

export function demoOpenid(key: string): string {
  return `demo-openid-${key}`
}
