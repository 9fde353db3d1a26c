/**
 * An open home nursing request keeps its patient's profile in the family's list: 删除就诊人 is
 * refused with nursing's own message until the request is cancelled (the holder line in
 * common/patients/holders.ts, asked by account.removeProfile).
 */
import { setNow } from '../../cloudfunctions/common/clock'
import { idCheckChar } from '../../types/idcard'
import { addDays } from '../../types/booking-rules'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { submit } from './helpers'

let b: TestBackend
const TODAY = '2026-12-01'
beforeEach(async () => {
  setNow(new Date(`${TODAY}T09:00:00+08:00`))
  b = await openBackend()
})
afterEach(async () => {
  await b.close()
  setNow(undefined)
})

const first = '370125194803120' + '21'
const uncle = { name: '李德贵', idNumber: first + idCheckChar(first), phone: '13905319876', relation: 'other' as const }

test('a profile with an open nursing request cannot be removed, and can once the request is cancelled', async () => {
  const p = await b.ok('li_mei', 'account', 'addProfile', uncle, rid())
  const req = await submit(b, { patient: uncle.name, date: addDays(TODAY, 2) })

  const refused = await b.call('li_mei', 'account', 'removeProfile', { id: p.id }, rid())
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: '这位就诊人还有未完成的上门护理申请，请在服务完成或取消申请后再删除' }
  })
  const listed = await b.ok('li_mei', 'account', 'listProfiles', {})
  expect(listed.profiles.map((x) => x.name)).toContain(uncle.name)

  await b.ok('li_mei', 'nursing', 'cancelRequest', { id: req.id, reason: '已住院' }, rid())
  await b.ok('li_mei', 'account', 'removeProfile', { id: p.id }, rid())
  const after = await b.ok('li_mei', 'account', 'listProfiles', {})
  expect(after.profiles.map((x) => x.name)).not.toContain(uncle.name)
})
