import { db } from '../../cloudfunctions/common/db'
import { formatHerbList, parseHerbList } from '../../types/decoction-herbs'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { HERBS, prescribe, profileOf } from './helpers'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

const count = async (collection: string) => (await db().collection(collection).count()).total
const base = (profileId: string) => ({
  profileId,
  doctorName: '孟庆和',
  herbs: HERBS,
  doses: 7,
  packsPerDose: 2,
  mlPerPack: 200,
  instructions: '每日1剂，早晚饭后温服'
})

describe('the pharmacy enters a prescription', () => {
  test('found by phone, typed as text, parsed, saved: the family sees it under 李德福 and gets a message', async () => {
    const { patients } = await b.ok('pharmacist', 'account', 'findPatients', { phone: '13953187721' })
    expect(patients.map((p) => p.nameMasked)).toEqual(['李*福'])
    const parsed = parseHerbList('黄芪30 当归15 川芎10\n制附子 9 先煎\n阿胶 10g 烊化')
    expect(parsed.errors).toEqual([])
    const herbs = parsed.herbs.map(({ name, grams, handling }) => ({ name, grams, handling }))

    const rx = await b.ok('pharmacist', 'decoction', 'createPrescription', { ...base(patients[0].id), herbs }, rid())
    expect(rx).toMatchObject({ patientName: '李德福', doctorName: '孟庆和', doses: 7, order: null })
    expect(rx.rxNo).toMatch(/^RX\d{8}\d{4}$/)
    expect(formatHerbList(rx.herbs)).toBe('黄芪 30g\n当归 15g\n川芎 10g\n制附子 9g 先煎\n阿胶 10g 烊化')

    const father = await profileOf(b, 'li_mei', '李德福')
    const mine = await b.ok('li_mei', 'decoction', 'listPrescriptions', { profileId: father.id })
    expect(mine.prescriptions[0].id).toBe(rx.id)
    const { messages } = await b.ok('li_mei', 'account', 'listMessages', {})
    expect(messages[0]).toMatchObject({ kind: 'decoction_prescription', title: '新的中药处方' })
    expect(messages[0].body).toContain('李德福')
  })

  test('a doctor may enter one too; a nurse may not', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    expect((await b.call('doctor', 'decoction', 'createPrescription', base(father.id), rid())).ok).toBe(true)
    const nurse = await b.call('nurse', 'decoction', 'createPrescription', base(father.id), rid())
    expect(nurse.ok ? 'ok' : nurse.error.code).toBe('FORBIDDEN')
  })

  test('the same herb twice is refused, naming it, and nothing is written', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    const before = await count('prescriptions')
    const res = await b.call(
      'pharmacist',
      'decoction',
      'createPrescription',
      { ...base(father.id), herbs: [...HERBS, { name: '黄芪', grams: 10, handling: null }] },
      rid()
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'herbs.5.name': '「黄芪」重复录入' } } })
    expect(await count('prescriptions')).toBe(before)
  })

  test('bad grams and an unknown handling are named per herb in Chinese', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    const herbs = [
      { name: '黄芪', grams: 0, handling: null },
      { name: '当归', grams: 10, handling: '慢煎' }
    ]
    const res = await b.callUnchecked('pharmacist', 'decoction', 'createPrescription', { ...base(father.id), herbs }, rid())
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: { 'herbs.0.grams': '克数应大于0', 'herbs.1.handling': '煎法只能是先煎、后下、包煎、另煎、烊化、冲服' }
      }
    })
  })

  test('a retried request makes one prescription; numbers run on within the day', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    const requestId = rid()
    const first = await b.ok('pharmacist', 'decoction', 'createPrescription', base(father.id), requestId)
    const again = await b.ok('pharmacist', 'decoction', 'createPrescription', base(father.id), requestId)
    expect(again.id).toBe(first.id)
    const next = await prescribe(b, father.id)
    expect(Number(next.rxNo.slice(-4))).toBe(Number(first.rxNo.slice(-4)) + 1)
  })

  test('a removed or unknown profile cannot get a prescription', async () => {
    const res = await b.call('pharmacist', 'decoction', 'createPrescription', base('no_such_profile'), rid())
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('linked to the appointment it came from', () => {
  test('an appointment of this patient is kept on the prescription', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    await db().collection('appointments').add({ _id: 'appt_father', profileId: father.id, status: 'completed' })
    const rx = await prescribe(b, father.id, { appointmentId: 'appt_father' })
    expect(rx.appointmentId).toBe('appt_father')
  })

  test('an appointment that does not exist, or is another patient’s, is refused under 预约记录', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    const daughter = await profileOf(b, 'li_mei', '李梅')
    await db().collection('appointments').add({ _id: 'appt_daughter', profileId: daughter.id, status: 'completed' })
    for (const appointmentId of ['appt_missing', 'appt_daughter']) {
      const res = await b.call('pharmacist', 'decoction', 'createPrescription', { ...base(father.id), appointmentId }, rid())
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { appointmentId: '没有找到这位就诊人的这次预约' } } })
    }
  })
})

describe('what a family sees', () => {
  test('only their own prescriptions: another family’s profile or prescription is not found', async () => {
    const child = await profileOf(b, 'zhang_wei', '张子涵')
    const theirs = await prescribe(b, child.id)
    const byProfile = await b.call('li_mei', 'decoction', 'listPrescriptions', { profileId: child.id })
    expect(byProfile.ok ? 'ok' : byProfile.error.code).toBe('NOT_FOUND')
    const byId = await b.call('li_mei', 'decoction', 'getPrescription', { id: theirs.id })
    expect(byId.ok ? 'ok' : byId.error.code).toBe('NOT_FOUND')
    const all = await b.ok('li_mei', 'decoction', 'listPrescriptions', {})
    expect(all.prescriptions.some((p) => p.id === theirs.id)).toBe(false)
    expect(new Set(all.prescriptions.map((p) => p.patientName))).toEqual(new Set(['李德福', '李梅']))
  })

  test('the demo family starts with 李德福’s prescription awaiting an order and one being decocted', async () => {
    const father = await profileOf(b, 'li_mei', '李德福')
    const { prescriptions } = await b.ok('li_mei', 'decoction', 'listPrescriptions', {
      profileId: father.id
    })
    expect(prescriptions.map((p) => p.order?.status ?? null).sort()).toEqual(['decocting', null])
  })
})
