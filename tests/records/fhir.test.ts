import type { FhirResource } from '../../types/records-fhir'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { openTasks, profileOf } from './helpers'
import { addDays, cstDay } from '../../types/records-rules'
import { now } from '../../cloudfunctions/common/clock'
import { fhirProblems, references } from './fhir-validate'

let b: TestBackend
let father: string
beforeEach(async () => {
  b = await openBackend()
  father = (await profileOf(b, 'li_mei', '李德福')).id
})
afterEach(() => b.close())

const UCUM = 'http://unitsofmeasure.org'
const LOINC = 'http://loinc.org'
const ID = /^[A-Za-z0-9\-.]{1,64}$/

const codes = (r: FhirResource) =>
  ((r.code as { coding: Array<{ system: string; code: string }> }).coding ?? []).map((c) => `${c.system}|${c.code}`)
const category = (r: FhirResource) => (r.category as Array<{ coding: Array<{ code: string }> }>)[0].coding[0].code

test('the family’s export is a FHIR R4 Bundle whose references all resolve inside it', async () => {
  await b.call(
    'li_mei',
    'records',
    'addReading',
    {
      profileId: father,
      measure: { kind: 'glucose', value: 8.2, context: 'fasting' },
      measuredAt: new Date(Date.now() - 3600_000).toISOString()
    },
    rid()
  )
  await b.call(
    'li_mei',
    'records',
    'addReading',
    { profileId: father, measure: { kind: 'spo2', value: 97 }, measuredAt: new Date(Date.now() - 3600_000).toISOString() },
    rid()
  )
  const [task] = await openTasks(father, 'planned')
  await b.ok(
    'doctor',
    'records',
    'recordFollowUp',
    {
      taskId: task._id,
      form: {
        method: 'home',
        lifestyle: { smokingPerDay: 0, drinking: 'none', exerciseTimesPerWeek: 5, salt: 'light' },
        adherence: 'regular',
        classification: 'satisfactory',
        nextDate: addDays(cstDay(now()), 90)
      }
    },
    rid()
  )
  const { bundle, record, fileName } = await b.ok('li_mei', 'records', 'exportFhir', { profileId: father })
  expect(fileName).toMatch(/^健康档案_李德福_\d{4}-\d{2}-\d{2}\.json$/)
  expect((record.readings as unknown[]).length).toBeGreaterThan(10)
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })

  const byRef = new Map(bundle.entry.map((e) => [`${e.resource.resourceType}/${e.resource.id}`, e]))
  for (const e of bundle.entry) {
    expect(e.resource.id).toMatch(ID)
    expect(e.fullUrl.endsWith(`/${e.resource.resourceType}/${e.resource.id}`)).toBe(true)
    for (const ref of references(e.resource)) expect(byRef.has(ref) ? ref : `unresolved ${ref}`).toBe(ref)
  }
  expect(byRef.size).toBe(bundle.entry.length)

  const types = bundle.entry.map((e) => e.resource.resourceType)
  expect(new Set(types)).toEqual(
    new Set(['Patient', 'Observation', 'Appointment', 'MedicationRequest', 'ServiceRequest', 'CarePlan', 'Task'])
  )
  expect(fhirProblems(bundle)).toEqual([])
  const observations = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation')
  const bpObs = observations.find((o) => codes(o).includes(`${LOINC}|85354-9`))!
  expect(category(bpObs)).toBe('vital-signs')
  const components = bpObs.component as Array<{
    code: { coding: Array<{ code: string }> }
    valueQuantity: { system: string; code: string }
  }>
  expect(components.map((c) => c.code.coding[0].code)).toEqual(['8480-6', '8462-4'])
  expect(components[0].valueQuantity).toMatchObject({ system: UCUM, code: 'mm[Hg]' })
  const glucose = observations.find((o) => codes(o).includes(`${LOINC}|15074-8`))!
  expect(category(glucose)).toBe('laboratory')
  expect(glucose.meta).toBeUndefined()
  expect(glucose.valueQuantity).toMatchObject({ value: 8.2, system: UCUM, code: 'mmol/L' })
  const spo2 = observations.find((o) => codes(o).includes(`${LOINC}|2708-6`))!
  expect(codes(spo2)).toContain(`${LOINC}|59408-5`)
  expect(spo2.valueQuantity).toMatchObject({ system: UCUM, code: '%' })
  const done = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Task' && r.status === 'completed')!
  // The follow-up task points at the high readings that opened it.
  expect((done.input as unknown[]).length).toBe(3)
  expect(bundle.entry.some((e) => e.resource.resourceType === 'Task' && e.resource.status === 'requested')).toBe(true)
})

test('another family’s bundle cannot be exported', async () => {
  const other = (await profileOf(b, 'zhang_wei', '张伟')).id
  const res = await b.call('li_mei', 'records', 'exportFhir', { profileId: other })
  expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND')
})

test('the herbal prescription and the home nursing visit are in the export, and the validator refuses a broken bundle', async () => {
  const { bundle } = await b.ok('li_mei', 'records', 'exportFhir', { profileId: father })
  const rx = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'MedicationRequest')!
  expect(rx).toMatchObject({ status: 'active', intent: 'order', subject: { reference: `Patient/${father}` } })
  expect((rx.medicationCodeableConcept as { text: string }).text).toMatch(/^中药饮片处方：.+\d+g/)
  const visit = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'ServiceRequest')!
  expect(visit).toMatchObject({ intent: 'order', subject: { reference: `Patient/${father}` } })
  expect(fhirProblems(bundle)).toEqual([])

  // The same bundle with an Observation missing its required status, a heart rate without the
  // subject the vital-signs profile requires (the base Observation allows none), a Patient's
  // birthDate that is not a date, and a MedicationRequest without its medication.
  const broken = structuredClone(bundle)
  const obs = broken.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation')
  delete obs[0].status
  const hr = obs.find((o) => codes(o).includes(`${LOINC}|8867-4`))!
  delete hr.subject
  broken.entry[0].resource.birthDate = '1947年3月'
  delete broken.entry.find((e) => e.resource.resourceType === 'MedicationRequest')!.resource.medicationCodeableConcept
  const problems = fhirProblems(broken).join('\n')
  expect(problems).toMatch(/Observation\.status|entry\[\d+\]\.resource\.status/)
  expect(problems).toMatch(/birthDate/)
  expect(problems).toMatch(/subject/)
  expect(problems).toMatch(/medication/)
})

test('blood pressure is validated against the R4 bp profile: its panel code and both components are required', async () => {
  const { bundle } = await b.ok('li_mei', 'records', 'exportFhir', { profileId: father })
  expect(fhirProblems(bundle)).toEqual([])
  const broken = structuredClone(bundle)
  const observations = broken.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation')
  const [first, second] = observations.filter((r) => codes(r).includes(`${LOINC}|85354-9`))
  // The older panel code (55284-4) instead of 85354-9, and a reading that lost its diastolic component.
  first.code = { coding: [{ system: LOINC, code: '55284-4', display: 'Blood pressure systolic and diastolic' }] }
  second.component = (second.component as unknown[]).slice(0, 1)
  const problems = fhirProblems(broken).join('\n')
  expect(problems).toMatch(/slice 'BPCode'/)
  expect(problems).toMatch(/expected 2\.\.\*, but found 1/)
})
