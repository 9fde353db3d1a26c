/**
 * `npm run deploy`: builds the functions, applies the database manifest, uploads every function with
 * the CloudBase CLI (`tcb fn deploy <name> --force`, configured by cloudbaserc.json), then reads each
 * function back to check what CloudBase actually runs. `npm run deploy -- --dry-run` does everything
 * that needs no network (checks, build, plan) and prints the rest.
 *
 * Variables come from the shell, then .env.local, then .env (see .env.example).
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, normalize, resolve } from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import { cloudFunctions, timerTriggers, type TimerTrigger } from '../cloudfunctions/registry'
import { manifest } from '../cloudfunctions/common/collections'
import { buildFunctions } from './build-functions'
import {
  applyDatabase,
  connectManager,
  describeStep,
  loadDotEnv,
  planDatabase,
  requireCredentials,
  type Env,
  type ManagerCredentials
} from './apply-database'

const ROOT = resolve(__dirname, '..')
const FUNCTION_ROOT = 'dist/cloudfunctions'

export interface RcTrigger {
  name: string
  type: string
  config: string
}
export interface RcFunction {
  name: string
  runtime: string
  handler: string
  timeout: number
  memorySize: number
  installDependency: boolean
  envVariables: Record<string, string>
  triggers?: RcTrigger[]
}
export interface CloudbaseRc {
  version: string
  envId: string
  functionRoot: string
  functions: RcFunction[]
}

export function readCloudbaseRc(root = ROOT): CloudbaseRc {
  return JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc
}

/**
 * Everything in which cloudbaserc.json disagrees with the registry and with how functions are built;
 * empty when it may be deployed. A function or timer added to the registry but not to the config
 * would otherwise never reach the cloud.
 */
export function configDrift(rc: CloudbaseRc, functionNames: string[], timers: TimerTrigger[]): string[] {
  const problems: string[] = []
  if (rc.envId !== '{{env.ENV_ID}}') problems.push('envId must be "{{env.ENV_ID}}" (the environment comes from .env, never from git)')
  if (normalize(rc.functionRoot ?? '') !== normalize(FUNCTION_ROOT))
    problems.push(`functionRoot must be ./${FUNCTION_ROOT}, where build:functions writes`)
  const configured = rc.functions.map((f) => f.name)
  for (const name of functionNames)
    if (!configured.includes(name)) problems.push(`function "${name}" is in the registry but not in cloudbaserc.json`)
  for (const name of configured)
    if (!functionNames.includes(name)) problems.push(`function "${name}" is in cloudbaserc.json but not in the registry`)
  if (new Set(configured).size !== configured.length) problems.push('a function is listed twice in cloudbaserc.json')
  for (const t of timers)
    if (!functionNames.includes(t.fn)) problems.push(`timer "${t.name}" targets "${t.fn}", which is not a registered function`)

  for (const f of rc.functions) {
    if (f.handler !== 'index.main') problems.push(`${f.name}: handler must be index.main (build:functions exports main from index.js)`)
    if (f.installDependency !== false) problems.push(`${f.name}: installDependency must be false (dependencies are bundled)`)
    if (!/^Nodejs\d+\.\d+$/.test(f.runtime ?? '')) problems.push(`${f.name}: runtime must be a Node.js runtime such as Nodejs20.19`)
    if (f.envVariables?.FIELD_ENCRYPTION_KEY !== '{{env.FIELD_ENCRYPTION_KEY}}')
      problems.push(`${f.name}: envVariables.FIELD_ENCRYPTION_KEY must be "{{env.FIELD_ENCRYPTION_KEY}}"`)
    const want = timers
      .filter((t) => t.fn === f.name)
      .map((t) => `${t.name} timer ${t.cron}`)
      .sort()
    const have = (f.triggers ?? []).map((t) => `${t.name} ${t.type} ${t.config}`).sort()
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      problems.push(`${f.name}: triggers ${JSON.stringify(have)} differ from the registry's timers ${JSON.stringify(want)}`)
    }
  }
  return problems
}

export interface DeploySettings {
  fieldKey: string
  templates?: Record<string, string>
}

