/**
 * Trust and control, in Chromium at phone size against the H5 build: the pharmacist opens 李梅's
 * decoction order in the pharmacy console; 李梅 opens 我的 → 隐私与数据 and sees that read (role,
 * name, what); the admin opens 医院规则设置, types a bad release time (a field error, nothing
 * saved), then a good one, and finds it in the history. Both pages are also measured in 长辈模式.
 */
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import type { Browser, Page } from 'playwright-core'
import { db } from '../../cloudfunctions/common/db'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { demoOpenid } from '../../cloudfunctions/local/demo'
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
  signIn,
  snap,
  startAppHost,
  tab,
  waitForAction,
  type AppHost
} from './helpers'

jest.setTimeout(300_000)

const account = (key: string) => accountIdFor(demoOpenid(key))

async function releaseTimeStored(): Promise<string | undefined> {
  const res = await db().collection('settings').doc('hospital').get()
  const doc = (res.data as Array<{ booking?: { releaseTime?: string } }>)[0]
  return doc?.booking?.releaseTime
}

/** Body text and the tall targets of the page on screen, measured as 长辈模式 asks. */
async function elderNumbers(page: Page) {
  return page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const root = pages[pages.length - 1]
    const visible = (el: Element) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden'
    const texts = Array.from(root.querySelectorAll<HTMLElement>('*')).filter(
      (el) => visible(el) && Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())
    )
    const targets = Array.from(root.querySelectorAll<HTMLElement>('.nut-button-large, .nut-button-primary-solid, .nut-cell')).filter(
      visible
    )
    return {
      smallestText: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))),
      lowestTarget: Math.min(...targets.map((el) => el.getBoundingClientRect().height)),
      targets: targets.length
    }
  })
}

