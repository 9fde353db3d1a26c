/**
 * One router for every cloud function. For each call it parses the input with the action's zod
 * schema, resolves the caller from `context`, checks the role, replays a retried requestId,
 * runs the handler, checks its output against the contract, and maps every failure to the
 * contract's error codes. Handlers contain only the action's own logic.
 */
import { z } from 'zod'
import tcb from '@cloudbase/node-sdk'
import { eventSchema, type ActionMap, type ActionResult, type ActionSpec, type Caller as CallerRole } from '../../types/contract'
import { zodFields } from '../../types/zod-zh'
import { AppError } from './errors'
import { loadAccount, openidFromContext, rolesOf, type Caller, type UserCaller } from './identity'
import { claimRequest, releaseRequest, settleRequest } from './idempotency'
import { writeAudit, writeAuditIn, type AuditEntry } from './audit'
import type { Transaction } from './db'

export interface ActionContext {
  fn: string
  action: string
  caller: Caller
  requestId?: string
  /** The signed-in user; throws for timer calls. */
  user(): UserCaller
  audit(entry: Omit<AuditEntry, 'fn' | 'action'>): Promise<void>
  /** The audit entry written inside the change's transaction: committed with it or not at all. */
  auditIn(tx: Transaction, entry: Omit<AuditEntry, 'fn' | 'action'>): Promise<void>
}

export type Handler<A extends ActionSpec> = (input: z.output<A['input']>, ctx: ActionContext) => Promise<z.input<A['output']>>
export type Handlers<M extends ActionMap> = { [K in keyof M]: Handler<M[K]> }

export interface CloudFunction<M extends ActionMap = ActionMap> {
  name: string
  actions: M
  main(event: unknown, context?: unknown): Promise<ActionResult<unknown>>
}

function invalid(fields: Record<string, string>): AppError {
  const first = Object.values(fields)[0] ?? '输入有误'
  return new AppError('INVALID_INPUT', first, fields)
}

/**
 * A CloudBase timer trigger calls main with { Type: 'Timer', TriggerName, Time } and no user. The
 * event alone proves nothing (any HTTP caller can send that body): the platform marks a trigger
 * invocation with TRIGGER_SRC=timer in the context it passes, which the SDK itself reads to pick
 * its trigger token. Locally only the host's timer runner builds such a context.
 */
function looksLikeTimer(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
}

function timerEvent(event: unknown, context: unknown): { action: string } | undefined {
  if (!looksLikeTimer(event)) return undefined
  const name = (event as { TriggerName?: unknown }).TriggerName
  if (typeof name !== 'string' || !isTimerInvocation(context)) return undefined
  return { action: name }
}

export function isTimerInvocation(context: unknown): boolean {
  if (!context || typeof context !== 'object') return false
  try {
    const env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<string, unknown>
    return env.TRIGGER_SRC === 'timer'
  } catch {
    return false
  }
}

function isStaffOnly(spec: ActionSpec): boolean {
  return !spec.roles.includes('patient') && !(spec.roles.length === 1 && spec.roles[0] === 'system')
}

export interface FunctionOptions<M extends ActionMap> {
  /**
   * Actions that make a retried requestId safe inside their own writes (e.g. a unique request key
   * on the record they insert), sparing the two claim round trips on a hot path like booking.
   */
  selfReplay?: ReadonlyArray<keyof M>
}

export function createFunction<M extends ActionMap>(
  name: string,
  actions: M,
  handlers: Handlers<M>,
  options: FunctionOptions<M> = {}
): CloudFunction<M> {
  async function run(event: unknown, context: unknown): Promise<ActionResult<unknown>> {
    const openid = openidFromContext(context)
    const timer = openid ? undefined : timerEvent(event, context)
    if (!timer && looksLikeTimer(event)) throw new AppError('UNAUTHENTICATED', '该操作只由系统定时任务执行')
    const parsedEvent = timer ? { success: true as const, data: { action: timer.action, data: {} } } : eventSchema.safeParse(event)
    if (!parsedEvent.success) throw invalid(zodFields(parsedEvent.error))
    const { action, data, requestId } = parsedEvent.data as { action: string; data?: unknown; requestId?: string }

    if (!Object.prototype.hasOwnProperty.call(actions, action)) {
      throw invalid({ action: `没有这个操作：${action}` })
    }
    const spec = actions[action]
    const input = spec.input.safeParse(data === undefined ? {} : data)
    if (!input.success) throw invalid(zodFields(input.error))
    if (spec.requestId && !requestId) throw invalid({ requestId: '缺少请求编号，请重试' })

    let caller: Caller
    if (timer) {
      if (!spec.roles.includes('system')) throw new AppError('UNAUTHENTICATED', '请先登录')
      caller = { kind: 'system', roles: ['system'] }
    } else {
      if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录')
      if (spec.roles.every((r) => r === 'system')) throw new AppError('FORBIDDEN', '该操作只由系统定时任务执行')
      const account = await loadAccount(openid)
      caller = { kind: 'user', openid, accountId: account._id, account, roles: rolesOf(account) }
    }
    if (!caller.roles.some((r) => spec.roles.includes(r as CallerRole))) {
      throw new AppError('FORBIDDEN', '您的账号没有权限进行此操作')
    }

    let audited = false
    const actor = caller.kind === 'user' ? { accountId: caller.accountId, roles: caller.roles } : ('system' as const)
    const ctx: ActionContext = {
      fn: name,
      action,
      caller,
      requestId,
      user() {
        if (caller.kind !== 'user') throw new AppError('UNAUTHENTICATED', '请先登录')
        return caller
      },
      audit: (entry) => {
        audited = true
        return writeAudit(actor, { fn: name, action, ...entry })
      },
      auditIn: (tx, entry) => {
        audited = true
        return writeAuditIn(tx, actor, { fn: name, action, ...entry })
      }
    }

    const execute = async (): Promise<ActionResult<unknown>> => {
      try {
        const out = await handlers[action](input.data, ctx)
        const checked = spec.output.safeParse(out)
        // A reply that breaks the contract is our bug, never the caller's input.
        if (!checked.success) throw new Error(`${name}.${action} output breaks its schema: ${checked.error.message}`)
        const result = checked.data
        if (caller.kind === 'user' && isStaffOnly(spec) && !audited) await ctx.audit({ detail: { input: redact(input.data) } })
        return { ok: true, data: result }
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toJSON() }
        throw err
      }
    }

    if (!requestId || !spec.requestId || caller.kind !== 'user' || options.selfReplay?.includes(action)) return execute()
    const claim = await claimRequest(caller.accountId, name, action, requestId)
    if (claim.kind === 'replay') return claim.reply
    let reply: ActionResult<unknown>
    try {
      reply = await execute()
    } catch (err) {
      await releaseRequest(claim).catch(() => undefined)
      throw err
    }
    await settleRequest(claim, reply)
    return reply
  }

  return {
    name,
    actions,
    async main(event, context) {
      try {
        return await run(event, context)
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toJSON() }
        console.error(`[${name}] unexpected failure`, err)
        return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
      }
    }
  }
}

const SENSITIVE = /idNumber|phone|mobile|password|token/i

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SENSITIVE.test(k) ? '***' : redact(v)]))
  }
  return value
}
