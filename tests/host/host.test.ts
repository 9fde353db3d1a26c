import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHost, type Host } from '../../cloudfunctions/local/host'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'

let dataDir: string

/** What the host answers, loosely: tests read fields they know are there. */
interface Reply {
  ok?: boolean
  token?: string
  error: { code: string; message: string }
  data: { profiles: Array<{ name: string }>; accounts: Array<{ nickname: string }> }
}
let host: Host

async function post(path: string, body: unknown, token?: string, raw?: string) {
  const res = await fetch(host.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as Reply }
}

async function login(account: string): Promise<string> {
  const res = await post('/api/dev/login', { account })
  return res.body.token as string
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'host-test-'))
  host = await startHost({ port: 0, dataDir, timers: false })
})
afterEach(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the local host', () => {
  test('health answers ok', async () => {
    const res = await fetch(`${host.url}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  test('lists the demo accounts with their roles in Chinese', async () => {
    const res = await fetch(`${host.url}/api/dev/accounts`)
    const body = (await res.json()) as { accounts: Array<{ key: string; name: string; roles: string[]; roleLabels: string[] }> }
    expect(body.accounts.map((a) => a.key)).toEqual(
      expect.arrayContaining(['li_mei', 'zhang_wei', 'scheduler', 'hotline', 'pharmacist', 'nurse', 'dispatcher', 'doctor', 'admin'])
    )
    expect(body.accounts.find((a) => a.key === 'pharmacist')).toMatchObject({
      name: '钱志刚',
      roles: ['patient', 'pharmacist'],
      roleLabels: ['药师']
    })
  })

  test('a demo login gives a token that identifies the caller to functions', async () => {
    const token = await login('li_mei')
    const res = await post('/api/fn/account', { action: 'whoami', data: {} }, token)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ok: true, data: { nickname: '李梅', roles: ['patient'] } })
  })

  test('an unknown demo account cannot log in', async () => {
    const res = await post('/api/dev/login', { account: 'mallory' })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_INPUT')
  })

  test('without a token a function answers UNAUTHENTICATED; with a forged token too', async () => {
    expect((await post('/api/fn/account', { action: 'whoami', data: {} })).body.error.code).toBe('UNAUTHENTICATED')
    const token = await login('li_mei')
    const forged = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA')
    expect((await post('/api/fn/account', { action: 'whoami', data: {} }, forged)).body.error.code).toBe('UNAUTHENTICATED')
  })

  test('an unknown function is 404, malformed JSON is 400, a body over 1 MB is 413', async () => {
    const token = await login('li_mei')
    expect((await post('/api/fn/nope', { action: 'x' }, token)).status).toBe(404)
    expect((await post('/api/fn/account', null, token, '{"action": "whoami",')).status).toBe(400)
    const big = await post('/api/fn/account', { action: 'whoami', data: { pad: 'x'.repeat(1024 * 1024 + 10) } }, token)
    expect(big.status).toBe(413)
  })

  test('identity cannot be claimed through event.data or the event itself', async () => {
    const token = await login('li_mei')
    const viaData = await post('/api/fn/account', { action: 'listStaff', data: { openid: 'demo-openid-admin' } }, token)
    expect(viaData.body.ok).toBe(false)
    const viaEvent = await post(
      '/api/fn/account',
      { action: 'listStaff', data: {}, userInfo: { openId: 'demo-openid-admin' }, WX_OPENID: 'demo-openid-admin' },
      token
    )
    expect(viaEvent.body.error.code).toBe('FORBIDDEN')
    const timerSpoof = await post('/api/fn/account', { Type: 'Timer', TriggerName: 'listStaff' }, token)
    expect(timerSpoof.body.ok).toBe(false)
  })

  test('a second start keeps the data and does not seed twice', async () => {
    const token = await login('liu_yang')
    await post('/api/fn/account', { action: 'grantHealthDataConsent', data: { version: HEALTH_DATA_CONSENT_VERSION } }, token)
    const added = await post(
      '/api/fn/account',
      {
        action: 'addProfile',
        requestId: 'req-keep-00001',
        data: { name: '刘长海', idNumber: '370125195003150020', phone: '13905310000', relation: 'parent' }
      },
      token
    )
    expect(added.body.ok).toBe(true)
    await host.close()
    host = await startHost({ port: 0, dataDir, timers: false })
    const again = await login('liu_yang')
    const list = await post('/api/fn/account', { action: 'listProfiles', data: {} }, again)
    expect(list.body.data.profiles.map((p: { name: string }) => p.name)).toEqual(['刘长海'])
    const accounts = await post('/api/fn/account', { action: 'listStaff', data: {} }, await login('admin'))
    expect(accounts.body.data.accounts.filter((a: { nickname: string }) => a.nickname === '李梅')).toHaveLength(1)
  })
})
