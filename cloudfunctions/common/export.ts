/**
 * Everything each service holds for a family, declared as data (like PROFILE_HOLDERS), so that
 * `account.exportMyData` and `account.deleteAccount` reach every service without importing any
 * function's folder. A service that stores something about a profile adds its line here.
 */
import { fhirNursingFromRow, fhirPrescriptionFromRow, recordBundle, type FhirBundle, type FhirTaskInput } from '../../types/records-fhir'
import type { Measure } from '../../types/records-rules'
import {
  ACTIVE_STATUSES as BOOKING_ACTIVE,
  appointmentWorkflow,
  APPOINTMENT_STATUS_LABELS,
  waitlistWorkflow,
  WAITLIST_STATUS_LABELS
} from '../../types/booking'
import { ACTIVE_STATUSES as DECOCTION_ACTIVE, decoctionWorkflow, ORDER_STATUS_LABELS } from '../../types/decoction'
import { releasedKey } from '../../types/decoction-rules'
import { nursingWorkflow, NURSING_STATUS_LABELS } from '../../types/nursing'
import { familyCancelTerms, type Fees } from '../../types/nursing-rules'
import type { Settings } from '../../types/settings'
import type { Workflow } from '../../types/workflow'
import { iso } from './clock'
import { manifest } from './collections'
import { forgetReplies } from './idempotency'
import { decryptField, encryptField } from './crypto'
import { db, type Transaction } from './db'
import { AppError } from './errors'
import { enqueueIn, type OutboxInput } from './outbox'
import { transition } from './transition'
import { getSettings } from './settings'
import { collection } from './typed'

export interface ExportSource {
  /** The key in the export document, e.g. `appointments`. */
  key: string
  service: string
  collection: string
  /** The field naming the profile (`_id` for a per-profile document). */
  profileField: string
  /** Newest first by this field. */
  orderBy?: string
  /** Status changes of these documents (`status_events` by `docId`) are exported with them. */
  events?: boolean
}

export const EXPORT_SOURCES: readonly ExportSource[] = [
  { key: 'appointments', service: 'booking', collection: 'appointments', profileField: 'profileId', orderBy: 'date', events: true },
  { key: 'waitlist', service: 'booking', collection: 'booking_waitlist', profileField: 'profileId', orderBy: 'createdAt' },
  { key: 'bookingRecord', service: 'booking', collection: 'booking_patients', profileField: '_id' },
  { key: 'prescriptions', service: 'decoction', collection: 'prescriptions', profileField: 'profileId', orderBy: 'createdAt' },
  {
    key: 'decoctionOrders',
    service: 'decoction',
    collection: 'decoction_orders',
    profileField: 'profileId',
    orderBy: 'createdAt',
    events: true
  },
  {
    key: 'nursingRequests',
    service: 'nursing',
    collection: 'nursing_requests',
    profileField: 'profileId',
    orderBy: 'createdAt',
    events: true
  },
  { key: 'readings', service: 'records', collection: 'readings', profileField: 'profileId', orderBy: 'measuredAt' },
  { key: 'followUpTasks', service: 'records', collection: 'follow_up_tasks', profileField: 'profileId', orderBy: 'createdAt' },
  { key: 'followUps', service: 'records', collection: 'follow_ups', profileField: 'profileId', orderBy: 'at' },
  { key: 'programmeEnrolments', service: 'records', collection: 'programme_enrolments', profileField: 'profileId', orderBy: 'enrolledAt' }
]

/** Account-wide holdings that name no profile. */
export const ACCOUNT_EXPORT_SOURCES: ReadonlyArray<{ key: string; collection: string; orderBy: string }> = [
  { key: 'messages', collection: 'outbox', orderBy: 'createdAt' },
  { key: 'addresses', collection: 'addresses', orderBy: 'createdAt' }
]

/** Internal keys and secrets that mean nothing to the family and must not leave the database. */
const INTERNAL = new Set([
  'idNumberEnc',
  'idNumberHash',
  'uniqueKey',
  'activeKey',
  'returnKey',
  'holdKey',
  'waitKey',
  'openKey',
  'searchKeys',
  'nurseSlot'
])

