/**
 * Parley in German: a browser whose language is German gets the sign-in, the lobby and a call in
 * German, found here by their German accessible names; the live region says who joined and left
 * in German, with plurals through Intl. And an English browser can switch to German in the lobby,
 * which is remembered. The call screen with its panels, menus and dialogs open shows no word
 * that only the English catalog uses. A desktop host's error and a link that cannot be made are
 * said in German too.
 */
import type { Browser, Page } from '@playwright/test'
import { catalogs } from '../../../src/shared/i18n/catalogs'
import { ParleyServer } from '../fixtures/parley-server'
import { bridgeErrorAsSent, useStandInDesktopHost } from '../fixtures/stand-in-desktop-host'
import { expect, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 4 })
})

test.afterAll(async () => {
  await server.stop()
})

/** Signs in and joins through the German interface only. */
async function joinInGerman(
  browser: Browser,
  name: string,
  callId: string,
  prepare?: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({
    locale: 'de-DE',
    permissions: ['camera', 'microphone'],
    viewport: { width: 960, height: 640 },
  })
  const page = await context.newPage()
  await prepare?.(page)
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

/** Every word of four letters or more in a catalog's texts, placeholders left out. */
function catalogWords(catalog: object): Set<string> {
  const words = new Set<string>()
  const walk = (node: object) => {
    for (const value of Object.values(node)) {
      if (typeof value === 'string') {
        for (const word of value.replace(/\{\{\w+\}\}|<\/?\w+>/g, ' ').match(/\p{L}{4,}/gu) ?? [])
          words.add(word.toLowerCase())
      } else walk(value as object)
    }
  }
  walk(catalog)
  return words
}

/** Words only the English catalog uses: seen on a German screen, they are an untranslated text. */
const englishOnly = (() => {
  const german = catalogWords(catalogs.de)
  return new Set([...catalogWords(catalogs.en)].filter((word) => !german.has(word)))
})()

/** What a person (or a screen reader) meets on the page: its text, names, titles, placeholders. */
async function englishLeftOn(page: Page): Promise<string[]> {
  const texts = String(
    await page.evaluate(`(() => {
      const found = [document.body.innerText]
      for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        for (const name of ['aria-label', 'title', 'placeholder']) {
          const value = element.getAttribute(name)
          if (value) found.push(value)
        }
      }
      return found.join('\\n')
    })()`),
  )
  const words = texts.match(/\p{L}{4,}/gu) ?? []
  return [...new Set(words.filter((word) => englishOnly.has(word.toLowerCase())))]
}

test('the call screen, its panels and dialogs leave no English text in German', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const callId = uniqueCallId('deutsch-alles')
  const anna = await joinInGerman(browser, 'Anna', callId)
  const ben = await joinInGerman(browser, 'Ben', callId)
  const page = anna.page
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const notices = page.getByRole('log', { name: 'Hinweise' })
  await expect(notices).toContainText('Ben ist beigetreten')
  const seen: string[] = []
  const look = async (where: string) => {
    for (const word of await englishLeftOn(page)) seen.push(`${where}: ${word}`)
  }
  await look('call')

  // Others' changes, said in German.
  await ben.page.getByRole('button', { name: 'Mikrofon stummschalten', exact: true }).click()
  await expect(notices).toContainText('Ben hat das Mikrofon stummgeschaltet')
  await expect(async () => {
    await ben.page.getByRole('button', { name: 'Hand heben', exact: true }).click()
    await expect(notices).toContainText('Ben hat die Hand gehoben', { timeout: 2_000 })
  }).toPass()

  await page.getByRole('button', { name: /^Personen, 2/ }).click()
  await expect(page.getByRole('complementary', { name: 'Personen' })).toBeVisible()
  await look('People')

  await page.getByRole('button', { name: 'Chat', exact: true }).click()
  const chat = page.getByRole('complementary', { name: 'Chat' })
  await expect(chat).toBeVisible()
  await chat.getByRole('textbox', { name: 'Nachricht' }).fill('Hallo Ben')
  await chat.getByRole('button', { name: 'Senden' }).click()
  await expect(chat.getByRole('log', { name: 'Nachrichten' })).toContainText('Hallo Ben')
  await ben.page.getByRole('button', { name: /^Chat/ }).click()
  await ben.page.getByRole('textbox', { name: 'Nachricht' }).fill('Hallo Anna')
  await ben.page.getByRole('textbox', { name: 'Nachricht' }).press('Enter')
  await expect(notices).toContainText('Neue Nachricht von Ben')
  await look('Chat')

  await page.getByRole('button', { name: 'Reaktionen', exact: true }).click()
  await expect(page.getByRole('menu', { name: 'Reaktionen' })).toBeVisible()
  await look('Reactions')
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Bildschirm teilen', exact: true }).click()
  await expect(page.getByText('Du präsentierst')).toBeVisible()
  await look('presenting')

  await page.locator('body').press('?')
  await expect(page.getByRole('dialog', { name: 'Tastenkürzel' })).toBeVisible()
  await look('shortcuts')
  await page.getByRole('button', { name: 'Schließen', exact: true }).click()

  expect(seen, 'English words on the German call screen').toEqual([])
  expect(errors).toEqual([])
  await ben.context.close()
  await anna.context.close()
})

