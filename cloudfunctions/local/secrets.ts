/**
 * The local host's secrets (session signing, field encryption), made once per DATA_DIR so that
 * data written by one start can be read by the next. Environment variables win when set, but only
 * with the field key the folder's data was written with: `field-key.json` beside the data holds
 * that key's fingerprint (a salted HMAC, which does not reveal the key), and a start with any
 * other key is refused before anything is written. Otherwise the host would run on, unable to find
 * (hashed) or read (encrypted) a single stored ID number, and say nothing.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decryptField, fieldKeyFingerprint } from '../common/crypto'

/** Where the field key in use came from: the FIELD_ENCRYPTION_KEY variable or the folder's secrets.json. */
export type FieldKeySource = 'environment' | 'folder'

export interface LocalSecrets {
  sessionSecret: string
  fieldKey: string
  fieldKeySource: FieldKeySource
  /** The folder holds the key's fingerprint and it matched; until then `adoptFieldKey` writes one. */
  fingerprinted: boolean
}

interface StoredSecrets {
  sessionSecret?: string
  fieldKey?: string
}

interface Fingerprint {
  salt: string
  fingerprint: string
}

export const FINGERPRINT_FILE = 'field-key.json'

/** A start refused over the field key. Its message, Chinese then English, is for the person starting the host. */
export class FieldKeyError extends Error {
  override name = 'FieldKeyError'
}

/**
 * The folder key this process put into FIELD_ENCRYPTION_KEY for crypto.ts: seen there again (a
 * second host in the same process), it is not the operator's variable.
 */
let planted: string | undefined

function readFingerprint(dataDir: string): Fingerprint | undefined {
  const file = join(dataDir, FINGERPRINT_FILE)
  if (!existsSync(file)) return undefined
  let parsed: Partial<Fingerprint> | undefined
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Fingerprint>
  } catch {
    parsed = undefined
  }
  if (typeof parsed?.salt !== 'string' || typeof parsed.fingerprint !== 'string')
    throw new FieldKeyError(
      `无法启动：数据目录 ${dataDir} 中的 ${FINGERPRINT_FILE}（字段加密密钥的指纹）已损坏。删除它后重新启动即可重新生成（会先用已存的身份证号核对密钥）。\n` +
        `Refusing to start: ${FINGERPRINT_FILE} (the field encryption key's fingerprint) in ${dataDir} is damaged. ` +
        `Delete it and start again to have it written anew (the key is first checked against the stored ID numbers).`
    )
  return parsed as Fingerprint
}

function decrypts(sample: string, key: string): boolean {
  try {
    decryptField(sample, key)
    return true
  } catch {
    return false
  }
}

const fits = (key: string, print: Fingerprint) => fieldKeyFingerprint(key, print.salt) === print.fingerprint

const SOURCE = {
  environment: {
    zh: '环境变量 FIELD_ENCRYPTION_KEY 中的字段加密密钥',
    en: 'The field encryption key in the environment variable FIELD_ENCRYPTION_KEY'
  },
  folder: { zh: '数据目录自带的字段加密密钥（secrets.json）', en: "The data folder's own field encryption key (in secrets.json)" }
} as const

