import { ensureH5Build } from './helpers'

/** Jest globalSetup for the e2e project: build the H5 app once if it is missing. */
export default async function globalSetup(): Promise<void> {
  ensureH5Build()
}