describe('隐私与数据 and 医院规则设置', () => {
  let host: AppHost
  let browser: Browser

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  test('李梅 sees that the pharmacist opened her father’s decoction order, and no other family does', async () => {
    const order = (
      await db()
        .collection('decoction_orders')
        .where({ accountId: account('li_mei') })
        .limit(1)
        .get()
    ).data[0] as {
      _id: string
    }
    const pharmacy = await openPhone(browser)
    await signIn(pharmacy, host.url, '钱志刚')
    await pharmacy.goto(`${host.url}/#/packages/pharmacy/order/index?id=${order._id}`)
    await onScreen(pharmacy, '.ph-order__patient', '李德福').waitFor()
    await pharmacy.context().close()

    const family = await openPhone(browser)
    await signIn(family, host.url, '李梅')
    await tab(family, '我的').click()
    const loaded = waitForAction(family, 'account', 'myAccessLog')
    await cell(family, '隐私与数据').click()
    await loaded
    const entry = onScreen(family, '.privacy__entry', '钱志刚').first()
    await entry.waitFor()
    const text = (await entry.textContent()) ?? ''
    expect(text).toContain('药师')
    expect(text).toContain('李德福')
    expect(text).toContain('代煎订单')
    expect(text).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/)
    await snap(family, 'trust-privacy')

    // Withdrawing consent says what it means before anything happens; 再想想 changes nothing.
    await button(family, '撤回健康信息处理同意').click()
    const meaning = family
      .getByText(/不能新预约专家号/)
      .locator('visible=true')
      .first()
    await meaning.waitFor()
    await snap(family, 'trust-privacy-withdraw')
    await family.getByText('再想想', { exact: true }).locator('visible=true').first().click()
    await meaning.waitFor({ state: 'hidden' })
    const stored = await db().collection('accounts').doc(account('li_mei')).get()
    expect((stored.data as Array<{ healthDataConsent?: unknown }>)[0].healthDataConsent).toMatchObject({
      version: HEALTH_DATA_CONSENT_VERSION
    })
    await family.context().close()

    // Another family's page shows nothing of this read.
    const other = await openPhone(browser)
    await signIn(other, host.url, '刘洋')
    await other.goto(`${host.url}/#/packages/account/privacy/index`)
    await onScreen(other, '.privacy__title').waitFor()
    await other.waitForTimeout(1500)
    expect(await onScreen(other, '.privacy__entry', '钱志刚').count()).toBe(0)
    await other.context().close()
  })

  test('the admin changes the release time: a bad value shows a field error and changes nothing, a good one is saved and in the history', async () => {
    const before = await releaseTimeStored()
    const admin = await openPhone(browser)
    await signIn(admin, host.url, '王磊')
    await tab(admin, '我的').click()
    await cell(admin, '医院规则设置').click()
    const input = fieldInput(admin, 'booking.releaseTime')
    await input.waitFor()
    await expect(input.inputValue()).resolves.toBe('19:00')

    await input.fill('25:00')
    let reply = waitForAction(admin, 'account', 'updateSettings')
    await button(admin, '保存修改').click()
    await expect((await reply).json()).resolves.toMatchObject({ ok: false })
    await fieldError(admin, 'booking.releaseTime').waitFor()
    const error = (await fieldError(admin, 'booking.releaseTime').textContent()) ?? ''
    expect(error).toContain('格式不正确')
    expect(error).not.toContain('booking.') // the key means nothing to an admin
    await snap(admin, 'trust-settings-error')
    expect(await releaseTimeStored()).toBe(before)
    expect(await onScreen(admin, '.settings__change', '放号时间').count()).toBe(0)

    await input.fill('20:30')
    reply = waitForAction(admin, 'account', 'updateSettings')
    await button(admin, '保存修改').click()
    await expect((await reply).json()).resolves.toMatchObject({ ok: true })
    const hourInBeijing = () =>
      new Date()
        .toLocaleString('zh-CN', {
          timeZone: 'Asia/Shanghai',
          hour12: false,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit'
        })
        .slice(0, -3)
    const hours = [hourInBeijing()]
    const change = onScreen(admin, '.settings__change', '放号时间')
    await change.waitFor()
    const line = (await change.textContent()) ?? ''
    expect(line).toContain('王磊')
    hours.push(hourInBeijing())
    expect(hours.some((h) => line.includes(h))).toBe(true) // hospital time, not the server's UTC
    expect(line).toContain('19:00')
    expect(line).toContain('20:30')
    expect(await fieldError(admin, 'booking.releaseTime').count()).toBe(0)
    expect(await releaseTimeStored()).toBe('20:30')
    await snap(admin, 'trust-settings-saved')
    await admin.context().close()
  })

  test('长辈模式: both pages have body text of at least 18 px and targets at least 60 px tall', async () => {
    for (const key of ['li_mei', 'admin'])
      await db()
        .collection('accounts')
        .doc(account(key))
        .update({ preferences: { elderMode: true } })
    const stops = [
      { who: '李梅', path: '/packages/account/privacy/index', ready: '.privacy__title' },
      { who: '王磊', path: '/packages/account/settings/index', ready: '.field' }
    ]
    for (const stop of stops) {
      const page = await openPhone(browser)
      await signIn(page, host.url, stop.who)
      await page.goto(`${host.url}/#${stop.path}`)
      await onScreen(page, '.page--elder').first().waitFor()
      await onScreen(page, stop.ready).first().waitFor()
      await page.waitForTimeout(500)
      const numbers = await elderNumbers(page)
      expect(numbers.targets).toBeGreaterThan(0)
      expect({ path: stop.path, text: numbers.smallestText >= 17.95, tall: numbers.lowestTarget >= 59.5 }).toEqual({
        path: stop.path,
        text: true,
        tall: true
      })
      expect(await fontSizePx(onScreen(page, '.nut-button'))).toBeGreaterThanOrEqual(18)
      await snap(page, `trust-elder${stop.path.replace(/\/index$/, '').replace(/\//g, '-')}`)
      await page.context().close()
    }
  })
})
