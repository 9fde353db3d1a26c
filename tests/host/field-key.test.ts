/**
 * The local host starts only with the field key its data folder was written with: ID numbers are
 * stored hashed (to be found) and encrypted (to be read), and with any other key neither works.
 */
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decryptField } from '../../cloudfunctions/common/crypto'
import { startHost, type Host } from '../../cloudfunctions/local/host'
import { demoId } from '../../cloudfunctions/local/demo'
import { FINGERPRINT_FILE } from '../../cloudfunctions/local/secrets'

const TEST_KEY = process.env.FIELD_ENCRYPTION_KEY as string
const OTHER_KEY = 'another-field-key-0123456789abcdef'
const CALLER = { phone: '13705319876', name: '王秀英', idNumber: demoId('370125', '19520814', '417'), relation: 'self', consent: true }

let dataDir: string
let host: Host | undefined

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'field-key-'))
})
afterEach(async () => {
  await stop()
  process.env.FIELD_ENCRYPTION_KEY = TEST_KEY
  rmSync(dataDir, { recursive: true, force: true })
})

function setKey(key: string | undefined): void {
  if (key === undefined) delete process.env.FIELD_ENCRYPTION_KEY
  else process.env.FIELD_ENCRYPTION_KEY = key
}

const start = () => startHost({ port: 0, dataDir, timers: false })

async function stop(): Promise<void> {
  await host?.close()
  host = undefined
}

/** The hotline takes a caller by phone and ID number: the same caller again is found, not created twice. */
async function hotlineCaller(h: Host): Promise<{ id: string; created: boolean }> {
  const login = await fetch(`${h.url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'hotline' })
  })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${h.url}/api/fn/booking`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'hotlinePatient', requestId: randomUUID(), data: CALLER })
  })
  const reply = (await res.json()) as { ok: boolean; data: { id: string; created: boolean } }
  expect(reply.ok).toBe(true)
  return { id: reply.data.id, created: reply.data.created }
}

