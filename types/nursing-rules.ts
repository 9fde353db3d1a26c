/**
 * Pure rules of home nursing (DOMAIN.md §3): service hours and visit windows, what a cancellation
 * refunds, who may visit, why an assessment refuses, risk levels and fee arithmetic. Plain values in,
 * plain values out (time is a parameter); shared by the `nursing` function and the app.
 */
import { addDays, chinaInstant, chinaWallClock, feeLabel, isDate, minutesOf, timeOf } from './booking-rules'

export interface NursingRules {
  serviceStart: string
  serviceEnd: string
  windowMinutes: number
  minLeadHours: number
  maxDaysAhead: number
  freeCancelHours: number
  minPracticeYears: number
  minTitle: string
  maxItemsPerRequest: number
  maxPhotos: number
  photoMaxKB: number
}

/** Titles in rank order; a visiting nurse holds `minTitle` (护师) or above. */
export const TITLE_RANK = ['护士', '护师', '主管护师', '副主任护师', '主任护师'] as const

const HOUR_MS = 3600_000

// ---------------------------------------------------------------- service hours and windows

export interface VisitWindow {
  start: string
  end: string
}

/** The windows a family may choose: service hours cut into equal windows (08:00-10:00 ... 18:00-20:00). */
export function serviceWindows(r: Pick<NursingRules, 'serviceStart' | 'serviceEnd' | 'windowMinutes'>): VisitWindow[] {
  const out: VisitWindow[] = []
  const end = minutesOf(r.serviceEnd)
  for (let m = minutesOf(r.serviceStart); m + r.windowMinutes <= end; m += r.windowMinutes) {
    out.push({ start: timeOf(m), end: timeOf(m + r.windowMinutes) })
  }
  return out
}

export function windowLabel(date: string, w: VisitWindow): string {
  return `${date} ${w.start}-${w.end}`
}

/** The instant a visit window opens, as ISO (Asia/Shanghai wall clock, whatever the server TZ). */
export function windowStartsAt(date: string, w: VisitWindow): string {
  return chinaInstant(date, w.start)
}

/**
 * Why a wished date and window cannot be booked now, or null. The window must be one of the
 * service windows, open at least `minLeadHours` from now (the assessment needs time), and within
 * `maxDaysAhead` days.
 */
export function windowProblem(date: string, w: VisitWindow, nowIso: string, r: NursingRules): string | null {
  if (!isDate(date)) return '日期格式不正确'
  if (!serviceWindows(r).some((x) => x.start === w.start && x.end === w.end)) {
    return `请选择服务时间${r.serviceStart}-${r.serviceEnd}内的时段`
  }
  const startsAt = Date.parse(windowStartsAt(date, w))
  if (startsAt < Date.parse(nowIso) + r.minLeadHours * HOUR_MS) {
    return `请选择${r.minLeadHours}小时以后的时段，护理部需要时间评估`
  }
  const today = chinaWallClock(nowIso).date
  if (date > addDays(today, r.maxDaysAhead)) return `最多可预约${r.maxDaysAhead}天内的上门服务`
  return null
}

/** Two windows of one nurse overlap (same day, intervals intersect; touching ends do not). */
export function windowsOverlap(a: { date: string } & VisitWindow, b: { date: string } & VisitWindow): boolean {
  return a.date === b.date && minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end)
}

// ---------------------------------------------------------------- fees

export interface PricedItem {
  code: string
  name: string
  visitFee: number
  itemFee: number
}

export interface Fees {
  /** One trip: the highest visit fee among the items (分). */
  visitFee: number
  /** The nursing itself: every item's fee (分). */
  nursingFee: number
  total: number
}

export function feesOf(items: readonly PricedItem[]): Fees {
  const visitFee = items.reduce((m, i) => Math.max(m, i.visitFee), 0)
  const nursingFee = items.reduce((s, i) => s + i.itemFee, 0)
  return { visitFee, nursingFee, total: visitFee + nursingFee }
}

export function feesText(f: Fees): string {
  return `上门费${feeLabel(f.visitFee)} + 护理费${feeLabel(f.nursingFee)}，共${feeLabel(f.total)}`
}

// ---------------------------------------------------------------- cancelling

export type CancelStage = 'free' | 'late' | 'set_out' | 'closed'

export interface CancelTerms {
  allowed: boolean
  stage: CancelStage
  /** What the family gets back (分). */
  refund: number
  /** What is kept (分). */
  kept: number
  /** Exactly what the family is told before and after cancelling. */
  text: string
}

/** Statuses a family's cancel is measured in; after `en_route` nothing may be cancelled. */
const BEFORE_DEPARTURE = ['submitted', 'assessed', 'assigned', 'accepted']

/**
 * What a family's cancel refunds now. Until `freeCancelHours` before the window opens: all of it.
 * Later, or once the nurse has set out: the visit fee is kept and the nursing fee refunded (the
 * trip is planned or under way). After arrival: no cancelling. A request not yet accepted by
 * 护理部 (submitted) is always free: nothing was planned for it.
 */
