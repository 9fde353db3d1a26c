import type { FhirBundle, FhirResource } from '../../types/records-fhir'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { openTasks, profileOf } from './helpers'
import { addDays, cstDay } from '../../types/records-rules'
import { now } from '../../cloudfunctions/common/clock'

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

/** Every `reference` anywhere in a resource. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v)
      else references(v, out)
    }
  }
  return out
}

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
  const [task] = await openTasks(father, 'high_readings')
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
  const { bundle, record, fileName } = await b.ok<{ bundle: FhirBundle; record: { readings: unknown[] }; fileName: string }>(
    'li_mei',
    'records',
    'exportFhir',
    { profileId: father }
  )
  expect(fileName).toMatch(/^健康档案_李德福_\d{4}-\d{2}-\d{2}\.json$/)
  expect(record.readings.length).toBeGreaterThan(10)
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })

  const byRef = new Map(bundle.entry.map((e) => [`${e.resource.resourceType}/${e.resource.id}`, e]))
  for (const e of bundle.entry) {
    expect(e.resource.id).toMatch(ID)
    expect(e.fullUrl.endsWith(`/${e.resource.resourceType}/${e.resource.id}`)).toBe(true)
    for (const ref of references(e.resource)) expect(byRef.has(ref) ? ref : `unresolved ${ref}`).toBe(ref)
  }
  expect(byRef.size).toBe(bundle.entry.length)

  const types = bundle.entry.map((e) => e.resource.resourceType)
  expect(new Set(types)).toEqual(new Set(['Patient', 'Observation', 'Appointment', 'CarePlan', 'Task']))
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
