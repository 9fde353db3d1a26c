/**
 * Applies the collection manifest (cloudfunctions/common/collections.ts) to a CloudBase environment
 * with the official management SDK, @cloudbase/manager-node: every collection exists, every declared
 * index exists with its keys and uniqueness, and every collection's security rule denies all client
 * reads and writes (the functions use the server SDK, which security rules do not apply to).
 *
 * `planDatabase` is the pure part (manifest → steps) and `applyDatabase` runs steps against any client
 * shaped like the manager, so both are tested without a network. `npm run deploy` runs it before uploading;
 * `tsx scripts/apply-database.ts` runs it alone. Safe to re-run: existing collections and matching
 * indexes are left as they are; nothing is ever dropped.
 */
import { join, resolve } from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import { manifest as defaultManifest, type DatabaseManifest, type IndexSpec } from '../cloudfunctions/common/collections'

/** Environment variables, as in process.env. */
export type Env = Record<string, string | undefined>

export type DatabaseStep =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: string; keys: IndexSpec['keys']; unique: boolean }
  | { kind: 'setSecurityRule'; collection: string; aclTag: 'CUSTOM'; rule: string }

/** The only rule this product ships: no client may read or write any collection directly. */
const DENY_ALL = { read: false, write: false }

/**
 * Turns the manifest into the ordered list of operations that make an environment match it:
 * per collection, create it, then its indexes, then its security rule.
 */
export function planDatabase(m: DatabaseManifest): DatabaseStep[] {
  if (m.rule.read !== DENY_ALL.read || m.rule.write !== DENY_ALL.write) {
    // ARCHITECTURE.md: every read and write goes through a function. A rule that opens a collection to
    // clients would bypass every role and ownership check, so it is refused here, not deployed.
    throw new Error(
      `数据库安全规则必须拒绝客户端直接读写 / the security rule must deny client reads and writes, got ${JSON.stringify(m.rule)}`
    )
  }
  const rule = JSON.stringify(DENY_ALL)
  const seen = new Set<string>()
  const steps: DatabaseStep[] = []
  for (const c of m.collections) {
    if (seen.has(c.name)) throw new Error(`collection "${c.name}" is declared twice in the manifest`)
    seen.add(c.name)
    steps.push({ kind: 'createCollection', collection: c.name })
    const indexNames = new Set<string>()
    for (const ix of c.indexes ?? []) {
      if (indexNames.has(ix.name)) throw new Error(`index "${ix.name}" is declared twice on "${c.name}"`)
      if (ix.name === '_id_') throw new Error(`index name "_id_" on "${c.name}" is reserved by the database`)
      if (ix.keys.length === 0) throw new Error(`index "${ix.name}" on "${c.name}" has no keys`)
      indexNames.add(ix.name)
      steps.push({ kind: 'createIndex', collection: c.name, index: ix.name, keys: ix.keys, unique: ix.unique === true })
    }
    steps.push({ kind: 'setSecurityRule', collection: c.name, aclTag: 'CUSTOM', rule })
  }
  return steps
}

/** One line per step, for the deploy log and `--dry-run`. */
export function describeStep(s: DatabaseStep): string {
  switch (s.kind) {
    case 'createCollection':
      return `collection ${s.collection}: create if missing`
    case 'createIndex':
      return `collection ${s.collection}: index ${s.index} (${s.keys.map((k) => `${k.field} ${k.direction}`).join(', ')})${s.unique ? ' unique' : ''}`
    case 'setSecurityRule':
      return `collection ${s.collection}: security rule ${s.aclTag} ${s.rule}`
  }
}

// ---- the manager's database API, as much of it as this script uses --------------------------------

interface ExistingIndex {
  Name: string
  Keys?: Array<{ Name?: string; Direction?: string }>
  Unique?: boolean
}

/** The subset of `new CloudBase(...)` that applyDatabase calls; the real manager satisfies it. */
export interface DatabaseClient {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>
    describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>
    updateCollection(
      name: string,
      change: {
        CreateIndexes: Array<{
          IndexName: string
          MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean }
        }>
      }
    ): Promise<unknown>
  }
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> }
}

/** The request body of UpdateTable.CreateIndexes for one declared index. */
export function createIndexRequest(s: Extract<DatabaseStep, { kind: 'createIndex' }>) {
  return {
    IndexName: s.index,
    MgoKeySchema: { MgoIndexKeys: s.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })), MgoIsUnique: s.unique }
  }
}

/** Whether an index that already exists under the declared name has the declared keys and uniqueness. */
export function indexMatches(existing: ExistingIndex, s: Extract<DatabaseStep, { kind: 'createIndex' }>): boolean {
  const keys = existing.Keys ?? []
  return (
    Boolean(existing.Unique) === s.unique &&
    keys.length === s.keys.length &&
    keys.every((k, i) => k.Name === s.keys[i].field && String(k.Direction) === String(s.keys[i].direction))
  )
}

function sameRule(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false
  try {
    return JSON.stringify(JSON.parse(actual)) === JSON.stringify(JSON.parse(expected))
  } catch {
    return false
  }
}

export interface ApplyOptions {
  envId: string
  /** WeChat mini program AppID; CloudBase's DescribeSafeRule wants it for environments created in WeChat. */
  wxAppId?: string
  log?: (line: string) => void
}

