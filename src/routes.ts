/** Every screen's path, so a rename is one edit. Tab pages live in the main package. */
export const ROUTES = {
  home: '/pages/index/index',
  booking: '/pages/booking/index',
  orders: '/pages/orders/index',
  me: '/pages/me/index',
  profiles: '/packages/account/profiles/index',
  profileForm: '/packages/account/profile-form/index',
  consent: '/packages/account/consent/index',
  staff: '/packages/account/staff/index',
  staffDetail: '/packages/account/staff-detail/index',
  privacy: '/packages/account/privacy/index',
  settings: '/packages/account/settings/index',
  /** H5 only: the local host's demo sign-in. */
  login: '/packages/dev/login/index'
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.booking, ROUTES.orders, ROUTES.me]