/** Checks the function variables that cloudbaserc.json and the functions need; throws with every problem. */
export function deploySettings(env: Env): DeploySettings {
  const problems: string[] = []
  const envId = env.ENV_ID?.trim() ?? ''
  if (envId && !/^[A-Za-z0-9_-]+$/.test(envId))
    problems.push('ENV_ID 只能含字母、数字、- 和 _ / ENV_ID may hold only letters, digits, - and _')
  const fieldKey = env.FIELD_ENCRYPTION_KEY ?? ''
  if (fieldKey.length < 16) problems.push('FIELD_ENCRYPTION_KEY 至少 16 个字符 / FIELD_ENCRYPTION_KEY must be at least 16 characters')
  // The CLI pastes variables into cloudbaserc.json's JSON text unescaped.
  if (/["\\\u0000-\u001f]/.test(fieldKey))
    problems.push('FIELD_ENCRYPTION_KEY 不能含引号、反斜杠或控制字符 / FIELD_ENCRYPTION_KEY may not contain ", \\ or control characters')
  let templates: Record<string, string> | undefined
  const raw = env.WX_SUBSCRIBE_TEMPLATES?.trim()
  if (raw) {
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      parsed = undefined
    }
    const ok =
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed as object).every((v) => typeof v === 'string' && v.length > 0)
    if (ok) templates = parsed as Record<string, string>
    else
      problems.push(
        'WX_SUBSCRIBE_TEMPLATES 须为 JSON 对象 {"消息类型":"模板ID"} / WX_SUBSCRIBE_TEMPLATES must be a JSON object {"kind":"templateId"}'
      )
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
  return { fieldKey, templates }
}

/** The environment variables a function should have in the cloud once deployed. */
export function desiredVariables(f: RcFunction, env: Env, settings: DeploySettings): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [k, v] of Object.entries(f.envVariables ?? {})) {
    const m = /^\{\{env\.([A-Za-z0-9_]+)\}\}$/.exec(v)
    vars[k] = m ? (env[m[1]] ?? '') : v
  }
  // Not in cloudbaserc.json: the CLI turns any variable that holds a JSON object into an object.
  if (settings.templates) vars.WX_SUBSCRIBE_TEMPLATES = JSON.stringify(settings.templates)
  return vars
}

// ---- reading functions back ------------------------------------------------------------------------

export interface CloudFunctionInfo {
  Status?: string
  StatusDesc?: string
  ModTime?: string
  Runtime?: string
  Handler?: string
  Environment?: { Variables?: Array<{ Key: string; Value: string }> }
  Triggers?: Array<{ Type?: string; TriggerName?: string; Name?: string; TriggerDesc?: string; Config?: string }>
}

export function variablesOf(info: CloudFunctionInfo): Record<string, string> {
  return Object.fromEntries((info.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]))
}

/** The timer triggers a function has in the cloud, as name → cron. */
export function timerTriggersOf(info: CloudFunctionInfo): Map<string, string> {
  const found = new Map<string, string>()
  for (const t of info.Triggers ?? []) {
    if (t.Type !== 'timer') continue
    let cron = t.Config
    if (!cron && t.TriggerDesc) {
      try {
        cron = (JSON.parse(t.TriggerDesc) as { cron?: string }).cron
      } catch {
        cron = t.TriggerDesc
      }
    }
    found.set(t.TriggerName ?? t.Name ?? '', cron ?? '')
  }
  return found
}

export interface TriggerChanges {
  create: RcTrigger[]
  replace: RcTrigger[]
  /** Timers in the cloud that nothing declares; reported, not deleted. */
  extra: string[]
}

export function triggerChanges(declared: RcTrigger[], actual: Map<string, string>): TriggerChanges {
  const changes: TriggerChanges = { create: [], replace: [], extra: [] }
  for (const t of declared) {
    if (!actual.has(t.name)) changes.create.push(t)
    else if (actual.get(t.name)!.trim() !== t.config.trim()) changes.replace.push(t)
  }
  for (const name of actual.keys()) if (!declared.some((t) => t.name === name)) changes.extra.push(name)
  return changes
}

