/**
 * End-to-end helpers: the built H5 app on the local host with a throwaway data dir, and a
 * phone-sized Chromium that taps through it the way a person would.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { startHost } from '../../cloudfunctions/local/host'

export const ROOT = resolve(__dirname, '../..')
export const H5_DIR = join(ROOT, 'dist/h5')

/** Builds the H5 app only when there is none: a Taro build takes a minute or more on 2 cores. */
export function ensureH5Build(): void {
  if (existsSync(join(H5_DIR, 'index.html'))) return
  execSync('npm run build:h5', { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 })
}

export interface AppHost {
  url: string
  close(): Promise<void>
}

/** The local host on a free port, serving dist/h5, seeded with the demo accounts. */
export async function startAppHost(): Promise<AppHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chc-e2e-'))
  const host = await startHost({ port: 0, host: '127.0.0.1', dataDir, staticDir: H5_DIR, timers: false })
  return {
    url: host.url,
    async close() {
      await host.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
  })
}

/** A phone in China: 390x844 at 2x, Chinese locale, Beijing time. */
export async function openPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  })
  return context.newPage()
}

/**
 * Taro's H5 router keeps earlier pages in the DOM (hidden), so every lookup is limited to what
 * is on screen.
 */
export const onScreen = (page: Page, selector: string, text?: string | RegExp): Locator =>
  page.locator(`${selector}:visible`, text === undefined ? undefined : { hasText: text })

export const button = (page: Page, text: string | RegExp) => onScreen(page, '.nut-button', text)
export const cell = (page: Page, title: string | RegExp) => onScreen(page, '.nut-cell', title)
export const tab = (page: Page, label: string) => page.locator('.weui-tabbar__label', { hasText: label })
export const fieldInput = (page: Page, name: string) => onScreen(page, `.field[data-field="${name}"] input`)
export const fieldError = (page: Page, name: string) => onScreen(page, `.field[data-field="${name}"] .field__error`)

/**
 * The text a locator settles on: after an action the list re-reads in the background, so the old
 * text can still be on screen for a moment. Polls until `expected` shows or `timeout` passes, and
 * returns what is on screen then, for the test to assert.
 */
export async function settledText(locator: Locator, expected: string, timeout = 5000): Promise<string | null> {
  const deadline = Date.now() + timeout
  let seen = await locator.textContent()
  while (seen !== expected && Date.now() < deadline) {
    await locator.page().waitForTimeout(100)
    seen = await locator.textContent()
  }
  return seen
}

export async function fontSizePx(locator: Locator): Promise<number> {
  return locator.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

/** Waits for the reply to one function action, e.g. `account.setPreferences`. */
export function waitForAction(page: Page, fn: string, action: string) {
  return page.waitForResponse(
    (res) => res.url().endsWith(`/api/fn/${fn}`) && (res.request().postData() ?? '').includes(`"action":"${action}"`)
  )
}

/** Saves a phone screenshot when E2E_SHOTS_DIR is set (for looking at the screens by eye). */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  await page.waitForTimeout(400) // let transitions and toasts settle
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

/** Signs a demo person in from the H5 sign-in page and waits for 首页. */
export async function signIn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await onScreen(page, '.login__account', name).click()
  await onScreen(page, '.home__hello').waitFor()
}

/** Counts the function calls a page makes, as `function.action`, from now until `stop`. */
export function countCalls(page: Page): { calls: string[]; stop(): void } {
  const calls: string[] = []
  const listen = (req: { url(): string; postData(): string | null }) => {
    if (!req.url().includes('/api/fn/')) return
    const action = (JSON.parse(req.postData() ?? '{}') as { action?: string }).action
    calls.push(`${req.url().split('/api/fn/')[1]}.${action}`)
  }
  page.on('request', listen)
  return { calls, stop: () => page.off('request', listen) }
}

/**
 * Turns one wheel of the open NutUI picker to `label` the way a finger does: a slow drag (no
 * fling), released a little past the row so the wheel settles onto it.
 */
export async function turnWheel(page: Page, column: number, label: string): Promise<void> {
  const wheel = onScreen(page, '.nut-picker .nut-pickerview-list').nth(column)
  await wheel.evaluate(async (list, want) => {
    const items = Array.from(list.querySelectorAll('.nut-pickerview-roller-item, .nut-pickerview-roller-item-tiled'))
    const target = items.findIndex((i) => (i.textContent ?? '').trim() === want)
    const active = items.findIndex((i) => i.classList.contains('nut-pickerview-roller-item-active'))
    if (target < 0) throw new Error(`the wheel has no ${want}`)
    if (target === active) return
    const row = parseFloat(getComputedStyle(list).getPropertyValue('--nutui-picker-item-height')) || 36
    const box = list.getBoundingClientRect()
    const x = box.left + box.width / 2
    const y0 = box.top + box.height / 2
    const dy = (active - target) * row
    const finger = (y: number) => new Touch({ identifier: 1, target: list, clientX: x, clientY: y, pageX: x, pageY: y })
    const fire = (type: string, y: number) =>
      list.dispatchEvent(
        new TouchEvent(type, {
          bubbles: true,
          cancelable: true,
          touches: type === 'touchend' ? [] : [finger(y)],
          changedTouches: [finger(y)]
        })
      )
    fire('touchstart', y0)
    const end = y0 + dy + (dy >= 0 ? 0.3 : -0.3) * row
    for (let i = 1; i <= 10; i++) {
      fire('touchmove', y0 + ((end - y0) * i) / 10)
      await new Promise((r) => setTimeout(r, 40))
    }
    fire('touchend', end)
  }, label)
  await onScreen(page, '.nut-picker .nut-pickerview-list')
    .nth(column)
    .locator('.nut-pickerview-roller-item-active', { hasText: label })
    .waitFor()
  // The wheel takes the row when it has settled, as a person waits for it before 确认.
  await page.waitForTimeout(500)
}
