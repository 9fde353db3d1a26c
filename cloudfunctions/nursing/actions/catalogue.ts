import { SERVICE_AGREEMENT_VERSION } from '../../../types/nursing'
import { serviceWindows } from '../../../types/nursing-rules'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { activeItems } from '../reads'

/** What a family may order, with the windows, the free-cancel hours and the photo limits the form needs. */
export async function catalogue(_input: Record<string, never>, ctx: ActionContext) {
  ctx.user()
  const [items, settings] = await Promise.all([activeItems(), getSettings()])
  const r = settings.nursing
  return {
    items: items.map(({ code, name, description, visitFee, itemFee, minutes, prepare, certificate }) => ({
      code,
      name,
      description,
      visitFee,
      itemFee,
      minutes,
      prepare,
      certificate
    })),
    windows: serviceWindows(r),
    serviceHours: `${r.serviceStart}-${r.serviceEnd}`,
    freeCancelHours: r.freeCancelHours,
    minLeadHours: r.minLeadHours,
    maxDaysAhead: r.maxDaysAhead,
    maxItemsPerRequest: r.maxItemsPerRequest,
    maxPhotos: r.maxPhotos,
    photoMaxKB: r.photoMaxKB,
    agreementVersion: SERVICE_AGREEMENT_VERSION
  }
}