/** SCF answers GetFunction for an unknown name with ResourceNotFound.Function(Name); anything else is a real error. */
function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return /^ResourceNotFound\.Function/.test(e?.code ?? '') || /ResourceNotFound\.Function/.test(e?.message ?? '')
}

async function findFunction(manager: CloudBase, name: string): Promise<CloudFunctionInfo | undefined> {
  try {
    return (await manager.functions.getFunctionDetail(name)) as CloudFunctionInfo
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

async function waitActive(manager: CloudBase, name: string, timeoutMs = 180_000): Promise<CloudFunctionInfo> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const info = await findFunction(manager, name)
    if (!info) throw new Error(`云函数 ${name} 不存在 / function ${name} does not exist after deploy`)
    if (info.Status === 'Active') return info
    if (/Failed$/.test(info.Status ?? '')) throw new Error(`云函数 ${name} 状态 ${info.Status}: ${info.StatusDesc ?? ''}`)
    if (Date.now() > until) throw new Error(`云函数 ${name} 仍为 ${info.Status} / still ${info.Status} after ${timeoutMs / 1000}s`)
    await new Promise((r) => setTimeout(r, 3000))
  }
}

// ---- steps -----------------------------------------------------------------------------------------

function step(n: number, total: number, title: string): void {
  console.log(`\n[${n}/${total}] ${title}`)
}

