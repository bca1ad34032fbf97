/**
 * Parley's own screen picker, for real in Chromium. Electron's main process cannot run here, so a
 * stand-in `window.parley` plays the desktop host: its signaling signs in to the reference server
 * over HTTP (so the call is real), and its screenShare offers screens and windows that change
 * between refreshes and records every call the picker makes.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/page-errors'
import type { Bridge, ScreenShareCapabilities } from '../../../src/shared/bridge'
import { ParleyServer } from '../fixtures/parley-server'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

interface FakeSource {
  id: string
  name: string
  kind: 'screen' | 'window'
  color: string
  icon: string | null
}

interface FakeHostRecord {
  listSources: { kinds: string[]; thumbnailWidth: number; thumbnailHeight: number }[]
  selectSource: { sourceId: string; shareAudio: boolean }[]
  clearSelection: number
}

interface FakeHostControl {
  record: FakeHostRecord
  remove(id: string): void
}

/**
 * The few browser globals the page-side functions touch. Tests compile without the DOM library,
 * so they are declared here, and the stand-in bridge is checked against the real Bridge type.
 */
interface PageGlobals {
  location: { origin: string }
  document: {
    createElement(tag: 'canvas'): PageCanvas
    querySelector(selector: string): PageElement | null
    activeElement: PageElement | null
  }
  parley?: Bridge
  fakeHost?: FakeHostControl
}
interface PageImage {
  naturalWidth: number
}
interface PageElement {
  contains(other: PageElement | null): boolean
}
interface PageCanvas {
  width: number
  height: number
  getContext(kind: '2d'): {
    fillStyle: string
    fillRect(x: number, y: number, width: number, height: number): void
  } | null
  toDataURL(type: string): string
}

const SOURCES: FakeSource[] = [
  { id: 'screen:1', name: 'Entire screen', kind: 'screen', color: '#3b6fd8', icon: null },
  { id: 'screen:2', name: 'Second monitor', kind: 'screen', color: '#2f8f6a', icon: null },
  { id: 'window:1', name: 'Notes — plan.txt', kind: 'window', color: '#b5651d', icon: '#f0c040' },
  { id: 'window:2', name: 'Browser', kind: 'window', color: '#7a4fc2', icon: '#40a0f0' },
  { id: 'window:3', name: 'Terminal', kind: 'window', color: '#333a44', icon: '#50d070' },
]

/**
 * Runs in the page before the app: the desktop host as the renderer sees it through the Bridge.
 * Self-contained, since Playwright sends it to the page as source text.
 */
function installFakeDesktopHost(input: {
  sources: FakeSource[]
  name: string
  capabilities: ScreenShareCapabilities
}) {
  const page = globalThis as unknown as PageGlobals
  const origin = page.location.origin
  const record: FakeHostRecord = { listSources: [], selectSource: [], clearSelection: 0 }
  let sources = input.sources.slice()
  let refreshes = 0
  let tokens: { accessToken: string; user: { id: string; displayName: string } } | null = null

  // Thumbnails are drawn afresh on every listing (a moving bar), as desktopCapturer's are live.
  function png(width: number, height: number, color: string, frame: number): string {
    const canvas = page.document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) return ''
    context.fillStyle = color
    context.fillRect(0, 0, width, height)
    context.fillStyle = 'rgba(255,255,255,0.7)'
    context.fillRect((frame * 24) % width, height / 2 - 6, 40, 12)
    return canvas.toDataURL('image/png')
  }

  async function signIn() {
    if (tokens) return tokens
    const response = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: input.name }),
    })
    tokens = (await response.json()) as typeof tokens
    if (!tokens) throw new Error('SIGN_IN_FAILED: no answer')
    return tokens
  }

  const preferences = {
    alwaysRelay: false,
    preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  }
  const never = () => () => undefined

  page.parley = {
    signaling: {
      getServerInfo: async () => ({ serverUrl: origin, authMode: 'guest', embedded: true }),
      getSession: async () => {
        const signedIn = await signIn()
        return { serverUrl: origin, user: signedIn.user, storage: 'keychain', embedded: true }
      },
      signIn: async () => {
        const signedIn = await signIn()
        return { serverUrl: origin, user: signedIn.user, storage: 'keychain', embedded: true }
      },
      signOut: async () => undefined,
      getAccessToken: async () => (await signIn()).accessToken,
      getRtcConfig: async () => {
        const { accessToken } = await signIn()
        const response = await fetch(`${origin}/api/v1/rtc/config`, {
          headers: { authorization: `Bearer ${accessToken}` },
        })
        const config = (await response.json()) as { maxParticipants?: number }
        return {
          iceServers: [],
          iceTransportPolicy: 'all',
          maxParticipants: config.maxParticipants ?? null,
          expiresAt: null,
        }
      },
      getPreferences: async () => preferences,
      setPreferences: async (patch: { alwaysRelay?: boolean }) => {
        if (patch.alwaysRelay !== undefined) preferences.alwaysRelay = patch.alwaysRelay
        return preferences
      },
      onSessionChanged: never,
      onJoinRequest: never,
      pageReady: async () => undefined,
    },
    screenShare: {
      getCapabilities: async () => input.capabilities,
      listSources: async (request) => {
        record.listSources.push(request)
        refreshes += 1
        return sources
          .filter((source) => request.kinds.includes(source.kind))
          .map((source) => ({
            id: source.id,
            name: source.name,
            kind: source.kind,
            thumbnailDataUrl: png(
              request.thumbnailWidth,
              request.thumbnailHeight,
              source.color,
              refreshes,
            ),
            appIconDataUrl: source.icon ? png(16, 16, source.icon, 0) : null,
          }))
      },
      selectSource: async (request) => {
        record.selectSource.push(request)
      },
      clearSelection: async () => {
        record.clearSelection += 1
      },
    },
  }

  page.fakeHost = {
    record,
    remove(id: string) {
      sources = sources.filter((source) => source.id !== id)
    },
  }
}

