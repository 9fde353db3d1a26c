import type { PrescriptionInput } from '../../../types/decoction'
import { prescriptionNumber } from '../../../types/decoction-rules'
import { iso, today } from '../../common/clock'
import { createHash, randomUUID } from 'node:crypto'
import { db, firstDoc, inTransaction } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import { enqueueIn } from '../../common/outbox'
import { anyActiveProfile } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { APPOINTMENTS, PRESCRIPTIONS, type PrescriptionDoc } from '../docs'
import { prescriptionView } from '../views'
import { nextSequence } from '../reads'

const BAD_APPOINTMENT = '没有找到这位就诊人的这次预约'

/** The appointment a prescription came from must exist and be this patient's. */
async function checkAppointment(appointmentId: string, profileId: string): Promise<void> {
  const res = await db().collection(APPOINTMENTS).doc(appointmentId).get()
  const appt = firstDoc<{ _id: string; profileId?: string }>(res)
  if (!appt || appt.profileId !== profileId) throw new AppError('INVALID_INPUT', BAD_APPOINTMENT, { appointmentId: BAD_APPOINTMENT })
}

async function earlier(id: string): Promise<PrescriptionDoc | undefined> {
  return firstDoc<PrescriptionDoc>(await db().collection(PRESCRIPTIONS).doc(id).get())
}

/** A pharmacist or doctor enters a patient's herbal prescription; the family is told they may order decoction. */
export async function createPrescription(input: PrescriptionInput, ctx: ActionContext) {
  const { accountId } = ctx.user()
  // The id comes from the request, so a retry after a lost reply (or a lease takeover) finds the
  // prescription its first run wrote instead of writing a second one.
  const id = `rx_${createHash('sha256')
    .update(`${accountId}\n${ctx.requestId ?? randomUUID()}`)
    .digest('hex')
    .slice(0, 32)}`
  const first = await earlier(id)
  if (first) return prescriptionView(first, null)
  const profile = await anyActiveProfile(input.profileId, '没有找到这位就诊人，请重新查找')
  if (input.appointmentId) await checkAppointment(input.appointmentId, profile._id)
  const staff = await db().collection('staff').where({ _id: accountId }).get()
  const enteredByName = (staff.data[0] as { name?: string } | undefined)?.name ?? '药房'

  const doc: Omit<PrescriptionDoc, '_id'> = {
    rxNo: prescriptionNumber(today(), await nextSequence(`rx:${today()}`)),
    profileId: profile._id,
    accountId: profile.accountId,
    patientName: profile.name,
    patientPhone: profile.phone,
    doctorName: input.doctorName,
    ...(input.diagnosis ? { diagnosis: input.diagnosis } : {}),
    ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
    herbs: input.herbs,
    doses: input.doses,
    packsPerDose: input.packsPerDose,
    mlPerPack: input.mlPerPack,
    instructions: input.instructions,
    enteredBy: { accountId, name: enteredByName },
    createdAt: iso()
  }
  const saved = { ...doc, _id: id }
  try {
    // The prescription and the family's notice commit together or not at all.
    await inTransaction(async (tx) => {
      await tx.collection(PRESCRIPTIONS).add(saved)
      await enqueueIn(tx, {
        accountId: saved.accountId,
        kind: 'decoction_prescription',
        title: '新的中药处方',
        body: `${saved.patientName}的中药处方（${saved.doses}剂）已开具，可申请医院代煎并免费配送到家。`,
        page: `/packages/decoction/prescription/index?id=${saved._id}`,
        fields: { character_string1: saved.rxNo, thing2: `${saved.patientName} ${saved.doses}剂` },
        dedupeKey: `decoction_rx_${saved._id}`
      })
    })
  } catch (err) {
    // The same request run twice at once: the first one's prescription is the answer.
    if (!isDuplicateKeyError(err)) throw err
    const first = await earlier(id)
    if (!first) throw err
    return prescriptionView(first, null)
  }
  await ctx.audit({
    target: `${PRESCRIPTIONS}:${saved._id}`,
    detail: { rxNo: saved.rxNo, profileId: saved.profileId, herbs: saved.herbs.length }
  })
  return prescriptionView(saved, null)
}
