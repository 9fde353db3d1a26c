/**
 * Pure rules of health records and follow-up (DOMAIN.md §4): plausibility of a reading, its flag
 * with plain Chinese advice, the rules that open a follow-up task, referral, the next follow-up
 * date. Plain values in, plain values out; time is always a parameter.
 *
 * Business days are China Standard Time. China has kept +08:00 all year since 1991, so a day is
 * computed with a fixed offset, independent of the server's TZ and of Intl time zone data.
 */
import type { RecordsSettings } from './records-settings'
import { HYPERTENSION } from './records-settings'

export type RecordRules = RecordsSettings

export const READING_KINDS = ['bp', 'glucose', 'heart_rate', 'weight', 'temperature', 'spo2'] as const
export type ReadingKind = (typeof READING_KINDS)[number]
export const GLUCOSE_CONTEXTS = ['fasting', 'after_meal', 'random'] as const
export type GlucoseContext = (typeof GLUCOSE_CONTEXTS)[number]
export const FLAG_LEVELS = ['normal', 'high', 'low', 'critical'] as const
export type FlagLevel = (typeof FLAG_LEVELS)[number]
export const TASK_REASONS = ['critical_reading', 'low_reading', 'high_readings', 'planned'] as const
export type TaskReason = (typeof TASK_REASONS)[number]
export const CLASSIFICATIONS = ['satisfactory', 'unsatisfactory', 'adverse_reaction', 'complication'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]

/** mg/dL → mmol/L for glucose, as the issue fixes it. */
export const MG_DL_PER_MMOL_L = 18.0

/** A reading as stored and judged: glucose always in mmol/L. */
export type Measure =
  | { kind: 'bp'; systolic: number; diastolic: number }
  | { kind: 'glucose'; value: number; context: GlucoseContext }
  | { kind: 'heart_rate' | 'weight' | 'temperature' | 'spo2'; value: number }

export type MeasureInput =
  | { kind: 'bp'; systolic: number; diastolic: number }
  | { kind: 'glucose'; value: number; unit: 'mmol/L' | 'mg/dL'; context: GlucoseContext }
  | { kind: 'heart_rate' | 'weight' | 'temperature' | 'spo2'; value: number }

const round1 = (n: number) => Math.round(n * 10) / 10

/** mg/dL is converted and rounded to one decimal: what the family sees is what is judged. */
export function normalizeMeasure(m: MeasureInput): Measure {
  if (m.kind === 'glucose') {
    const value = m.unit === 'mg/dL' ? round1(m.value / MG_DL_PER_MMOL_L) : m.value
    return { kind: 'glucose', value, context: m.context }
  }
  return m
}

// ---------------------------------------------------------------- days in China time

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** The Asia/Shanghai calendar day of an instant. */
export function cstDay(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** The instant a China day starts. */
export function cstDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS).toISOString()
}

/** The calendar quarter (China time) a day falls in: its first and last day. */
export function quarterOf(day: string): { start: string; end: string; label: string } {
  const y = Number(day.slice(0, 4))
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3)
  const start = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`
  const next = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, '0')}-01`
  return { start, end: addDays(next, -1), label: `${y}年第${q + 1}季度` }
}

// ---------------------------------------------------------------- plausibility

const RANGES: Record<Exclude<ReadingKind, 'bp'>, { min: number; max: number; field: string; name: string; unit: string }> = {
  glucose: { min: 1.0, max: 35.0, field: 'value', name: '血糖', unit: 'mmol/L' },
  heart_rate: { min: 30, max: 250, field: 'value', name: '心率', unit: '次/分' },
  weight: { min: 2, max: 300, field: 'value', name: '体重', unit: 'kg' },
  temperature: { min: 34, max: 43, field: 'value', name: '体温', unit: '℃' },
  spo2: { min: 50, max: 100, field: 'value', name: '血氧饱和度', unit: '%' }
}
export const BP_RANGE = { systolic: { min: 50, max: 300 }, diastolic: { min: 30, max: 200 } }

/** A few minutes of phone clock skew are not "the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

/**
 * Field errors for a value no person or device could have measured, keyed as the input names them
 * (`measure.systolic`, `measuredAt`). Empty when the reading is plausible.
 */
