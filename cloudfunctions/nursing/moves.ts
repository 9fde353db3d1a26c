/**
 * Every status change of a home nursing request: the workflow table through the common
 * `transition` (the only writer of a status), the nurse's window held or let go with it, and the
 * notices it sends written to the outbox in the same transaction.
 */
import { NURSING_STATUS_LABELS, nursingWorkflow, type NursingStatus } from '../../types/nursing'
import { windowLabel } from '../../types/nursing-rules'
import type { Transaction } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import { enqueueIn, type OutboxInput } from '../common/outbox'
import { transition, type Actor } from '../common/transition'
import { stored } from '../common/typed'
import { REQUESTS, freeSlot, nurseSlotKey, type RequestDoc } from './docs'
import { staffWithRole } from './reads'

export const FAMILY_PAGE = '/packages/nursing/request/index'
export const NURSE_PAGE = '/packages/nursing-staff/visit/index'
export const CONSOLE_PAGE = '/packages/nursing-staff/console/index'

export interface Move {
  id: string
  to: NursingStatus
  /** Which side moves it: recorded on the event for the timeline. */
  as: 'family' | 'nursing' | 'nurse'
  actor: Actor
  /** The status the person saw; refused (CONFLICT) if the request has moved on since. */
  from?: NursingStatus
  note?: string
  patch?: Partial<RequestDoc>
  eventData?: Record<string, unknown>
  /** For the notices: the nurse's name when one is assigned. */
  nurseName?: string
  /** Other writes that belong to this move, in its transaction (a completed visit's readings). */
  within?: (tx: Transaction) => Promise<void>
}

export async function moveRequest(m: Move): Promise<RequestDoc> {
  const patch: Partial<RequestDoc> = { ...(m.patch ?? {}) }
  if (m.to === 'cancelled') patch.nurseSlot = freeSlot(m.id)
  // Back to 护理部 for reassignment: the nurse lets go of the window and of the visit.
  if (m.to === 'assessed') Object.assign(patch, { nurseSlot: freeSlot(m.id), nurseAccountId: null })
  // Only a family's cancel and a nurse's decline tell 护理部; spare the read on every other move.
  const toDispatchers = (m.to === 'cancelled' && m.as === 'family') || (m.to === 'assessed' && m.as === 'nurse')
  const dispatchers = toDispatchers ? await staffWithRole('nursing_dispatcher') : []
  try {
    const { doc } = await transition<NursingStatus, RequestDoc>({
      collection: REQUESTS,
      id: m.id,
      workflow: nursingWorkflow,
      labels: NURSING_STATUS_LABELS,
      to: m.to,
      actor: m.actor,
      ...(m.from ? { from: m.from } : {}),
      ...(m.note ? { note: m.note } : {}),
      patch: patch as Record<string, unknown>,
      eventData: { as: m.as, ...(m.eventData ?? {}) },
      within: async (tx, stateBefore) => {
        const before = stored<RequestDoc>(stateBefore)
        const after = { ...before, ...patch, status: m.to }
        for (const msg of notices(
          before,
          after,
          m,
          dispatchers.map((d) => d.accountId)
        ))
          await enqueueIn(tx, msg)
        if (m.within) await m.within(tx)
      }
    })
    return doc
  } catch (err) {
    if (m.to === 'assigned' && isDuplicateKeyError(err)) {
      throw new AppError('CONFLICT', '这位护士在该时段已有其他上门服务，请选择其他护士')
    }
    throw err
  }
}

/** The patch that hands a request to a nurse for its window (the unique slot holds the rule). */
export function assignPatch(doc: RequestDoc, nurseAccountId: string): Partial<RequestDoc> {
  return { nurseAccountId, nurseSlot: nurseSlotKey(nurseAccountId, doc.date, doc.window.start) }
}

function notices(before: RequestDoc, after: RequestDoc, m: Move, dispatchers: string[]): OutboxInput[] {
  const when = windowLabel(after.date, after.window)
  const what = after.items.map((i) => i.name).join('、')
  const toFamily = (title: string, body: string): OutboxInput => ({
    accountId: after.accountId,
    kind: `nursing_${after.status}`,
    title,
    body,
    page: `${FAMILY_PAGE}?id=${after._id}`,
    fields: { character_string1: after.requestNo, phrase2: NURSING_STATUS_LABELS[after.status], time3: when }
  })
  const toStaff = (accountId: string, title: string, body: string, page: string): OutboxInput => ({
    accountId,
    kind: `nursing_staff_${after.status}`,
    title,
    body,
    page: `${page}?id=${after._id}`
  })
  const nurseId = before.nurseAccountId
  switch (after.status) {
    case 'assessed':
      if (before.status === 'submitted')
        return [toFamily('上门护理申请已通过评估', `${after.patientName}的上门护理（${what}）已通过护理部评估，正在安排护士。`)]
      if (m.as === 'nurse')
        return dispatchers.map((d) =>
          toStaff(d, '护士婉拒了派单', `申请${after.requestNo}（${when}）被护士婉拒：${m.note ?? ''}，请重新派单。`, CONSOLE_PAGE)
        )
      return nurseId ? [toStaff(nurseId, '派单已收回', `护理部收回了申请${after.requestNo}（${when}）：${m.note ?? ''}。`, NURSE_PAGE)] : []
    case 'rejected':
      return [
        toFamily('上门护理申请未通过评估', `${after.patientName}的上门护理申请未通过评估：${m.note ?? ''}。如有疑问请联系医院护理部。`)
      ]
    case 'assigned':
      return [
        toFamily('已为您安排护士', `已安排${m.nurseName ?? '护士'}于${when}上门为${after.patientName}提供${what}。`),
        toStaff(after.nurseAccountId ?? '', '新的上门护理派单', `${when}，${after.address.region}，${what}。请尽快接单。`, NURSE_PAGE)
      ]
    case 'accepted':
      return [toFamily('护士已接单', `护士已确认于${when}上门为${after.patientName}提供${what}。`)]
    case 'en_route':
      return [toFamily('护士已出发', `护士已出发前往为${after.patientName}上门护理，请保持电话畅通并做好准备。`)]
    case 'completed':
      return [toFamily('上门护理已完成', `${after.patientName}的上门护理已完成，可在申请详情查看服务记录并评价。`)]
    case 'cancelled': {
      const out: OutboxInput[] = []
      if (m.as === 'nursing')
        out.push(
          toFamily(
            '上门护理已取消',
            `护理部取消了${after.patientName}${when}的上门护理：${m.note ?? ''}。${after.cancellation?.text ?? ''}`
          )
        )
      if (m.as === 'family')
        out.push(
          ...dispatchers.map((d) => toStaff(d, '家属取消了上门护理', `申请${after.requestNo}（${when}）已由家属取消。`, CONSOLE_PAGE))
        )
      if (nurseId) out.push(toStaff(nurseId, '上门护理已取消', `申请${after.requestNo}（${when}）已取消，无需上门。`, NURSE_PAGE))
      return out
    }
    default:
      return []
  }
}