/** Why the key does not fit, what it means, and what to do: `folderKeyFits` says whether unsetting the variable would help. */
function refusal(dataDir: string, source: FieldKeySource, how: 'fingerprint' | 'decrypt', folderKeyFits: boolean): FieldKeyError {
  const what =
    how === 'fingerprint'
      ? { zh: `不是数据目录 ${dataDir} 中数据加密时所用的密钥`, en: `is not the key the data in ${dataDir} was encrypted with` }
      : { zh: `解不开数据目录 ${dataDir} 中已加密的身份证号`, en: `cannot decrypt the ID numbers stored in ${dataDir}` }
  const todo =
    source === 'environment'
      ? folderKeyFits
        ? {
            zh: '请取消这个环境变量（unset FIELD_ENCRYPTION_KEY），数据目录自带的密钥与其数据相符；或者用 DATA_DIR 指向用这个密钥写入的数据目录。',
            en: "Unset FIELD_ENCRYPTION_KEY (the folder's own key matches its data), or point DATA_DIR at the data folder written with this key."
          }
        : {
            zh: '请把 FIELD_ENCRYPTION_KEY 改为写入这些数据时所用的密钥（数据目录自带的密钥也与数据不符），或者用 DATA_DIR 指向用这个密钥写入的数据目录。',
            en: "Set FIELD_ENCRYPTION_KEY to the key this data was written with (the folder's own key does not match it either), or point DATA_DIR at the data folder written with this key."
          }
      : {
          zh: '这些数据多半是在设置了环境变量 FIELD_ENCRYPTION_KEY 时写入的：请把它设为当时的密钥再启动；或者用 DATA_DIR 指向另一个数据目录（新目录会自动生成密钥）。',
          en: 'The data was probably written while FIELD_ENCRYPTION_KEY was set: set it to that key and start again, or point DATA_DIR at another data folder (a new one gets its own key).'
        }
  return new FieldKeyError(
    `无法启动：${SOURCE[source].zh}${what.zh}。用它启动，已存的身份证号既查不到也解不开，所以没有启动，数据未作任何改动。\n${todo.zh}\n` +
      `Refusing to start: ${SOURCE[source].en} ${what.en}. With it no stored ID number could be found or decrypted, so the host did not start and the data is unchanged.\n${todo.en}`
  )
}

/**
 * The secrets for `dataDir`, made and stored on its first start. Refuses (FieldKeyError) a field key
 * that does not match the folder's fingerprint, before writing anything.
 */
export function loadSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json')
  let stored: StoredSecrets = {}
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets
  const made = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString('hex'),
    fieldKey: stored.fieldKey ?? randomBytes(32).toString('hex')
  }
  const envKey = process.env.FIELD_ENCRYPTION_KEY
  const fromEnv = envKey && envKey !== planted ? envKey : undefined
  if (fromEnv !== undefined && fromEnv.length < 16)
    throw new FieldKeyError(
      '无法启动：环境变量 FIELD_ENCRYPTION_KEY 太短，至少要 16 个字符。\nRefusing to start: FIELD_ENCRYPTION_KEY must be at least 16 characters.'
    )
  const fieldKey = fromEnv ?? made.fieldKey
  const fieldKeySource: FieldKeySource = fromEnv ? 'environment' : 'folder'
  const print = readFingerprint(dataDir)
  if (print && !fits(fieldKey, print))
    throw refusal(dataDir, fieldKeySource, 'fingerprint', stored.fieldKey !== undefined && fits(stored.fieldKey, print))
  if (!stored.sessionSecret || !stored.fieldKey) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(made, null, 2), { mode: 0o600 })
  }
  return {
    sessionSecret: process.env.SESSION_SECRET || made.sessionSecret,
    fieldKey,
    fieldKeySource,
    fingerprinted: print !== undefined
  }
}

/**
 * Writes the fingerprint of the key in use into a folder that has none: a new folder, or one from
 * before fingerprints. `encryptedSample` gives one encrypted field already stored there, if any; the
 * key must decrypt it first (FieldKeyError if not, and nothing is written).
 */
export async function adoptFieldKey(
  dataDir: string,
  secrets: LocalSecrets,
  encryptedSample: () => Promise<string | undefined>
): Promise<void> {
  if (secrets.fingerprinted) return
  const sample = await encryptedSample()
  if (sample !== undefined && !decrypts(sample, secrets.fieldKey)) {
    const stored = (JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as StoredSecrets).fieldKey
    throw refusal(dataDir, secrets.fieldKeySource, 'decrypt', stored !== undefined && decrypts(sample, stored))
  }
  const salt = randomBytes(16).toString('hex')
  const file = join(dataDir, FINGERPRINT_FILE)
  const body = {
    about:
      'Fingerprint of the field encryption key this folder was written with (HMAC-SHA256; it does not reveal the key). The host refuses to start with another key.',
    salt,
    fingerprint: fieldKeyFingerprint(secrets.fieldKey, salt)
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2))
  renameSync(`${file}.tmp`, file)
  secrets.fingerprinted = true
}

/** Puts the field key in use where crypto.ts reads it. */
export function applyFieldKey(secrets: LocalSecrets): void {
  process.env.FIELD_ENCRYPTION_KEY = secrets.fieldKey
  if (secrets.fieldKeySource === 'folder') planted = secrets.fieldKey
}
