/** The follow-up console offers 申请上门护理 only when the app it runs in has nursing's request page. */
import { pageExists, RECORDS_ROUTES } from '../../src/packages/records/routes'

type Config = { pages?: string[]; subPackages?: Array<{ root: string; pages: string[] }> }
const g = globalThis as { window?: { __taroAppConfig?: Config }; __wxConfig?: Config }

afterEach(() => {
  delete g.window
  delete g.__wxConfig
})

describe('a link to another service’s page', () => {
  test('is hidden while the nursing subpackage is not in the app', () => {
    g.__wxConfig = { pages: ['pages/index/index', 'packages/records/console/index'] }
    expect(pageExists(RECORDS_ROUTES.nursingRequest)).toBe(false)
  })

  test('shows in the mini program once nursing ships its request page (listed under its subpackage)', () => {
    g.__wxConfig = { pages: ['pages/index/index'], subPackages: [{ root: 'packages/nursing/', pages: ['request/index'] }] }
    expect(pageExists(RECORDS_ROUTES.nursingRequest)).toBe(true)
  })

  test('shows on H5, where Taro lists every page flat', () => {
    g.window = { __taroAppConfig: { pages: ['pages/index/index', 'packages/nursing/request/index'] } }
    expect(pageExists(RECORDS_ROUTES.nursingRequest)).toBe(true)
  })

  test('is hidden when the app config cannot be read at all', () => {
    expect(pageExists(RECORDS_ROUTES.nursingRequest)).toBe(false)
  })
})
