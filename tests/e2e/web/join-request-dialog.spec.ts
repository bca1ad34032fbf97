/**
 * A parley:// link never joins on its own, for real in Chromium. Electron's main process cannot
 * run here, so the stand-in desktop host (fixtures/stand-in-desktop-host.ts) plays it: joining is
 * real, join requests are held until the page signals it is ready (as main does), and the test
 * delivers links.
 */
import type { Page } from '@playwright/test'
import type { JoinRequest } from '../../../src/shared/bridge'
import { ParleyServer } from '../fixtures/parley-server'
import { uniqueCallId } from '../fixtures/call-client'
import { expect, test } from '../fixtures/page-errors'
import {
  standInHostRecord,
  useStandInDesktopHost,
  type StandInPageGlobals,
} from '../fixtures/stand-in-desktop-host'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})
test.afterAll(async () => {
  await server.stop()
})

async function open(page: Page, early: JoinRequest | null) {
  await useStandInDesktopHost(page, { name: 'Linda', early })
  await page.goto(server.url)
}

function deliver(page: Page, request: JoinRequest) {
  return page.evaluate((sent) => {
    const host = (globalThis as unknown as StandInPageGlobals).standInHost
    if (!host) throw new Error('The stand-in desktop host is missing')
    host.deliver(sent)
  }, request)
}

const self = (page: Page) => page.getByRole('group', { name: 'Linda (you)', exact: true })

test('a link held until the page is ready asks first; Cancel leaves you in the lobby', async ({
  page,
}) => {
  const callId = uniqueCallId('asked')
  await open(page, { callId })
  const question = page.getByRole('dialog', { name: `Join call ${callId}?` })
  await expect(question).toBeVisible()
  await expect(question).toContainText('You will join with your microphone')
  expect((await standInHostRecord(page)).readySignals).toBe(1)
  await question.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(question).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Join call', exact: true })).toBeVisible()
  await expect(self(page)).toHaveCount(0)
})

test('Join joins; a second link in a call says it leaves the call, and Escape keeps it', async ({
  page,
}) => {
  const callId = uniqueCallId('joined')
  await open(page, null)
  await expect(page.getByRole('button', { name: 'Join call', exact: true })).toBeVisible()
  await deliver(page, { callId })
  const question = page.getByRole('dialog', { name: `Join call ${callId}?` })
  await question.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(self(page)).toBeVisible()

  const next = uniqueCallId('next')
  await deliver(page, { callId: next })
  const leave = page.getByRole('dialog', { name: `Join call ${next}?` })
  await expect(leave).toContainText(`Joining leaves the call you are in now (${callId})`)
  await expect(leave.getByRole('button', { name: 'Leave and join', exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(leave).toHaveCount(0)
  await expect(self(page)).toBeVisible()
})

test('a link naming another server is explained and not followed', async ({ page }) => {
  const callId = uniqueCallId('elsewhere')
  await open(page, { callId, serverUrl: 'https://calls.example.test' })
  const notice = page.getByRole('dialog', { name: 'This link is for another server' })
  await expect(notice).toContainText('Parley does not switch servers for a link')
  await expect(notice.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0)
  await notice.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(self(page)).toHaveCount(0)
})

test('a guest the host signed in again under a new identity rejoins the call it was in', async ({
  page,
}) => {
  const callId = uniqueCallId('renewed')
  await open(page, { callId })
  await page
    .getByRole('dialog', { name: `Join call ${callId}?` })
    .getByRole('button', { name: 'Join', exact: true })
    .click()
  await expect(self(page)).toBeVisible()
  const engines = async () => (await standInHostRecord(page)).rtcConfigRequests
  const before = await engines()
  await page.evaluate(() => (globalThis as unknown as StandInPageGlobals).standInHost?.renewGuest())
  // A new identity gets a new engine (it starts in the lobby) which joins the same call again.
  await expect.poll(engines).toBeGreaterThan(before)
  await expect(page.getByRole('button', { name: 'Leave call', exact: true })).toBeVisible()
  await expect(self(page)).toBeVisible()
})

test('a session the server stopped accepting lands on sign-in with the reason', async ({
  page,
}) => {
  await open(page, null)
  await expect(page.getByRole('button', { name: 'Join call', exact: true })).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as StandInPageGlobals).standInHost?.endSession())
  await expect(page.getByRole('alert')).toContainText('The server no longer accepts your sign-in')
})