type Doc = Record<string, unknown> & { _id: string }
const MAX = 1000

function clean(doc: Doc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !INTERNAL.has(k)))
}

async function all(name: string, where: Record<string, unknown>, orderBy?: string): Promise<Doc[]> {
  let q = collection<Doc>(name).where(where)
  if (orderBy) q = q.orderBy(orderBy, 'desc')
  return (await q.limit(MAX).get()).data
}

export async function eventsOf(ids: string[]): Promise<Doc[]> {
  if (!ids.length) return []
  return (
    await collection<Doc>('status_events')
      .where({ docId: db().command.in(ids) })
      .orderBy('at', 'asc')
      .limit(MAX)
      .get()
  ).data
}

function measureOf(r: Doc): Measure {
  if (r.kind === 'bp') return { kind: 'bp', systolic: Number(r.systolic ?? 0), diastolic: Number(r.diastolic ?? 0) }
  if (r.kind === 'glucose') return { kind: 'glucose', value: Number(r.value ?? 0), context: (r.context ?? 'random') as 'random' }
  return { kind: r.kind as 'weight', value: Number(r.value ?? 0) }
}

function bundleOf(p: Doc, data: Record<string, Doc[]>, programmeNames: Map<string, string>, at: string): FhirBundle {
  const followUps = new Map((data.followUps ?? []).map((f) => [f.taskId as string, f]))
  const s = (v: unknown) => String(v ?? '')
  return recordBundle(
    {
      patient: { id: p._id, name: s(p.name), sex: p.sex as 'male', birthDate: s(p.birthDate), phone: s(p.phone) },
      prescriptions: (data.prescriptions ?? []).map(fhirPrescriptionFromRow),
      nursingVisits: (data.nursingRequests ?? []).map(fhirNursingFromRow),
      readings: (data.readings ?? []).map((r) => ({
        id: r._id,
        measure: measureOf(r),
        measuredAt: s(r.measuredAt),
        level: r.level as 'normal',
        source: s(r.source)
      })),
      tasks: (data.followUpTasks ?? []).map((t) => {
        const f = followUps.get(t._id)
        const form = (f?.form ?? {}) as { notes?: string; nextDate?: string }
        return {
          id: t._id,
          reason: t.reason as FhirTaskInput['reason'],
          status: t.status as FhirTaskInput['status'],
          dueDate: s(t.dueDate),
          createdAt: s(t.createdAt),
          readingIds: (t.readingIds as string[]) ?? [],
          ...(f
            ? {
                followUp: {
                  at: s(f.at),
                  classification: f.classification as NonNullable<FhirTaskInput['followUp']>['classification'],
                  notes: s(form.notes),
                  nextDate: s(form.nextDate)
                }
              }
            : {})
        }
      }),
      appointments: (data.appointments ?? []).map((a) => ({
        id: a._id,
        status: s(a.status),
        start: new Date(`${s(a.date)}T${s(a.start)}:00+08:00`).toISOString(),
        end: new Date(`${s(a.date)}T${s(a.end)}:00+08:00`).toISOString(),
        description: `${s(a.hospitalName)} ${s(a.departmentName)} ${s(a.doctorName)}`.trim()
      })),
      enrolments: (data.programmeEnrolments ?? []).map((e) => ({
        id: e._id,
        programmeName: programmeNames.get(s(e.programme)) ?? s(e.programme),
        enrolledAt: s(e.enrolledAt)
      }))
    },
    at
  )
}

