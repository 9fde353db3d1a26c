/** Every cloud function and its actions: the whole contract between the app and the backend. */
import { accountActions } from './account'
import { bookingActions } from './booking'
import { jobsActions } from './jobs'
import { decoctionActions } from './decoction'
import { recordsActions } from './records'

export const functionContracts = {
  account: accountActions,
  booking: bookingActions,
  jobs: jobsActions,
  decoction: decoctionActions,
  records: recordsActions
} as const

export type FunctionContracts = typeof functionContracts
export type FunctionName = keyof FunctionContracts
export type ActionName<F extends FunctionName> = keyof FunctionContracts[F] & string
