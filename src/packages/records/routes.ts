/** Screens of health records (families) and the follow-up console (the chronic-disease doctor). */
export const RECORDS_ROUTES = {
  home: '/packages/records/home/index',
  reading: '/packages/records/reading/index',
  timeline: '/packages/records/timeline/index',
  console: '/packages/records/console/index',
  patient: '/packages/records/patient/index',
  followUp: '/packages/records/follow-up/index',
  /** Booking's browse page in referral mode (`referral` = the task, `profileId`, `patient`): booking.referralBook. */
  bookExpert: '/packages/booking/browse/index',
  /** Nursing's request page, built on another branch: offered only once the app has it (see `pageExists`). */
  nursingRequest: '/packages/nursing/request/index'
} as const

declare const __wxConfig: PageList | undefined

interface PageList {
  pages?: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
}

/**
 * Whether this build of the app has the page: H5 keeps its config in `__taroAppConfig`, the mini
 * program in `__wxConfig`. A button to a page another service has not shipped yet stays hidden.
 */
export function pageExists(route: string): boolean {
  const h5 = typeof window !== 'undefined' ? (window as { __taroAppConfig?: PageList }).__taroAppConfig : undefined
  const config = h5 ?? (typeof __wxConfig !== 'undefined' ? __wxConfig : undefined)
  if (!config) return false
  const path = route.replace(/^\//, '')
  const subs = config.subPackages ?? config.subpackages ?? []
  return (
    (config.pages ?? []).some((p) => p.replace(/\.html$/, '') === path) ||
    subs.some((s) => s.pages.some((p) => `${s.root.replace(/\/$/, '')}/${p}` === path))
  )
}

/** A route with its query, every value encoded; empty values are left out. */
export function to(route: string, query: Record<string, string | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return parts.length ? `${route}?${parts.join('&')}` : route
}

/** Booking's browse page for the patient of a follow-up task (随访转诊, booking.referralBook). */
export function referralRoute(t: { id: string; profileId: string; patientName: string }): string {
  return to(RECORDS_ROUTES.bookExpert, { referral: t.id, profileId: t.profileId, patient: t.patientName })
}

/** Reads a query value as the page got it (Taro leaves it encoded on some platforms). */
export function param(params: Record<string, string | undefined>, key: string): string {
  const v = params[key]
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}
