import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../types/settings'
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
