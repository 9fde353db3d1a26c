/** The decoction part of the matrix fixtures, read from the demo seed through the family's own lists. */
import type { Fixtures } from '../../types/contract'
import type { TestBackend } from '../helpers/backend'

export async function decoctionFixtures(b: TestBackend): Promise<Fixtures['decoction']> {
  const rx = (as: string) => b.ok(as, 'decoction', 'listPrescriptions', {})
  const orders = (as: string) => b.ok(as, 'decoction', 'listOrders', {})
  const addresses = (as: string) => b.ok(as, 'decoction', 'listAddresses', {})
  const [ownRx, otherRx, ownOrders, otherOrders, ownAddr, otherAddr] = await Promise.all([
    rx('li_mei'),
    rx('zhang_wei'),
    orders('li_mei'),
    orders('zhang_wei'),
    addresses('li_mei'),
    addresses('zhang_wei')
  ])
  const pick = <T>(list: T[], ok: (t: T) => boolean, what: string): T => {
    const found = list.find(ok)
    if (!found) throw new Error(`demo seed has no ${what}`)
    return found
  }
  return {
    ownPrescriptionId: pick(ownRx.prescriptions, (p) => p.patientName === '李德福' && p.order === null, "李德福's open prescription").id,
    otherPrescriptionId: pick(otherRx.prescriptions, () => true, "张伟's prescription").id,
    ownOrderId: pick(ownOrders.orders, (o) => o.patientName === '李德福' && o.status === 'decocting', "李德福's order in progress").id,
    otherOrderId: pick(otherOrders.orders, () => true, "张伟's order").id,
    queuedOrderId: pick(otherOrders.orders, (o) => o.status === 'submitted', 'a submitted order').id,
    ownAddressId: pick(ownAddr.addresses, () => true, "李梅's address").id,
    otherAddressId: pick(otherAddr.addresses, () => true, "张伟's address").id
  }
}
