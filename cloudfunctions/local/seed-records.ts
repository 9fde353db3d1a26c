/**
 * Demo health records: 李德福 (李梅's father, born 1947) in the hypertension programme. Three weeks
 * ago three days over his 150/90 target opened a follow-up task through the real rules, and 郑国华
 * followed up by phone (控制满意 again), which planned the next follow-up (the open task on his console). The last
 * two weeks of home blood pressure are within his target, so three new high days open a new task
 * (the records e2e). 张伟's family has a few readings.
 */
import type { MeasureInput } from '../../types/records-rules'
import { now } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor } from '../common/identity'
import { getSettings } from '../common/settings'
import { PROFILES, type ProfileDoc } from '../common/patients'
import { addDays, cstDay } from '../../types/records-rules'
import { ENROLMENTS, type EnrolmentDoc, type FollowUpDoc, type TaskDoc } from '../records/docs'
import { completeTask } from '../records/moves'
import { saveReading } from '../records/readings'
import { demoOpenid } from './demo'

const HOUR = 3600_000
const DAY = 24 * HOUR

async function profileOf(accountKey: string, name: string): Promise<ProfileDoc> {
  const res = await db()
    .collection(PROFILES)
    .where({ accountId: accountIdFor(demoOpenid(accountKey)), name })
    .get()
  const p = res.data[0] as ProfileDoc | undefined
  if (!p) throw new Error(`seed: no profile ${name} in ${accountKey}`)
  return p
}

/**
 * Morning readings, `daysAgo` days back at about 07:30 in Jinan. Over his target (150/90 at 65 and
 * older) on three days three weeks ago; within it, if above 140/90 on some days, since.
 */
const DEFU_BP: Array<[number, number, number]> = [
  [27, 156, 94],
  [25, 148, 88],
  [23, 162, 98],
  [21, 146, 86],
  [19, 158, 96],
  [13, 142, 86],
  [12, 138, 84],
  [11, 146, 88],
  [10, 148, 88],
  [9, 144, 86],
  [8, 140, 82],
  [7, 136, 84],
  [6, 147, 88],
  [5, 145, 87],
  [4, 141, 85],
  [3, 139, 83],
  [2, 146, 86],
  [1, 143, 86]
]
/** 郑国华's phone follow-up of that run (back within target after missed doses), and the next one it planned. */
const FOLLOW_UP_DAYS_AGO = 17
const NEXT_FOLLOW_UP_DAYS = 30

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

  const add = (p: ProfileDoc, key: string, measure: MeasureInput, measuredAt: string) =>
    saveReading({ profile: p, measure, measuredAt, source: 'self', enteredBy: p.accountId, key: `seed:${key}` }, rules, at)
  let run: TaskDoc | null = null
  for (const [daysAgo, systolic, diastolic] of DEFU_BP) {
    const saved = await add(defu, `defu:bp:${daysAgo}`, { kind: 'bp', systolic, diastolic }, morning(daysAgo))
    run = run ?? saved.task
  }
  if (!run) throw new Error('seed: 李德福’s high days opened no task')
  const followUpAt = new Date(morning(FOLLOW_UP_DAYS_AGO, 10))
  const followUp: FollowUpDoc = {
    _id: `fv_seed_${defu._id}`,
    taskId: run._id,
    profileId: defu._id,
    accountId: defu.accountId,
    doctorId,
    doctorName: '郑国华',
    at: followUpAt.toISOString(),
    day: cstDay(followUpAt),
    form: {
      method: 'phone',
      symptoms: ['无症状'],
      systolic: 146,
      diastolic: 88,
      lifestyle: { smokingPerDay: 0, drinking: 'none', exerciseTimesPerWeek: 3, salt: 'moderate' },
      adherence: 'regular',
      adverseReactions: '',
      classification: 'satisfactory',
      complications: [],
      referral: null,
      nextDate: addDays(cstDay(followUpAt), NEXT_FOLLOW_UP_DAYS),
      notes: '前几天漏服降压药，已恢复规律服药，血压回到目标以内；嘱少吃盐，每天早晨测血压'
    },
    classification: 'satisfactory',
    referralSuggested: false,
    referralReason: null
  }
  await completeTask({
    task: run,
    actor: { accountId: doctorId, roles: ['doctor'] },
    followUp,
    nextDate: followUp.form.nextDate,
    plannedOpen: null,
    enrolments: [enrolment]
  })
  // Its notice reached 李梅 on the day of the follow-up and she read it then, not at seeding.
  await db()
    .collection('outbox')
    .doc(`msg_records_done_${run._id}`)
    .update({ status: 'in_app', read: true, createdAt: followUpAt.toISOString(), sentAt: followUpAt.toISOString() })
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
