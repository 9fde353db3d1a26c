/**
 * The local host's secrets (session signing, field encryption), made once per DATA_DIR so that
 * data written by one start can be read by the next. Environment variables win when set.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LocalSecrets {
  sessionSecret: string
  fieldKey: string
}

export function loadSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json')
  let stored: Partial<LocalSecrets> = {}
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>
  const secrets: LocalSecrets = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString('hex'),
    fieldKey: stored.fieldKey ?? randomBytes(32).toString('hex')
  }
  if (!stored.sessionSecret || !stored.fieldKey) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  }
  return {
    sessionSecret: process.env.SESSION_SECRET || secrets.sessionSecret,
    fieldKey: process.env.FIELD_ENCRYPTION_KEY || secrets.fieldKey
  }
}
