/**
 * The class the SDK instantiates as `Db.reqClass`: `new cls(config)`, then `await req.send(api, params, opts)`.
 * Like the SDK's own HTTP requester (node-sdk `tcbapirequester.request`), a reply carrying `code` is handed to the
 * SDK's `processReturn`, which throws the SDK's `TcbError` (`code`, `message`, `requestId`) — or returns the
 * reply if the app turned `setThrowOnCode(false)` on. So application code sees the same error in both places.
 */
import type { Reply } from './actions'
import { loadModule } from './load'

export type RequesterClass = new (config?: unknown) => { send(api: string, data?: unknown, opts?: unknown): Promise<unknown> }

interface EngineLike {
  handle(api: string, params: unknown): Promise<Reply>
}

type ProcessReturn = (result: { code: string; message: string; requestId: string }) => unknown

function loadProcessReturn(): ProcessReturn {
  try {
    const utils = loadModule('@cloudbase/node-sdk/dist/utils/utils') as { processReturn?: ProcessReturn }
    if (typeof utils.processReturn === 'function') return utils.processReturn
  } catch {
    // fall back to an equivalent error below
  }
  return (result) => {
    throw Object.assign(new Error(result.message), result)
  }
}

const processReturn = loadProcessReturn()

export function makeRequesterClass(engine: EngineLike): RequesterClass {
  return class LocalEngineRequester {
    constructor(_config?: unknown) {
      // the SDK passes its config (env, credentials); the local engine needs none of it
    }

    async send(api: string, data?: unknown, _opts?: unknown): Promise<unknown> {
      const reply = await engine.handle(api, data)
      if ('code' in reply && typeof reply.code === 'string' && reply.code) {
        return processReturn({ code: reply.code, message: String(reply.message ?? ''), requestId: reply.requestId })
      }
      return reply
    }
  }
}
