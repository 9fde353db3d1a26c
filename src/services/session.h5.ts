/**
 * Local (H5) session: the local host signs a token for a demo account; it is kept in storage and
 * sent as a bearer token. Chosen over `session.ts` by Taro's platform file suffix.
 */
import Taro from '@tarojs/taro'
import { ROUTES } from '../routes'
import { ApiError, NETWORK_MESSAGE } from './errors'

export interface DemoAccount {
  key: string
  name: string
  roles: string[]
  description: string
}

const TOKEN_KEY = 'session.token'
const CHANGED = 'session:changed'

export const canSwitchAccount = true

export function getToken(): string | null {
  const token = Taro.getStorageSync(TOKEN_KEY)
  return typeof token === 'string' && token ? token : null
}

export function isSignedIn(): boolean {
  return getToken() !== null
}

export function onSessionChange(listener: () => void): () => void {
  Taro.eventCenter.on(CHANGED, listener)
  return () => Taro.eventCenter.off(CHANGED, listener)
}

export function signOut(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.eventCenter.trigger(CHANGED)
}

/** The token expired or the host forgot it: start over at the sign-in page. */
export function handleUnauthenticated(): void {
  if (!isSignedIn()) return
  signOut()
  Taro.reLaunch({ url: ROUTES.login })
}

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(url, init)
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE)
  }
  if (!res.ok) throw new ApiError('INTERNAL', '本地服务暂时不可用，请确认已启动')
  return res.json()
}

export async function listDemoAccounts(): Promise<DemoAccount[]> {
  const body = (await getJson('/api/dev/accounts')) as { accounts?: DemoAccount[] }
  return Array.isArray(body.accounts) ? body.accounts : []
}

export async function signInAs(key: string): Promise<void> {
  const body = (await getJson('/api/dev/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account: key })
  })) as { token?: string }
  if (!body.token) throw new ApiError('INTERNAL', '登录失败，请重试')
  Taro.setStorageSync(TOKEN_KEY, body.token)
  Taro.eventCenter.trigger(CHANGED)
}
