/**
 * Photos for a request in the browser: the chosen image is drawn onto a canvas no wider than
 * 1280 px and saved as JPEG, lowering the quality until it fits the server's size limit.
 */
import Taro from '@tarojs/taro'
import type { PickedPhoto } from './photos'

export type { PickedPhoto } from './photos'

function load(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('图片无法读取'))
    img.src = src
  })
}

async function compress(src: string, maxKB: number): Promise<PickedPhoto> {
  const img = await load(src)
  const scale = Math.min(1, 1280 / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('图片无法读取')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  let base64 = ''
  for (const quality of [0.8, 0.6, 0.4, 0.25]) {
    base64 = canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? ''
    // base64 is 4/3 of the bytes
    if ((base64.length * 3) / 4 <= maxKB * 1024) break
  }
  return { contentType: 'image/jpeg', base64 }
}

export async function pickPhotos(count: number, maxKB: number): Promise<PickedPhoto[]> {
  const chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const out: PickedPhoto[] = []
  for (const path of chosen.tempFilePaths) out.push(await compress(path, maxKB))
  return out
}
