import { randomUUID } from 'node:crypto'
import { SERVICE_AGREEMENT_VERSION, type SubmitRequestInput } from '../../../types/nursing'
import { feesOf, windowProblem, windowStartsAt } from '../../../types/nursing-rules'
import { ownAddress } from '../../common/addresses'
import { iso, local } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import { AppError } from '../../common/errors'
import { ownProfile } from '../../common/patients'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { inTransaction } from '../../common/db'
import { isDuplicateKeyError } from '../../common/errors'
import { requestDocId } from '../../common/request-key'
import { byId } from '../../common/typed'
import { countInsertIn } from '../../common/status-counts'
import { REQUESTS, freeSlot, type RequestDoc } from '../docs'
import { isOwnPhoto } from '../photos'
import { itemsByCode, nextSequence } from '../reads'
import { requestView } from '../views'

/** A family asks for a home visit for one of their profiles. A retried requestId replays the first reply (router). */
export async function submitRequest(input: SubmitRequestInput, ctx: ActionContext) {
  const { accountId } = ctx.user()
  // The id comes from the request: a retry whose saved reply is gone (a call cut off after its write,
  // a reply past its keeping days) answers with the request it filed instead of filing a second.
  const id = requestDocId('nr', accountId, ctx.requestId)
  const earlier = id ? await byId<RequestDoc>(REQUESTS, id) : undefined
  if (earlier && earlier.accountId === accountId) return requestView(earlier, { as: 'family' })
  await requireHealthDataConsent({ account: ctx.user().account }, '申请上门护理')
  const rules = (await getSettings()).nursing
  const [profile, address, items] = await Promise.all([
    ownProfile(accountId, input.profileId),
    ownAddress(accountId, input.addressId, '没有找到这个地址，请重新选择'),
    itemsByCode(input.items)
  ])
  const codes = Array.from(new Set(input.items))
  if (codes.length > rules.maxItemsPerRequest)
    throw new AppError('INVALID_INPUT', `一次最多预约${rules.maxItemsPerRequest}个项目`, { items: '项目太多' })
  const chosen = codes.map((c) => items.get(c))
  if (chosen.some((i) => !i || !i.active)) throw new AppError('INVALID_INPUT', '所选项目暂不提供，请重新选择', { items: '项目不存在' })
  const now = iso()
  const problem = windowProblem(input.date, input.window, now, rules)
  if (problem) throw new AppError('OUTSIDE_WINDOW', problem, { window: problem })
  const photos = input.photos ?? []
  if (photos.length > rules.maxPhotos) throw new AppError('INVALID_INPUT', `最多上传${rules.maxPhotos}张图片`, { photos: '图片太多' })
  if (photos.some((p) => !isOwnPhoto(accountId, p))) throw new AppError('INVALID_INPUT', '图片无效，请重新上传', { photos: '图片无效' })

  const lines = chosen.map((i) => ({
    code: i!.code,
    name: i!.name,
    minutes: i!.minutes,
    visitFee: i!.visitFee,
    itemFee: i!.itemFee,
    certificate: i!.certificate
  }))
  const day = local(now).format('YYYYMMDD')
  const _id = id ?? `nr_${randomUUID().replace(/-/g, '').slice(0, 20)}`
  const doc: RequestDoc = {
    _id,
    requestNo: `HL${day}${String(await nextSequence(`nursing:${day}`)).padStart(4, '0')}`,
    status: 'submitted',
    accountId,
    profileId: profile._id,
    patientName: profile.name,
    patientSex: profile.sex,
    patientBirthDate: profile.birthDate,
    patientIdMasked: profile.idNumberMasked,
    items: lines,
    date: input.date,
    window: input.window,
    windowStartsAt: windowStartsAt(input.date, input.window),
    fees: feesOf(lines),
    address: { region: address.region, detail: address.detail },
    contactName: address.contactName,
    contactPhone: address.contactPhone,
    health: input.health,
    photos,
    consent: { version: SERVICE_AGREEMENT_VERSION, at: now },
    risk: null,
    riskRank: 0,
    nurseAccountId: null,
    nurseSlot: freeSlot(_id),
    record: null,
    rating: null,
    cancellation: null,
    locations: {},
    createdAt: now,
    updatedAt: now
  }
  // Counted on 护理部's tabs: the request and its count are written together.
  try {
    await inTransaction(async (tx) => {
      await tx.collection(REQUESTS).add(doc)
      await countInsertIn(tx, REQUESTS, doc.status)
    })
  } catch (err) {
    // The same retry twice at once: the one that lost answers with what the other filed.
    const filed = isDuplicateKeyError(err) ? await byId<RequestDoc>(REQUESTS, _id) : undefined
    if (filed && filed.accountId === accountId) return requestView(filed, { as: 'family' })
    throw err
  }
  return requestView(doc, { as: 'family' })
}
