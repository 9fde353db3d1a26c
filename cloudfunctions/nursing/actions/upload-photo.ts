import { createHash } from 'node:crypto'
import { AppError } from '../../common/errors'
import { getSettings } from '../../common/settings'
import { storage } from '../../common/storage'
import type { ActionContext } from '../../common/router'
import { photoPathPrefix } from '../photos'

const MAGIC: Record<string, number[]> = { 'image/jpeg': [0xff, 0xd8, 0xff], 'image/png': [0x89, 0x50, 0x4e, 0x47] }

/**
 * A photo for a request (the wound, the dressing), sent as base64 in the call: one round trip, no
 * upload credentials on the client, and the size limit (setting photoMaxKB) enforced here. The file
 * lives under the account's own folder, which is how a request later proves the photo is its family's.
 */
export async function uploadPhoto(input: { contentType: 'image/jpeg' | 'image/png'; base64: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const { photoMaxKB } = (await getSettings()).nursing
  const bytes = Buffer.from(input.base64, 'base64')
  if (bytes.length > photoMaxKB * 1024) {
    const limit = photoMaxKB % 1024 === 0 ? `${photoMaxKB / 1024}MB` : `${photoMaxKB}KB`
    throw new AppError('INVALID_INPUT', `图片不能超过${limit}`, { base64: '图片太大' })
  }
  if (!MAGIC[input.contentType].every((b, i) => bytes[i] === b))
    throw new AppError('INVALID_INPUT', '图片格式不正确', { base64: '图片格式不正确' })
  const ext = input.contentType === 'image/png' ? 'png' : 'jpg'
  const name = createHash('sha256').update(bytes).digest('hex').slice(0, 32)
  const fileId = await storage().upload(`${photoPathPrefix(accountId)}${name}.${ext}`, bytes)
  return { fileId, url: await storage().url(fileId, input.contentType) }
}
