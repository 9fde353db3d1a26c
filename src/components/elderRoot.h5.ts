/**
 * H5: Taro draws the tab bar outside every page, so 长辈模式 also marks the document root to let
 * app.scss enlarge the tab labels.
 */
export function applyElderRoot(on: boolean): void {
  document.documentElement.classList.toggle('elder-root', on)
}
