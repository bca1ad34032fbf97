/**
 * Parley's own screen picker, for real in Chromium. Electron's main process cannot run here, so the
 * stand-in desktop host (fixtures/stand-in-desktop-host.ts) plays it: the call is real, and its
 * screenShare offers screens and windows that change between refreshes and records every call the
 * picker makes.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/page-errors'
import type { ScreenShareCapabilities } from '../../../src/shared/bridge'
import { ParleyServer } from '../fixtures/parley-server'
import {
  standInHostRecord,
  useStandInDesktopHost,
  type StandInPageGlobals,
  type StandInSource,
} from '../fixtures/stand-in-desktop-host'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** The test globals this spec reads beyond the host's own. */
interface PageGlobals extends StandInPageGlobals {
  document: StandInPageGlobals['document'] & {
    querySelector(selector: string): PageElement | null
    activeElement: PageElement | null
  }
}
interface PageImage {
  naturalWidth: number
}
interface PageElement {
  contains(other: PageElement | null): boolean
}

const SOURCES: StandInSource[] = [
  { id: 'screen:1', name: 'Entire screen', kind: 'screen', color: '#3b6fd8', icon: null },
  { id: 'screen:2', name: 'Second monitor', kind: 'screen', color: '#2f8f6a', icon: null },
  { id: 'window:1', name: 'Notes — plan.txt', kind: 'window', color: '#b5651d', icon: '#f0c040' },
  { id: 'window:2', name: 'Browser', kind: 'window', color: '#7a4fc2', icon: '#40a0f0' },
  { id: 'window:3', name: 'Terminal', kind: 'window', color: '#333a44', icon: '#50d070' },
]

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
  await useStandInDesktopHost(page, { sources: SOURCES, name: 'Pat', capabilities })
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
  const record = await standInHostRecord(page)
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
  await expect.poll(async () => (await standInHostRecord(page)).clearSelection).toBeGreaterThan(0)
  expect((await standInHostRecord(page)).selectSource).toEqual([])
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
  await page.evaluate(() => (globalThis as unknown as PageGlobals).standInHost?.remove('window:3'))
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
  const record = await standInHostRecord(page)
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
  const record = await standInHostRecord(page)
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
  expect((await standInHostRecord(page)).selectSource).toEqual([
    { sourceId: 'screen:2', shareAudio: false },
  ])
  await expect(page.getByRole('group', { name: 'Screen shared by Pat', exact: true })).toBeVisible()
})

test('without audio sharing there is no Share audio; without permission, help instead of a picker', async ({
  page,
}) => {
  // The host's help comes as a catalog phrase; the page says it (here in English).
  const help = { key: 'bridgeErrors.screenPermission' }
  await openCall(page, `picker-denied-${Date.now().toString(36)}`, {
    picker: 'parley',
    audio: false,
    permission: 'denied',
    help,
  })
  await shareButton(page).click()
  await expect(page.getByRole('alert')).toContainText(
    'Parley needs permission to record your screen. Open System Settings',
  )
  await expect(picker(page)).toHaveCount(0)
  expect((await standInHostRecord(page)).listSources).toEqual([])

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
