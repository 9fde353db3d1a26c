/**
 * Mini program: the tab bar and navigation bar are native and cannot be restyled, and every page
 * already carries the elder class on its own root, so there is nothing to do here.
 * The H5 build resolves `elderRoot.h5.ts`.
 */
export function applyElderRoot(_on: boolean): void {}