export function readingProblems(
  m: Measure,
  measuredAt: string,
  now: Date,
  rules: Pick<RecordRules, 'maxBackfillDays'>
): Record<string, string> {
  const out: Record<string, string> = {}
  if (m.kind === 'bp') {
    const { systolic: s, diastolic: d } = m
    if (!(s >= BP_RANGE.systolic.min && s <= BP_RANGE.systolic.max)) out['measure.systolic'] = '收缩压（高压）应在50-300 mmHg之间，请核对'
    if (!(d >= BP_RANGE.diastolic.min && d <= BP_RANGE.diastolic.max))
      out['measure.diastolic'] = '舒张压（低压）应在30-200 mmHg之间，请核对'
    if (!out['measure.systolic'] && !out['measure.diastolic'] && s <= d)
      out['measure.systolic'] = '收缩压（高压）应高于舒张压（低压），请核对是否填反'
  } else {
    const r = RANGES[m.kind]
    if (!(m.value >= r.min && m.value <= r.max)) out[`measure.${r.field}`] = `${r.name}应在${r.min}-${r.max} ${r.unit}之间，请核对`
  }
  const at = Date.parse(measuredAt)
  if (Number.isNaN(at)) out.measuredAt = '测量时间格式不正确'
  else if (at > now.getTime() + FUTURE_TOLERANCE_MS) out.measuredAt = '测量时间不能晚于现在'
  else if (at < now.getTime() - rules.maxBackfillDays * DAY_MS) out.measuredAt = `只能补录${rules.maxBackfillDays}天内的测量`
  return out
}

// ---------------------------------------------------------------- flags

export interface PatientContext {
  /** Whole years on the day of the reading. */
  age: number
  /** Programme codes the patient is enrolled in. */
  programmes: readonly string[]
}

export interface Flag {
  level: FlagLevel
  label: string
  advice: string
  /** Above the patient's control target: what counts toward "three high readings". */
  uncontrolled: boolean
}

export const FLAG_LABELS: Record<FlagLevel, string> = { normal: '正常', high: '偏高', low: '偏低', critical: '危急' }

const flag = (level: FlagLevel, advice: string, uncontrolled = level === 'high' || level === 'critical'): Flag => ({
  level,
  label: FLAG_LABELS[level],
  advice,
  uncontrolled
})

export const ADVICE = {
  bpCritical: '血压过高，请立即就医。如有头痛、胸闷、视物模糊或肢体无力，请立即拨打120。',
  bpHigh: '血压偏高。请静坐5分钟后再测一次，按时服药、少吃盐；多次偏高时随访医生会联系您。',
  bpHighWithinTarget: '血压略高，但在您这个年龄的控制目标（150/90以下）之内。请继续按时服药、定期测量。',
  bpLow: '血压偏低。请先坐下或躺下休息，起身要慢；如头晕、乏力、眼前发黑，请及时就医。',
  bpNormal: '血压正常，请继续保持。',
  glucoseCritical: '血糖过高，请立即就医。如口渴、乏力、恶心或意识模糊，请立即拨打120。',
  glucoseHighFasting: '空腹血糖偏高。请控制饮食、按时用药，并继续记录；多次偏高时随访医生会联系您。',
  glucoseHigh: '餐后或随机血糖偏高。请控制饮食、适当活动、按时用药；多次偏高时随访医生会联系您。',
  glucoseLow: '血糖偏低。请立即吃15克左右含糖食物（如半杯果汁或3块方糖），15分钟后复测；如仍偏低或意识不清，请立即就医。',
  glucoseNormal: '血糖正常，请继续保持。',
  spo2Low: '血氧偏低。请坐直、安静休息后复测；如仍低于93%或有气短、胸闷，请及时就医。',
  spo2Normal: '血氧正常。',
  recorded: '已记录。'
} as const

/** The target above which a blood pressure is uncontrolled for this patient. */
export function bpTarget(p: PatientContext, r: RecordRules): { systolic: number; diastolic: number } {
  const elderly = p.programmes.includes(HYPERTENSION) && p.age >= r.bpElderlyAge
  return elderly
    ? { systolic: r.bpElderlyUncontrolledSystolic, diastolic: r.bpElderlyUncontrolledDiastolic }
    : { systolic: r.bpHighSystolic, diastolic: r.bpHighDiastolic }
}

