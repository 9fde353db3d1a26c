import Taro from '@tarojs/taro'

export interface DrawingSurface {
  context: CanvasRenderingContext2D
  pixelRatio: number
  width: number
  height: number
  createImage?: () => HTMLImageElement
  requestAnimationFrame?: (cb: () => void) => number
  cancelAnimationFrame?: (id: number) => void
}

/**
 * Mini program: the 2d canvas node of `<Canvas type="2d" id>` (the node API, not the old
 * canvasId one), sized to its laid-out box at the phone's pixel ratio.
 */
/** The mini program's canvas node (type="2d"): a canvas-like object with a few mini program extras. */
interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D
  createImage(): HTMLImageElement
  requestAnimationFrame(cb: () => void): number
  cancelAnimationFrame(id: number): void
}

export function drawingSurface(id: string): Promise<DrawingSurface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const hit = res?.[0]
        const node = hit?.node
        if (!node || !hit?.width || !hit?.height) return resolve(null)
        const pixelRatio = Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio ?? 2
        node.width = hit.width * pixelRatio
        node.height = hit.height * pixelRatio
        resolve({
          context: node.getContext('2d'),
          pixelRatio,
          width: hit.width,
          height: hit.height,
          createImage: () => node.createImage(),
          requestAnimationFrame: (cb) => node.requestAnimationFrame(cb),
          cancelAnimationFrame: (n) => node.cancelAnimationFrame(n)
        })
      })
  })
}