/** Every file in the folder with its bytes and modification time. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else out[path] = `${statSync(path).mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`
    }
  }
  walk(dir)
  return out
}

const fingerprintFile = () => join(dataDir, FINGERPRINT_FILE)

describe('the field key of a data folder', () => {
  test('a new folder gets a fingerprint of its key that does not reveal the key', async () => {
    host = await start()
    const text = readFileSync(fingerprintFile(), 'utf8')
    const stored = JSON.parse(text) as { salt: string; fingerprint: string }
    expect(stored.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(text).not.toContain(TEST_KEY)
    expect(text).not.toContain(createHash('sha256').update(TEST_KEY).digest('hex'))
    // The seeded ID numbers are encrypted with the key the fingerprint is of.
    const profile = (await host.engine.collection('profiles', false))!.all()[0]
    expect(decryptField(profile.idNumberEnc as string, TEST_KEY)).toMatch(/^\d{17}[\dX]$/)
  })

  test('restarted with the same key, the host finds a caller by ID number', async () => {
    host = await start()
    const first = await hotlineCaller(host)
    expect(first.created).toBe(true)
    await stop()
    const print = readFileSync(fingerprintFile(), 'utf8')
    host = await start()
    expect(await hotlineCaller(host)).toEqual({ id: first.id, created: false })
    expect(readFileSync(fingerprintFile(), 'utf8')).toBe(print)
  })

  test('restarted with another FIELD_ENCRYPTION_KEY, the host refuses in Chinese and English and changes nothing on disk', async () => {
    host = await start()
    const first = await hotlineCaller(host)
    await stop()
    const before = snapshot(dataDir)

    setKey(OTHER_KEY)
    const refused = start()
    await expect(refused).rejects.toThrow(/无法启动：环境变量 FIELD_ENCRYPTION_KEY 中的字段加密密钥不是数据目录 .* 中数据加密时所用的密钥/)
    await expect(refused).rejects.toThrow(/Refusing to start: The field encryption key in the environment variable FIELD_ENCRYPTION_KEY/)
    // The folder's own key is not the data's either (the data was written with the variable), so unsetting it would not help.
    await expect(refused).rejects.toThrow(/请把 FIELD_ENCRYPTION_KEY 改为写入这些数据时所用的密钥/)
    await expect(refused).rejects.toThrow(/Set FIELD_ENCRYPTION_KEY to the key this data was written with/)
    await expect(refused).rejects.toMatchObject({ name: 'FieldKeyError' })
    expect(snapshot(dataDir)).toEqual(before)

    setKey(TEST_KEY)
    host = await start()
    expect(await hotlineCaller(host)).toEqual({ id: first.id, created: false })
  })

  test('a folder written with its own key refuses the variable and says to unset it; without the variable it starts', async () => {
    setKey(undefined)
    host = await start()
    const first = await hotlineCaller(host)
    await stop()
    const before = snapshot(dataDir)

    setKey(TEST_KEY)
    const refused = start()
    await expect(refused).rejects.toThrow(/请取消这个环境变量（unset FIELD_ENCRYPTION_KEY），数据目录自带的密钥与其数据相符/)
    await expect(refused).rejects.toThrow(/Unset FIELD_ENCRYPTION_KEY \(the folder's own key matches its data\)/)
    expect(snapshot(dataDir)).toEqual(before)

    setKey(undefined)
    host = await start()
    expect(await hotlineCaller(host)).toEqual({ id: first.id, created: false })
  })

  test('a folder written with the variable, started without it, is refused naming the folder key', async () => {
    host = await start()
    await stop()
    const before = snapshot(dataDir)
    setKey(undefined)
    const refused = start()
    await expect(refused).rejects.toThrow(/无法启动：数据目录自带的字段加密密钥（secrets.json）不是数据目录/)
    await expect(refused).rejects.toThrow(/The data folder's own field encryption key \(in secrets.json\) is not the key/)
    await expect(refused).rejects.toThrow(/set it to that key and start again/)
    expect(snapshot(dataDir)).toEqual(before)
  })

  test('a folder from before fingerprints gets one on its next start and keeps its data', async () => {
    host = await start()
    const first = await hotlineCaller(host)
    await stop()
    rmSync(fingerprintFile())

    host = await start()
    expect(existsSync(fingerprintFile())).toBe(true)
    expect(await hotlineCaller(host)).toEqual({ id: first.id, created: false })
    await stop()
    // The new fingerprint holds from then on.
    setKey(OTHER_KEY)
    await expect(start()).rejects.toThrow(/FIELD_ENCRYPTION_KEY/)
  })

  test('a folder from before fingerprints, started with a key that cannot decrypt its ID numbers, is refused and gets no fingerprint', async () => {
    host = await start()
    const first = await hotlineCaller(host)
    await stop()
    rmSync(fingerprintFile())
    const secrets = readFileSync(join(dataDir, 'secrets.json'), 'utf8')

    setKey(OTHER_KEY)
    const refused = start()
    await expect(refused).rejects.toThrow(/环境变量 FIELD_ENCRYPTION_KEY 中的字段加密密钥解不开数据目录 .* 中已加密的身份证号/)
    await expect(refused).rejects.toThrow(/cannot decrypt the ID numbers stored in/)
    expect(existsSync(fingerprintFile())).toBe(false)
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets)

    setKey(TEST_KEY)
    host = await start()
    expect(await hotlineCaller(host)).toEqual({ id: first.id, created: false })
  })

  test('npm start shows the refusal as a message, not a stack, before building anything', async () => {
    host = await start()
    await stop()
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../scripts/start.ts')], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDir, FIELD_ENCRYPTION_KEY: OTHER_KEY, PORT: '0' },
      detached: true
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    // A start that is not refused would build and serve: stop it (and whatever it started) rather than wait.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 25_000)
    const code = await new Promise<number | null>((done) => child.on('exit', done))
    clearTimeout(timer)
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' })
    expect(stderr).toContain('无法启动：环境变量 FIELD_ENCRYPTION_KEY 中的字段加密密钥不是数据目录')
    expect(stderr).toContain('Refusing to start: The field encryption key in the environment variable FIELD_ENCRYPTION_KEY')
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(stderr).not.toContain('FieldKeyError')
  })
})