export function flagReading(m: Measure, p: PatientContext, r: RecordRules): Flag {
  switch (m.kind) {
    case 'bp': {
      const { systolic: s, diastolic: d } = m
      if (s >= r.bpCriticalSystolic || d >= r.bpCriticalDiastolic) return flag('critical', ADVICE.bpCritical)
      if (s >= r.bpHighSystolic || d >= r.bpHighDiastolic) {
        const t = bpTarget(p, r)
        const uncontrolled = s >= t.systolic || d >= t.diastolic
        return flag('high', uncontrolled ? ADVICE.bpHigh : ADVICE.bpHighWithinTarget, uncontrolled)
      }
      if (s < r.bpLowSystolic || d < r.bpLowDiastolic) return flag('low', ADVICE.bpLow)
      return flag('normal', ADVICE.bpNormal)
    }
    case 'glucose': {
      const v = m.value
      if (v >= r.glucoseCritical) return flag('critical', ADVICE.glucoseCritical)
      if (v < r.glucoseLow) return flag('low', ADVICE.glucoseLow)
      if (m.context === 'fasting' && v >= r.glucoseFastingHigh) return flag('high', ADVICE.glucoseHighFasting)
      if (m.context !== 'fasting' && v >= r.glucoseRandomHigh) return flag('high', ADVICE.glucoseHigh)
      return flag('normal', ADVICE.glucoseNormal)
    }
    case 'spo2':
      return m.value < r.spo2Low ? flag('low', ADVICE.spo2Low) : flag('normal', ADVICE.spo2Normal)
    default:
      return flag('normal', ADVICE.recorded)
  }
}

/** Threshold bands a trend chart draws for each kind (the patient's own BP target included). */
export function chartBands(
  kind: ReadingKind,
  p: PatientContext,
  r: RecordRules
): Array<{ label: string; from: number | null; to: number | null; level: FlagLevel }> {
  switch (kind) {
    case 'bp': {
      const t = bpTarget(p, r)
      return [
        { label: '收缩压偏高', from: t.systolic, to: r.bpCriticalSystolic, level: 'high' },
        { label: '收缩压危急', from: r.bpCriticalSystolic, to: null, level: 'critical' },
        { label: '舒张压偏高', from: t.diastolic, to: r.bpCriticalDiastolic, level: 'high' },
        { label: '收缩压偏低', from: null, to: r.bpLowSystolic, level: 'low' },
        { label: '舒张压偏低', from: null, to: r.bpLowDiastolic, level: 'low' }
      ]
    }
    case 'glucose':
      return [
        { label: '偏低', from: null, to: r.glucoseLow, level: 'low' },
        { label: '空腹偏高', from: r.glucoseFastingHigh, to: r.glucoseRandomHigh, level: 'high' },
        { label: '偏高', from: r.glucoseRandomHigh, to: r.glucoseCritical, level: 'high' },
        { label: '危急', from: r.glucoseCritical, to: null, level: 'critical' }
      ]
    case 'spo2':
      return [{ label: '偏低', from: null, to: r.spo2Low, level: 'low' }]
    default:
      return []
  }
}

// ---------------------------------------------------------------- rules that open a task

export const TASK_REASON_LABELS: Record<TaskReason, string> = {
  critical_reading: '危急读数',
  low_reading: '读数偏低',
  high_readings: '多次读数偏高',
  planned: '定期随访'
}

/**
 * Whether the days of uncontrolled readings (the new one's day among them) hold `count` different
 * days inside some `windowDays`-day span that contains the new day. Backfilled readings count too.
 */
export function highRunReached(highDays: readonly string[], newDay: string, r: Pick<RecordRules, 'highRunCount' | 'highRunDays'>): boolean {
  const days = new Set(highDays)
  days.add(newDay)
  for (let start = addDays(newDay, -(r.highRunDays - 1)); start <= newDay; start = addDays(start, 1)) {
    const end = addDays(start, r.highRunDays - 1)
    let n = 0
    for (const d of days) if (d >= start && d <= end) n++
    if (n >= r.highRunCount) return true
  }
  return false
}

export interface TaskToOpen {
  reason: TaskReason
  dueDate: string
}

