/** 注销账号, end to end on 李梅's family. */
import { killedAtWriteTo, openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures } from '../helpers/matrix'
import { manifest } from '../../cloudfunctions/common/collections'
import { db } from '../../cloudfunctions/common/db'
import { decryptField } from '../../cloudfunctions/common/crypto'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

/** Every stored document, the replies kept for retries included, as text. */
async function everything(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const c of manifest.collections) {
    const res = await db().collection(c.name).limit(1000).get()
    out[c.name] = JSON.stringify(res.data)
  }
  return out
}

/** What staff have finished meanwhile: the order dispensed and delivered, visits done, today's visit seen. */
async function finishWhatIsUnderWay(blocked: Array<{ id: string }>) {
  for (const { id } of blocked) {
    for (const [c, to] of [
      ['appointments', 'completed'],
      ['decoction_orders', 'received'],
      ['nursing_requests', 'completed']
    ] as const) {
      await db()
        .collection(c)
        .where({ _id: id })
        .update({ status: to, activeKey: `x:${id}`, holdKey: `released:${id}`, nurseSlot: `free|${id}` })
    }
  }
}

test('李梅 closes her account: refused while work is under way, then what can be cancelled is, medical records are sealed, and nothing names her family', async () => {
  const f = await buildFixtures(b)
  const mine = b.accountId('li_mei')
  // Replies kept for retries name her family: a profile she adds, and the hotline's booking for her father.
  const added = await b.ok(
    'li_mei',
    'account',
    'addProfile',
    { name: '李秀兰', idNumber: '370125195003150020', phone: '13905310000', relation: 'parent' },
    rid()
  )
  const father = (await db().collection('profiles').where({ accountId: mine, name: '李德福' }).get()).data[0] as { _id: string }
  await b.ok(
    'hotline',
    'booking',
    'hotlineBook',
    { scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: father._id },
    rid()
  )
  const { profiles } = await b.ok('li_mei', 'account', 'listProfiles', {})
  const people = await Promise.all(profiles.map((p) => b.ok('li_mei', 'account', 'getProfile', { id: p.id })))
  const secrets = people.flatMap((p) => [p.name, p.phone, p.idNumber])
  expect(secrets).toEqual(expect.arrayContaining(['李德福', added.name]))

  const first = await b.callUnchecked('li_mei', 'account', 'deleteAccount', { confirm: true }, rid())
  expect(first.ok).toBe(false)
  if (first.ok) return
  expect(first.error.code).toBe('CONFLICT')
  expect(first.error.message).toMatch(/暂不能注销账号：.*代煎订单/)
  expect((await b.ok('li_mei', 'account', 'listProfiles', {})).profiles).toHaveLength(profiles.length)

  // The refusal named what is under way; once staff have finished it, she tries again.
  const blocked = (await db().collection('decoction_orders').where({ accountId: mine }).get()).data as Array<{
    _id: string
    status: string
  }>
  const underWay = [
    ...blocked.filter((o) => !['submitted', 'reviewed', 'received', 'cancelled', 'rejected'].includes(o.status)),
    ...((await db().collection('appointments').where({ accountId: mine, status: 'checked_in' }).get()).data as Array<{ _id: string }>),
    ...((await db().collection('nursing_requests').where({ accountId: mine }).get()).data as Array<{ _id: string; status: string }>).filter(
      (r) => ['arrived', 'in_service'].includes(r.status)
    ),
    { _id: f.booking.todayAppointmentId }
  ]
  await finishWhatIsUnderWay(underWay.map((d) => ({ id: d._id })))

  const liveBefore = (await db().collection('appointments').where({ accountId: mine, status: 'booked' }).get()).data as Array<{
    _id: string
    scheduleId: string
    sliceIndex: number
  }>
  expect(liveBefore.length).toBeGreaterThan(0)
  const schedule = (await db().collection('schedules').doc(liveBefore[0].scheduleId).get()).data[0] as {
    slices: Array<{ remaining: number }>
  }
  const remainingBefore = schedule.slices[liveBefore[0].sliceIndex].remaining

  const res = await b.ok('li_mei', 'account', 'deleteAccount', { confirm: true }, rid())
  expect(res.cancelled.map((c) => c.id)).toEqual(expect.arrayContaining(liveBefore.map((a) => a._id)))
  expect(res.cancelled.some((c) => c.service === 'nursing')).toBe(true)
  expect(res.kept.map((k) => k.collection)).toEqual(expect.arrayContaining(['appointments', 'decoction_orders', 'readings']))
  expect(res.kept[0].until.slice(0, 4)).toBe(String(new Date().getUTCFullYear() + 15))
  expect(res.meaning.join('')).toContain('加密保存')

  // Cancelled under booking's rules: the place is back in the pool.
  const after = (await db().collection('schedules').doc(liveBefore[0].scheduleId).get()).data[0] as { slices: Array<{ remaining: number }> }
  expect(after.slices[liveBefore[0].sliceIndex].remaining).toBe(remainingBefore + 1)

  // No name, phone or ID number of the family anywhere outside the sealed records, nor in a reply kept for a retry.
  const all = await everything()
  for (const [name, text] of Object.entries(all))
    for (const secret of secrets) expect({ name, has: text.includes(secret) }).toEqual({ name, has: false })
  // The hotline's reply named her father only masked, by his profile: forgotten as well.
  for (const p of people) expect({ id: p.id, kept: all.requests.includes(p.id) }).toEqual({ id: p.id, kept: false })

  // The kept records are marked and can be opened by the hospital with the key.
  const kept = (await db().collection('appointments').doc(liveBefore[0]._id).get()).data[0] as {
    retention: { kept: boolean; keptUntil: string }
    sealed: string
  }
  expect(kept.retention.kept).toBe(true)
  expect(JSON.parse(decryptField(kept.sealed))).toMatchObject({ status: 'cancelled', patientName: expect.any(String) })

  // Her sign-in is refused from now on.
  const again = await b.callUnchecked('li_mei', 'account', 'whoami', {})
  expect(again.ok ? 'ok' : again.error.code).toBe('UNAUTHENTICATED')
  // Another family is untouched.
  expect((await b.ok('zhang_wei', 'account', 'listProfiles', {})).profiles.length).toBeGreaterThan(0)
  expect((await b.ok('zhang_wei', 'booking', 'getAppointment', { id: f.booking.otherAppointmentId })).id).toBe(f.booking.otherAppointmentId)
})

