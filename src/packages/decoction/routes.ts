/** Screens of the decoction service (patients) and the pharmacy console (staff). */
export const DECOCTION_ROUTES = {
  prescriptions: '/packages/decoction/prescriptions/index',
  prescription: '/packages/decoction/prescription/index',
  orderForm: '/packages/decoction/order-form/index',
  order: '/packages/decoction/order/index',
  queue: '/packages/pharmacy/queue/index',
  pharmacyOrder: '/packages/pharmacy/order/index',
  label: '/packages/pharmacy/label/index',
  prescribe: '/packages/pharmacy/prescribe/index'
} as const

export const withId = (route: string, id: string) => `${route}?id=${encodeURIComponent(id)}`
