/**
 * The theme follows the system's light or dark preference, also when it changes, until a choice
 * is made in the lobby's settings or the call's "More" menu; the choice is remembered.
 */
import type { Page } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

function theme(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-theme')
}

function background(page: Page): Promise<string | undefined> {
  return page
    .locator('body')
    .evaluate((body) => body.ownerDocument.defaultView?.getComputedStyle(body).backgroundColor)
}

test('follows the system, then the person’s choice, which survives a reload', async ({
  clients,
}) => {
  const callId = uniqueCallId('theme')
  const alice = await clients.open(server.url, 'Alice', { callId, join: false })
  const page = alice.page

  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => theme(page)).toBe('dark')
  const dark = await background(page)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => theme(page)).toBe('light')
  expect(await background(page)).not.toBe(dark)

  // A choice in the lobby wins over the system.
  const select = page.getByRole('combobox', { name: 'Theme' })
  await expect(select).toHaveValue('system')
  await select.selectOption('dark')
  await expect.poll(() => theme(page)).toBe('dark')
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await theme(page)).toBe('dark')

  // Remembered: a reload (which signs a web user out) keeps it from the first screen on.
  await page.reload()
  await expect(page.getByLabel('Display name')).toBeVisible()
  await expect.poll(() => theme(page)).toBe('dark')

  // And in a call, from "More".
  await page.getByLabel('Display name').fill('Alice')
  await alice.button('Sign in').click()
  await alice.join()
  await alice.joined()
  await alice.button('More').click()
  await page.getByRole('menuitemradio', { name: 'Light' }).click()
  await expect.poll(() => theme(page)).toBe('light')
  await alice.button('More').click()
  await expect(page.getByRole('menuitemradio', { name: 'Light' })).toHaveAttribute(
    'aria-checked',
    'true',
  )
  await page.getByRole('menuitemradio', { name: 'Same as system' }).click()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => theme(page)).toBe('dark')
})