/**
 * The tasks a new reading opens: a critical or a low one at once; an uncontrolled one when it
 * completes a run of high days. `highDays` are the days of the patient's other uncontrolled
 * readings of the same kind around it.
 */
export function tasksForReading(f: Flag, day: string, highDays: readonly string[], r: RecordRules): TaskToOpen[] {
  if (f.level === 'critical') return [{ reason: 'critical_reading', dueDate: addDays(day, r.dueDaysCritical) }]
  if (f.level === 'low') return [{ reason: 'low_reading', dueDate: addDays(day, r.dueDaysLow) }]
  if (f.uncontrolled && highRunReached(highDays, day, r)) return [{ reason: 'high_readings', dueDate: addDays(day, r.dueDaysHighRun) }]
  return []
}

/**
 * A member of a quarterly programme needs a follow-up in every calendar quarter: true when none
 * was done in the quarter of `today` (China days of the follow-ups given).
 */
export function quarterlyFollowUpDue(followUpDays: readonly string[], today: string): { due: boolean; dueDate: string; label: string } {
  const q = quarterOf(today)
  const done = followUpDays.some((d) => d >= q.start && d <= q.end)
  return { due: !done, dueDate: q.end, label: q.label }
}

/** The key that holds while a task is open: one open task per patient and reason. */
export function openTaskKey(profileId: string, reason: TaskReason): string {
  return `${profileId}:${reason}`
}
export function closedTaskKey(taskId: string): string {
  return `x:${taskId}`
}

// ---------------------------------------------------------------- follow-up

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  satisfactory: '控制满意',
  unsatisfactory: '控制不满意',
  adverse_reaction: '不良反应',
  complication: '并发症'
}

/**
 * Referral is suggested when control was unsatisfactory at this and the previous follow-up, or a
 * complication not on record before appears. `previous` is newest first.
 */
export function referralSuggestion(
  current: Classification,
  previous: readonly Classification[],
  complications: readonly string[],
  knownComplications: readonly string[]
): { suggested: boolean; reason: string | null } {
  const fresh = complications.filter((c) => !knownComplications.includes(c))
  if (fresh.length) return { suggested: true, reason: `新发并发症：${fresh.join('、')}，建议转诊上级医院` }
  if (current === 'complication' && !complications.length) return { suggested: true, reason: '出现并发症，建议转诊上级医院' }
  if (current === 'unsatisfactory' && previous[0] === 'unsatisfactory')
    return { suggested: true, reason: '连续两次控制不满意，建议转诊上级医院' }
  return { suggested: false, reason: null }
}

/** The national specification: two weeks after an unsatisfactory visit, otherwise next quarter. */
export function suggestedNextDate(today: string, c: Classification, referred: boolean, r: RecordRules): string {
  return addDays(today, c === 'satisfactory' && !referred ? r.nextDaysControlled : r.nextDaysUncontrolled)
}

/**
 * Whether the follow-up doctor may book `profileId` an expert from this task (转诊): the task must be
 * the patient's, and open, or done or closed within `referralDaysAfterTask` days (he usually books
 * right after recording the follow-up). The reason he is refused, or null.
 */
export function referralProblem(
  task: { profileId: string; status: 'open' | 'done' | 'closed'; updatedAt: string },
  profileId: string,
  now: Date,
  r: Pick<RecordRules, 'referralDaysAfterTask'>
): { code: 'INVALID_INPUT' | 'CONFLICT'; message: string } | null {
  if (task.profileId !== profileId) return { code: 'INVALID_INPUT', message: '这条随访任务不是这位患者的，请从该患者的随访任务预约' }
  if (task.status === 'open') return null
  if (daysBetween(cstDay(new Date(task.updatedAt)), cstDay(now)) <= r.referralDaysAfterTask) return null
  return { code: 'CONFLICT', message: `这条随访任务已结束超过${r.referralDaysAfterTask}天，请从患者当前的随访任务预约专家` }
}

export function nextDateProblem(next: string, today: string): string | null {
  if (next <= today) return '下次随访日期应晚于今天'
  if (daysBetween(today, next) > 366) return '下次随访日期最多一年后'
  return null
}

/** Whole years on a China day (birth date YYYY-MM-DD). */
export function ageOnDay(birthDate: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  if (day.slice(5) < birthDate.slice(5)) age--
  return age
}

export type { RecordsSettings }
