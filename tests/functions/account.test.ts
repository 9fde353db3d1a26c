import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import { idCheckChar } from '../../types/idcard'
import { db } from '../../cloudfunctions/common/db'
import { setNow } from '../../cloudfunctions/common/clock'
import { manifest } from '../../cloudfunctions/common/collections'
import { PROFILE_HOLDERS, removeOwnProfile } from '../../cloudfunctions/common/patients'
import { ORDER_STATUSES } from '../../types/decoction'
import { NURSING_STATUSES } from '../../types/nursing'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => (setNow(undefined), b.close()))

const validId = (seq: string, birth = '19500315') => {
  const first = `370125${birth}${seq}`
  return first + idCheckChar(first)
}
const father = () => ({ name: '刘长海', idNumber: validId('013'), phone: '13905310000', relation: 'parent' as const })

async function consent(as: string) {
  await b.ok(as, 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
}

async function profileCount(accountKey: string) {
  const res = await db()
    .collection('profiles')
    .where({ accountId: b.accountId(accountKey), status: 'active' })
    .count()
  return res.total
}

describe('accounts and patient profiles', () => {
  test('a first-time user sees no profiles, no consent yet, and elder mode off', async () => {
    const me = await b.ok('liu_yang', 'account', 'whoami', {})
    expect(me).toMatchObject({
      nickname: '刘洋',
      roles: ['patient'],
      preferences: { elderMode: false },
      healthDataConsent: null,
      maxProfiles: 5
    })
    const list = await b.ok('liu_yang', 'account', 'listProfiles', {})
    expect(list.profiles).toEqual([])
  })

  test('adding a profile before consenting to health-data processing is refused and writes nothing', async () => {
    const res = await b.call('liu_yang', 'account', 'addProfile', father(), rid())
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('CONFLICT')
      expect(res.error.message).toContain('同意')
    }
    expect(await profileCount('liu_yang')).toBe(0)
  })

  test('an ID number with a wrong check character is refused, naming 身份证号 in Chinese', async () => {
    await consent('liu_yang')
    const good = validId('013')
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
    const res = await b.call('liu_yang', 'account', 'addProfile', { ...father(), idNumber: bad }, rid())
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '身份证号校验位不正确，请核对号码',
        fields: { idNumber: '身份证号校验位不正确，请核对号码' }
      }
    })
    expect(await profileCount('liu_yang')).toBe(0)
  })

  test('a bad phone and a missing name are reported field by field', async () => {
    await consent('liu_yang')
    const res = await b.callUnchecked(
      'liu_yang',
      'account',
      'addProfile',
      { idNumber: validId('013'), phone: '1390531', relation: 'parent' },
      rid()
    )
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.fields).toEqual({ name: '请填写姓名', phone: '手机号应为11位数字，以1开头' })
    }
  })

  test('a valid profile shows sex and birth date from the ID number and the ID number masked', async () => {
    await consent('liu_yang')
    const id = validId('013')
    const p = await b.ok('liu_yang', 'account', 'addProfile', father(), rid())
    expect(p).toMatchObject({
      name: '刘长海',
      sex: 'male',
      birthDate: '1950-03-15',
      relation: 'parent',
      idNumberMasked: `370***********${id.slice(-4)}`
    })
    const list = await b.ok('liu_yang', 'account', 'listProfiles', {})
    expect(list.profiles.map((x) => x.idNumberMasked)).toEqual([`370***********${id.slice(-4)}`])
    expect(JSON.stringify(list)).not.toContain(id)
  })

  test('the ID number is stored encrypted and only its owner can read it back in full', async () => {
    await consent('liu_yang')
    const id = validId('013')
    const p = await b.ok('liu_yang', 'account', 'addProfile', father(), rid())
    const stored = await db().collection('profiles').doc(p.id).get()
    expect(JSON.stringify(stored.data)).not.toContain(id)
    const full = await b.ok('liu_yang', 'account', 'getProfile', { id: p.id })
    expect(full.idNumber).toBe(id)
    const other = await b.call('zhang_wei', 'account', 'getProfile', { id: p.id })
    expect(other.ok).toBe(false)
    if (!other.ok) expect(other.error.code).toBe('NOT_FOUND')
  })

  test('a retried add with the same requestId makes one profile and gets the same reply', async () => {
    await consent('liu_yang')
    const requestId = rid()
    const [a, c] = await Promise.all([
      b.call('liu_yang', 'account', 'addProfile', father(), requestId),
      b.call('liu_yang', 'account', 'addProfile', father(), requestId)
    ])
    const again = await b.call('liu_yang', 'account', 'addProfile', father(), requestId)
    expect(a).toEqual(c)
    expect(again).toEqual(a)
    expect(a.ok).toBe(true)
    expect(await profileCount('liu_yang')).toBe(1)
  })

  test('the same person cannot be added twice to one account', async () => {
    await consent('liu_yang')
    await b.ok('liu_yang', 'account', 'addProfile', father(), rid())
    const res = await b.call('liu_yang', 'account', 'addProfile', { ...father(), name: '刘长河' }, rid())
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error).toMatchObject({ code: 'CONFLICT', fields: { idNumber: '这位就诊人已在您的列表中' } })
  })

  test('ten people added at once to an account with room for five: exactly five are kept', async () => {
    await consent('liu_yang')
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        b.call('liu_yang', 'account', 'addProfile', { ...father(), idNumber: validId(String(101 + i * 2).padStart(3, '0')) }, rid())
      )
    )
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    for (const r of results.filter((x) => !x.ok)) if (!r.ok) expect(r.error.message).toBe('每个账号最多添加5位就诊人')
    expect(await profileCount('liu_yang')).toBe(5)
  })

  test('removing a profile takes it off the list and frees its place', async () => {
    await consent('liu_yang')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const p = await b.ok('liu_yang', 'account', 'addProfile', { ...father(), idNumber: validId(String(201 + i * 2)) }, rid())
      ids.push(p.id)
    }
    await b.ok('liu_yang', 'account', 'removeProfile', { id: ids[0] })
    const list = await b.ok('liu_yang', 'account', 'listProfiles', {})
    expect(list.profiles.map((p) => p.id)).toEqual(ids.slice(1))
    await b.ok('liu_yang', 'account', 'addProfile', { ...father(), idNumber: validId('301') }, rid())
    expect(await profileCount('liu_yang')).toBe(5)
  })

  test('only one profile can be 本人', async () => {
    const res = await b.call('li_mei', 'account', 'addProfile', { ...father(), relation: 'self' }, rid())
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.fields).toEqual({ relation: '「本人」只能有一位' })
  })

  test('an edit changes only the own profile; another family gets NOT_FOUND and nothing changes', async () => {
    const mine = await b.ok('li_mei', 'account', 'listProfiles', {})
    const dad = mine.profiles.find((p) => p.relation === 'parent')!
    const updated = await b.ok('li_mei', 'account', 'updateProfile', { id: dad.id, phone: '13800001111' })
    expect(updated.phone).toBe('13800001111')
    const theirs = await b.call('zhang_wei', 'account', 'updateProfile', { id: dad.id, phone: '13999999999' })
    expect(theirs.ok).toBe(false)
    const after = await b.ok('li_mei', 'account', 'getProfile', { id: dad.id })
    expect(after.phone).toBe('13800001111')
  })

  test('elder mode is remembered for the account', async () => {
    await b.ok('li_mei', 'account', 'setPreferences', { elderMode: true })
    expect((await b.ok('li_mei', 'account', 'whoami', {})).preferences.elderMode).toBe(true)
    expect((await b.ok('zhang_wei', 'account', 'whoami', {})).preferences.elderMode).toBe(false)
  })
})