function hostRecord(page: Page): Promise<FakeHostRecord> {
  return page.evaluate(() => {
    const host = (globalThis as unknown as PageGlobals).fakeHost
    if (!host) throw new Error('The fake host is missing')
    return JSON.parse(JSON.stringify(host.record)) as FakeHostRecord
  })
}

const DESKTOP_CAPABILITIES: ScreenShareCapabilities = {
  picker: 'parley',
  audio: true,
  permission: 'granted',
  help: null,
}

async function openCall(
  page: Page,
  callId: string,
  capabilities: ScreenShareCapabilities = DESKTOP_CAPABILITIES,
) {
  await page.addInitScript(installFakeDesktopHost, { sources: SOURCES, name: 'Pat', capabilities })
  await page.goto(`${server.url}/?call=${callId}`)
  // The host already holds a session: straight to the lobby, no sign-in form.
  await expect(page.getByLabel('Call ID')).toHaveValue(callId)
  await expect(page.getByLabel('Display name')).toHaveCount(0)
  await page.getByRole('button', { name: 'Join call', exact: true }).click()
  await expect(page.getByRole('group', { name: 'Pat (you)', exact: true })).toBeVisible()
  await expect(page.getByRole('status').first()).toContainText('Connected')
}

function shareButton(page: Page) {
  return page.getByRole('button', { name: 'Share screen', exact: true })
}

function picker(page: Page) {
  return page.getByRole('dialog', { name: 'Share your screen' })
}

async function openPicker(page: Page) {
  await shareButton(page).click()
  await expect(picker(page)).toBeVisible()
}

/** Whether focus is inside the picker dialog. */
function focusInPicker(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals
    const dialog = document.querySelector('dialog[open]')
    return dialog !== null && dialog.contains(document.activeElement)
  })
}

test.use({
  permissions: ['camera', 'microphone'],
  viewport: { width: 1100, height: 760 },
})

