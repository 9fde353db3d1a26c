/**
 * Health records and follow-up (DOMAIN.md §4): every threshold is a hospital setting with the
 * domain's number as its default. Kept apart from settings.ts so the records service owns it.
 */
import { z } from 'zod'

const num = (min: number, max: number) => z.number().min(min).max(max)
const days = z.number().int().min(0).max(366)

export const programmeSetting = z.object({
  /** Stable code stored on enrolments; the name is what people read. */
  code: z.string().regex(/^[a-z0-9_]{2,32}$/),
  name: z.string().min(1).max(20),
  /** Members need a follow-up every calendar quarter (national basic public health service). */
  quarterly: z.boolean(),
  complications: z.array(z.string().min(1).max(20)).max(20)
})
export type ProgrammeSetting = z.infer<typeof programmeSetting>

export const recordsSettingsSchema = z.object({
  bpHighSystolic: num(100, 200),
  bpHighDiastolic: num(60, 130),
  /** In the hypertension programme, at this age and older, uncontrolled starts at the elderly target. */
  bpElderlyAge: z.number().int().min(50).max(100),
  bpElderlyUncontrolledSystolic: num(100, 200),
  bpElderlyUncontrolledDiastolic: num(60, 130),
  bpCriticalSystolic: num(140, 260),
  bpCriticalDiastolic: num(90, 160),
  bpLowSystolic: num(60, 120),
  bpLowDiastolic: num(30, 80),
  glucoseFastingHigh: num(5, 15),
  glucoseRandomHigh: num(7, 20),
  glucoseCritical: num(11, 40),
  glucoseLow: num(2, 6),
  spo2Low: num(80, 99),
  /** Three high readings on different days within fourteen days open a task. */
  highRunCount: z.number().int().min(2).max(10),
  highRunDays: z.number().int().min(2).max(60),
  /** Days from the reading's day to a new task's due date. */
  dueDaysCritical: days,
  dueDaysLow: days,
  dueDaysHighRun: days,
  /** Next follow-up suggested after a controlled and after an uncontrolled visit. */
  nextDaysControlled: z.number().int().min(7).max(366),
  nextDaysUncontrolled: z.number().int().min(1).max(90),
  /** How far back a reading may be entered. */
  maxBackfillDays: z.number().int().min(1).max(3650),
  /** A task done or closed this many days ago still lets the doctor book the patient an expert from it (转诊). */
  referralDaysAfterTask: z.number().int().min(0).max(90),
  programmes: z.array(programmeSetting).min(1).max(20)
})
export type RecordsSettings = z.infer<typeof recordsSettingsSchema>

export const HYPERTENSION = 'hypertension'

export const DEFAULT_RECORDS_SETTINGS: RecordsSettings = {
  bpHighSystolic: 140,
  bpHighDiastolic: 90,
  bpElderlyAge: 65,
  bpElderlyUncontrolledSystolic: 150,
  bpElderlyUncontrolledDiastolic: 90,
  bpCriticalSystolic: 180,
  bpCriticalDiastolic: 110,
  bpLowSystolic: 90,
  bpLowDiastolic: 60,
  glucoseFastingHigh: 7.0,
  glucoseRandomHigh: 11.1,
  glucoseCritical: 16.7,
  glucoseLow: 3.9,
  spo2Low: 93,
  highRunCount: 3,
  highRunDays: 14,
  dueDaysCritical: 0,
  dueDaysLow: 1,
  dueDaysHighRun: 3,
  nextDaysControlled: 90,
  nextDaysUncontrolled: 14,
  maxBackfillDays: 365,
  referralDaysAfterTask: 7,
  programmes: [
    { code: HYPERTENSION, name: '高血压', quarterly: true, complications: ['冠心病', '脑卒中', '心力衰竭', '高血压肾病', '视网膜病变'] },
    { code: 't2dm', name: '2型糖尿病', quarterly: true, complications: ['糖尿病肾病', '糖尿病视网膜病变', '糖尿病足', '周围神经病变'] },
    { code: 'hyperlipidemia', name: '高血脂', quarterly: false, complications: ['冠心病', '脑卒中', '动脉粥样硬化'] }
  ]
}
