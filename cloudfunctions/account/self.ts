/** The rule "one 本人 per account", shared by adding and editing a profile. */
import { AppError } from '../common/errors'
import { activeProfilesOf } from '../common/patients'

export async function ensureSingleSelf(accountId: string, exceptId?: string): Promise<void> {
  const profiles = await activeProfilesOf(accountId)
  if (profiles.some((p) => p.relation === 'self' && p._id !== exceptId)) {
    throw new AppError('CONFLICT', '「本人」只能有一位，请选择其他关系', { relation: '「本人」只能有一位' })
  }
}