test('the lobby leaves no English text in German', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'de-DE',
    permissions: ['camera', 'microphone'],
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/?call=${uniqueCallId('deutsch-lobby')}`)
  await page.getByLabel('Anzeigename').fill('Clara')
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  await expect(page.getByRole('meter', { name: 'Mikrofonpegel' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Lautsprecher testen' })).toBeVisible()
  await expect(page.getByRole('note')).toContainText('Deine Anmeldung gilt für diesen Tab')
  // Device names are the system's words (Chromium's fake devices are named in English).
  const deviceWords = String(
    await page.evaluate(
      `navigator.mediaDevices.enumerateDevices().then((all) => all.map((d) => d.label).join(' '))`,
    ),
  ).toLowerCase()
  const left = await englishLeftOn(page)
  expect(left.filter((word) => !deviceWords.includes(word.toLowerCase()))).toEqual([])
  await context.close()
})

/** A browser that can use no description from the other side: no link can ever be made. */
async function refuseRemoteDescriptions(page: Page) {
  await page.addInitScript(`
    RTCPeerConnection.prototype.setRemoteDescription = function () {
      return Promise.reject(new DOMException('Testfehler', 'OperationError'))
    }
  `)
}

test('a desktop host’s error and a link that cannot be made are said in German', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const callId = uniqueCallId('deutsch-fehler')
  const context = await browser.newContext({
    locale: 'de-DE',
    permissions: ['camera', 'microphone'],
    viewport: { width: 960, height: 640 },
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // Main cannot list the screens: its error crosses the bridge as main sends it.
  await useStandInDesktopHost(page, {
    name: 'Dora',
    capabilities: { picker: 'parley', audio: false, permission: 'granted', help: null },
    failures: {
      listSources: bridgeErrorAsSent('NOT_AVAILABLE', { key: 'bridgeErrors.sourcesNotListed' }),
    },
  })
  await page.goto(`${server.url}/?call=${callId}`)
  await page.getByRole('button', { name: 'Anruf beitreten', exact: true }).click()
  await expect(page.getByRole('group', { name: 'Dora (du)', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Bildschirm teilen', exact: true }).click()
  const picker = page.getByRole('dialog', { name: 'Bildschirm teilen' })
  await expect(picker.getByRole('alert')).toHaveText(
    'Parley konnte deine Bildschirme und Fenster nicht auflisten. Die Bildschirme und Fenster konnten nicht aufgelistet werden.',
  )
  expect(await englishLeftOn(page)).toEqual([])
  await picker.getByRole('button', { name: 'Abbrechen', exact: true }).click()

  // Emil's browser refuses every offer and answer: after its fresh tries the tile says why.
  const emil = await joinInGerman(browser, 'Emil', callId, refuseRemoteDescriptions)
  const tile = emil.page.getByRole('group', { name: 'Dora', exact: true })
  await expect(tile.getByRole('img', { name: 'Verbindung: verloren' })).toBeVisible({
    timeout: 60_000,
  })
  await tile.getByRole('button', { name: /^Verbindung/ }).click()
  const details = emil.page.getByRole('group', { name: 'Verbindung zu Dora' })
  await expect(details).toBeVisible()
  await expect(details).toContainText(/der anderen Seite war nicht verwendbar \(Testfehler\)/)
  expect(await englishLeftOn(emil.page)).toEqual([])
  expect(errors).toEqual([])
  await emil.context.close()
  await context.close()
})