/** Every profile of the account (removed ones too) with everything each service holds for it. */
export async function collectAccountData(accountId: string, at: string) {
  const [account, profiles, settings] = await Promise.all([
    collection<Doc>('accounts').where({ _id: accountId }).limit(1).get(),
    all('profiles', { accountId }, 'createdAt'),
    getSettings()
  ])
  const programmeNames = new Map(settings.records.programmes.map((g) => [g.code, g.name]))
  const out = []
  for (const p of profiles) {
    const data: Record<string, Doc[]> = {}
    for (const src of EXPORT_SOURCES) {
      const docs = await all(src.collection, { [src.profileField]: p._id }, src.orderBy)
      data[src.key] = docs
      if (src.events) data[`${src.key}Events`] = await eventsOf(docs.map((d) => d._id))
    }
    let idNumber: string | undefined
    try {
      idNumber = typeof p.idNumberEnc === 'string' ? decryptField(p.idNumberEnc) : undefined
    } catch {
      idNumber = undefined
    }
    out.push({
      profile: { ...clean(p), ...(idNumber ? { idNumber } : {}) },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.map(clean)])),
      fhir: bundleOf(p, data, programmeNames, at) as unknown as Record<string, unknown>
    })
  }
  const accountData: Record<string, Array<Record<string, unknown>>> = {}
  for (const src of ACCOUNT_EXPORT_SOURCES) accountData[src.key] = (await all(src.collection, { accountId }, src.orderBy)).map(clean)
  const acc = account.data[0]
  return {
    exportedAt: at,
    format: 'county-hospital-care/export-v1' as const,
    account: acc ? clean({ ...acc, openid: undefined } as Doc) : {},
    profiles: out,
    accountData
  }
}

/**
 * Closing an account: live things the family may still cancel under each service's workflow table
 * are cancelled first (through `transition`, as the family, with the writes the service's own
 * cancel makes with it); what a hospital must keep by law is detached and sealed; the rest erased.
 */
export interface AccountCloser {
  service: string
  collection: string
  workflow: Workflow<string>
  labels: Record<string, string>
  /** Statuses in which the thing is still under way. */
  live: readonly string[]
  /** Statuses from which the family itself may cancel. */
  from: readonly string[]
  /** What the family reads in the reply. */
  label: (doc: Doc) => string
  patch: (doc: Doc, now: { iso: string; settings: Settings }) => Record<string, unknown>
  within?: (tx: Transaction, doc: Doc) => Promise<void>
  /** A notice to the staff member already holding it (a nurse assigned to the visit). */
  notify?: (doc: Doc) => OutboxInput | undefined
  /** Refused even from those statuses (e.g. past the booking cutoff): kept, and said so. */
  blocked?: (doc: Doc, now: { iso: string; settings: Settings }) => string | undefined
}

const s = (v: unknown) => String(v ?? '')
const nursingTerms = (r: Doc, now: { iso: string; settings: Settings }) =>
  familyCancelTerms(s(r.status), s(r.windowStartsAt), now.iso, r.fees as Fees, now.settings.nursing)
const patientCancels = (w: Workflow<string>) => Object.keys(w).filter((from) => w[from]?.cancelled?.includes('patient'))