/**
 * Runs the steps in order against the environment. Stops at the first failure (the error names the
 * step); every step is idempotent, so running again after fixing the cause finishes the job.
 */
export async function applyDatabase(steps: DatabaseStep[], client: DatabaseClient, opts: ApplyOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const indexCache = new Map<string, ExistingIndex[]>()
  const existingIndexes = async (collection: string): Promise<ExistingIndex[]> => {
    let found = indexCache.get(collection)
    if (!found) {
      found = (await client.database.describeCollection(collection)).Indexes ?? []
      indexCache.set(collection, found)
    }
    return found
  }

  for (const s of steps) {
    try {
      if (s.kind === 'createCollection') {
        const res = await client.database.createCollectionIfNotExists(s.collection)
        log(`  ${res.IsCreated ? '已创建 created ' : '已存在 exists  '} ${s.collection}`)
      } else if (s.kind === 'createIndex') {
        const existing = (await existingIndexes(s.collection)).find((i) => i.Name === s.index)
        if (existing && indexMatches(existing, s)) {
          log(`  索引一致 unchanged ${s.collection}.${s.index}`)
          continue
        }
        // UpdateTable replaces an index of the same name, so a changed declaration is applied in place.
        await client.database.updateCollection(s.collection, { CreateIndexes: [createIndexRequest(s)] })
        log(`  ${existing ? '索引已更新 replaced' : '索引已创建 created '} ${s.collection}.${s.index}${s.unique ? ' (unique)' : ''}`)
      } else {
        const tcb = client.commonService()
        await tcb.call({
          Action: 'ModifySafeRule',
          Param: { EnvId: opts.envId, CollectionName: s.collection, AclTag: s.aclTag, Rule: s.rule }
        })
        // Read it back: a collection left open to clients is the one failure here that must not pass quietly.
        const now = (await tcb.call({
          Action: 'DescribeSafeRule',
          Param: { EnvId: opts.envId, CollectionName: s.collection, ...(opts.wxAppId ? { WxAppId: opts.wxAppId } : {}) }
        })) as { AclTag?: string; Rule?: string | null }
        const denied = now.AclTag === 'ADMINONLY' || (now.AclTag === s.aclTag && sameRule(now.Rule, s.rule))
        if (!denied) {
          throw new Error(`security rule reads back as ${now.AclTag} ${now.Rule ?? ''}, expected ${s.aclTag} ${s.rule}`)
        }
        log(`  安全规则 rule     ${s.collection} → 禁止客户端读写 ${s.rule}`)
      }
    } catch (err) {
      const hint =
        s.kind === 'setSecurityRule' && !opts.wxAppId
          ? '\n  若环境由微信开发者工具创建，请在 .env 中设置 WX_APPID 后重试 / for an environment created in WeChat DevTools, set WX_APPID in .env and retry'
          : ''
      throw new Error(`数据库步骤失败 / database step failed: ${describeStep(s)}\n  ${(err as Error).message}${hint}`)
    }
  }
}

export interface ManagerCredentials {
  envId: string
  secretId: string
  secretKey: string
  token?: string
}

/** Reads the manager's credentials from the environment, or refuses naming every missing variable. */
export function requireCredentials(env: Env = process.env): ManagerCredentials {
  const missing = ['ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !env[k]?.trim())
  if (missing.length > 0) {
    throw new Error(
      `缺少部署凭据：${missing.join('、')}。请复制 .env.example 为 .env 并填写（腾讯云 访问管理 → API 密钥管理）。\n` +
        `Missing deploy credentials: ${missing.join(', ')}. Copy .env.example to .env and fill it in (Tencent Cloud CAM → API keys).`
    )
  }
  return {
    envId: env.ENV_ID!.trim(),
    secretId: env.TENCENTCLOUD_SECRETID!.trim(),
    secretKey: env.TENCENTCLOUD_SECRETKEY!.trim(),
    token: env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined
  }
}

/** A management client for the environment in the credentials (each call is a signed Tencent Cloud API request). */
export async function connectManager(creds: ManagerCredentials): Promise<CloudBase> {
  const { default: Manager } = await import('@cloudbase/manager-node')
  return new Manager({ envId: creds.envId, secretId: creds.secretId, secretKey: creds.secretKey, token: creds.token })
}

/** Loads .env.local and .env from the repo root without overriding variables already set. */
export function loadDotEnv(root: string): void {
  for (const file of ['.env.local', '.env']) {
    try {
      process.loadEnvFile(join(root, file))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

/** Plans, prints and applies the manifest to the environment named by ENV_ID. */
export async function applyManifest(m: DatabaseManifest = defaultManifest, env: Env = process.env): Promise<void> {
  const steps = planDatabase(m)
  const creds = requireCredentials(env)
  console.log(`数据库 database: ${m.collections.length} 个集合 collections, ${steps.length} 步 steps → 环境 env ${creds.envId}`)
  const manager = await connectManager(creds)
  await applyDatabase(steps, manager, { envId: creds.envId, wxAppId: env.WX_APPID?.trim() || undefined })
}

if (require.main === module) {
  loadDotEnv(resolve(__dirname, '..'))
  applyManifest().catch((err: Error) => {
    console.error(`\n✖ ${err.message}`)
    process.exit(1)
  })
}
