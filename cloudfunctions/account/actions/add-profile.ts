import { AppError } from '../../common/errors'
import { createProfile, profileView, type ProfileInput } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { ensureSingleSelf } from '../self'

export async function addProfile(input: ProfileInput, ctx: ActionContext) {
  const { account } = ctx.user()
  if (!account.healthDataConsent) {
    throw new AppError('CONFLICT', '添加就诊人前，请先阅读并同意《健康信息处理知情同意书》')
  }
  if (input.relation === 'self') await ensureSingleSelf(account._id)
  const doc = await createProfile(account._id, input, {
    full: (max) => `每个账号最多添加${max}位就诊人`,
    requestKey: ctx.requestId ? `${account._id}:${ctx.requestId}` : undefined
  })
  return profileView(doc)
}
