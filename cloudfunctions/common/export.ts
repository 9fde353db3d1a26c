/**
 * Everything each service holds for a family, declared as data (like PROFILE_HOLDERS), so that
 * `account.exportMyData` and `account.deleteAccount` reach every service without importing any
 * function's folder. A service that stores something about a profile adds its line here.
 */
import { recordBundle, type FhirBundle, type FhirTaskInput } from '../../types/records-fhir'
import type { Measure } from '../../types/records-rules'
import { decryptField } from './crypto'
import { db } from './db'
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