export const ACCOUNT_CLOSERS: readonly AccountCloser[] = [
  {
    service: 'booking',
    collection: 'appointments',
    workflow: appointmentWorkflow,
    labels: APPOINTMENT_STATUS_LABELS,
    live: BOOKING_ACTIVE,
    from: ['booked'],
    label: (a) => `专家号预约：${s(a.patientName)} ${s(a.date)} ${s(a.start)} ${s(a.departmentName)} ${s(a.doctorName)}`,
    patch: (a) => ({ activeKey: `x:${a._id}`, returnKey: `x:${a._id}`, cancelReason: '账号注销', cancelledBy: 'patient' }),
    // The same writes as booking's own cancel by the family: the patient's hold released, the place back to the pool.
    within: async (tx, a) => {
      const _ = db().command
      await tx
        .collection('booking_patients')
        .doc(s(a.profileId))
        .update({ activeCount: _.inc(-1), activeSchedules: _.pull(s(a.scheduleId)) })
      await tx
        .collection('schedules')
        .doc(s(a.scheduleId))
        .update({ [`slices.${Number(a.sliceIndex)}.remaining`]: _.inc(1) })
    },
    blocked: (a, now) => (typeof a.cutoffAt === 'string' && now.iso >= a.cutoffAt ? '已过取消截止时间，请联系医院' : undefined)
  },
  {
    service: 'booking',
    collection: 'booking_waitlist',
    workflow: waitlistWorkflow,
    labels: WAITLIST_STATUS_LABELS,
    live: ['waiting'],
    from: ['waiting'],
    label: (w) => `候补：${s(w.patientName)} ${s(w.date)} ${s(w.doctorName)}`,
    patch: (w) => ({ waitKey: `x:${w._id}` })
  },
  {
    service: 'decoction',
    collection: 'decoction_orders',
    workflow: decoctionWorkflow,
    labels: ORDER_STATUS_LABELS,
    live: DECOCTION_ACTIVE,
    from: patientCancels(decoctionWorkflow),
    label: (o) => `代煎订单：${s(o.orderNo)} ${s(o.patientName)}`,
    patch: (o) => ({ holdKey: releasedKey(o._id), cancelReason: '账号注销' })
  },
  {
    service: 'nursing',
    collection: 'nursing_requests',
    workflow: nursingWorkflow,
    labels: NURSING_STATUS_LABELS,
    live: ['submitted', 'assessed', 'assigned', 'accepted', 'en_route', 'arrived', 'in_service'],
    from: patientCancels(nursingWorkflow),
    label: (r) => `上门护理：${s(r.patientName)} ${s(r.date)}`,
    // The family's own cancel terms (refund by status and time), recorded as nursing records them.
    patch: (r, now) => {
      const t = nursingTerms(r, now)
      return {
        nurseSlot: `free|${r._id}`,
        cancellation: { by: 'family', reason: '账号注销', refund: t.refund, kept: t.kept, text: t.text, at: now.iso }
      }
    },
    blocked: (r, now) => {
      const t = nursingTerms(r, now)
      return t.allowed ? undefined : t.text
    },
    notify: (r) =>
      typeof r.nurseAccountId === 'string' && r.nurseAccountId
        ? {
            accountId: r.nurseAccountId,
            kind: 'nursing_cancelled',
            title: '上门护理已取消',
            body: `${s(r.date)}的上门护理已取消（家属注销账号），无需前往。`,
            dedupeKey: `closed_account_${r._id}`
          }
        : undefined
  }
]

/** Medical records a hospital must keep (outpatient records at least 15 years): sealed, not erased. */
export const KEPT_RECORDS: ReadonlyArray<{ collection: string; label: string; via?: { field: string; of: string } }> = [
  { collection: 'appointments', label: '门诊预约与就诊记录' },
  { collection: 'prescriptions', label: '处方' },
  { collection: 'decoction_orders', label: '代煎配药记录' },
  { collection: 'nursing_requests', label: '上门护理记录' },
  { collection: 'readings', label: '健康测量记录' },
  { collection: 'follow_up_tasks', label: '随访任务' },
  { collection: 'follow_ups', label: '随访记录' },
  { collection: 'programme_enrolments', label: '慢病管理档案' },
  // Safety alarms name the patient of the visit they were raised on (after that visit's line above).
  { collection: 'nursing_alarms', label: '上门护理安全记录', via: { field: 'requestId', of: 'nursing_requests' } }
]

const ERASED_BY_PROFILE = ['booking_waitlist', 'booking_patients']
const ERASED_BY_ACCOUNT = ['outbox', 'addresses', 'sms_outbox']

/** A kept record as stored after its account closed: nothing readable but when and what kind. */
function sealed(doc: Doc, collectionName: string, keptUntil: string, at: string): Doc {
  const uniques = manifest.collections.find((c) => c.name === collectionName)?.indexes?.filter((i) => i.unique) ?? []
  const keys = Object.fromEntries(uniques.flatMap((i) => i.keys.map((k) => [k.field, `x:${doc._id}`])))
  return {
    _id: doc._id,
    status: 'kept',
    ...keys,
    retention: { kept: true, reason: '病历依法保存', keptUntil, accountClosedAt: at },
    sealed: encryptField(JSON.stringify(doc))
  } as Doc
}

export interface ClosingResult {
  cancelled: Array<{ service: string; id: string; label: string }>
  notCancelled: Array<{ service: string; id: string; label: string; why: string }>
  kept: Array<{ collection: string; count: number; label: string; until: string }>
}

