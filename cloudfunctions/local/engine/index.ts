/** The embedded document engine: the local CloudBase database behind the real SDK. */
export { Engine, type EngineOptions } from './engine'
export type { RequesterClass } from './requester'
export type { IndexDef, IndexKey, IndexManifest } from './types'
export { DEFAULT_LIMIT, MAX_LIMIT } from './actions'
