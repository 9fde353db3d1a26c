/**
 * What `npm run deploy` ships: cloudbaserc.json against the registry, the database plan against the
 * manifest, and the built bundles themselves.
 */
import dns from 'node:dns'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { manifest } from '../../cloudfunctions/common/collections'
import { cloudFunctions, timerTriggers } from '../../cloudfunctions/registry'
import { planDatabase, type DatabaseStep } from '../../scripts/apply-database'
import { buildFunctions } from '../../scripts/build-functions'
import { configDrift, readCloudbaseRc, type CloudbaseRc } from '../../scripts/deploy'

const rc = readCloudbaseRc()
const registered = Object.keys(cloudFunctions).sort()
/** Node's own loader, as CloudBase loads a function: not jest's module registry. */
const load = createRequire(__filename)

describe('cloudbaserc.json', () => {
  test('deploys exactly the functions in the registry, each once', () => {
    expect(rc.functions.map((f) => f.name).sort()).toEqual(registered)
  })

  test('carries every registry timer as a timer trigger on its function, and no other trigger', () => {
    const configured = rc.functions.flatMap((f) =>
      (f.triggers ?? []).map((t) => ({ fn: f.name, name: t.name, type: t.type, cron: t.config }))
    )
    const expected = timerTriggers.map((t) => ({ fn: t.fn, name: t.name, type: 'timer', cron: t.cron }))
    const byKey = (a: { fn: string; name: string }, b: { fn: string; name: string }) =>
      `${a.fn}/${a.name}`.localeCompare(`${b.fn}/${b.name}`)
    expect(configured.sort(byKey)).toEqual(expected.sort(byKey))
  })

  test('every timer runs a system-only action of the function it is a trigger of', () => {
    for (const t of timerTriggers) {
      const spec = cloudFunctions[t.fn]?.actions[t.name]
      expect({ timer: `${t.fn}/${t.name}`, roles: spec?.roles }).toEqual({ timer: `${t.fn}/${t.name}`, roles: ['system'] })
    }
  })

  test('takes functions from dist/cloudfunctions and runs index.main with the bundled dependencies', () => {
    expect(normalize(rc.functionRoot)).toBe(normalize('dist/cloudfunctions'))
    for (const f of rc.functions) {
      expect({ name: f.name, handler: f.handler, installDependency: f.installDependency }).toEqual({
        name: f.name,
        handler: 'index.main',
        installDependency: false
      })
      expect(f.runtime).toMatch(/^Nodejs\d+\.\d+$/)
      expect(f.timeout).toBeGreaterThan(0)
      expect(f.memorySize).toBeGreaterThanOrEqual(128)
    }
  })

  test('reads the environment id and the field encryption key from .env, never from git', () => {
    expect(rc.envId).toBe('{{env.ENV_ID}}')
    for (const f of rc.functions) expect(f.envVariables.FIELD_ENCRYPTION_KEY).toBe('{{env.FIELD_ENCRYPTION_KEY}}')
  })

  test('passes the same check that npm run deploy makes before it uploads anything', () => {
    expect(configDrift(rc, registered, timerTriggers)).toEqual([])
  })

  test('the deploy check names a new function or timer that was not added to cloudbaserc.json', () => {
    const withTimer = [...timerTriggers, { fn: registered[0], name: 'nightlySweep', cron: '0 0 2 * * * *' }]
    expect(configDrift(rc, [...registered, 'not_yet_configured'], withTimer)).toEqual([
      'function "not_yet_configured" is in the registry but not in cloudbaserc.json',
      expect.stringContaining(`${registered[0]}: triggers`)
    ])
    const renamed: CloudbaseRc = { ...rc, functions: rc.functions.map((f) => ({ ...f, handler: 'app.handler' })) }
    expect(configDrift(renamed, registered, timerTriggers)).toContain(
      `${registered[0]}: handler must be index.main (build:functions exports main from index.js)`
    )
  })
})