test('a closing cut off before the nurse’s notice is written leaves that visit live; closed again, the nurse is told once', async () => {
  const f = await buildFixtures(b)
  const mine = b.accountId('li_mei')
  const orders = (await db().collection('decoction_orders').where({ accountId: mine }).get()).data as Array<{ _id: string; status: string }>
  const visits = (await db().collection('nursing_requests').where({ accountId: mine }).get()).data as Array<{
    _id: string
    status: string
    nurseAccountId?: string
  }>
  await finishWhatIsUnderWay([
    ...orders.filter((o) => !['submitted', 'reviewed', 'received', 'cancelled', 'rejected'].includes(o.status)).map((o) => ({ id: o._id })),
    ...((await db().collection('appointments').where({ accountId: mine, status: 'checked_in' }).get()).data as Array<{ _id: string }>).map(
      (a) => ({ id: a._id })
    ),
    ...visits.filter((r) => ['arrived', 'in_service'].includes(r.status)).map((r) => ({ id: r._id })),
    { id: f.booking.todayAppointmentId }
  ])
  const withNurse = visits.filter((r) => r.nurseAccountId && ['assigned', 'accepted', 'en_route'].includes(r.status))
  expect(withNurse.length).toBeGreaterThan(0)
  const told = () => db().collection('outbox').where({ kind: 'nursing_cancelled' }).count()

  const cut = await killedAtWriteTo(b, 'outbox', () => b.callUnchecked('li_mei', 'account', 'deleteAccount', { confirm: true }))
  expect(cut.ok).toBe(false)
  const stillLive = (await db().collection('nursing_requests').doc(withNurse[0]._id).get()).data[0] as { status: string }
  expect(stillLive.status).toBe(withNurse[0].status)
  expect((await told()).total).toBe(0)

  const res = await b.ok('li_mei', 'account', 'deleteAccount', { confirm: true })
  expect(res.cancelled.map((c) => c.id)).toEqual(expect.arrayContaining(withNurse.map((r) => r._id)))
  expect((await told()).total).toBe(withNurse.length)
})

test('a staff account is not closed from the app', async () => {
  const res = await b.callUnchecked('pharmacist', 'account', 'deleteAccount', { confirm: true }, rid())
  expect(res.ok ? 'ok' : res.error.code).toBe('CONFLICT')
})
