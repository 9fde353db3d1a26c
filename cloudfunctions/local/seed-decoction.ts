/**
 * Demo prescriptions and decoction orders, so the app shows real things on first start:
 * 李德福 has a prescription awaiting an order and one order being decocted; 李梅 collected one last
 * month; 张伟's family has orders waiting for review, soaking (past its time) and shipped.
 * Orders carry the status events their history would have written.
 */
import type { DecoctStep, Delivery, HerbInput } from '../../types/decoction'
import { handlingGroups } from '../../types/decoction-herbs'
import { holdKey, orderNumber, prescriptionNumber, searchKeysOf } from '../../types/decoction-rules'
import type { ProfileDoc } from '../common/patients'
import { ADDRESSES, addressKey } from '../common/addresses'
import { EVENTS, ORDERS, PRESCRIPTIONS, type OrderDoc, type PrescriptionDoc, type StepData } from '../decoction/docs'
import { nextSequence } from '../decoction/reads'
import { local, now } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor } from '../common/identity'
import { demoOpenid } from './demo'
import { DEMO_DECOCTION, type DemoRx } from './seed-data'

const MINUTE = 60_000

const ago = (minutes: number) => new Date(now().getTime() - minutes * MINUTE).toISOString()
const dayOf = (isoTime: string) => local(isoTime).format('YYYY-MM-DD')

async function profileOf(accountKey: string, name: string): Promise<ProfileDoc> {
  const res = await db()
    .collection('profiles')
    .where({ accountId: accountIdFor(demoOpenid(accountKey)), name })
    .get()
  const p = res.data[0] as ProfileDoc | undefined
  if (!p) throw new Error(`seed: no profile ${name} in ${accountKey}`)
  return p
}

async function addPrescription(rx: DemoRx, profile: ProfileDoc, pharmacistId: string): Promise<PrescriptionDoc> {
  const createdAt = ago(rx.minutesAgo)
  const doc: Omit<PrescriptionDoc, '_id'> = {
    rxNo: prescriptionNumber(dayOf(createdAt), await nextSequence(`rx:${dayOf(createdAt)}`)),
    profileId: profile._id,
    accountId: profile.accountId,
    patientName: profile.name,
    patientPhone: profile.phone,
    doctorName: rx.doctorName,
    diagnosis: rx.diagnosis,
    herbs: rx.herbs as HerbInput[],
    doses: rx.doses,
    packsPerDose: rx.packsPerDose,
    mlPerPack: rx.mlPerPack,
    instructions: rx.instructions,
    enteredBy: { accountId: pharmacistId, name: '钱志刚' },
    createdAt
  }
  const added = await db().collection(PRESCRIPTIONS).add(doc)
  return { ...doc, _id: added.id as string }
}

function stepData(
  step: NonNullable<DemoRx['order']>['path'][number],
  rx: PrescriptionDoc,
  at: string
): { patch: Partial<OrderDoc>; data: StepData } {
  switch (step.to) {
    case 'soaking':
      return { patch: { soakStartedAt: at }, data: { startedAt: at } }
    case 'decocting': {
      const steps: DecoctStep[] = (step.steps ?? []).map((s) => ({
        ...s,
        herbs: rx.herbs.filter((h) => h.handling === s.handling).map((h) => h.name)
      }))
      return {
        patch: { decoction: { machine: step.machine ?? '1号煎药机', startedAt: at, steps } },
        data: { machine: step.machine, startedAt: at, steps }
      }
    }
    case 'packed':
      return { patch: { packCount: rx.doses * rx.packsPerDose }, data: { packCount: rx.doses * rx.packsPerDose } }
    case 'shipped':
      return {
        patch: { courier: { company: step.courier ?? '', trackingNo: step.trackingNo ?? '' } },
        data: { courier: step.courier, trackingNo: step.trackingNo }
      }
    default:
      return { patch: {}, data: {} }
  }
}

async function addOrder(spec: NonNullable<DemoRx['order']>, rx: PrescriptionDoc, pharmacistId: string): Promise<void> {
  const createdAt = ago(spec.minutesAgo)
  const base = {
    orderNo: orderNumber(dayOf(createdAt), await nextSequence(`order:${dayOf(createdAt)}`)),
    patientName: rx.patientName,
    patientPhone: rx.patientPhone,
    contactName: spec.contactName,
    contactPhone: spec.contactPhone
  }
  let order: Omit<OrderDoc, '_id'> = {
    ...base,
    prescriptionId: rx._id,
    rxNo: rx.rxNo,
    profileId: rx.profileId,
    accountId: rx.accountId,
    delivery: spec.delivery as Delivery,
    address: spec.address ?? null,
    doses: rx.doses,
    packsPerDose: rx.packsPerDose,
    mlPerPack: rx.mlPerPack,
    handlings: handlingGroups(rx.herbs).map((g) => g.handling),
    status: 'submitted',
    holdKey: holdKey(rx._id),
    searchKeys: searchKeysOf(base),
    createdAt,
    updatedAt: createdAt
  }
  const events: Array<Record<string, unknown>> = []
  for (const step of spec.path) {
    const at = ago(step.minutesAgo)
    const { patch, data } = stepData(step, rx, at)
    events.push({
      collection: ORDERS,
      from: order.status,
      to: step.to,
      by: step.by === 'patient' ? { accountId: rx.accountId, roles: ['patient'] } : { accountId: pharmacistId, roles: ['pharmacist'] },
      at,
      ...(Object.values(data).some((v) => v !== undefined) ? { data } : {})
    })
    order = { ...order, ...patch, status: step.to, updatedAt: at }
  }
  const added = await db().collection(ORDERS).add(order)
  if (events.length)
    await db()
      .collection(EVENTS)
      .add(events.map((e) => ({ ...e, docId: added.id as string })))
}

export async function seedDecoction(): Promise<void> {
  const pharmacistId = accountIdFor(demoOpenid('pharmacist'))
  for (const rx of DEMO_DECOCTION.prescriptions) {
    const profile = await profileOf(rx.account, rx.patient)
    const saved = await addPrescription(rx, profile, pharmacistId)
    if (rx.order) await addOrder(rx.order, saved, pharmacistId)
  }
  const at = ago(0)
  for (const a of DEMO_DECOCTION.addresses) {
    const accountId = accountIdFor(demoOpenid(a.account))
    const fields = { contactName: a.contactName, contactPhone: a.contactPhone, region: a.region, detail: a.detail }
    await db()
      .collection(ADDRESSES)
      .add({ accountId, ...fields, uniqueKey: addressKey(accountId, fields), lastUsedAt: at, createdAt: at })
  }
}
