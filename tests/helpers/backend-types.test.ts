/**
 * The test backend is typed by the contract: an action renamed or an input changed in types/*.ts
 * fails `npm run typecheck` on every test that calls it, before any test runs. Each
 * @ts-expect-error below fails typecheck if the mistake under it ever compiles.
 */
import type { TestBackend } from './backend'

// Never called: only the compiler reads these.
export async function typedCalls(b: TestBackend): Promise<void> {
  // @ts-expect-error an action that does not exist
  await b.ok('li_mei', 'account', 'whoAmI', {})
  // @ts-expect-error a function that does not exist
  await b.ok('li_mei', 'acount', 'whoami', {})
  // @ts-expect-error an action of another function
  await b.ok('li_mei', 'account', 'book', {})
  // @ts-expect-error an input field the action does not take
  await b.call('li_mei', 'booking', 'cancel', { id: 'a1', why: '有事' }, 'req-00000001')
  // @ts-expect-error a value outside an enum
  await b.call('li_mei', 'account', 'addProfile', { name: '刘长海', idNumber: 'x', phone: '13905310000', relation: 'uncle' })

  const me = await b.ok('li_mei', 'account', 'whoami', {})
  // @ts-expect-error the output is typed too
  me.nickName.trim()
  me.nickname.trim()
}

test('the typed calls above are checked by typecheck, not at run time', () => {
  expect(typeof typedCalls).toBe('function')
})
