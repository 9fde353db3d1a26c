/**
 * Mini program session: WeChat already knows who the user is (the function reads the openid from
 * its context), so the app is always signed in and there is nothing to store.
 * The H5 build resolves `session.h5.ts` instead.
 */
export interface DemoAccount {
  key: string
  name: string
  roles: string[]
  description: string
}

/** Whether the person can sign out and pick another account (only the local demo can). */
export const canSwitchAccount = false

export function isSignedIn(): boolean {
  return true
}

export function getToken(): string | null {
  return null
}

export function signOut(): void {}

export function handleUnauthenticated(): void {}

export function onSessionChange(_listener: () => void): () => void {
  return () => {}
}

export async function listDemoAccounts(): Promise<DemoAccount[]> {
  return []
}

export async function signInAs(_key: string): Promise<void> {
  throw new Error('demo sign-in exists only on the local host')
}