test('the picker shows screens and windows with live thumbnails and app icons', async ({
  page,
}) => {
  await openCall(page, `picker-tabs-${Date.now().toString(36)}`)
  await openPicker(page)
  const dialog = picker(page)
  await expect(dialog).toHaveAttribute('aria-modal', 'true')

  const screensTab = dialog.getByRole('tab', { name: 'Screens', exact: true })
  const windowsTab = dialog.getByRole('tab', { name: 'Windows', exact: true })
  await expect(dialog.getByRole('tablist')).toBeVisible()
  await expect(screensTab).toHaveAttribute('aria-selected', 'true')
  await expect(windowsTab).toHaveAttribute('aria-selected', 'false')
  await expect(dialog.getByRole('tabpanel')).toBeVisible()

  // Screens: thumbnails, no app icons.
  const screens = dialog.getByRole('radio')
  await expect(screens).toHaveCount(2)
  const entire = dialog.getByRole('radio', { name: 'Entire screen', exact: true })
  await expect(entire).toBeVisible()
  await expect(dialog.getByRole('radio', { name: 'Second monitor', exact: true })).toBeVisible()
  const entireThumb = entire.locator('img.source__thumbnail')
  await expect(entireThumb).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(entire.locator('img.source__icon')).toHaveCount(0)
  await expect
    .poll(() => entireThumb.evaluate((image) => (image as unknown as PageImage).naturalWidth))
    .toBe(320)

  // The listing asks for both kinds at 320x180, and it is refreshed while open: the thumbnail
  // changes from one listing to the next.
  const firstSrc = await entireThumb.getAttribute('src')
  await expect.poll(async () => entireThumb.getAttribute('src')).not.toBe(firstSrc)
  const record = await hostRecord(page)
  expect(record.listSources.length).toBeGreaterThanOrEqual(2)
  expect(record.listSources[0]).toEqual({
    kinds: ['screen', 'window'],
    thumbnailWidth: 320,
    thumbnailHeight: 180,
  })

  // Windows: each with its thumbnail and its app's icon.
  await windowsTab.click()
  await expect(windowsTab).toHaveAttribute('aria-selected', 'true')
  await expect(screensTab).toHaveAttribute('aria-selected', 'false')
  await expect(dialog.getByRole('radio')).toHaveCount(3)
  for (const name of ['Notes — plan.txt', 'Browser', 'Terminal']) {
    const option = dialog.getByRole('radio', { name, exact: true })
    await expect(option).toBeVisible()
    await expect(option.locator('img.source__thumbnail')).toHaveAttribute('src', /^data:image\/png/)
    await expect(option.locator('img.source__icon')).toHaveAttribute('src', /^data:image\/png/)
    await expect(option).toContainText(name)
  }

  // Share audio is offered because the host can share system audio.
  await expect(dialog.getByRole('checkbox', { name: 'Share audio' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Share', exact: true })).toBeDisabled()
})

test('keyboard: tabs and sources move with arrow keys, focus stays inside, Escape cancels', async ({
  page,
}) => {
  await openCall(page, `picker-keys-${Date.now().toString(36)}`)
  await shareButton(page).focus()
  await page.keyboard.press('Enter')
  const dialog = picker(page)
  await expect(dialog).toBeVisible()

  // Focus starts inside the dialog; arrows move between the tabs and activate them.
  await expect.poll(() => focusInPicker(page)).toBe(true)
  const screensTab = dialog.getByRole('tab', { name: 'Screens', exact: true })
  const windowsTab = dialog.getByRole('tab', { name: 'Windows', exact: true })
  await screensTab.focus()
  await page.keyboard.press('ArrowRight')
  await expect(windowsTab).toBeFocused()
  await expect(windowsTab).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowLeft')
  await expect(screensTab).toBeFocused()
  await page.keyboard.press('End')
  await expect(windowsTab).toBeFocused()

  // Tab goes into the grid (one tab stop for the whole group), arrows move and choose.
  await expect(dialog.getByRole('radio', { name: 'Terminal', exact: true })).toBeVisible()
  await page.keyboard.press('Tab')
  const notes = dialog.getByRole('radio', { name: 'Notes — plan.txt', exact: true })
  const browser = dialog.getByRole('radio', { name: 'Browser', exact: true })
  const terminal = dialog.getByRole('radio', { name: 'Terminal', exact: true })
  await expect(notes).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(browser).toBeFocused()
  await expect(browser).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(terminal).toBeFocused()
  await expect(terminal).toHaveAttribute('aria-checked', 'true')
  await expect(browser).toHaveAttribute('aria-checked', 'false')
  await page.keyboard.press('Home')
  await expect(notes).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('End')
  await expect(terminal).toHaveAttribute('aria-checked', 'true')
  await expect(dialog.getByRole('button', { name: 'Share', exact: true })).toBeEnabled()

  // Focus is trapped: however far Tab or Shift+Tab goes, it stays in the dialog.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab')
    expect(await focusInPicker(page)).toBe(true)
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab')
    expect(await focusInPicker(page)).toBe(true)
  }

  // Escape cancels: the dialog closes, the host is told to forget any pick, nothing is shared,
  // and focus is back on the button that opened it.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(shareButton(page)).toBeFocused()
  await expect.poll(async () => (await hostRecord(page)).clearSelection).toBeGreaterThan(0)
  expect((await hostRecord(page)).selectSource).toEqual([])
  await expect(page.getByRole('button', { name: 'Stop sharing', exact: true })).toHaveCount(0)
})

test('a source that disappears between refreshes leaves the grid and the selection', async ({
  page,
}) => {
  await openCall(page, `picker-gone-${Date.now().toString(36)}`)
  await openPicker(page)
  const dialog = picker(page)
  await dialog.getByRole('tab', { name: 'Windows', exact: true }).click()
  const terminal = dialog.getByRole('radio', { name: 'Terminal', exact: true })
  await terminal.click()
  await expect(terminal).toHaveAttribute('aria-checked', 'true')
  await expect(terminal).toBeFocused()
  const shareInDialog = dialog.getByRole('button', { name: 'Share', exact: true })
  await expect(shareInDialog).toBeEnabled()

  // The Terminal window closes: at the next refresh it is gone, and so is the choice.
  await page.evaluate(() => (globalThis as unknown as PageGlobals).fakeHost?.remove('window:3'))
  await expect(terminal).toHaveCount(0)
  await expect(dialog.getByRole('radio')).toHaveCount(2)
  await expect(dialog.locator('[role="radio"][aria-checked="true"]')).toHaveCount(0)
  await expect(shareInDialog).toBeDisabled()
  // Focus did not fall out of the dialog with the option that held it.
  expect(await focusInPicker(page)).toBe(true)

  // Cancel changes nothing in the call.
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(dialog).toHaveCount(0)
  await expect(shareButton(page)).toBeFocused()
  const record = await hostRecord(page)
  expect(record.selectSource).toEqual([])
  expect(record.clearSelection).toBeGreaterThan(0)
  await expect(page.getByRole('group', { name: /^Screen shared by/ })).toHaveCount(0)
  await expect(page.getByRole('img', { name: 'Sharing screen' })).toHaveCount(0)
})

test('Share tells the host the chosen source, then the screen is shared', async ({ page }) => {
  await openCall(page, `picker-share-${Date.now().toString(36)}`)
  await openPicker(page)
  const dialog = picker(page)
  await dialog.getByRole('tab', { name: 'Windows', exact: true }).click()
  await dialog.getByRole('radio', { name: 'Browser', exact: true }).click()
  await dialog.getByRole('checkbox', { name: 'Share audio' }).check()
  await dialog.getByRole('button', { name: 'Share', exact: true }).click()

  await expect(dialog).toHaveCount(0)
  const record = await hostRecord(page)
  expect(record.selectSource).toEqual([{ sourceId: 'window:2', shareAudio: true }])
  // getDisplayMedia (Chromium's fake screen here; the picked window in the app) starts the share.
  await expect(page.getByRole('button', { name: 'Stop sharing', exact: true })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Screen shared by Pat', exact: true })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Sharing screen' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Stop sharing', exact: true })).toBeFocused()

  // Stopping goes back to a plain gallery.
  await page.getByRole('button', { name: 'Stop sharing', exact: true }).click()
  await expect(shareButton(page)).toBeVisible()
  await expect(page.getByRole('group', { name: 'Screen shared by Pat', exact: true })).toHaveCount(
    0,
  )
})

test('Enter on a focused source shares it straight away', async ({ page }) => {
  await openCall(page, `picker-enter-${Date.now().toString(36)}`)
  await openPicker(page)
  const dialog = picker(page)
  const second = dialog.getByRole('radio', { name: 'Second monitor', exact: true })
  await expect(second).toBeVisible()
  await dialog.getByRole('tab', { name: 'Screens', exact: true }).focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('ArrowRight')
  await expect(second).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(dialog).toHaveCount(0)
  expect((await hostRecord(page)).selectSource).toEqual([
    { sourceId: 'screen:2', shareAudio: false },
  ])
  await expect(page.getByRole('group', { name: 'Screen shared by Pat', exact: true })).toBeVisible()
})

test('without audio sharing there is no Share audio; without permission, help instead of a picker', async ({
  page,
}) => {
  const help = 'Allow Parley in System Settings › Privacy & Security › Screen Recording.'
  await openCall(page, `picker-denied-${Date.now().toString(36)}`, {
    picker: 'parley',
    audio: false,
    permission: 'denied',
    help,
  })
  await shareButton(page).click()
  await expect(page.getByRole('alert')).toContainText(help)
  await expect(picker(page)).toHaveCount(0)
  expect((await hostRecord(page)).listSources).toEqual([])

  // Dismissed, and once allowed (the host now says granted), the picker opens without the
  // Share audio box this host cannot honour.
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await page.evaluate(() => {
    const host = (globalThis as unknown as PageGlobals).parley
    if (host) {
      host.screenShare.getCapabilities = async () => ({
        picker: 'parley',
        audio: false,
        permission: 'granted',
        help: null,
      })
    }
  })
  await openPicker(page)
  await expect(
    picker(page).getByRole('radio', { name: 'Entire screen', exact: true }),
  ).toBeVisible()
  await expect(picker(page).getByRole('checkbox', { name: 'Share audio' })).toHaveCount(0)
})
