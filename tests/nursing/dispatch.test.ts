/**
 * 护理部's side on the embedded engine: only a qualified, competent, free nurse may be assigned
 * (even when two dispatchers assign at the same moment), the console's order and counts, and
 * cancelling with a reason before arrival.
 */
import { setNow } from '../../cloudfunctions/common/clock'
import { addDays } from '../../types/booking-rules'
import { demoNursingId } from '../../cloudfunctions/local/seed-nursing'
import { db } from '../../cloudfunctions/common/db'
import type { RequestDoc } from '../../cloudfunctions/nursing/docs'
import { assignPatch, moveRequest } from '../../cloudfunctions/nursing/moves'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { assess, assign, errorCode, makeStaff, outboxOf, submit } from './helpers'

let b: TestBackend
const TODAY = '2026-12-01'
beforeEach(async () => {
  setNow(new Date(`${TODAY}T09:00:00+08:00`))
  b = await openBackend()
})
afterEach(async () => {
  await b.close()
  setNow(undefined)
})

const messageOf = (res: { ok: boolean; error?: { message: string } }) => (res.ok ? 'ok' : res.error!.message)

describe('only a qualified nurse competent for every item is assigned', () => {
  test('4 years of practice: refused, and the request stays waiting', async () => {
    await makeStaff(b, 'liu_yang', 'nurse', { title: '护师', years: 4 })
    await b.ok('dispatcher', 'nursing', 'setNurseCompetence', { accountId: b.accountId('liu_yang'), items: ['HL01'], certificates: {} })
    const req = await submit(b, { date: addDays(TODAY, 2), items: ['HL01'] })
    await assess(b, req.id)
    const res = await assign(b, req.id, 'liu_yang')
    expect(errorCode(res)).toBe('CONFLICT')
    expect(messageOf(res)).toContain('临床执业不满5年')
    expect((await b.ok('dispatcher', 'nursing', 'openRequest', { id: req.id })).request.status).toBe('assessed')
  })

  test('a 护士 title, however long in practice: refused', async () => {
    await makeStaff(b, 'liu_yang', 'nurse', { title: '护士', years: 12 })
    await b.ok('dispatcher', 'nursing', 'setNurseCompetence', { accountId: b.accountId('liu_yang'), items: ['HL01'], certificates: {} })
    const req = await submit(b, { date: addDays(TODAY, 2), items: ['HL01'] })
    await assess(b, req.id)
    expect(messageOf(await assign(b, req.id, 'liu_yang'))).toContain('职称低于护师')
  })

  test('PICC care without the PICC certificate: refused; with it: assigned', async () => {
    await makeStaff(b, 'liu_yang', 'nurse', { title: '主管护师', years: 9 })
    await b.ok('dispatcher', 'nursing', 'setNurseCompetence', { accountId: b.accountId('liu_yang'), items: ['HL02'], certificates: {} })
    const req = await submit(b, { date: addDays(TODAY, 2), items: ['HL02'] })
    await assess(b, req.id)
    expect(messageOf(await assign(b, req.id, 'liu_yang'))).toContain('需要PICC证书')
    await b.ok('dispatcher', 'nursing', 'setNurseCompetence', {
      accountId: b.accountId('liu_yang'),
      items: ['HL02'],
      certificates: { PICC: 'PICC-2024-0101' }
    })
    expect(errorCode(await assign(b, req.id, 'liu_yang'))).toBe('ok')
  })

  test('the candidates list says why each nurse may not take it', async () => {
    const req = await submit(b, { date: addDays(TODAY, 2), items: ['HL10'], patient: '李梅' })
    await assess(b, req.id)
    const { nurses } = await b.ok('dispatcher', 'nursing', 'qualifiedNurses', {
      id: req.id
    })
    expect(nurses.find((n) => n.name === '周静')!.problems).toEqual(['未认定可做「产后母婴护理」'])
  })

  test('a request not yet assessed cannot be assigned: no visit without an assessment', async () => {
    const req = await submit(b, { date: addDays(TODAY, 2) })
    const res = await assign(b, req.id)
    expect(errorCode(res)).toBe('CONFLICT')
    expect(messageOf(res)).toContain('待评估')
  })

  test('a refused assessment tells the family why, and the request is closed', async () => {
    const req = await submit(b, { date: addDays(TODAY, 2) })
    await b.ok('dispatcher', 'nursing', 'assessRequest', { id: req.id, decision: 'reject', reason: 'aggression' }, rid())
    const seen = await b.ok('li_mei', 'nursing', 'getRequest', { id: req.id })
    expect(seen.request).toMatchObject({ status: 'rejected', rejectText: '有攻击行为史，不宜上门服务', nextSteps: [] })
    expect((await outboxOf(b.accountId('li_mei'))).map((m) => m.title)).toContain('上门护理申请未通过评估')
  })
})

