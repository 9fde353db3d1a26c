/**
 * Trust and control, in Chromium at phone size against the H5 build: the pharmacist opens 李梅's
 * decoction order in the pharmacy console; 李梅 opens 我的 → 隐私与数据 and sees that read (role,
 * name, what); the admin opens 医院规则设置 and changes rules with its editors (a number box, the
 * time wheel, a list's rows): values out of range get a field error under their input and nothing
 * is saved; fixed, they are saved and in the history, in words. Both pages are also measured in 长辈模式.
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
  turnWheel,
  waitForAction,
  type AppHost
} from './helpers'

jest.setTimeout(300_000)

const account = (key: string) => accountIdFor(demoOpenid(key))

interface StoredHospital {
  booking?: { releaseTime?: string; releaseDaysAhead?: number }
  records?: { programmes?: Array<{ name: string; complications: string[] }> }
}

/** The hospital's settings document as stored (undefined before the first change). */
async function storedHospital(): Promise<StoredHospital | undefined> {
  const res = await db().collection('settings').doc('hospital').get()
  return (res.data as StoredHospital[])[0]
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

  test('the admin changes rules with the editors: a day count out of range and an empty list row are refused under their inputs and nothing is saved; fixed, the release time picked on the wheel is saved and in the history', async () => {
    const before = await storedHospital()
    const admin = await openPhone(browser)
    await signIn(admin, host.url, '王磊')
    await tab(admin, '我的').click()
    await cell(admin, '医院规则设置').click()
    const days = fieldInput(admin, 'booking.releaseDaysAhead')
    await days.waitFor()
    await expect(days.inputValue()).resolves.toBe('7')
    await expect(onScreen(admin, '.field[data-field="booking.releaseDaysAhead"] .settings__unit').textContent()).resolves.toBe('天')
    const releaseTime = onScreen(admin, '.field[data-field="booking.releaseTime"] .settings__clock-value')
    await expect(releaseTime.textContent()).resolves.toBe('19:00')

    // The release time on the wheel, a day count typed out of range, a programme added and left empty.
    await onScreen(admin, '.field[data-field="booking.releaseTime"] .settings__clock').click()
    await onScreen(admin, '.nut-picker-title', '放号时间').waitFor()
    await turnWheel(admin, 0, '20')
    await turnWheel(admin, 1, '30')
    await snap(admin, 'trust-settings-wheel')
    await onScreen(admin, '.nut-picker-confirm-btn').click()
    await expect(releaseTime.textContent()).resolves.toBe('20:30')
    await days.fill('90')
    const programmes = '.field[data-field="records.programmes"]'
    await onScreen(admin, `${programmes} .settings__add`, '添加慢病管理项目').click()
    await onScreen(admin, `${programmes} .settings__item-title`, '第4项').waitFor()

    let reply = waitForAction(admin, 'account', 'updateSettings')
    await button(admin, '保存修改（3项）').click()
    await expect((await reply).json()).resolves.toMatchObject({ ok: false })
    await expect(fieldError(admin, 'booking.releaseDaysAhead').textContent()).resolves.toBe('请填写1到60天之间的整数')
    await expect(fieldError(admin, 'records.programmes').textContent()).resolves.toBe(
      '第4项「编码」应为2到32个小写英文字母、数字或下划线，如 t2dm'
    )
    expect(await fieldError(admin, 'booking.releaseTime').count()).toBe(0)
    await snap(admin, 'trust-settings-error')
    expect(await storedHospital()).toEqual(before)
    expect(await onScreen(admin, '.settings__change', '放号时间').count()).toBe(0)

    // Fixed: a day count in range, the empty programme removed, a complication added to 高血压.
    await days.fill('10')
    await onScreen(admin, `${programmes} .settings__item`, '第4项').locator('.settings__item-head .settings__remove').click()
    const hypertension = onScreen(admin, `${programmes} .settings__item`, '第1项')
    await hypertension.locator('.settings__add', { hasText: '添加并发症' }).click()
    await hypertension.locator('.settings__row input').last().fill('心律失常')
    reply = waitForAction(admin, 'account', 'updateSettings')
    await button(admin, '保存修改（3项）').click()
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
    expect(line).toContain('19:00 → 20:30')
    await expect(onScreen(admin, '.settings__change', '提前放号天数').textContent()).resolves.toContain('7天 → 10天')
    // A list in the history reads as words, not JSON.
    const listLine = (await onScreen(admin, '.settings__change', '慢病管理项目').textContent()) ?? ''
    expect(listLine).toContain('高血压')
    expect(listLine).not.toMatch(/[{}[\]"]/)
    expect(await onScreen(admin, '.field__error').count()).toBe(0)
    const stored = await storedHospital()
    expect(stored?.booking?.releaseTime).toBe('20:30')
    expect(stored?.booking?.releaseDaysAhead).toBe(10)
    expect(stored?.records?.programmes?.map((p) => p.name)).toEqual(['高血压', '2型糖尿病', '高血脂'])
    expect(stored?.records?.programmes?.[0].complications).toContain('心律失常')
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
