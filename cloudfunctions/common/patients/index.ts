/** The patient kernel: the one home of patient profiles, shared by every function. */
export * from './docs'
export * from './views'
export * from './reads'
export * from './create'
export * from './holders'
export * from './remove'
export * from './hotline'
