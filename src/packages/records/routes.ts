/** Screens of health records (families) and the follow-up console (the chronic-disease doctor). */
export const RECORDS_ROUTES = {
  home: '/packages/records/home/index',
  reading: '/packages/records/reading/index',
  timeline: '/packages/records/timeline/index',
  console: '/packages/records/console/index',
  patient: '/packages/records/patient/index',
  followUp: '/packages/records/follow-up/index',
  /** Booking's browse page; it takes no patient yet (see the report): the doctor lands on the expert list. */
  bookExpert: '/packages/booking/browse/index',
  /**
   * Nursing's request page, built on another branch. Left null until `packages/nursing` is in
   * app.config.ts, so no button leads to a page that does not exist.
   */
  nursingRequest: null as string | null
} as const

/** A route with its query, every value encoded; empty values are left out. */
export function to(route: string, query: Record<string, string | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return parts.length ? `${route}?${parts.join('&')}` : route
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
