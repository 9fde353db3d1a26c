import { AppError } from '../../common/errors'
import { iso } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { updateHospitalSettings } from '../../common/settings'
import { collection } from '../../common/typed'
import { STAFF, type StaffDoc } from '../docs'
import { describeSettings } from './get-settings'
import { getSettings } from '../../common/settings'

/** The admin changes the hospital's rules; effective at once, every change audited with before and after. */
export async function updateSettings(input: { changes: Record<string, unknown> }, ctx: ActionContext) {
  const { accountId, account } = ctx.user()
  const staff = (await collection<StaffDoc>(STAFF).where({ accountId }).limit(1).get()).data[0]
  const by = { accountId, name: staff?.name ?? account.nickname }
  const { errors, changed } = await updateHospitalSettings(input.changes, by, iso())
  if (errors) throw new AppError('INVALID_INPUT', Object.values(errors)[0] ?? '设置有误', errors)
  if (changed.length)
    await ctx.audit({
      target: 'settings:hospital',
      detail: { changes: changed.map((c) => ({ key: c.key, before: c.before, after: c.after })) }
    })
  return { settings: describeSettings(await getSettings()), changed: changed.map((c) => c.key) }
}
