/**
 * Photos for a request in the mini program: chosen compressed, compressed again, read as base64
 * for the `uploadPhoto` action (one call, no upload credentials). H5 gets `photos.h5.ts`.
 */
import Taro from '@tarojs/taro'

export interface PickedPhoto {
  contentType: 'image/jpeg' | 'image/png'
  base64: string
}

/** The file's own first bytes decide its type: the server checks them against what we say. */
export const typeOf = (base64: string): PickedPhoto['contentType'] => (base64.startsWith('iVBOR') ? 'image/png' : 'image/jpeg')

export async function pickPhotos(count: number, maxKB: number): Promise<PickedPhoto[]> {
  const chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const fs = Taro.getFileSystemManager()
  const out: PickedPhoto[] = []
  for (const path of chosen.tempFilePaths) {
    let file = path
    for (const quality of [70, 40, 20]) {
      file = await Taro.compressImage({ src: path, quality })
        .then((r) => r.tempFilePath)
        .catch(() => path)
      if (fs.statSync(file).size <= maxKB * 1024) break
    }
    const base64 = fs.readFileSync(file, 'base64') as string
    out.push({ contentType: typeOf(base64), base64 })
  }
  return out
}