describe('staff roles', () => {
  test('an admin grants a role and it takes effect on the next call; revoking removes it', async () => {
    const target = b.accountId('liu_yang')
    await b.ok('liu_yang', 'account', 'whoami', {})
    const denied = await b.call('liu_yang', 'account', 'listStaff', {})
    expect(denied.ok).toBe(false)
    await b.ok('admin', 'account', 'grantRole', { accountId: target, role: 'admin', name: '刘洋' })
    expect((await b.ok('liu_yang', 'account', 'whoami', {})).roles).toEqual(['patient', 'admin'])
    expect((await b.call('liu_yang', 'account', 'listStaff', {})).ok).toBe(true)
    await b.ok('admin', 'account', 'revokeRole', { accountId: target, role: 'admin' })
    expect((await b.ok('liu_yang', 'account', 'whoami', {})).roles).toEqual(['patient'])
  })

  test('an admin cannot revoke their own admin role', async () => {
    const res = await b.call('admin', 'account', 'revokeRole', { accountId: b.accountId('admin'), role: 'admin' })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('CONFLICT')
  })

  test('nurse credentials are recorded for nurses and refused for others', async () => {
    const nurse = await b.ok('admin', 'account', 'setNurseCredentials', {
      accountId: b.accountId('nurse'),
      title: '护师',
      years: 6,
      licenseNumber: '201937012345'
    })
    expect(nurse.nurse).toEqual({ title: '护师', years: 6, licenseNumber: '201937012345' })
    const res = await b.call('admin', 'account', 'setNurseCredentials', {
      accountId: b.accountId('doctor'),
      title: '护师',
      years: 6,
      licenseNumber: '201937012345'
    })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.message).toBe('请先授予护士角色，再填写执业信息')
  })

  test('staff changes are written to the audit log with who and what, without the ID number', async () => {
    await b.ok('admin', 'account', 'grantRole', { accountId: b.accountId('li_mei'), role: 'doctor' })
    const log = await db()
      .collection('audit_log')
      .where({ 'actor.accountId': b.accountId('admin'), action: 'grantRole' })
      .get()
    expect(log.data).toHaveLength(1)
    expect(log.data[0]).toMatchObject({ fn: 'account', detail: { input: { accountId: b.accountId('li_mei'), role: 'doctor' } } })
  })
})

