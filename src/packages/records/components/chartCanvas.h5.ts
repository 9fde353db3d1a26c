import type { DrawingSurface } from './chartCanvas'

export type { DrawingSurface }

/**
 * H5: Taro's `<Canvas id>` is a custom element that puts a real <canvas> inside once it has
 * rendered, so look for it a few frames running before giving up.
 */
export async function drawingSurface(id: string): Promise<DrawingSurface | null> {
  for (let i = 0; i < 20; i++) {
    const host = document.getElementById(id)
    const el = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
    const box = host?.getBoundingClientRect()
    if (el && box && box.width > 0 && box.height > 0) {
      const pixelRatio = window.devicePixelRatio || 1
      el.width = Math.round(box.width * pixelRatio)
      el.height = Math.round(box.height * pixelRatio)
      el.style.width = `${box.width}px`
      el.style.height = `${box.height}px`
      const context = el.getContext('2d')
      if (context) return { context, pixelRatio, width: box.width, height: box.height }
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return null
}
