/**
 * Demo sessions and appointments, relative to the clock at seed time: the visiting experts' sessions
 * for the coming week (published; the last day opens at tonight's release time), one draft for next
 * week, 李德福's bookings (one today to check in to, one in three days) and his history (two visits,
 * the latest still offering its free return visit, and one no-show), two full sessions with
 * waitlists, and a hotline caller barred after three no-shows.
 */
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import {
  addDays,
  applyNoShow,
  chinaInstant,
  cutoffAt,
  makeSlices,
  noShowBanReason,
  releaseAt,
  sessionEndsAt
} from '../../types/booking-rules'
import { maskPhone } from '../../types/idcard'
import { newProfile, type ProfileDoc } from '../common/patients'
import {
  activeKeyOf,
  newWaitTicket,
  sessionSnapshot,
  APPOINTMENTS,
  PATIENTS,
  SCHEDULES,
  WAITLIST,
  type AppointmentDoc,
  type PatientStateDoc,
  type ScheduleDoc,
  type WaitDoc
} from '../booking/docs'
import { iso, today } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor } from '../common/identity'
import { getSettings } from '../common/settings'
import { demoOpenid } from './demo'
import {
  DEMO_BOOKINGS,
  DEMO_HOTLINE_CALLER,
  DEMO_PLACES,
  DEMO_SESSIONS,
  DEMO_WAITS,
  DEPARTMENTS,
  DOCTORS,
  HOSPITALS,
  type DemoSession
} from './seed-data'

export const demoScheduleId = (key: string) => `sch_demo_${key}`
export const demoAppointmentId = (key: string) => `ap_demo_${key}`
export const demoWaitId = (key: string) => `wl_demo_${key}`
export const hotlineCallerAccountId = () => accountIdFor(`hotline:${DEMO_HOTLINE_CALLER.phone}`)

function feeOf(s: DemoSession, title: string): number {
  if (s.clinicType === 'special') return 10000
  if (s.clinicType === 'general') return 1000
  return title === '主任医师' ? 5000 : 3000
}

function buildSchedule(
  s: DemoSession,
  first: string,
  rules: Parameters<typeof releaseAt>[1] & Parameters<typeof cutoffAt>[2],
  at: string
): ScheduleDoc {
  const doctor = DOCTORS.find((d) => d._id === s.doctor)!
  const date = addDays(first, s.day)
  const clinicType = s.clinicType ?? 'expert'
  return {
    _id: s.key ? demoScheduleId(s.key) : `sch_demo_${s.doctor}_${s.day}_${s.session}`,
    uniqueKey: `${doctor._id}:${date}:${s.start}`,
    doctorId: doctor._id,
    doctorName: doctor.name,
    doctorTitle: doctor.title,
    homeHospital: doctor.homeHospital,
    specialty: doctor.specialty,
    departmentId: doctor.departmentId,
    departmentName: DEPARTMENTS.find((d) => d._id === doctor.departmentId)!.name,
    hospitalId: doctor.hospitalId,
    hospitalName: HOSPITALS.find((h) => h._id === doctor.hospitalId)!.name,
    date,
    session: s.session,
    start: s.start,
    end: s.end,
    clinicType,
    fee: feeOf(s, doctor.title),
    place: DEMO_PLACES[doctor._id],
    returnVisit: clinicType !== 'special',
    status: s.draft ? 'draft' : 'published',
    releaseAt: s.draft ? '' : releaseAt(date, rules),
    cutoffAt: s.draft ? '' : cutoffAt(date, s.start, rules),
    closeReason: '',
    slices: makeSlices(s.start, s.end, s.sliceMinutes, s.quota).map((x, i) => ({ id: `s${i}`, ...x, remaining: x.quota, taken: 0 })),
    createdBy: 'seed',
    createdAt: at,
    updatedAt: at
  }
}

async function addHotlineCaller(at: string): Promise<void> {
  const accountId = hotlineCallerAccountId()
  const hotline = accountIdFor(demoOpenid('hotline'))
  await db()
    .collection('accounts')
    .add({
      _id: accountId,
      openid: `hotline:${DEMO_HOTLINE_CALLER.phone}`,
      nickname: `热线来电 ${maskPhone(DEMO_HOTLINE_CALLER.phone)}`,
      roles: [],
      preferences: { elderMode: true },
      healthDataConsent: { version: HEALTH_DATA_CONSENT_VERSION, at },
      profileCount: 1,
      createdAt: at,
      managedBy: 'hotline',
      phone: DEMO_HOTLINE_CALLER.phone,
      consentTakenBy: hotline
    })
  await db()
    .collection('profiles')
    .add({
      ...newProfile(accountId, DEMO_HOTLINE_CALLER),
      createdBy: hotline,
      createdVia: 'hotline',
      consent: { healthData: HEALTH_DATA_CONSENT_VERSION, at, takenBy: hotline, method: 'phone' }
    })
}

