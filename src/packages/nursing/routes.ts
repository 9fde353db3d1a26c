/** Screens of home nursing: the family's (`nursing`) and 护理部's and the nurse's (`nursing-staff`). */
export const NURSING_ROUTES = {
  /** The catalogue: the home entry 上门护理. */
  catalogue: '/packages/nursing/catalogue/index',
  /** The request form; takes `profileId` (and `item`) so other screens can start a request for one person. */
  apply: '/packages/nursing/apply/index',
  requests: '/packages/nursing/requests/index',
  /** One request as the family follows it (`?id=`); the notices of the `nursing` function link here. */
  request: '/packages/nursing/request/index',
  console: '/packages/nursing-staff/console/index',
  review: '/packages/nursing-staff/review/index',
  nurses: '/packages/nursing-staff/nurses/index',
  /** Every nurse's visits of one day (`?date=`), for 护理部. */
  day: '/packages/nursing-staff/day/index',
  visits: '/packages/nursing-staff/visits/index',
  visit: '/packages/nursing-staff/visit/index'
} as const

export const withQuery = (route: string, query: Record<string, string | undefined>) => {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&')
  return q ? `${route}?${q}` : route
}
