/** Where a family's photos live: their own folder, so a request can only carry its own family's photos. */
export const photoPathPrefix = (accountId: string) => `nursing/${accountId}/`

export function isOwnPhoto(accountId: string, fileId: string): boolean {
  // Cloud file ids look like cloud://<env>.<bucket>/nursing/<account>/<name>; local ones local://nursing/...
  return fileId.includes(`/${photoPathPrefix(accountId)}`) || fileId.startsWith(`local://${photoPathPrefix(accountId)}`)
}
