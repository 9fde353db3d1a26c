/**
 * Stored documents → what the app sees, per viewer. Masking happens here: the family's address and
 * phone reach the nurse only while her visit is live, 护理部 sees the region and masked contacts,
 * and the family sees the nurse's name, title and photo once one is assigned.
 */
import {
  HOLDING_STATUSES,
  LIVE_STATUSES,
  MOBILITY_LABELS,
  NURSING_STATUS_LABELS,
  NURSING_STEP_LABELS,
  REFUSAL_LABELS,
  RISK_LABELS,
  nursingWorkflow,
  type AlarmView,
  type BoardItem,
  type NurseRow,
  type RequestDetail,
  type RequestSummary,
  type RequestView,
  type TimelineEvent
} from '../../types/nursing'
import {
  dispatcherCancelTerms,
  familyCancelTerms,
  feesText,
  qualificationProblems,
  windowLabel,
  type CancelTerms,
  type NursingRules
} from '../../types/nursing-rules'
import { maskName, maskPhone } from '../../types/idcard'
import { nextSteps } from '../../types/workflow'
import { ageOn, iso, local } from '../common/clock'
import { getSettings } from '../common/settings'
import { storage } from '../common/storage'
import type { AlarmDoc, NurseDoc, RequestDoc, StaffDoc } from './docs'
import { eventsOf, nurseDocs, staffNames, staffOf, type RequestEvent } from './reads'

export type Viewer = { as: 'family' } | { as: 'nursing' } | { as: 'nurse'; accountId: string }

const NURSE_CANNOT_CANCEL: CancelTerms = { allowed: false, stage: 'closed', refund: 0, kept: 0, text: '如需取消请联系护理部' }

function cancelTermsFor(doc: RequestDoc, viewer: Viewer, rules: NursingRules, nowIso: string): CancelTerms {
  if (viewer.as === 'family') return familyCancelTerms(doc.status, doc.windowStartsAt, nowIso, doc.fees, rules)
  if (viewer.as === 'nursing') return dispatcherCancelTerms(doc.status, doc.fees)
  return NURSE_CANNOT_CANCEL
}

function stepsFor(doc: RequestDoc, viewer: Viewer, terms: CancelTerms) {
  if (viewer.as === 'family') return nextSteps(nursingWorkflow, doc.status, ['patient']).filter((s) => s !== 'cancelled' || terms.allowed)
  if (viewer.as === 'nursing') return nextSteps(nursingWorkflow, doc.status, ['nursing_dispatcher'])
  return doc.nurseAccountId === viewer.accountId ? nextSteps(nursingWorkflow, doc.status, ['nurse']) : []
}

function contactsVisible(doc: RequestDoc, viewer: Viewer): boolean {
  if (viewer.as === 'family') return true
  return viewer.as === 'nurse' && doc.nurseAccountId === viewer.accountId && LIVE_STATUSES.includes(doc.status)
}

async function photoUrl(fileId: string | null | undefined): Promise<string | null> {
  if (!fileId) return null
  return (await storage().url(fileId)) || null
}

async function nurseCard(doc: RequestDoc): Promise<RequestView['nurse']> {
  if (!doc.nurseAccountId) return null
  const [staff, nurses] = await Promise.all([staffOf(doc.nurseAccountId), nurseDocs([doc.nurseAccountId])])
  if (!staff) return null
  return {
    accountId: staff.accountId,
    name: staff.name,
    title: staff.nurse?.title ?? '护士',
    years: staff.nurse?.years ?? 0,
    photoUrl: await photoUrl(nurses.get(doc.nurseAccountId)?.photoFileId)
  }
}

export async function requestView(doc: RequestDoc, viewer: Viewer): Promise<RequestView> {
  const rules = (await getSettings()).nursing
  const nowIso = iso()
  const terms = cancelTermsFor(doc, viewer, rules, nowIso)
  const visible = contactsVisible(doc, viewer)
  // The family sees the nurse while she holds the visit and afterwards, not once it was taken back.
  const showNurse =
    doc.nurseAccountId && (HOLDING_STATUSES.includes(doc.status) || ['completed', 'rated'].includes(doc.status) || viewer.as !== 'family')
  const staffSide = viewer.as !== 'family'
  return {
    id: doc._id,
    requestNo: doc.requestNo,
    status: doc.status,
    statusLabel: NURSING_STATUS_LABELS[doc.status],
    profileId: doc.profileId,
    patientName: doc.patientName,
    patientSex: doc.patientSex,
    patientAge: ageOn(doc.patientBirthDate, local(nowIso)),
    items: doc.items.map((i) => ({ code: i.code, name: i.name, minutes: i.minutes, certificate: i.certificate })),
    date: doc.date,
    window: doc.window,
    windowLabel: windowLabel(doc.date, doc.window),
    fees: doc.fees,
    feesText: feesText(doc.fees),
    address: visible ? doc.address : { region: doc.address.region, detail: '***（上门时可见）' },
    contactName: visible ? doc.contactName : maskName(doc.contactName),
    contactPhone: visible ? doc.contactPhone : maskPhone(doc.contactPhone),
    health: { ...doc.health, mobilityLabel: MOBILITY_LABELS[doc.health.mobility] },
    photos: await Promise.all(doc.photos.map(async (fileId) => ({ fileId, url: (await photoUrl(fileId)) ?? '' }))),
    risk: doc.risk,
    riskLabel: doc.risk ? RISK_LABELS[doc.risk] : null,
    ...(staffSide && doc.assessmentNote ? { assessmentNote: doc.assessmentNote } : {}),
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason, rejectText: REFUSAL_LABELS[doc.rejectReason] } : {}),
    nurse: showNurse ? await nurseCard(doc) : null,
    record: doc.record,
    rating: doc.rating,
    cancellation: doc.cancellation,
    cancelTerms: terms,
    nextSteps: stepsFor(doc, viewer, terms),
    locations: staffSide ? strip(doc.locations) : {},
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt
  }
}

