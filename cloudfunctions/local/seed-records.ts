/**
 * Demo health records: 李德福 (李梅's father, born 1947) in the hypertension programme with two
 * weeks of home blood pressure, three of those days high, which opened a follow-up task for the
 * demo doctor 郑国华 through the real rules; 张伟's family with a few readings.
 */
import type { MeasureInput } from '../../types/records-rules'
import { now } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor } from '../common/identity'
import { getSettings } from '../common/settings'
import { ENROLMENTS, PROFILES, type EnrolmentDoc } from '../records/docs'
import type { PatientDoc } from '../records/reads'
import { saveReading } from '../records/readings'
import { demoOpenid } from './demo'

const HOUR = 3600_000
const DAY = 24 * HOUR

async function profileOf(accountKey: string, name: string): Promise<PatientDoc> {
  const res = await db()
    .collection(PROFILES)
    .where({ accountId: accountIdFor(demoOpenid(accountKey)), name })
    .get()
  const p = res.data[0] as PatientDoc | undefined
  if (!p) throw new Error(`seed: no profile ${name} in ${accountKey}`)
  return p
}

/** Morning readings, `daysAgo` days back at about 07:30 in Jinan; the high ones on three days. */
const DEFU_BP: Array<[number, number, number]> = [
  [13, 142, 86],
  [12, 138, 84],
  [11, 146, 88],
  [10, 158, 96],
  [9, 144, 86],
  [8, 140, 82],
  [7, 136, 84],
  [6, 162, 98],
  [5, 145, 87],
  [4, 141, 85],
  [3, 139, 83],
  [2, 156, 94],
  [1, 143, 86]
]

export async function seedRecords(): Promise<void> {
  const rules = (await getSettings()).records
  const at = now()
  const morning = (daysAgo: number, hour = 7.5) => {
    const startOfToday = Math.floor((at.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
    return new Date(startOfToday - daysAgo * DAY + hour * HOUR).toISOString()
  }
  const doctorId = accountIdFor(demoOpenid('doctor'))
  const defu = await profileOf('li_mei', '李德福')
  const enrolment: EnrolmentDoc = {
    _id: `en_${defu._id}_hypertension`,
    profileId: defu._id,
    accountId: defu.accountId,
    programme: 'hypertension',
    status: 'active',
    complications: [],
    enrolledAt: new Date(at.getTime() - 60 * DAY).toISOString(),
    enrolledBy: doctorId,
    enrolledByName: '郑国华'
  }
  await db().collection(ENROLMENTS).add(enrolment)

  const add = (p: PatientDoc, key: string, measure: MeasureInput, measuredAt: string) =>
    saveReading({ profile: p, measure, measuredAt, source: 'self', enteredBy: p.accountId, key: `seed:${key}` }, rules, at)
  for (const [daysAgo, systolic, diastolic] of DEFU_BP) {
    await add(defu, `defu:bp:${daysAgo}`, { kind: 'bp', systolic, diastolic }, morning(daysAgo))
  }
  await add(defu, 'defu:hr', { kind: 'heart_rate', value: 76 }, morning(1, 7.6))
  await add(defu, 'defu:weight', { kind: 'weight', value: 68.5 }, morning(3, 7.6))

  const wei = await profileOf('zhang_wei', '张伟')
  const zihan = await profileOf('zhang_wei', '张子涵')
  await add(wei, 'wei:bp', { kind: 'bp', systolic: 122, diastolic: 78 }, morning(5, 21))
  await add(wei, 'wei:weight', { kind: 'weight', value: 72.4 }, morning(5, 21.1))
  await add(wei, 'wei:glucose', { kind: 'glucose', value: 5.4, unit: 'mmol/L', context: 'fasting' }, morning(2))
  await add(zihan, 'zihan:temp', { kind: 'temperature', value: 37.8 }, morning(1, 20))
  await add(zihan, 'zihan:spo2', { kind: 'spo2', value: 98 }, morning(1, 20.1))
}
