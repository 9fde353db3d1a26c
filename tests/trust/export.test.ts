/** 我的 → 隐私与数据 → 导出我的数据: every service's data for every profile, nothing of another family. */
import { openBackend, type TestBackend } from '../helpers/backend'
import { EXPORT_SOURCES } from '../../cloudfunctions/common/export'
import { db } from '../../cloudfunctions/common/db'

let b: TestBackend
beforeAll(async () => {
  b = await openBackend()
})
afterAll(() => b.close())

test("李梅's export holds every service's data for every profile and nothing of another family", async () => {
  const mine = b.accountId('li_mei')
  const doc = await b.ok('li_mei', 'account', 'exportMyData', {})
  const profiles = (await db().collection('profiles').where({ accountId: mine }).get()).data as Array<{ _id: string }>
  expect(doc.profiles.map((p) => p.profile._id).sort()).toEqual(profiles.map((p) => p._id).sort())

  // Every holding in the database that names one of her profiles is in the export, and no other.
  for (const src of EXPORT_SOURCES) {
    const held = (await db().collection(src.collection).limit(1000).get()).data as Array<Record<string, string>>
    const hers = held.filter((d) => profiles.some((p) => p._id === d[src.profileField]))
    const exported = doc.profiles.flatMap((p) => p.data[src.key] ?? [])
    expect({ key: src.key, ids: exported.map((d) => d._id).sort() }).toEqual({ key: src.key, ids: hers.map((d) => d._id).sort() })
  }
  const defu = doc.profiles.find((p) => p.profile.name === '李德福')!
  for (const key of [
    'appointments',
    'prescriptions',
    'decoctionOrders',
    'nursingRequests',
    'readings',
    'followUpTasks',
    'programmeEnrolments'
  ])
    expect({ key, n: (defu.data[key] ?? []).length > 0 }).toEqual({ key, n: true })
  expect(defu.data.decoctionOrdersEvents.length).toBeGreaterThan(0)
  expect(defu.data.nursingRequestsEvents.length).toBeGreaterThan(0)
  expect(defu.profile.idNumber).toMatch(/^\d{17}[\dX]$/)
  expect(defu.profile).not.toHaveProperty('idNumberEnc')
  expect(defu.fhir).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
  const kinds = (defu.fhir.entry as Array<{ resource: { resourceType: string } }>).map((e) => e.resource.resourceType)
  expect(kinds).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Appointment', 'CarePlan', 'Task']))
  expect(doc.accountData.messages.every((m) => m.accountId === mine)).toBe(true)
  expect(doc.accountData.addresses.length).toBeGreaterThan(0)

  const text = JSON.stringify(doc)
  const others = (
    await db()
      .collection('profiles')
      .where({ accountId: b.accountId('zhang_wei') })
      .get()
  ).data as Array<{
    _id: string
    name: string
    phone: string
  }>
  expect(others.length).toBeGreaterThan(0)
  for (const o of others) {
    expect(text).not.toContain(o._id)
    expect(text).not.toContain(o.name)
    expect(text).not.toContain(o.phone)
  }
  expect(text).not.toContain(b.accountId('zhang_wei'))
})
