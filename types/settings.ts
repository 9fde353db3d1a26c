/**
 * Hospital configuration. Every number DOMAIN.md gives is a default here, overridden per hospital
 * by the `settings` document `hospital` (admin-edited), never a constant in code.
 */
import { z } from 'zod'
import { DEFAULT_RECORDS_SETTINGS, recordsSettingsSchema } from './records-settings'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)

export const settingsSchema = z.object({
  account: z.object({ maxProfiles: z.number().int().min(1).max(20) }),
  booking: z.object({
    releaseTime: hhmm,
    releaseDaysAhead: z.number().int().min(1).max(60),
    cutoffTime: hhmm,
    cutoffDaysBefore: z.number().int().min(0).max(7),
    maxActivePerPatient: z.number().int().min(1).max(20),
    noShowLimit: z.number().int().min(1),
    noShowWindowDays: z.number().int().min(1),
    noShowBanDays: z.number().int().min(1),
    returnVisitDays: z.number().int().min(0)
  }),
  decoction: z.object({ soakingMinutes: z.number().int().min(1).max(600), maxSavedAddresses: z.number().int().min(1).max(50) }),
  records: recordsSettingsSchema
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  account: { maxProfiles: 5 },
  booking: {
    releaseTime: '19:00',
    releaseDaysAhead: 7,
    cutoffTime: '15:00',
    cutoffDaysBefore: 1,
    maxActivePerPatient: 3,
    noShowLimit: 3,
    noShowWindowDays: 90,
    noShowBanDays: 90,
    returnVisitDays: 3
  },
  decoction: { soakingMinutes: 30, maxSavedAddresses: 10 },
  records: DEFAULT_RECORDS_SETTINGS
}
