/** `require` for the few CommonJS internals the engine reaches into, also when loaded as an ES module. */
import { createRequire } from 'module'
import { join } from 'path'

export const loadModule: NodeRequire = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'index.js'))
