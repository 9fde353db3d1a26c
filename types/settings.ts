/**
 * Hospital configuration. Every number DOMAIN.md gives is a default here, overridden per hospital
 * by the `settings` document `hospital` (admin-edited), never a constant in code.
 */
import { z } from 'zod'
import { DEFAULT_RECORDS_SETTINGS, recordsSettingsSchema } from './records-settings'

/** A clock time `时:分`; the admin page edits a setting of this pattern with a time wheel. */
export const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/
const hhmm = z.string().regex(CLOCK)

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
  /**
   * A requestId claim left pending by a call that died may be taken over by a retry after this; a
   * finished call's saved reply is replayed to its retries for `keepReplyDays`, then deleted.
   */
  requests: z.object({ leaseSeconds: z.number().int().min(1).max(3600), keepReplyDays: z.number().int().min(1).max(90) }),
  nursing: z.object({
    serviceStart: hhmm,
    serviceEnd: hhmm,
    windowMinutes: z.number().int().min(30).max(720),
    minLeadHours: z.number().min(0).max(72),
    maxDaysAhead: z.number().int().min(1).max(60),
    freeCancelHours: z.number().min(0).max(72),
    minPracticeYears: z.number().int().min(0).max(40),
    minTitle: z.enum(['护士', '护师', '主管护师', '副主任护师', '主任护师']),
    maxItemsPerRequest: z.number().int().min(1).max(10),
    maxPhotos: z.number().int().min(0).max(20),
    photoMaxKB: z.number().int().min(50).max(10_240)
  }),
  records: recordsSettingsSchema,
  /** Medical-record rules: outpatient records are kept at least 15 years, also after an account closes. */
  retention: z.object({ outpatientRecordYears: z.number().int().min(15).max(100) })
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
  // Longer than the longest function timeout in cloudbaserc.json (60 s), so a live call keeps its claim.
  // A client keeps a requestId only while its page stays open to retry a lost reply: a week is ample.
  requests: { leaseSeconds: 120, keepReplyDays: 7 },
  nursing: {
    serviceStart: '08:00',
    serviceEnd: '20:00',
    windowMinutes: 120,
    minLeadHours: 2,
    maxDaysAhead: 14,
    freeCancelHours: 4,
    minPracticeYears: 5,
    minTitle: '护师',
    maxItemsPerRequest: 3,
    maxPhotos: 6,
    // Sent as base64 in the call (4/3 larger): 600 KB stays under the 1 MB request body; the app compresses first.
    photoMaxKB: 600
  },
  records: DEFAULT_RECORDS_SETTINGS,
  retention: { outpatientRecordYears: 15 }
}
