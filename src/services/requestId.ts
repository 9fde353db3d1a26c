const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * One id per user intent (opening a form, tapping submit the first time). Reusing it on a retry
 * lets the function answer with its first reply instead of writing twice.
 * Matches `requestIdSchema` in types/contract.ts.
 */
export function newRequestId(): string {
  const bytes = new Uint8Array(20)
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (webCrypto?.getRandomValues) webCrypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  let id = Date.now().toString(36)
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length]
  return id.slice(0, 32)
}