function strip(l: RequestDoc['locations']): RequestView['locations'] {
  const { last: _last, ...shown } = l
  return shown
}

function byOf(e: RequestEvent): TimelineEvent['by'] {
  const as = (e as { data?: { as?: string } }).data?.as
  if (as === 'family' || as === 'nursing' || as === 'nurse') return as
  return 'system'
}

function labelOf(e: RequestEvent): string {
  if (e.to === 'assessed' && e.from !== 'submitted') return byOf(e) === 'nurse' ? '护士婉拒，待重新派单' : '护理部收回，待重新派单'
  if (e.to === 'cancelled') return byOf(e) === 'family' ? '家属取消' : '护理部取消'
  return NURSING_STEP_LABELS[e.to]
}

export async function timeline(doc: RequestDoc, viewer: Viewer, events?: RequestEvent[]): Promise<TimelineEvent[]> {
  const list = events ?? (await eventsOf(doc._id))
  const names = await staffNames(list.filter((e) => byOf(e) !== 'family').map((e) => e.by.accountId))
  const first: TimelineEvent = { from: 'submitted', to: 'submitted', label: NURSING_STEP_LABELS.submitted, at: doc.createdAt, by: 'family' }
  return [
    first,
    ...list.map((e) => {
      const by = byOf(e)
      // The family sees the nurse's name; the names inside 护理部 are for 护理部.
      const name = by === 'nurse' || (by === 'nursing' && viewer.as !== 'family') ? names.get(e.by.accountId) : undefined
      return {
        from: e.from,
        to: e.to,
        label: labelOf(e),
        at: e.at,
        by,
        ...(name ? { byName: name } : {}),
        ...(e.note ? { note: e.note } : {})
      }
    })
  ]
}

export async function requestDetail(doc: RequestDoc, viewer: Viewer): Promise<RequestDetail> {
  const [request, events] = await Promise.all([requestView(doc, viewer), timeline(doc, viewer)])
  return { request, timeline: events }
}

export function requestSummary(doc: RequestDoc, nurseName: string | null): RequestSummary {
  return {
    id: doc._id,
    requestNo: doc.requestNo,
    status: doc.status,
    statusLabel: NURSING_STATUS_LABELS[doc.status],
    patientName: doc.patientName,
    itemNames: doc.items.map((i) => i.name),
    date: doc.date,
    windowLabel: windowLabel(doc.date, doc.window),
    fees: doc.fees,
    nurseName,
    createdAt: doc.createdAt
  }
}

export function boardItem(doc: RequestDoc, nurseName: string | null, hasOpenAlarm: boolean): BoardItem {
  return {
    id: doc._id,
    requestNo: doc.requestNo,
    status: doc.status,
    statusLabel: NURSING_STATUS_LABELS[doc.status],
    patientNameMasked: maskName(doc.patientName),
    region: doc.address.region,
    itemNames: doc.items.map((i) => i.name),
    date: doc.date,
    windowLabel: windowLabel(doc.date, doc.window),
    risk: doc.risk,
    riskLabel: doc.risk ? RISK_LABELS[doc.risk] : null,
    nurseName,
    hasOpenAlarm,
    createdAt: doc.createdAt
  }
}

export function visitItem(doc: RequestDoc, nurseName: string | null, hasOpenAlarm: boolean) {
  const { patientNameMasked: _masked, ...rest } = boardItem(doc, nurseName, hasOpenAlarm)
  return { ...rest, patientName: doc.patientName }
}

export function alarmView(a: AlarmDoc): AlarmView {
  return {
    id: a._id,
    requestId: a.requestId,
    requestNo: a.requestNo,
    patientName: a.patientName,
    address: a.address,
    nurseAccountId: a.nurseAccountId,
    nurseName: a.nurseName,
    nursePhone: a.nursePhone,
    location: a.location,
    ...(a.note ? { note: a.note } : {}),
    status: a.status,
    raisedAt: a.raisedAt,
    ...(a.acknowledgedAt ? { acknowledgedAt: a.acknowledgedAt } : {}),
    ...(a.acknowledgedBy ? { acknowledgedByName: a.acknowledgedBy.name } : {})
  }
}

export async function nurseRow(s: StaffDoc, n: NurseDoc | undefined, rules: NursingRules): Promise<NurseRow> {
  return {
    accountId: s.accountId,
    name: s.name,
    title: s.nurse?.title ?? null,
    years: s.nurse?.years ?? null,
    licenseNumber: s.nurse?.licenseNumber ?? null,
    phone: n?.phone ?? null,
    photoUrl: await photoUrl(n?.photoFileId),
    items: n?.items ?? [],
    certificates: n?.certificates ?? {},
    problems: qualificationProblems(s.nurse, rules)
  }
}
