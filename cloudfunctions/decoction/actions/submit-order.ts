import type { SubmitOrderInput } from '../../../types/decoction'
import { holdKey, orderNumber, searchKeysOf } from '../../../types/decoction-rules'
import { handlingGroups } from '../../../types/decoction-herbs'
import { iso, today } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { rememberAddress } from '../../common/addresses'
import { ORDERS, type OrderDoc } from '../docs'
import { orderView } from '../views'
import { holders, nextSequence, ownPrescription } from '../reads'

/**
 * The family orders decoction and delivery for one of their prescriptions. A retried requestId is
 * answered by the router with the first reply; a second order for the same prescription, by any
 * path, hits the unique hold key.
 */
export async function submitOrder(input: SubmitOrderInput, ctx: ActionContext) {
  const { accountId } = ctx.user()
  await requireHealthDataConsent({ account: ctx.user().account }, '下代煎订单')
  const rx = await ownPrescription(accountId, input.prescriptionId)
  // accountId:requestId on the order: a retry whose first run inserted but never answered finds it.
  const requestKey = ctx.requestId ? `${accountId}:${ctx.requestId}` : undefined
  const held = (await holders([rx._id])).get(rx._id)
  if (held && requestKey && held.requestKey === requestKey) return orderView(held)
  if (held) throw alreadyOrdered(held)

  const at = iso()
  const orderNo = orderNumber(today(), await nextSequence(`order:${today()}`))
  const base = {
    orderNo,
    patientName: rx.patientName,
    patientPhone: rx.patientPhone,
    contactName: input.contactName,
    contactPhone: input.contactPhone
  }
  const doc: Omit<OrderDoc, '_id'> = {
    ...base,
    prescriptionId: rx._id,
    rxNo: rx.rxNo,
    profileId: rx.profileId,
    accountId,
    delivery: input.delivery,
    address: input.delivery === 'courier' && input.address ? input.address : null,
    doses: rx.doses,
    packsPerDose: rx.packsPerDose,
    mlPerPack: rx.mlPerPack,
    handlings: handlingGroups(rx.herbs).map((g) => g.handling),
    status: 'submitted',
    holdKey: holdKey(rx._id),
    searchKeys: searchKeysOf(base),
    createdAt: at,
    updatedAt: at,
    ...(requestKey ? { requestKey } : {})
  }
  let saved: OrderDoc
  try {
    const added = await db().collection(ORDERS).add(doc)
    saved = { ...doc, _id: added.id as string }
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
    const now = (await holders([rx._id])).get(rx._id)
    if (now && requestKey && now.requestKey === requestKey) return orderView(now)
    if (now) throw alreadyOrdered(now)
    throw err
  }
  if (input.remember !== false && doc.address) {
    // The order stands whatever happens here: a failed save only means typing the address again next time.
    await rememberAddress(accountId, { contactName: input.contactName, contactPhone: input.contactPhone, ...doc.address }).catch((err) =>
      console.error('[decoction] saving the address failed', err)
    )
  }
  return orderView(saved)
}

function alreadyOrdered(o: OrderDoc): AppError {
  return new AppError('CONFLICT', `这张处方已申请代煎（订单号${o.orderNo}），请在订单中查看`)
}
