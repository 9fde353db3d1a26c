import { DEFAULT_SETTINGS } from '../../../types/settings'
import { SECTION_LABELS, SETTING_DESCRIPTIONS } from '../../../types/settings-descriptions'
import { settingEditorOf } from '../../../types/settings-editors'
import type { SettingDescriptionView } from '../../../types/trust'
import type { ActionContext } from '../../common/router'
import { clearSettingsCache, flatSettings, getSettings } from '../../common/settings'
import type { Settings } from '../../../types/settings'

export function describeSettings(current: Settings): SettingDescriptionView[] {
  const values = flatSettings(current)
  const defaults = flatSettings(DEFAULT_SETTINGS)
  return Object.keys(defaults).map((key) => {
    const section = key.split('.')[0]
    const d = SETTING_DESCRIPTIONS[key] ?? { label: key, meaning: '' }
    return {
      key,
      section,
      sectionLabel: SECTION_LABELS[section] ?? section,
      label: d.label,
      meaning: d.meaning,
      unit: d.unit ?? null,
      defaultValue: defaults[key],
      value: values[key],
      editor: settingEditorOf(key)
    }
  })
}

/** Every hospital setting with its meaning, its default and the value in force. */
export async function getSettingsAction(_input: Record<string, never>, _ctx: ActionContext) {
  clearSettingsCache()
  return { settings: describeSettings(await getSettings()) }
}
