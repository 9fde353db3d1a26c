import type { NursingStatus, VisitRecordInput } from '../../../types/nursing'
import type { RecordRules } from '../../../types/records-rules'
import { iso, now } from '../../common/clock'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import { profileForStaff } from '../../common/patients'
import { openTasksFor, writeReadingsIn } from '../../common/readings'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { nurseStep } from '../visits'
import { visitReadings } from '../vitals'

/** Tries of the whole completion when a family's reading opened the same follow-up task at the same moment. */
const TRIES = 3

/**
 * 完成 with the visit record: what was done for every item asked for, vital signs, consumables,
 * advice. The vitals become readings of the patient's health record (source nurse) in the same
 * transaction as the completion, opening a follow-up task by the same rules as the family's own.
 */
export async function completeVisit(input: { id: string; from?: NursingStatus; record: VisitRecordInput }, ctx: ActionContext) {
  const rules = (await getSettings()).records
  for (let attempt = 1; ; attempt++) {
    try {
      return await complete(input, ctx, rules)
    } catch (err) {
      // The unique open key refused a second open task: read the winner's and join it.
      if (!isDuplicateKeyError(err) || attempt >= TRIES) throw err
    }
  }
}

async function complete(input: { id: string; from?: NursingStatus; record: VisitRecordInput }, ctx: ActionContext, rules: RecordRules) {
  const { accountId } = ctx.user()
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'in_service' }, 'completed', async (doc) => {
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
    // The nurse opens her patient's record to write to it: through the kernel's audited path.
    const profile = await profileForStaff(ctx, doc.profileId, { visit: doc._id, readings: 'nurse' })
    const readings = await visitReadings(doc._id, accountId, profile, input.record.vitals, rules, now())
    const existing = await openTasksFor(profile._id, readings)
    return {
      patch: { record },
      eventData: { vitals: input.record.vitals, readings: readings.map((r) => r.doc._id) },
      within: async (tx) => {
        await writeReadingsIn(tx, profile, readings, existing)
      }
    }
  })
}
