/**
 * ID numbers at rest: AES-256-GCM with a random IV per value, plus a keyed hash for exact-match
 * lookups (hotline search, duplicate check) that never needs the plaintext.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

function key(secret = process.env.FIELD_ENCRYPTION_KEY): Buffer {
  if (!secret || secret.length < 16) throw new Error('FIELD_ENCRYPTION_KEY is not set (16+ characters)')
  return createHash('sha256').update(secret).digest()
}

export function encryptField(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':')
}

/** Decrypts with FIELD_ENCRYPTION_KEY, or with `secret` (the local host tries a key before it uses it). */
export function decryptField(stored: string, secret?: string): string {
  const [v, iv, tag, ct] = stored.split(':')
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown field encryption format')
  const decipher = createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8')
}

export function lookupHash(value: string): string {
  return createHmac('sha256', key()).update(`lookup:${value}`).digest('hex')
}

/** Tells keys apart without revealing them: an HMAC under the key (as encryption derives it) of a salted label. */
export function fieldKeyFingerprint(secret: string, salt: string): string {
  return createHmac('sha256', key(secret)).update(`field-key-fingerprint:v1:${salt}`).digest('hex')
}
