/**
 * H5 build of `subscribe.ts`: a browser has no WeChat subscribe messages, so there is nothing to
 * ask. Every message still shows under 我的消息. Same signature, so service screens call
 * `askToNotify` without knowing where they run.
 */
export async function askToNotify(_kinds: string[]): Promise<void> {}
