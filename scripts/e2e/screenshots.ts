/**
 * Phone-size screenshots of the account screens in their less common states (elder mode, admin,
 * delete dialog, limits), for looking at by eye: `npx tsx scripts/e2e/screenshots.ts [outDir]`.
 * The main path (login, 首页, consent, form error, list, 我的) is shot by the e2e test when
 * E2E_SHOTS_DIR is set.
 */
import type { Page } from 'playwright-core'
import { button, cell, ensureH5Build, launchBrowser, onScreen, openPhone, startAppHost, tab } from '../../tests/e2e/helpers'

const outDir = process.argv[2] ?? '/tmp/shots'

async function shot(page: Page, name: string) {
  await page.waitForTimeout(500)
  await page.screenshot({ path: `${outDir}/${name}.png` })
  console.log(`${outDir}/${name}.png`)
}

async function signIn(page: Page, url: string, who: string) {
  await page.goto(url)
  await page.evaluate(() => localStorage.clear())
  await page.goto(url)
  await onScreen(page, '.login__account', who).click()
  await onScreen(page, '.home__hello').waitFor()
}

async function main() {
  ensureH5Build()
  const host = await startAppHost()
  const browser = await launchBrowser()
  try {
    const page = await openPhone(browser)

    // A daughter with her father's profile, in 长辈模式.
    await signIn(page, host.url, '李梅')
    await tab(page, '我的').click()
    await cell(page, '长辈模式').locator('.nut-switch').click()
    await onScreen(page, '.page--elder').waitFor()
    await tab(page, '首页').click()
    await shot(page, 'elder-home')
    await onScreen(page, '.home__shortcut').click()
    await onScreen(page, '.profile-card').first().waitFor()
    await shot(page, 'elder-profiles')
    await button(page, '删除').first().click()
    await shot(page, 'elder-delete-dialog')
    await button(page, '取消').click()
    await onScreen(page, '.profile-card__main').first().click()
    await onScreen(page, '.field').first().waitFor()
    await shot(page, 'elder-profile-edit')
    await onScreen(page, '.taro-navigation-bar-back').click()
    await onScreen(page, '.taro-navigation-bar-back').click()
    await tab(page, '预约').click()
    await shot(page, 'elder-booking')
    await tab(page, '我的').click()
    await cell(page, '长辈模式').locator('.nut-switch').click()
    await onScreen(page, '.page--elder').waitFor({ state: 'detached' })
    await tab(page, '订单').click()
    await shot(page, 'orders')

    // The consent page's bottom: checkbox and buttons.
    await signIn(page, host.url, '刘洋')
    await tab(page, '我的').click()
    await cell(page, '就诊人管理').click()
    await button(page, '添加就诊人').click()
    await button(page, '同意并继续').scrollIntoViewIfNeeded()
    await shot(page, 'consent-bottom')

    // The admin's staff screens.
    await signIn(page, host.url, '王磊')
    await tab(page, '我的').click()
    await shot(page, 'admin-me')
    await cell(page, '员工与角色').click()
    await onScreen(page, '.staff-card').first().waitFor()
    await shot(page, 'admin-staff')
    await onScreen(page, '.staff-card', '周静').click()
    await onScreen(page, '.staff-detail__name').waitFor()
    await shot(page, 'admin-staff-detail')
    await button(page, '保存护士资质').scrollIntoViewIfNeeded()
    await shot(page, 'admin-staff-nurse')
  } finally {
    await browser.close()
    await host.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
