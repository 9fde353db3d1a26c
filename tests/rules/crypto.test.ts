import { decryptField, encryptField, lookupHash } from '../../cloudfunctions/common/crypto'

describe('field encryption of ID numbers', () => {
  test('round-trips, and the same number encrypts differently each time', () => {
    const a = encryptField('37012519470902017X')
    const b = encryptField('37012519470902017X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('37012519470902017X')
    expect(decryptField(a)).toBe('37012519470902017X')
  })

  test('a tampered value is refused rather than decrypted to garbage', () => {
    const enc = encryptField('37012519470902017X')
    const parts = enc.split(':')
    const ct = Buffer.from(parts[3], 'base64')
    ct[0] ^= 1
    parts[3] = ct.toString('base64')
    expect(() => decryptField(parts.join(':'))).toThrow()
  })

  test('the lookup hash is stable and keyed', () => {
    const h = lookupHash('37012519470902017X')
    expect(lookupHash('37012519470902017X')).toBe(h)
    const saved = process.env.FIELD_ENCRYPTION_KEY
    process.env.FIELD_ENCRYPTION_KEY = 'another-key-0123456789abcdef'
    expect(lookupHash('37012519470902017X')).not.toBe(h)
    process.env.FIELD_ENCRYPTION_KEY = saved
  })
})
