/** Every cloud function and its actions: the whole contract between the app and the backend. */
import { accountActions } from './account'

export const functionContracts = {
  account: accountActions
} as const

export type FunctionContracts = typeof functionContracts
export type FunctionName = keyof FunctionContracts
export type ActionName<F extends FunctionName> = keyof FunctionContracts[F] & string
