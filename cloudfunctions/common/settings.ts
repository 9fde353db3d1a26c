import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../types/settings'
import { settingIssueMessage, unsafeSettingMessage } from '../../types/settings-editors'
import { isSafeText } from '../../types/text'
import { db } from './db'

const TTL_MS = 30_000
let cached: { at: number; value: Settings } | undefined

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] }

function merge(base: Settings, over: DeepPartial<Settings>): Settings {
  const out = JSON.parse(JSON.stringify(base)) as Record<string, Record<string, unknown>>
  for (const [section, values] of Object.entries(over ?? {})) {
    if (out[section] && values && typeof values === 'object') Object.assign(out[section], values)
  }
  return settingsSchema.parse(out)
}

/** The hospital's settings: defaults overlaid with the `settings/hospital` document. */
export async function getSettings(): Promise<Settings> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value
  const res = await db().collection('settings').where({ _id: 'hospital' }).get()
  const doc = (res.data[0] ?? {}) as DeepPartial<Settings>
  const value = merge(DEFAULT_SETTINGS, doc)
  cached = { at: Date.now(), value }
  return value
}

export function clearSettingsCache(): void {
  cached = undefined
}

/** Settings are shown in every staff list that uses them: no control or bidi characters anywhere. */
function safeDeep(v: unknown): boolean {
  if (typeof v === 'string') return isSafeText(v)
  if (Array.isArray(v)) return v.every(safeDeep)
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => isSafeText(k) && safeDeep(x))
  return true
}

export const SETTINGS_HISTORY = 'settings_history'

export interface SettingsChangeDoc {
  _id: string
  at: string
  by: { accountId: string; name: string }
  key: string
  before: unknown
  after: unknown
}

/** The settings as `section.field` → value, the shape the admin page edits. */
export function flatSettings(s: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [section, values] of Object.entries(s)) {
    for (const [field, value] of Object.entries(values as Record<string, unknown>)) out[`${section}.${field}`] = value
  }
  return out
}

/**
 * Applies an admin's changes: all or nothing. A bad value answers Chinese field errors keyed
 * `section.field`, worded for the input they are shown under (settings-editors.ts), and changes nothing; a good one is stored, the cache cleared (so this instance
 * uses it at once, others within the 30 s cache), and each changed value written to the history.
 */
export async function updateHospitalSettings(
  changes: Record<string, unknown>,
  by: { accountId: string; name: string },
  at: string
): Promise<{ errors?: Record<string, string>; changed: SettingsChangeDoc[] }> {
  clearSettingsCache()
  const current = await getSettings()
  const next = JSON.parse(JSON.stringify(current)) as Record<string, Record<string, unknown>>
  const errors: Record<string, string> = {}
  for (const [key, value] of Object.entries(changes)) {
    const [section, field] = key.split('.')
    if (!next[section] || !(field in next[section])) errors[key] = '没有这个设置项'
    else if (!safeDeep(value)) errors[key] = unsafeSettingMessage(key)
    else next[section][field] = value
  }
  if (Object.keys(errors).length) return { errors, changed: [] }
  const parsed = settingsSchema.safeParse(next)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.slice(0, 2).join('.')
      errors[key] ??= settingIssueMessage(key, issue, issue.path.slice(2))
    }
    return { errors, changed: [] }
  }
  const before = flatSettings(current)
  const after = flatSettings(parsed.data)
  const changed: SettingsChangeDoc[] = Object.keys(changes)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((key) => ({ _id: '', at, by, key, before: before[key], after: after[key] }))
  if (!changed.length) return { changed }
  await db().collection('settings').doc('hospital').set(parsed.data)
  for (const c of changed) {
    const { _id: _unused, ...doc } = c
    const res = await db().collection(SETTINGS_HISTORY).add(doc)
    c._id = String((res as { id?: string }).id ?? '')
  }
  clearSettingsCache()
  return { changed }
}
