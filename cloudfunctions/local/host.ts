/**
 * The local CloudBase: the embedded engine behind the real SDK, every cloud function loaded
 * in-process behind HTTP routes, the demo login, timers, and the H5 app. Never deployed.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { setDatabaseRequester } from '../common/db'
import { localFolderStorage, setStorage } from '../common/storage'
import { manifest } from '../common/collections'
import { clearSettingsCache } from '../common/settings'
import { cloudFunctions, timerTriggers } from '../registry'
import type { CloudFunction } from '../common/router'
import { Engine } from './engine'
import { DEMO_ACCOUNTS, demoOpenid } from './demo'
import { adoptFieldKey, applyFieldKey, loadSecrets } from './secrets'
import { contextFor, signSession, verifySession } from './session'
import { seedIfEmpty } from './seed'
import { runRecovery } from '../common/recovery'
import { PROFILES } from '../common/patients'
import { startTimers, type TimerRunner } from './timers'
import { ROLE_LABELS } from '../../types/contract'

export const BODY_LIMIT = 1024 * 1024

export interface HostOptions {
  port?: number
  host?: string
  dataDir?: string
  /** The built H5 app; not served when absent. */
  staticDir?: string
  seed?: boolean
  timers?: boolean
  logger?: boolean
  functions?: Record<string, CloudFunction>
}

export interface Host {
  url: string
  app: FastifyInstance
  engine: Engine
  timers: TimerRunner
  close(): Promise<void>
}

/** The data folder a host started with `dataDir` (or none) uses. */
export function hostDataDir(dataDir?: string): string {
  return resolve(dataDir ?? process.env.DATA_DIR ?? '.data')
}

/**
 * Refuses (FieldKeyError from ./secrets) a field key other than the one the folder's data was
 * written with, before the folder is touched; a folder without the key's fingerprint gets one once
 * the key has decrypted a stored ID number, if there is one.
 */
export async function startHost(opts: HostOptions = {}): Promise<Host> {
  const dataDir = hostDataDir(opts.dataDir)
  const secrets = loadSecrets(dataDir)

  const engine = await Engine.open({ dataDir })
  try {
    await adoptFieldKey(dataDir, secrets, async () => {
      const profiles = await engine.collection(PROFILES, false)
      return profiles?.all().find((p) => typeof p.idNumberEnc === 'string')?.idNumberEnc as string | undefined
    })
  } catch (err) {
    await engine.close()
    throw err
  }
  applyFieldKey(secrets)
  await engine.ensureIndexes(manifest)
  setDatabaseRequester(engine.requesterClass())
  setStorage(localFolderStorage(join(dataDir, 'files')))
  clearSettingsCache()
  if (opts.seed !== false) await seedIfEmpty()
  // Nothing is in flight before the host listens: whatever a killed host left half-done is finished or undone now.
  await runRecovery({ graceMs: 0 })

  const functions = opts.functions ?? cloudFunctions
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT })

  app.get('/api/health', async () => ({ ok: true }))

  app.get('/api/dev/accounts', async () => ({
    accounts: DEMO_ACCOUNTS.map((a) => ({
      key: a.key,
      name: a.name,
      description: a.description,
      roles: ['patient', ...a.roles],
      roleLabels: a.roles.length ? a.roles.map((r) => ROLE_LABELS[r]) : [ROLE_LABELS.patient]
    }))
  }))

  app.post<{ Body: { account?: unknown } }>('/api/dev/login', async (req, reply) => {
    const key = req.body?.account
    const demo = DEMO_ACCOUNTS.find((a) => a.key === key)
    if (!demo)
      return reply
        .code(400)
        .send({ ok: false, error: { code: 'INVALID_INPUT', message: '没有这个演示账号', fields: { account: '没有这个演示账号' } } })
    return { token: signSession(secrets.sessionSecret, demoOpenid(demo.key)) }
  })

  app.post<{ Params: { name: string } }>('/api/fn/:name', async (req, reply) => {
    // Own keys only: `__proto__`, `constructor` or `toString` must be an unknown name, not a crash.
    const fn = Object.prototype.hasOwnProperty.call(functions, req.params.name) ? functions[req.params.name] : undefined
    if (!fn) return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: `没有这个云函数：${req.params.name}` } })
    const auth = req.headers.authorization
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
    const openid = token ? verifySession(secrets.sessionSecret, token) : undefined
    if (token && !openid) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' } }
    return fn.main(req.body ?? {}, contextFor(openid, fn.name, randomUUID()))
  })

  app.setErrorHandler((err, _req, reply) => {
    const status = err.statusCode ?? 500
    if (status === 413) return reply.code(413).send({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大（上限1MB）' } })
    if (status === 400 || status === 415)
      return reply.code(status).send({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } })
    console.error('[host]', err)
    return reply.code(500).send({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
  })

  const staticDir = opts.staticDir ? resolve(opts.staticDir) : undefined
  if (staticDir && existsSync(staticDir)) {
    // wildcard: a rebuild of dist/h5 while the host runs serves the new hashed files.
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', wildcard: true })
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html')
      return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '没有这个地址' } })
    })
  }

  const timers = startTimers(opts.timers === false ? [] : timerTriggers, functions)
  const address = await app.listen({
    port: opts.port ?? Number(process.env.PORT ?? 10086),
    host: opts.host ?? process.env.HOST ?? '127.0.0.1'
  })

  let closed = false
  return {
    url: address,
    app,
    engine,
    timers,
    async close() {
      if (closed) return
      closed = true
      timers.stop()
      await app.close()
      setDatabaseRequester(undefined)
      setStorage(undefined)
      await engine.close()
    }
  }
}