async function profilesByKey(): Promise<Map<string, ProfileDoc>> {
  const owners = new Map<string, string>([
    ['li_mei', accountIdFor(demoOpenid('li_mei'))],
    ['zhang_wei', accountIdFor(demoOpenid('zhang_wei'))],
    ['hotline', hotlineCallerAccountId()]
  ])
  const _ = db().command
  const res = await db()
    .collection('profiles')
    .where({ accountId: _.in([...owners.values()]) })
    .get()
  const out = new Map<string, ProfileDoc>()
  for (const [key, accountId] of owners) {
    for (const p of res.data as ProfileDoc[]) if (p.accountId === accountId) out.set(`${key}/${p.name}`, p)
  }
  return out
}

export async function seedBooking(): Promise<void> {
  const rules = (await getSettings()).booking
  const first = today()
  const at = iso()
  await addHotlineCaller(at)
  const profiles = await profilesByKey()
  const schedules = DEMO_SESSIONS.map((s) => buildSchedule(s, first, rules, at))
  const named = (key: string) => schedules.find((s) => s._id === demoScheduleId(key))!
  const states = new Map<string, PatientStateDoc>()
  const hotlineStaff = accountIdFor(demoOpenid('hotline'))

  const appointments: AppointmentDoc[] = DEMO_BOOKINGS.map((b) => {
    const s = named(b.session)
    const p = profiles.get(b.patient.join('/'))!
    const slice = s.slices[b.slice]
    slice.taken++
    slice.remaining--
    const id = demoAppointmentId(b.key)
    const endsAt = sessionEndsAt(s)
    const state =
      states.get(p._id) ??
      ({
        _id: p._id,
        accountId: p.accountId,
        name: p.name,
        relation: p.relation,
        activeCount: 0,
        activeSchedules: [],
        bannedUntil: '',
        banReason: '',
        noShows: [],
        // Seeded bookings come from no request a phone could retry.
        recentBookings: [],
        createdAt: at
      } satisfies PatientStateDoc)
    states.set(p._id, state)
    if (b.status === 'booked') {
      state.activeCount++
      state.activeSchedules.push(s._id)
    } else if (b.status === 'no_show') {
      const next = applyNoShow(state.noShows, endsAt, rules)
      state.noShows = next.noShows
      if (next.bannedUntil > state.bannedUntil) Object.assign(state, { bannedUntil: next.bannedUntil, banReason: noShowBanReason(rules) })
    }
    return {
      _id: id,
      requestKey: `seed:${id}`,
      activeKey: b.status === 'booked' ? activeKeyOf(p._id, s._id) : `x:${id}`,
      returnKey: `a:${id}`,
      status: b.status,
      profileId: p._id,
      accountId: p.accountId,
      patientName: p.name,
      channel: b.channel,
      bookedBy: b.channel === 'hotline' ? hotlineStaff : p.accountId,
      bookedByName: b.channel === 'hotline' ? '孙丽' : '',
      ...sessionSnapshot(s, b.slice),
      fee: s.fee,
      returnOf: '',
      fromWaitlist: false,
      cancelReason: '',
      cancelledBy: '',
      checkedInAt: b.status === 'completed' ? chinaInstant(s.date, slice.start) : '',
      completedAt: b.status === 'completed' ? chinaInstant(s.date, slice.end) : '',
      createdAt: addDays(s.date, -3) + 'T02:00:00.000Z',
      updatedAt: at
    }
  })

  const waits: WaitDoc[] = DEMO_WAITS.map((w, i) => {
    const s = named(w.session)
    const p = profiles.get(w.patient.join('/'))!
    if (!states.has(p._id)) throw new Error(`seed: ${p.name} waits but has no booking state`)
    const createdAt = new Date(Date.parse(at) - (60 - i) * 60_000).toISOString()
    return { _id: demoWaitId(w.key), ...newWaitTicket(p, s, p.accountId, createdAt) }
  })

  await db().collection(SCHEDULES).add(schedules)
  await db().collection(APPOINTMENTS).add(appointments)
  await db()
    .collection(PATIENTS)
    .add([...states.values()])
  await db().collection(WAITLIST).add(waits)
}
