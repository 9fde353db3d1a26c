/** Signed session tokens for the demo login: `<payload>.<hmac>`, base64url. Local host only. */
import { createHmac, timingSafeEqual } from 'node:crypto'

const TTL_MS = 7 * 24 * 3600 * 1000

export function signSession(secret: string, openid: string, nowMs = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ sub: openid, exp: nowMs + TTL_MS })).toString('base64url')
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
}

export function verifySession(secret: string, token: string, nowMs = Date.now()): string | undefined {
  const [payload, sig] = token.split('.')
  if (!payload || !sig) return undefined
  const expected = createHmac('sha256', secret).update(payload).digest()
  const given = Buffer.from(sig, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown }
    if (typeof body.sub !== 'string' || typeof body.exp !== 'number' || body.exp < nowMs) return undefined
    return body.sub
  } catch {
    return undefined
  }
}

/**
 * The `context` CloudBase hands a function for a mini program user, as getCloudbaseContext reads it.
 * TRIGGER_SRC is pinned so that nothing in the host's own process env can make an HTTP call pass
 * for a timer trigger.
 */
export function contextFor(openid: string | undefined, fnName: string, requestId: string): Record<string, unknown> {
  const environment: Record<string, string> = openid
    ? { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'local-dev', TRIGGER_SRC: 'http' }
    : { WX_CONTEXT_KEYS: 'WX_APPID', WX_APPID: 'local-dev', TRIGGER_SRC: 'http' }
  return { request_id: requestId, function_name: fnName, namespace: 'local', environment: JSON.stringify(environment) }
}
