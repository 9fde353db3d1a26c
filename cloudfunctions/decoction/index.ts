import { decoctionActions } from '../../types/decoction'
import { createFunction } from '../common/router'
import { advanceOrder } from './actions/advance-order'
import { cancelOrder } from './actions/cancel-order'
import { confirmReceipt } from './actions/confirm-receipt'
import { createPrescription } from './actions/create-prescription'
import { getOrder } from './actions/get-order'
import { getPrescription } from './actions/get-prescription'
import { listAddresses } from './actions/list-addresses'
import { listOrders } from './actions/list-orders'
import { listPrescriptions } from './actions/list-prescriptions'
import { openOrder } from './actions/open-order'
import { orderLabel } from './actions/order-label'
import { queue } from './actions/queue'
import { removeAddress } from './actions/remove-address'
import { saveAddress } from './actions/save-address'
import { searchOrders } from './actions/search-orders'
import { submitOrder } from './actions/submit-order'

export const fn = createFunction('decoction', decoctionActions, {
  createPrescription,
  listPrescriptions,
  getPrescription,
  listAddresses,
  saveAddress,
  removeAddress,
  submitOrder,
  listOrders,
  getOrder,
  cancelOrder,
  confirmReceipt,
  queue,
  searchOrders,
  openOrder,
  advanceOrder,
  orderLabel
})

export const main = fn.main
