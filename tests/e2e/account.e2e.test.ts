/**
 * A first-time family member, in Chromium at phone size against the H5 build on the local host:
 * signs in, gives the health-data consent, adds a parent after fixing a mistyped ID number, and
 * turns on 长辈模式, which the account remembers across a reload.
 */
import type { Browser, Page } from 'playwright-core'
import {
  button,
  cell,
  ensureH5Build,
  fieldError,
  fieldInput,
  fontSizePx,
  launchBrowser,
  onScreen,
  openPhone,
  snap,
  startAppHost,
  tab,
  waitForAction,
  type AppHost
} from './helpers'

/** Fictional: 济阳 area code, born 1951-06-02, check character X. */
const PARENT_ID = '37012519510602123X'
const PARENT_ID_TYPO = '370125195106021234'
const PARENT_ID_MASKED = '370***********123X'

jest.setTimeout(120_000)

describe('就诊人 and 长辈模式 for a first-time family member', () => {
  let host: AppHost
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
    page = await openPhone(browser)
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  test('adds a parent after the ID typo is flagged under 身份证号, and 长辈模式 survives a reload', async () => {
    await page.goto(host.url)

    // Not signed in: the app sends the person to the demo sign-in page.
    await onScreen(page, '.login__account', '刘洋').waitFor()
    await snap(page, 'login')
    await onScreen(page, '.login__account', '刘洋').click()

    await onScreen(page, '.home__hello').waitFor()
    await expect(onScreen(page, '.home__hello').textContent()).resolves.toContain('刘洋')
    await snap(page, 'home')

    await tab(page, '我的').click()
    await cell(page, '就诊人管理').click()
    await onScreen(page, '.state__title', '还没有就诊人').waitFor()

    // The first profile needs the separate health-data consent; agreeing is disabled until ticked.
    await button(page, '添加就诊人').click()
    await onScreen(page, '.consent__title').waitFor()
    await snap(page, 'consent')
    await expect(button(page, '同意并继续').getAttribute('class')).resolves.toContain('disabled')
    await onScreen(page, '.nut-checkbox', '我已阅读并同意').click()
    await button(page, '同意并继续').click()

    await fieldInput(page, 'name').fill('刘建国')
    await fieldInput(page, 'idNumber').fill(PARENT_ID_TYPO)
    await fieldInput(page, 'phone').fill('13805310001')
    await onScreen(page, '.nut-radio', '父母').click()
    await button(page, /^添加$/).click()

    await expect(fieldError(page, 'idNumber').textContent()).resolves.toContain('校验位不正确')
    await snap(page, 'profile-form-error')

    await fieldInput(page, 'idNumber').fill(PARENT_ID)
    await fieldError(page, 'idNumber').waitFor({ state: 'detached' })
    await expect(onScreen(page, '.profile-form__derived').textContent()).resolves.toContain('1951年06月02日')
    await button(page, /^添加$/).click()

    const card = onScreen(page, '.profile-card', '刘建国')
    await card.waitFor()
    await expect(card.locator('.profile-card__id').textContent()).resolves.toBe(PARENT_ID_MASKED)
    await expect(card.textContent()).resolves.toContain('父母')
    await snap(page, 'profiles')

    // The same person again: only the server knows, and its message lands under 身份证号 too.
    await button(page, '添加就诊人').click()
    await fieldInput(page, 'name').fill('刘建国')
    await fieldInput(page, 'idNumber').fill(PARENT_ID)
    await fieldInput(page, 'phone').fill('13805310001')
    await onScreen(page, '.nut-radio', '父母').click()
    await button(page, /^添加$/).click()
    await expect(fieldError(page, 'idNumber').textContent()).resolves.toContain('已在您的列表中')
    await onScreen(page, '.taro-navigation-bar-back').click()
    await card.waitFor()
    await expect(onScreen(page, '.profile-card').count()).resolves.toBe(1)

    // Back to 我的 with the title bar's back arrow, as on a phone; the list slides away.
    await onScreen(page, '.taro-navigation-bar-back').click()
    await onScreen(page, '.profiles').waitFor({ state: 'hidden' })
    await tab(page, '我的').click()
    const me = onScreen(page, '.page', '长辈模式')
    const profilesTitle = me.locator('.nut-cell', { hasText: '就诊人管理' }).locator('.nut-cell-title')
    await profilesTitle.waitFor()
    const titleBefore = await fontSizePx(profilesTitle)
    const bodyBefore = await fontSizePx(me.locator('.page__body'))
    await snap(page, 'me')

    const saved = waitForAction(page, 'account', 'setPreferences')
    await me.locator('.nut-cell', { hasText: '长辈模式' }).locator('.nut-switch').click()
    expect((await (await saved).json()).ok).toBe(true)

    await onScreen(page, '.page--elder', '长辈模式').waitFor()
    const titleElder = await fontSizePx(profilesTitle)
    const bodyElder = await fontSizePx(me.locator('.page__body'))
    expect(titleElder).toBeGreaterThanOrEqual(titleBefore * 1.25)
    expect(bodyElder).toBeGreaterThan(bodyBefore)
    expect(bodyElder).toBeGreaterThanOrEqual(20)
    await snap(page, 'me-elder')

    // Forget this device's copy, so what comes back after the reload is the account's own setting.
    await page.evaluate(() => localStorage.removeItem('prefs.elderMode'))
    await page.reload()
    await onScreen(page, '.page--elder', '长辈模式').waitFor()
    await expect(me.locator('.nut-cell', { hasText: '长辈模式' }).locator('.nut-switch').getAttribute('class')).resolves.not.toContain(
      'nut-switch-close'
    )
    expect(await fontSizePx(profilesTitle)).toBeCloseTo(titleElder, 1)
  })
})