describe('a nurse never holds two visits in one window', () => {
  test('two dispatchers assign 周静 to two requests in the same window at the same moment: one wins', async () => {
    await makeStaff(b, 'liu_yang', 'nursing_dispatcher')
    const date = addDays(TODAY, 2)
    const a = await submit(b, { date, start: '10:00' })
    const c = await submit(b, { date, start: '10:00', family: 'zhang_wei', patient: '张伟', items: ['HL01'] })
    await assess(b, a.id)
    await assess(b, c.id)
    const results = await Promise.all([assign(b, a.id, 'nurse', 'dispatcher'), assign(b, c.id, 'nurse', 'liu_yang')])
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', 'ok'])
    const statuses = await Promise.all(
      [a.id, c.id].map(async (id) => (await b.ok('dispatcher', 'nursing', 'openRequest', { id })).request.status)
    )
    expect(statuses.sort()).toEqual(['assessed', 'assigned'])
    // The loser hears why, once the race is over.
    expect(errorCode(await assign(b, statuses[0] === 'assessed' ? a.id : c.id))).toBe('CONFLICT')
  })

  test('the database holds the rule even when both moves pass the check before either commits', async () => {
    const date = addDays(TODAY, 2)
    const a = await submit(b, { date })
    const c = await submit(b, { date, family: 'zhang_wei', patient: '张伟', items: ['HL01'] })
    await assess(b, a.id)
    await assess(b, c.id)
    const docs = await Promise.all(
      [a.id, c.id].map(async (id) => (await db().collection('nursing_requests').doc(id).get()).data[0] as RequestDoc)
    )
    const nurse = b.accountId('nurse')
    const moves = docs.map((doc, i) =>
      moveRequest({
        id: doc._id,
        to: 'assigned',
        from: 'assessed',
        as: 'nursing',
        actor: { accountId: b.accountId(i ? 'liu_yang' : 'dispatcher'), roles: ['patient', 'nursing_dispatcher'] },
        patch: assignPatch(doc, nurse)
      })
    )
    const settled = await Promise.allSettled(moves)
    expect(settled.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((settled.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' })
  })

  test('two dispatchers assign one request at once: one wins, one event is written', async () => {
    await makeStaff(b, 'liu_yang', 'nursing_dispatcher')
    const req = await submit(b, { date: addDays(TODAY, 2) })
    await assess(b, req.id)
    const results = await Promise.all([assign(b, req.id, 'nurse', 'dispatcher'), assign(b, req.id, 'nurse', 'liu_yang')])
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', 'ok'])
    const detail = await b.ok('dispatcher', 'nursing', 'openRequest', { id: req.id })
    expect(detail.timeline.filter((e) => e.to === 'assigned')).toHaveLength(1)
  })

  test('a cancelled visit frees the window for another request', async () => {
    const date = addDays(TODAY, 2)
    const a = await submit(b, { date })
    const c = await submit(b, { date, family: 'zhang_wei', patient: '张伟', items: ['HL01'] })
    await assess(b, a.id)
    await assess(b, c.id)
    expect(errorCode(await assign(b, a.id))).toBe('ok')
    expect(errorCode(await assign(b, c.id))).toBe('CONFLICT')
    await b.ok('dispatcher', 'nursing', 'cancelByNursing', { id: a.id, reason: '家属电话告知已住院' }, rid())
    expect(errorCode(await assign(b, c.id))).toBe('ok')
  })
})

describe('the console', () => {
  test('highest risk first, then the oldest, with a count on every tab, the history tabs too', async () => {
    const res = await b.ok('dispatcher', 'nursing', 'board', {
      status: 'assessed'
    })
    const order = res.requests.map((r) => `${r.riskLabel}|${r.createdAt}`)
    expect(res.requests.map((r) => r.id)).toEqual([demoNursingId('picc'), demoNursingId('rehab')])
    expect(order[0].startsWith('中')).toBe(true)
    expect(res.counts).toEqual({
      submitted: 2,
      assessed: 2,
      assigned: 1,
      accepted: 1,
      en_route: 1,
      arrived: 1,
      in_service: 1,
      completed: 1,
      rated: 1,
      rejected: 1,
      cancelled: 1
    })
    // Masked until opened.
    expect(res.requests[0].patientNameMasked).toBe('李*福')
  })

  test('a history tab puts the latest finished first: two refused in turn, the later one leads 评估未通过', async () => {
    const first = await submit(b, { date: addDays(TODAY, 2) })
    const second = await submit(b, { date: addDays(TODAY, 3) })
    setNow(new Date(`${TODAY}T09:10:00+08:00`))
    await b.ok('dispatcher', 'nursing', 'assessRequest', { id: first.id, decision: 'reject', reason: 'aggression' }, rid())
    setNow(new Date(`${TODAY}T09:20:00+08:00`))
    await b.ok('dispatcher', 'nursing', 'assessRequest', { id: second.id, decision: 'reject', reason: 'aggression' }, rid())
    const res = await b.ok('dispatcher', 'nursing', 'board', { status: 'rejected' })
    expect(res.requests.slice(0, 2).map((r) => r.id)).toEqual([second.id, first.id])
    expect(res.counts.rejected).toBe(res.requests.length)
  })

  test('加载更多 goes on from the last request shown, through the risks in order: one assigned meanwhile skips no one', async () => {
    const requests = db().collection('nursing_requests')
    const [sample] = (await requests.where({ status: 'assessed' }).limit(1).get()).data as RequestDoc[]
    const { _id, ...rest } = sample
    const seeded = (await requests.where({ status: 'assessed' }).count()).total
    // 36 more assessed: 12 high (rank 0), 14 medium (1), 10 low (2), each risk oldest first by minute.
    const ranks = [...Array(12).fill(0), ...Array(14).fill(1), ...Array(10).fill(2)] as number[]
    const added = ranks.map((riskRank, i) => ({
      ...rest,
      requestNo: `HLP${String(i).padStart(4, '0')}`,
      nurseSlot: `paging-${i}`,
      riskRank,
      createdAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z`
    }))
    const { ids } = await requests.add(added)
    const all = await b.ok('dispatcher', 'nursing', 'board', { status: 'assessed' })
    expect(all.requests).toHaveLength(30)
    expect(all.hasMore).toBe(true)
    // While 吴芳 reads page one, a colleague assigns two requests on it.
    const onFirst = all.requests.filter((r) => r.requestNo.startsWith('HLP')).slice(0, 2)
    for (const r of onFirst) await requests.doc((ids as string[])[Number(r.requestNo.slice(3))]).update({ status: 'assigned' })
    const rest2 = await b.ok('dispatcher', 'nursing', 'board', { status: 'assessed', after: all.next })
    const everyone = [...all.requests, ...rest2.requests].map((r) => r.requestNo)
    expect(new Set(everyone).size).toBe(everyone.length)
    expect(everyone).toHaveLength(seeded + ranks.length)
    expect(rest2.hasMore).toBe(false)
    // Page two still reads in risk order, then age.
    const order = rest2.requests.map((r) => added.find((a) => a.requestNo === r.requestNo)?.riskRank ?? -1).filter((x) => x >= 0)
    expect(order).toEqual([...order].sort((x, y) => x - y))
  })

  test('the day board lists every nurse’s visits in window order', async () => {
    const { nurses } = await b.ok('dispatcher', 'nursing', 'dayVisits', {
      date: TODAY
    })
    expect(nurses.map((n) => n.name)).toEqual(['周静'])
    expect(nurses[0].visits.map((v) => v.windowLabel)).toEqual([`${TODAY} 08:00-10:00`, `${TODAY} 10:00-12:00`, `${TODAY} 14:00-16:00`])
  })

  test('护理部 cancels an en-route visit with a reason: everything refunded, family and nurse told; not after arrival', async () => {
    const res = await b.ok('dispatcher', 'nursing', 'cancelByNursing', { id: demoNursingId('enRoute'), reason: '暴雪封路' }, rid())
    expect(res.request.cancellation).toMatchObject({ by: 'nursing', reason: '暴雪封路', kept: 0, text: '护理部取消，全额退款150元' })
    expect((await outboxOf(b.accountId('li_mei'))).some((m) => m.title === '上门护理已取消' && m.body.includes('暴雪封路'))).toBe(true)
    expect((await outboxOf(b.accountId('nurse'))).map((m) => m.title)).toContain('上门护理已取消')
    const late = await b.call('dispatcher', 'nursing', 'cancelByNursing', { id: demoNursingId('arrived'), reason: '暴雪封路' }, rid())
    expect(errorCode(late)).toBe('CONFLICT')
  })
})
