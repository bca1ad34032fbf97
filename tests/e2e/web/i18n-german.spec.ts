/**
 * Parley in German: a browser whose language is German gets the sign-in, the lobby and a call in
 * German, found here by their German accessible names; the live region says who joined and left
 * in German, with plurals through Intl. And an English browser can switch to German in the lobby,
 * which is remembered.
 */
import type { Browser } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 4 })
})

test.afterAll(async () => {
  await server.stop()
})

/** Signs in and joins through the German interface only. */
async function joinInGerman(browser: Browser, name: string, callId: string) {
  const context = await browser.newContext({
    locale: 'de-DE',
    permissions: ['camera', 'microphone'],
    viewport: { width: 960, height: 640 },
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/?call=${callId}`)
  await page.getByLabel('Anzeigename').fill(name)
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'An einem Anruf teilnehmen' })).toBeVisible()
  await expect(page.getByLabel('Anruf-ID')).toHaveValue(callId)
  await expect(page.getByRole('status').first()).toHaveText('Bereit zum Beitreten')
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await page.getByRole('button', { name: 'Anruf beitreten', exact: true }).click()
  await expect(page.getByRole('group', { name: `${name} (du)`, exact: true })).toBeVisible()
  return { context, page }
}

test('the lobby and a call in German', async ({ browser }) => {
  const callId = uniqueCallId('deutsch')
  const anna = await joinInGerman(browser, 'Anna', callId)
  const page = anna.page
  const status = page.getByRole('status').first()
  await expect(status).toContainText('Verbunden')
  await expect(status).toContainText('1 von 4 Person')

  const ben = await joinInGerman(browser, 'Ben', callId)
  await expect(status).toContainText('2 von 4 Personen')
  const notices = page.getByRole('log', { name: 'Hinweise' })
  await expect(notices).toContainText('Ben ist beigetreten')

  // The call's controls by their German names.
  await page.getByRole('button', { name: 'Mikrofon stummschalten', exact: true }).click()
  await expect(
    page.getByRole('button', { name: 'Mikrofon einschalten', exact: true }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Kamera ausschalten', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Kamera einschalten', exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Anrufsteuerung' })).toBeVisible()

  // A real leave (a dropped connection would keep Ben a while, reconnecting).
  await ben.page.getByRole('button', { name: 'Anruf verlassen', exact: true }).click()
  await expect(notices).toContainText('Ben hat den Anruf verlassen')
  await expect(status).toContainText('1 von 4 Person')

  await page.getByRole('button', { name: 'Anruf verlassen', exact: true }).click()
  await expect(
    page.getByRole('heading', { name: `Du hast den Anruf ${callId} verlassen` }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Erneut beitreten', exact: true })).toBeVisible()
  await anna.context.close()
})

test('an English browser stays English and can switch to German, remembered', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto(server.url)
  await page.getByLabel('Display name').fill('Carol')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Join a call' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  await page.getByLabel('Language').selectOption('de')
  await expect(page.getByRole('heading', { name: 'An einem Anruf teilnehmen' })).toBeVisible()
  await expect(page.getByLabel('Sprache')).toHaveValue('de')
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')

  await page.reload()
  await expect(page.getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible()
  await context.close()
})