export async function closeAccount(accountId: string, actor: { accountId: string; roles: readonly string[] }): Promise<ClosingResult> {
  const at = iso()
  const profiles = await all('profiles', { accountId })
  const profileIds = profiles.map((p) => p._id)
  const _ = db().command
  const result: ClosingResult = { cancelled: [], notCancelled: [], kept: [] }
  const now = { iso: at, settings: await getSettings() }
  // Everything under way, first: if any of it is past what the family may cancel, nothing changes.
  const plan: Array<{ c: AccountCloser; doc: Doc }> = []
  if (profileIds.length) {
    for (const c of ACCOUNT_CLOSERS) {
      for (const doc of await all(c.collection, { profileId: _.in(profileIds), status: _.in([...c.live]) })) {
        const why = c.from.includes(s(doc.status)) ? c.blocked?.(doc, now) : `${c.labels[s(doc.status)] ?? s(doc.status)}，不能取消`
        if (why) result.notCancelled.push({ service: c.service, id: doc._id, label: c.label(doc), why })
        else plan.push({ c, doc })
      }
    }
  }
  if (result.notCancelled.length) {
    const list = result.notCancelled.map((n) => `${n.label}（${n.why}）`).join('；')
    throw new AppError('CONFLICT', `以下服务正在进行，暂不能注销账号：${list}。请在完成后再注销，或联系医院`)
  }
  for (const { c, doc } of plan) {
    await transition({
      collection: c.collection,
      id: doc._id,
      workflow: c.workflow,
      labels: c.labels,
      to: 'cancelled' in c.labels ? 'cancelled' : 'left',
      from: s(doc.status),
      actor,
      note: '账号注销',
      patch: c.patch(doc, now),
      // The notice to whoever holds it (a nurse on the way) commits with the cancellation or not at all.
      within: async (tx) => {
        if (c.within) await c.within(tx, doc)
        const notice = c.notify?.(doc)
        if (notice) await enqueueIn(tx, notice)
      }
    })
    result.cancelled.push({ service: c.service, id: doc._id, label: c.label(doc) })
  }
  const years = now.settings.retention.outpatientRecordYears
  const keptUntil = `${Number(at.slice(0, 4)) + years}${at.slice(4, 10)}`
  if (profileIds.length) {
    const keptIds = new Map<string, string[]>()
    for (const k of KEPT_RECORDS) {
      const where = k.via ? { [k.via.field]: _.in(keptIds.get(k.via.of) ?? []) } : { profileId: _.in(profileIds) }
      const docs = await all(k.collection, where)
      keptIds.set(
        k.collection,
        docs.map((d) => d._id)
      )
      for (const doc of docs)
        await db()
          .collection(k.collection)
          .doc(doc._id)
          .set(withoutId(sealed(doc, k.collection, keptUntil, at)))
      if (docs.length) result.kept.push({ collection: k.collection, count: docs.length, label: k.label, until: keptUntil })
    }
    for (const name of ERASED_BY_PROFILE) {
      const field = name === 'booking_patients' ? '_id' : 'profileId'
      await db()
        .collection(name)
        .where({ [field]: _.in(profileIds) })
        .remove()
    }
    await db()
      .collection('profiles')
      .where({ _id: _.in(profileIds) })
      .remove()
  }
  for (const name of ERASED_BY_ACCOUNT) await db().collection(name).where({ accountId }).remove()
  // Replies kept for retries (this very call's included) can name the family: forgotten too.
  await forgetReplies(
    accountId,
    profiles.flatMap((p) => [p._id, s(p.name), s(p.phone), typeof p.idNumberEnc === 'string' ? decryptField(p.idNumberEnc) : ''])
  )
  // The account stays as a marker only, so its sign-in is refused and its id is never reused.
  await db()
    .collection('accounts')
    .doc(accountId)
    .set({ openid: `deleted:${accountId}`, nickname: '已注销', roles: [], deletedAt: at, profileCount: 0 })
  return result
}

function withoutId(doc: Doc): Record<string, unknown> {
  const { _id: _unused, ...rest } = doc
  return rest
}
