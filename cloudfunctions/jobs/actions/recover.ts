import { runRecovery } from '../../common/recovery'

/** The cloud's recovery timer: only what is older than a request lease is repaired. */
export async function recover() {
  return runRecovery()
}
