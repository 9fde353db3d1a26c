/** Screens of the booking service: patients and families, the scheduler's desk, the hotline, the admin. */
export const BOOKING_ROUTES = {
  browse: '/packages/booking/browse/index',
  session: '/packages/booking/session/index',
  confirm: '/packages/booking/confirm/index',
  appointment: '/packages/booking/appointment/index',
  returnVisit: '/packages/booking/return-visit/index',
  schedule: '/packages/booking/schedule/index',
  sessionForm: '/packages/booking/session-form/index',
  desk: '/packages/booking/desk/index',
  hotline: '/packages/booking/hotline/index',
  hotlinePatient: '/packages/booking/hotline-patient/index',
  bans: '/packages/booking/bans/index'
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
