/**
 * A parley:// link never joins on its own, for real in Chromium. Electron's main process cannot
 * run here, so a stand-in `window.parley` plays the desktop host: it signs in to the reference
 * server over HTTP (so joining is real), holds join requests until the page signals it is ready
 * (as main does), and lets the test deliver a link.
 */
import { expect, test, type Page } from '@playwright/test'
import type { Bridge, JoinRequest } from '../../../src/shared/bridge'
import { ParleyServer } from '../fixtures/parley-server'
import { uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})
test.afterAll(async () => {
  await server.stop()
})

interface FakeHost {
  readySignals: number
  /** Each call engine asks once when it prepares: a new count means a new engine. */
  rtcConfigRequests: number
  deliver(request: JoinRequest): void
  /** As the host does when the server refused the refresh token of a guest: a new identity. */
  renewGuest(): Promise<void>
  /** As the host does when the server refused the refresh token of a password user. */
  endSession(): void
}
/** Tests compile without the DOM library: the few page globals used are declared here. */
interface PageGlobals {
  location: { origin: string }
  parley?: Bridge
  fakeHost?: FakeHost
}

/** Runs in the page before the app. Self-contained: Playwright sends it as source text. */
function installFakeDesktopHost(input: { name: string; early: JoinRequest | null }) {
  const page = globalThis as unknown as PageGlobals
  const origin = page.location.origin
  let tokens: { accessToken: string; user: { id: string; displayName: string } } | null = null
  let listener: ((request: JoinRequest) => void) | null = null
  let ready = false
  let held: JoinRequest | null = input.early
  let sessionListener: ((session: unknown) => void) | null = null
  const host: FakeHost = {
    readySignals: 0,
    rtcConfigRequests: 0,
    deliver(request) {
      if (ready && listener) listener(request)
      else held = request
    },
    async renewGuest() {
      tokens = null
      sessionListener?.(await session())
    },
    endSession() {
      sessionListener?.(null)
    },
  }
  page.fakeHost = host

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
  const session = async () => ({
    serverUrl: origin,
    user: (await signIn()).user,
    storage: 'keychain' as const,
    embedded: true,
  })
  const preferences = {
    alwaysRelay: false,
    preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  }
  const notHere = () => Promise.reject(new Error('NOT_AVAILABLE: not in this test'))

  page.parley = {
    signaling: {
      getServerInfo: async () => ({ serverUrl: origin, authMode: 'guest', embedded: true }),
      getSession: session,
      signIn: session,
      signOut: async () => undefined,
      getAccessToken: async () => (await signIn()).accessToken,
      getRtcConfig: async () => {
        host.rtcConfigRequests += 1
        return {
          iceServers: [],
          iceTransportPolicy: 'all',
          maxParticipants: null,
          expiresAt: null,
        }
      },
      getPreferences: async () => preferences,
      setPreferences: async () => preferences,
      onSessionChanged: (next) => {
        sessionListener = next as (session: unknown) => void
        return () => {
          sessionListener = null
        }
      },
      onJoinRequest: (next) => {
        listener = next
        return () => {
          listener = null
        }
      },
      pageReady: async () => {
        host.readySignals += 1
        ready = true
        const request = held
        held = null
        if (request && listener) listener(request)
      },
    },
    screenShare: {
      getCapabilities: async () => ({
        picker: 'system',
        audio: false,
        permission: 'unknown',
        help: null,
      }),
      listSources: notHere,
      selectSource: notHere,
      clearSelection: async () => undefined,
    },
  }
}

async function open(page: Page, early: JoinRequest | null) {
  page.on('pageerror', (error) => {
    throw error
  })
  await page.addInitScript(installFakeDesktopHost, { name: 'Linda', early })
  await page.goto(server.url)
}

function deliver(page: Page, request: JoinRequest) {
  return page.evaluate((sent) => {
    const host = (globalThis as unknown as PageGlobals).fakeHost
    if (!host) throw new Error('The fake host is missing')
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
  expect(
    await page.evaluate(() => (globalThis as unknown as PageGlobals).fakeHost?.readySignals),
  ).toBe(1)
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
  const engines = () =>
    page.evaluate(() => (globalThis as unknown as PageGlobals).fakeHost?.rtcConfigRequests ?? 0)
  const before = await engines()
  await page.evaluate(() => (globalThis as unknown as PageGlobals).fakeHost?.renewGuest())
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
  await page.evaluate(() => (globalThis as unknown as PageGlobals).fakeHost?.endSession())
  await expect(page.getByRole('alert')).toContainText('The server no longer accepts your sign-in')
})