describe('messages', () => {
  test('a person sees their own messages newest first, and marking them read clears the count', async () => {
    const { enqueue } = await import('../../cloudfunctions/common/outbox')
    setNow('2026-11-23T02:00:00Z')
    await enqueue({ accountId: b.accountId('li_mei'), kind: 'test', title: '第一条', body: '内容一' })
    setNow('2026-11-23T02:00:05Z')
    await enqueue({ accountId: b.accountId('li_mei'), kind: 'test', title: '第二条', body: '内容二', dedupeKey: 'k1' })
    await enqueue({ accountId: b.accountId('li_mei'), kind: 'test', title: '第二条', body: '内容二', dedupeKey: 'k1' })
    await enqueue({ accountId: b.accountId('zhang_wei'), kind: 'test', title: '别人的', body: '内容' })
    const mine = await b.ok('li_mei', 'account', 'listMessages', {})
    // Newest first (the seed's own notices, already read, are left out of the comparison).
    expect(mine.messages.filter((m) => m.kind === 'test').map((m) => m.title)).toEqual(['第二条', '第一条'])
    expect(mine.unread).toBe(2)
    const theirs = await b.ok('zhang_wei', 'account', 'listMessages', {})
    // Marking someone else's message read changes nothing.
    expect((await b.ok('li_mei', 'account', 'markMessagesRead', { ids: [theirs.messages[0].id] })).updated).toBe(0)
    await b.ok('li_mei', 'account', 'markMessagesRead', { ids: mine.messages.map((m) => m.id) })
    expect((await b.ok('li_mei', 'account', 'listMessages', {})).unread).toBe(0)
  })
})

describe('finding a patient (staff)', () => {
  test('the hotline finds a caller by phone and sees the name and phone masked', async () => {
    const res = await b.ok('hotline', 'account', 'findPatients', {
      phone: '13953187721'
    })
    expect(res.patients).toEqual([expect.objectContaining({ nameMasked: '李*福', phoneMasked: '139****7721', birthDate: '1947-09-02' })])
    expect(JSON.stringify(res)).not.toContain('李德福')
  })

  test('a search by ID number matches exactly, and every search is audited', async () => {
    const { DEMO_ACCOUNTS } = await import('../../cloudfunctions/local/demo')
    const dad = DEMO_ACCOUNTS.find((a) => a.key === 'li_mei')!.profiles[1]
    const res = await b.ok('pharmacist', 'account', 'findPatients', { idNumber: dad.idNumber })
    expect(res.patients).toHaveLength(1)
    const log = await db().collection('audit_log').where({ action: 'findPatients' }).get()
    expect(log.data).toHaveLength(1)
  })

  test('a patient cannot search other people', async () => {
    const res = await b.call('li_mei', 'account', 'findPatients', { phone: '15806351290' })
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN')
  })
})

describe('removing a profile asks every service through the holder registry', () => {
  test('every line names a collection the manifest creates, and statuses that service really has', () => {
    const collections = new Set(manifest.collections.map((c) => c.name))
    const statusesOf: Record<string, readonly string[]> = { decoction: ORDER_STATUSES, nursing: NURSING_STATUSES }
    for (const h of PROFILE_HOLDERS) {
      expect(collections).toContain(h.collection)
      if ('statuses' in h.live) for (const st of h.live.statuses) expect(statusesOf[h.service]).toContain(st)
      expect(h.message).toMatch(/请.+再删除/)
    }
    expect(PROFILE_HOLDERS.map((h) => h.service).sort()).toEqual(['booking', 'decoction', 'nursing'])
  })

  test("a new service's line is all it takes: a live record there keeps the profile, a finished one does not", async () => {
    await consent('liu_yang')
    const p = await b.ok('liu_yang', 'account', 'addProfile', father(), rid())
    const holder = {
      service: 'nursing',
      collection: 'booking_waitlist',
      profileField: 'profileId',
      live: { statuses: ['waiting'] },
      message: '这位就诊人还有进行中的护理服务，请先取消再删除'
    }
    const added = await db()
      .collection('booking_waitlist')
      .add({ profileId: p.id, status: 'waiting', waitKey: `t:${p.id}` })
    const actor = { accountId: b.accountId('liu_yang'), roles: ['patient'] }
    await expect(removeOwnProfile(actor, p.id, [...PROFILE_HOLDERS, holder])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: holder.message
    })
    expect(await profileCount('liu_yang')).toBe(1)
    await db()
      .collection('booking_waitlist')
      .doc(added.id as string)
      .update({ status: 'left' })
    await removeOwnProfile(actor, p.id, [...PROFILE_HOLDERS, holder])
    expect(await profileCount('liu_yang')).toBe(0)
    // The place it took in the account's limit is given back with it.
    const acc = (await db().collection('accounts').doc(b.accountId('liu_yang')).get()).data[0] as { profileCount: number }
    expect(acc.profileCount).toBe(0)
  })

  test('another family cannot remove a profile: NOT_FOUND, and it stays', async () => {
    await consent('liu_yang')
    const p = await b.ok('liu_yang', 'account', 'addProfile', father(), rid())
    expect(await b.call('zhang_wei', 'account', 'removeProfile', { id: p.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await profileCount('liu_yang')).toBe(1)
  })
})
