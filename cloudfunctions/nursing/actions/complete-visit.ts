import type { NursingStatus, VisitRecordInput } from '../../../types/nursing'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { nurseStep } from '../visits'

/**
 * 完成 with the visit record: what was done for every item asked for, vital signs, consumables,
 * advice. The vitals are kept with the record for the health record to read as readings (source nurse).
 */
export async function completeVisit(input: { id: string; from?: NursingStatus; record: VisitRecordInput }, ctx: ActionContext) {
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'in_service' }, 'completed', (doc) => {
    const done = new Map(input.record.items.map((i) => [i.code, i.done]))
    const missing = doc.items.filter((i) => !done.has(i.code))
    if (missing.length)
      throw new AppError('INVALID_INPUT', `请记录「${missing.map((i) => i.name).join('、')}」的操作`, { items: '有项目未记录' })
    const extra = input.record.items.filter((i) => !doc.items.some((d) => d.code === i.code))
    if (extra.length) throw new AppError('INVALID_INPUT', '记录了申请以外的项目', { items: '项目不在申请中' })
    const record = {
      ...input.record,
      items: doc.items.map((i) => ({ code: i.code, name: i.name, done: done.get(i.code)! })),
      at: iso()
    }
    return { patch: { record }, eventData: { vitals: input.record.vitals } }
  })
}