describe('planDatabase(manifest)', () => {
  const steps = planDatabase(manifest)
  const of = <K extends DatabaseStep['kind']>(kind: K) => steps.filter((s): s is Extract<DatabaseStep, { kind: K }> => s.kind === kind)

  test('creates every collection in the manifest', () => {
    expect(of('createCollection').map((s) => s.collection)).toEqual(manifest.collections.map((c) => c.name))
  })

  test('creates every declared index with its keys and its uniqueness', () => {
    const declared = manifest.collections.flatMap((c) =>
      (c.indexes ?? []).map((ix) => ({ collection: c.name, index: ix.name, keys: ix.keys, unique: ix.unique === true }))
    )
    expect(of('createIndex').map(({ collection, index, keys, unique }) => ({ collection, index, keys, unique }))).toEqual(declared)
    expect(of('createIndex').find((s) => s.collection === 'accounts' && s.index === 'openid_unique')?.unique).toBe(true)
  })

  test('gives every collection a security rule that denies all client reads and writes', () => {
    const rules = of('setSecurityRule')
    expect(rules.map((s) => s.collection)).toEqual(manifest.collections.map((c) => c.name))
    for (const r of rules) {
      expect(r.aclTag).toBe('CUSTOM')
      expect(JSON.parse(r.rule)).toEqual({ read: false, write: false })
    }
  })

  test('creates a collection before its indexes and its rule', () => {
    for (const c of manifest.collections) {
      const positions = steps.map((s, i) => (s.collection === c.name ? i : -1)).filter((i) => i >= 0)
      expect(steps[positions[0]].kind).toBe('createCollection')
      expect(steps[positions[positions.length - 1]].kind).toBe('setSecurityRule')
    }
  })

  test('refuses a manifest whose rule would let clients read the database', () => {
    expect(() => planDatabase({ ...manifest, rule: { read: true, write: false } })).toThrow(/deny client reads and writes/)
  })

  test('refuses an index declared twice on one collection', () => {
    const twice = {
      ...manifest,
      collections: [
        {
          name: 'x',
          indexes: [
            { name: 'a', keys: [{ field: 'f', direction: 1 as const }] },
            { name: 'a', keys: [{ field: 'g', direction: 1 as const }] }
          ]
        }
      ]
    }
    expect(() => planDatabase(twice)).toThrow(/declared twice/)
  })
})

describe('build:functions output', () => {
  let outDir: string
  const attempts: string[] = []
  const realConnect = net.Socket.prototype.connect
  const realLookup = dns.lookup
  const realFetch = globalThis.fetch

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'functions-build-'))
    await buildFunctions(outDir)
    // From here on any socket, DNS lookup or fetch is recorded and refused.
    net.Socket.prototype.connect = function (...args: unknown[]) {
      attempts.push(`connect ${JSON.stringify(args[0])}`)
      throw new Error('network is off in this test')
    } as typeof net.Socket.prototype.connect
    dns.lookup = ((host: string) => {
      attempts.push(`lookup ${host}`)
      throw new Error('network is off in this test')
    }) as unknown as typeof dns.lookup
    globalThis.fetch = ((input: unknown) => {
      attempts.push(`fetch ${String(input)}`)
      return Promise.reject(new Error('network is off in this test'))
    }) as typeof fetch
  }, 180_000)

  afterAll(() => {
    net.Socket.prototype.connect = realConnect
    dns.lookup = realLookup
    globalThis.fetch = realFetch
    rmSync(outDir, { recursive: true, force: true })
  })

  test('each function loads from its own index.js and exports main', () => {
    for (const name of registered) {
      const mod = load(join(outDir, name, 'index.js')) as { main?: unknown }
      expect(typeof mod.main).toBe('function')
    }
  })

  test('the built account function answers an anonymous whoami with UNAUTHENTICATED, without any network', async () => {
    const { main } = load(join(outDir, 'account', 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> }
    const reply = await main({ action: 'whoami', data: {} }, { environment: '{}' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(attempts).toEqual([])
  })
})
