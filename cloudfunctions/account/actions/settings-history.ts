import { SETTING_DESCRIPTIONS } from '../../../types/settings-descriptions'
import type { ActionContext } from '../../common/router'
import { SETTINGS_HISTORY, type SettingsChangeDoc } from '../../common/settings'
import { collection } from '../../common/typed'

/** Every change to the hospital's rules, newest first: who changed what from what to what. */
export async function settingsHistory(input: { key?: string; limit?: number }, _ctx: ActionContext) {
  const q = collection<SettingsChangeDoc>(SETTINGS_HISTORY).where(input.key ? { key: input.key } : {})
  const res = await q
    .orderBy('at', 'desc')
    .limit(input.limit ?? 50)
    .get()
  return {
    changes: res.data.map((c) => ({
      id: c._id,
      at: c.at,
      by: c.by,
      key: c.key,
      label: SETTING_DESCRIPTIONS[c.key]?.label ?? c.key,
      before: c.before,
      after: c.after
    }))
  }
}
