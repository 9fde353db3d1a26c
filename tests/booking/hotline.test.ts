/** 24小时热线: finding or creating a caller's profile, booking, cancelling and reading back. */
import type { ScheduleView } from '../../types/booking'
import { db } from '../../cloudfunctions/common/db'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { rid, type TestBackend } from '../helpers/backend'
import { closeBackend, count, openAt, profileOf, publishedSession } from './helpers'

let b: TestBackend
let s: ScheduleView
beforeEach(async () => {
  b = await openAt()
  s = await publishedSession(b)
})
afterEach(() => closeBackend(b))

const caller = { phone: '13705310088', name: '王秀英', idNumber: '370125195208140029', relation: 'self' as const, consent: true as const }

describe('the hotline', () => {
  test("creates a caller's profile with their consent, under an account kept for their phone, and finds it again", async () => {
    const made = await b.ok('hotline', 'booking', 'hotlinePatient', caller, rid())
    expect(made).toMatchObject({ created: true, nameMasked: '王*英', accountId: accountIdFor('hotline:13705310088') })
    const profile = (await db().collection('profiles').doc(made.id).get()).data[0] as Record<string, unknown>
    expect(profile).toMatchObject({
      createdBy: b.accountId('hotline'),
      createdVia: 'hotline',
      consent: { method: 'phone', takenBy: b.accountId('hotline') }
    })

    const found = await b.ok('hotline', 'account', 'findPatients', { phone: caller.phone })
    expect(found.patients.map((p) => p.id)).toEqual([made.id])
    // The same caller on a later call: the same profile, not a second one.
    const again = await b.ok('hotline', 'booking', 'hotlinePatient', caller, rid())
    expect(again).toMatchObject({ id: made.id, created: false })
    expect(await count('profiles', { phone: caller.phone })).toBe(1)
  })

  test("without the caller's consent nothing is created", async () => {
    const res = await b.callUnchecked('hotline', 'booking', 'hotlinePatient', { ...caller, consent: false }, rid())
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { consent: '请先征得来电者同意处理其健康信息' } } })
    expect(await count('profiles', { phone: caller.phone })).toBe(0)
    expect(await count('accounts', { _id: accountIdFor('hotline:13705310088') })).toBe(0)
  })

  test('books for a caller, recording the staff member and channel hotline, and reads the booking back', async () => {
    const made = await b.ok('hotline', 'booking', 'hotlinePatient', caller, rid())
    const booked = await b.ok('hotline', 'booking', 'hotlineBook', { scheduleId: s.id, sliceId: 's1', profileId: made.id }, rid())
    expect(booked).toMatchObject({ channel: 'hotline', bookedByName: '孙丽', patientName: '王*英', queueNo: 3, start: '08:30' })
    const stored = (await db().collection('appointments').doc(booked.id).get()).data[0] as Record<string, unknown>
    expect(stored).toMatchObject({ bookedBy: b.accountId('hotline'), channel: 'hotline', accountId: accountIdFor('hotline:13705310088') })
    const back = await b.ok('hotline', 'booking', 'hotlineAppointments', { profileId: made.id })
    expect(back.appointments.map((a) => [a.id, a.queueNo, a.place])).toEqual([[booked.id, 3, '门诊楼2楼 心血管内科 诊室3']])
    // The read-back names the caller in full; opening the name is audited.
    const revealed = await b.ok('hotline', 'booking', 'revealPatient', { appointmentId: booked.id })
    expect(revealed.name).toBe('王秀英')
    expect(await count('audit_log', { action: 'revealPatient', 'actor.accountId': b.accountId('hotline') })).toBe(1)
  })

  test('books for a profile a family added (found by the phone) and the family sees it in 我的预约', async () => {
    const found = await b.ok('hotline', 'account', 'findPatients', { phone: '13953187721' })
    const father = found.patients[0]
    expect(father.nameMasked).toBe('李*福')
    const booked = await b.ok('hotline', 'booking', 'hotlineBook', { scheduleId: s.id, sliceId: 's0', profileId: father.id }, rid())
    const mine = await b.ok('li_mei', 'booking', 'listMine', {})
    expect(mine.upcoming.find((a) => a.id === booked.id)).toMatchObject({ patientName: '李德福', channel: 'hotline', bookedByName: '孙丽' })
  })

  test('cancels for a caller before the cutoff; the family is told', async () => {
    const father = await profileOf(b, 'li_mei', 'parent')
    const booked = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    const cancelled = await b.ok('hotline', 'booking', 'hotlineCancel', { id: booked.id, reason: '老人住院，无法就诊' }, rid())
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'hotline' })
    expect(await count('outbox', { accountId: b.accountId('li_mei'), kind: 'booking_cancelled' })).toBe(1)
  })

  test('a patient account cannot use the hotline actions', async () => {
    const res = await b.call('li_mei', 'booking', 'hotlineBook', { scheduleId: s.id, sliceId: 's0', profileId: 'x' }, rid())
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