export function familyCancelTerms(
  status: string,
  windowStart: string,
  nowIso: string,
  fees: Fees,
  r: Pick<NursingRules, 'freeCancelHours'>
): CancelTerms {
  const closed = (text: string): CancelTerms => ({ allowed: false, stage: 'closed', refund: 0, kept: 0, text })
  if (['arrived', 'in_service', 'completed', 'rated'].includes(status)) return closed('护士已到达，服务不能取消')
  if (status === 'cancelled') return closed('已取消')
  if (status === 'rejected') return closed('申请未通过评估，无需取消')
  const full = (): CancelTerms => ({
    allowed: true,
    stage: 'free',
    refund: fees.total,
    kept: 0,
    text: `现在取消免费，全额退款${feeLabel(fees.total)}`
  })
  const partial = (stage: CancelStage, why: string): CancelTerms => ({
    allowed: true,
    stage,
    refund: fees.nursingFee,
    kept: fees.visitFee,
    text: `${why}，取消将收取上门费${feeLabel(fees.visitFee)}，退还护理费${feeLabel(fees.nursingFee)}`
  })
  if (status === 'en_route') return partial('set_out', '护士已出发')
  if (!BEFORE_DEPARTURE.includes(status)) return closed('当前状态不能取消')
  if (status === 'submitted') return full()
  const freeUntil = Date.parse(windowStart) - r.freeCancelHours * HOUR_MS
  if (Date.parse(nowIso) < freeUntil) return full()
  return partial('late', `距上门时段开始不足${r.freeCancelHours}小时`)
}

/** 护理部 cancels before arrival: the hospital's decision, everything is refunded. */
export function dispatcherCancelTerms(status: string, fees: Fees): CancelTerms {
  if (['arrived', 'in_service', 'completed', 'rated', 'cancelled', 'rejected'].includes(status)) {
    return { allowed: false, stage: 'closed', refund: 0, kept: 0, text: '护士到达后不能取消' }
  }
  return { allowed: true, stage: 'free', refund: fees.total, kept: 0, text: `护理部取消，全额退款${feeLabel(fees.total)}` }
}

// ---------------------------------------------------------------- who may visit

export interface NurseCredentials {
  title: string
  years: number
  licenseNumber: string
}

export interface Competence {
  items: readonly string[]
  /** Certificates held, e.g. { PICC: 'PICC-2021-0037' }. */
  certificates: Readonly<Record<string, string>>
}

/** Why this person may not visit homes at all, or [] (qualified). */
export function qualificationProblems(
  cred: NurseCredentials | null | undefined,
  r: Pick<NursingRules, 'minPracticeYears' | 'minTitle'>
): string[] {
  if (!cred) return ['没有登记执业信息']
  const out: string[] = []
  if (cred.years < r.minPracticeYears) out.push(`临床执业不满${r.minPracticeYears}年`)
  const rank = TITLE_RANK.indexOf(cred.title as (typeof TITLE_RANK)[number])
  if (rank < 0 || rank < TITLE_RANK.indexOf(r.minTitle as (typeof TITLE_RANK)[number])) out.push(`职称低于${r.minTitle}`)
  if (!cred.licenseNumber.trim()) out.push('没有护士执业证书编号')
  return out
}

/** The items (with the certificate each needs) this nurse is not competent for. */
export function competenceProblems(
  items: ReadonlyArray<{ code: string; name: string; certificate?: string | null }>,
  c: Competence | null | undefined
): string[] {
  const out: string[] = []
  for (const i of items) {
    if (!c?.items.includes(i.code)) out.push(`未认定可做「${i.name}」`)
    else if (i.certificate && !c.certificates[i.certificate]) out.push(`「${i.name}」需要${i.certificate}证书`)
  }
  return out
}

/** Every reason this nurse may not be assigned these items; [] means assignable. */
export function assignProblems(
  cred: NurseCredentials | null | undefined,
  c: Competence | null | undefined,
  items: ReadonlyArray<{ code: string; name: string; certificate?: string | null }>,
  r: Pick<NursingRules, 'minPracticeYears' | 'minTitle'>
): string[] {
  return [...qualificationProblems(cred, r), ...competenceProblems(items, c)]
}

// ---------------------------------------------------------------- assessment

export const RISK_LEVELS = ['low', 'medium', 'high'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' }
/** Highest risk first on the console. */
export const RISK_ORDER: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 }

export const REFUSAL_REASONS = ['infectious_disease', 'aggression', 'out_of_range', 'unstable', 'not_suitable'] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]
export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  infectious_disease: '患有传染性疾病，不宜上门服务',
  aggression: '有攻击行为史，不宜上门服务',
  out_of_range: '地址超出上门服务范围',
  unstable: '病情不稳定，请到医院就诊',
  not_suitable: '所选项目不适合上门开展'
}

/** Sort key of the console: highest risk first (not yet assessed counts as high: unknown), then oldest. */
export function consoleRank(r: { risk?: RiskLevel | null; createdAt: string }): string {
  const risk = r.risk ? RISK_ORDER[r.risk] : 0
  return `${risk}|${r.createdAt}`
}

/** The last four characters of an ID number the nurse checks at the door. */
export function identityMatches(maskedId: string, lastFour: string): boolean {
  return maskedId.slice(-4).toUpperCase() === lastFour.trim().toUpperCase()
}
