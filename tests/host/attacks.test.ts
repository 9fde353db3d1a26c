/**
 * Issue 8's attack findings against the host, as an attacker with curl would see them: nobody may
 * run a timer by posting a timer-shaped body, and a function name from Object.prototype is 404.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHost, type Host } from '../../cloudfunctions/local/host'
import { cloudFunctions, timerTriggers } from '../../cloudfunctions/registry'
import { startTimers } from '../../cloudfunctions/local/timers'
import { snapshot as writes } from '../helpers/matrix'

let dataDir: string
let host: Host

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(host.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string } } }
}

async function login(account: string): Promise<string> {
  return ((await post('/api/dev/login', { account })).body as unknown as { token: string }).token
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'attack-test-'))
  host = await startHost({ port: 0, dataDir, timers: false })
})
afterAll(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('an HTTP caller posting a timer event', () => {
  test.each(timerTriggers.map((t) => ({ fn: t.fn, name: t.name })))(
    'POST /api/fn/$fn {Type:"Timer",TriggerName:"$name"} without a login is UNAUTHENTICATED and runs nothing',
    async ({ fn, name }) => {
      const before = await writes()
      const res = await post(`/api/fn/${fn}`, { Type: 'Timer', TriggerName: name, Time: new Date().toISOString() })
      expect(res.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      expect(await writes()).toBe(before)
    }
  )

  test('a signed-in admin posting the same body is refused too', async () => {
    const res = await post('/api/fn/jobs', { Type: 'Timer', TriggerName: 'markNoShows' }, await login('admin'))
    expect(res.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test("the host's own timer runner still runs the trigger", async () => {
    const runner = startTimers(timerTriggers, cloudFunctions)
    runner.stop()
    await expect(runner.fire(timerTriggers[0].name)).resolves.toMatchObject({ ok: true })
  })
})

describe('a function name that is a property of every object', () => {
  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'POST /api/fn/%s answers 404 NOT_FOUND, not 500',
    async (name) => {
      const res = await post(`/api/fn/${name}`, { action: 'whoami', data: {} }, await login('li_mei'))
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  )

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'an action named %s is refused as unknown, not a crash',
    async (name) => {
      const res = await post('/api/fn/account', { action: name, data: {} }, await login('li_mei'))
      expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  )
})
