/**
 * Booking's workflow tables (sessions, appointments, waitlist tickets) and the profile table, against
 * a hand-written copy of DOMAIN.md section 1: every (from, to) pair for every role, through the
 * common `transition` on the embedded engine. A move the copy allows succeeds and writes exactly one
 * event; any other is refused (CONFLICT when no one may make it, FORBIDDEN when others may) and
 * writes nothing.
 */
import { randomUUID } from 'node:crypto'
import { db } from '../../cloudfunctions/common/db'
import { transition } from '../../cloudfunctions/common/transition'
import { PROFILE_STATUSES, PROFILE_STATUS_LABELS, profileWorkflow } from '../../types/account'
import {
  APPOINTMENT_STATUSES,
  APPOINTMENT_STATUS_LABELS,
  appointmentWorkflow,
  SCHEDULE_STATUSES,
  SCHEDULE_STATUS_LABELS,
  scheduleWorkflow,
  WAITLIST_STATUSES,
  WAITLIST_STATUS_LABELS,
  waitlistWorkflow
} from '../../types/booking'
import { ROLES } from '../../types/contract'
import type { Workflow } from '../../types/workflow'
import { openBackend, type TestBackend } from '../helpers/backend'

jest.setTimeout(120_000)

let b: TestBackend
beforeAll(async () => {
  b = await openBackend()
})
afterAll(() => b.close())

/** DOMAIN.md section 1, by hand: "from>to" → who may make the move. Everything else is no move. */
const DOMAIN: Record<string, Record<string, readonly string[]>> = {
  schedules: {
    // draft → published → closed (停诊); a draft may also be dropped by closing it.
    'draft>published': ['scheduler'],
    'draft>closed': ['scheduler'],
    'published>closed': ['scheduler']
  },
  appointments: {
    // 签到 on the day by the patient or at the desk; the visit ends at the desk, the doctor or the timer.
    'booked>checked_in': ['patient', 'scheduler'],
    'checked_in>completed': ['scheduler', 'doctor', 'system'],
    // by the patient (or the hotline for them) before the cutoff; by the hospital when 停诊.
    'booked>cancelled': ['patient', 'hotline', 'scheduler', 'system'],
    // not checked in by the end of the session, marked by the timer.
    'booked>no_show': ['system']
  },
  booking_waitlist: {
    // a cancelled booking's place goes to the first waiter (inside the cancellation, as the system).
    'waiting>promoted': ['system'],
    'waiting>left': ['patient'],
    'waiting>closed': ['scheduler'],
    'waiting>expired': ['system']
  },
  profiles: {
    'active>removed': ['patient']
  }
}

interface Table {
  collection: string
  statuses: readonly string[]
  workflow: Workflow<string>
  labels: Record<string, string>
}

const tables: Table[] = [
  { collection: 'schedules', statuses: SCHEDULE_STATUSES, workflow: scheduleWorkflow, labels: SCHEDULE_STATUS_LABELS },
  { collection: 'appointments', statuses: APPOINTMENT_STATUSES, workflow: appointmentWorkflow, labels: APPOINTMENT_STATUS_LABELS },
  { collection: 'booking_waitlist', statuses: WAITLIST_STATUSES, workflow: waitlistWorkflow, labels: WAITLIST_STATUS_LABELS },
  { collection: 'profiles', statuses: PROFILE_STATUSES, workflow: profileWorkflow, labels: PROFILE_STATUS_LABELS }
]

const callers = [...ROLES, 'system'] as const

const cells = tables.flatMap((t) =>
  t.statuses.flatMap((from) => t.statuses.flatMap((to) => callers.map((role) => ({ collection: t.collection, from, to, role, t }))))
)

/** A bare document in `from`, with fresh values for every unique key the collection has. */
async function docIn(collection: string, status: string): Promise<string> {
  const k = randomUUID()
  const added = await db()
    .collection(collection)
    .add({ status, uniqueKey: `t:${k}`, activeKey: `t:${k}`, returnKey: `t:${k}`, waitKey: `t:${k}` })
  return added.id as string
}

const eventsOf = async (docId: string) => (await db().collection('status_events').where({ docId }).get()).data

test.each(cells)('$collection: $from → $to by $role', async ({ collection, from, to, role, t }) => {
  const allowed = DOMAIN[collection][`${from}>${to}`] ?? []
  const id = await docIn(collection, from)
  const attempt = transition({
    collection,
    id,
    workflow: t.workflow,
    labels: t.labels,
    to,
    actor: { accountId: `acc_${role}`, roles: [role] }
  })
  if (allowed.includes(role)) {
    const { doc } = await attempt
    expect(doc.status).toBe(to)
    expect(await eventsOf(id)).toMatchObject([{ collection, from, to, by: { accountId: `acc_${role}`, roles: [role] } }])
  } else {
    await expect(attempt).rejects.toMatchObject({ code: allowed.length ? 'FORBIDDEN' : 'CONFLICT' })
    expect(await eventsOf(id)).toEqual([])
    const after = (await db().collection(collection).doc(id).get()).data[0] as { status: string }
    expect(after.status).toBe(from)
  }
})