function mask(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 4)}****${secret.slice(-2)}`
}

function warnIfEnvFileTracked(): void {
  if (!existsSync(join(ROOT, '.env'))) return
  const r = spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: ROOT })
  if (r.status === 1) {
    console.warn(
      '⚠ .env 未被 git 忽略，其中的密钥可能被提交。请把 .env 加入 .gitignore。 / .env is not git-ignored: add it to .gitignore so the keys are never committed.'
    )
  }
}

/** Loads each built bundle in this process: a bundle that cannot load must not be uploaded. */
function checkBundles(names: string[]): void {
  const load = createRequire(__filename)
  for (const name of names) {
    const file = join(ROOT, FUNCTION_ROOT, name, 'index.js')
    const mod = load(file) as { main?: unknown }
    if (typeof mod.main !== 'function') throw new Error(`${file} does not export main`)
  }
}

/** Runs the project's pinned CloudBase CLI. */
function tcb(args: string[], env: NodeJS.ProcessEnv, shown = args): void {
  const bin = require.resolve('@cloudbase/cli/bin/tcb')
  console.log(`  $ tcb ${shown.join(' ')}`)
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, env, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`tcb ${shown.join(' ')} 失败 / failed (exit ${r.status ?? r.signal})`)
}

/**
 * Refuses to overwrite a function whose FIELD_ENCRYPTION_KEY differs from ours (the data encrypted
 * with the old key would become unreadable) or whose runtime cannot be changed in place.
 */
async function preflight(manager: CloudBase, rc: CloudbaseRc, fieldKey: string): Promise<Map<string, string>> {
  const modified = new Map<string, string>()
  for (const f of rc.functions) {
    const info = await findFunction(manager, f.name)
    if (!info) {
      console.log(`  ${f.name}: 新函数 new`)
      continue
    }
    const deployedKey = variablesOf(info).FIELD_ENCRYPTION_KEY
    if (deployedKey && deployedKey !== fieldKey) {
      throw new Error(
        `云函数 ${f.name} 已在使用另一个 FIELD_ENCRYPTION_KEY。更换密钥会使已加密的身份证号无法解密，已停止部署。请使用原密钥。\n` +
          `Function ${f.name} already runs with a different FIELD_ENCRYPTION_KEY; replacing it would make encrypted data unreadable. Deploy stopped: use the original key.`
      )
    }
    if (info.Runtime && info.Runtime !== f.runtime) {
      throw new Error(
        `云函数 ${f.name} 的运行时为 ${info.Runtime}，配置为 ${f.runtime}；运行时不能原地修改 / the runtime of an existing function cannot be changed in place`
      )
    }
    if (info.ModTime) modified.set(f.name, info.ModTime)
    console.log(`  ${f.name}: 已存在，将更新 exists, will be updated (${info.Runtime}, ${info.ModTime ?? ''})`)
  }
  return modified
}

/**
 * Reads every function back, sets what the CLI cannot carry (WX_SUBSCRIBE_TEMPLATES, a changed cron)
 * and fails on anything that differs. It is also how a failed upload is noticed: `tcb fn deploy`
 * prints "函数部署失败" and still exits 0, so a function must be found, Active and newly modified.
 */
async function verify(manager: CloudBase, rc: CloudbaseRc, env: Env, settings: DeploySettings, before: Map<string, string>): Promise<void> {
  const failed: string[] = []
  for (const f of rc.functions) {
    const problems: string[] = []
    const info = await waitActive(manager, f.name)
    if (before.has(f.name) && info.ModTime === before.get(f.name)) {
      throw new Error(
        `云函数 ${f.name} 未被更新（修改时间仍为 ${info.ModTime}），请查看上面 CLI 的输出。\n` +
          `Function ${f.name} was not updated (still modified ${info.ModTime}); see the CLI output above.`
      )
    }

    const want = desiredVariables(f, env, settings)
    if (JSON.stringify(Object.entries(variablesOf(info)).sort()) !== JSON.stringify(Object.entries(want).sort())) {
      await manager.functions.updateFunctionConfig({ name: f.name, envVariables: want })
      await waitActive(manager, f.name)
      console.log(`  ${f.name}: 环境变量已设置 variables set (${Object.keys(want).join(', ')})`)
    }
    const changes = triggerChanges(f.triggers ?? [], timerTriggersOf(info))
    for (const t of changes.replace) {
      await manager.functions.deleteFunctionTrigger(f.name, t.name)
      console.log(`  ${f.name}: 定时触发器 ${t.name} 的 cron 已变，重建 / timer ${t.name} changed, recreating`)
    }
    const toCreate = [...changes.create, ...changes.replace]
    if (toCreate.length > 0) {
      await manager.functions.createFunctionTriggers(f.name, toCreate)
      console.log(`  ${f.name}: 定时触发器已创建 timers created: ${toCreate.map((t) => `${t.name} (${t.config})`).join(', ')}`)
    }
    for (const name of changes.extra) {
      console.warn(
        `  ⚠ ${f.name}: 云端有未声明的定时触发器 ${name}，如已不需要请删除 / undeclared timer ${name}: npx tcb fn trigger delete ${f.name} ${name}`
      )
    }

    const final = await waitActive(manager, f.name)
    const vars = variablesOf(final)
    const timers = timerTriggersOf(final)
    if (final.Runtime !== f.runtime) problems.push(`${f.name}: runtime ${final.Runtime}, expected ${f.runtime}`)
    if (final.Handler !== f.handler) problems.push(`${f.name}: handler ${final.Handler}, expected ${f.handler}`)
    if (vars.FIELD_ENCRYPTION_KEY !== settings.fieldKey) problems.push(`${f.name}: FIELD_ENCRYPTION_KEY is not the one in .env`)
    if (vars.WX_SUBSCRIBE_TEMPLATES !== want.WX_SUBSCRIBE_TEMPLATES)
      problems.push(`${f.name}: WX_SUBSCRIBE_TEMPLATES is not the one in .env`)
    for (const t of f.triggers ?? [])
      if (timers.get(t.name)?.trim() !== t.config.trim()) problems.push(`${f.name}: timer ${t.name} is not ${t.config}`)
    if (problems.length === 0)
      console.log(`  ✔ ${f.name}: ${final.Status} ${final.Runtime} ${final.Handler}, ${timers.size} 个定时触发器 timers`)
    failed.push(...problems)
  }
  if (failed.length > 0) throw new Error(`部署后核对失败 / verification after deploy failed:\n  ${failed.join('\n  ')}`)
}

export async function deploy(opts: { dryRun: boolean }): Promise<void> {
  process.chdir(ROOT)
  loadDotEnv(ROOT)
  const env = process.env
  const total = opts.dryRun ? 4 : 6
  console.log(opts.dryRun ? '部署预演（不连网络）/ Deploy dry run (no network)' : '部署到 CloudBase / Deploying to CloudBase')

  step(1, total, '检查配置 Check configuration')
  const rc = readCloudbaseRc()
  const names = Object.keys(cloudFunctions)
  const drift = configDrift(rc, names, timerTriggers)
  if (drift.length > 0)
    throw new Error(`cloudbaserc.json 与 cloudfunctions/registry.ts 不一致 / disagrees with the registry:\n  ${drift.join('\n  ')}`)
  console.log(`  cloudbaserc.json: ${names.length} 个函数 functions (${names.join(', ')}), ${timerTriggers.length} 个定时触发器 timers`)
  warnIfEnvFileTracked()
  let creds: ManagerCredentials | undefined
  let settings: DeploySettings | undefined
  try {
    creds = requireCredentials(env)
    settings = deploySettings(env)
    console.log(
      `  环境 env ${creds.envId}, 密钥 key ${mask(creds.secretId)}${settings.templates ? `, 订阅消息模板 ${Object.keys(settings.templates).length} 个` : ''}`
    )
  } catch (err) {
    if (!opts.dryRun) throw err
    console.warn(`  ⚠ ${(err as Error).message.replace(/\n/g, '\n    ')}`)
  }

  step(2, total, '构建云函数 Build functions (npm run build:functions)')
  for (const s of await buildFunctions(FUNCTION_ROOT)) console.log(`  ${FUNCTION_ROOT}/${s.name}/index.js  ${s.kb} KB`)
  checkBundles(names)
  console.log('  每个包都能加载并导出 main / every bundle loads and exports main')

  const steps = planDatabase(manifest)
  if (opts.dryRun || !creds || !settings) {
    step(3, total, '数据库：集合、索引、安全规则 Database: collections, indexes, security rules')
    for (const s of steps) console.log(`  ${describeStep(s)}`)
    step(4, total, '将要执行 Would run')
    console.log('  $ tcb login --apiKeyId **** --apiKey ****')
    for (const f of rc.functions) console.log(`  $ tcb fn deploy ${f.name} --force --yes -e ${creds?.envId ?? '<ENV_ID>'}`)
    console.log('  然后逐个读回核对 then read every function back and check it')
    return
  }

  // Read-only checks first, so that a refused deploy has changed nothing.
  const manager = await connectManager(creds)
  step(3, total, '检查云端函数 Check functions in the environment')
  const before = await preflight(manager, rc, settings.fieldKey)

  step(4, total, '数据库：集合、索引、安全规则 Database: collections, indexes, security rules')
  await applyDatabase(steps, manager, { envId: creds.envId, wxAppId: env.WX_APPID?.trim() || undefined })

  step(5, total, '上传云函数 Upload functions (CloudBase CLI)')
  // A throwaway HOME: the CLI signs in with the keys from .env (not whatever account this machine
  // last logged into) and the key it stores is deleted when the deploy ends.
  const home = mkdtempSync(join(tmpdir(), 'tcb-deploy-'))
  const cliEnv = { ...env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: join(home, '.config') }
  try {
    const login = ['login', '--apiKeyId', creds.secretId, '--apiKey', creds.secretKey, ...(creds.token ? ['--token', creds.token] : [])]
    tcb(login, cliEnv, ['login', '--apiKeyId', mask(creds.secretId), '--apiKey', '****', ...(creds.token ? ['--token', '****'] : [])])
    for (const f of rc.functions) tcb(['fn', 'deploy', f.name, '--force', '--yes', '-e', creds.envId], cliEnv)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }

  step(6, total, '核对云端函数 Verify deployed functions')
  await verify(manager, rc, env, settings, before)
  console.log(`\n✔ 部署完成 / deployed to ${creds.envId}`)
}

if (require.main === module) {
  deploy({ dryRun: process.argv.includes('--dry-run') }).catch((err: Error) => {
    console.error(`\n✖ ${err.message}`)
    process.exit(1)
  })
}
