/**
 * `npx tsx scripts/screenshots.ts`: takes the README's screenshots (docs/screenshots/*.png) of the
 * web client against the reference server, in Debian's Chromium with fake cameras and screens.
 * Needs `npm run build` first. The picker shot uses a stand-in desktop host (`window.parley`),
 * since Electron's main process cannot run here.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, expect, type Browser, type Page } from '@playwright/test'
import { chromiumMediaArgs, chromiumPath } from '../playwright.config'
import type { Bridge } from '../src/shared/bridge'

const OUT = resolve('docs/screenshots')
const VIEWPORT = { width: 1280, height: 800 }

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [resolve('out/server/cli.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_MODE: 'guest',
      AUTH_SECRET: 'screenshots-only-secret-0123456789abcdef',
      RTC_MAX_PARTICIPANTS: '6',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((done, fail) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /Parley server listening on (http:\/\/\S+)/.exec(text)
      if (match?.[1]) done(match[1])
    })
    child.once('exit', (code) => fail(new Error(`The server exited with ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    permissions: ['camera', 'microphone'],
    colorScheme: 'dark',
  })
  // A busy machine can take its time over several live-video pages.
  context.setDefaultTimeout(90_000)
  return context.newPage()
}

async function signIn(page: Page, serverUrl: string, name: string, callId: string) {
  await page.goto(`${serverUrl}/?call=${callId}`)
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByLabel('Call ID')).toHaveValue(callId)
}

async function join(page: Page, name: string) {
  await page.getByRole('button', { name: 'Join call', exact: true }).click()
  await expect(page.getByRole('group', { name: `${name} (you)`, exact: true })).toBeVisible()
}

/** Waits until every shown <video> (not one kept only for its sound) has a picture. */
async function videosPlaying(page: Page, count: number) {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): ArrayLike<{ videoWidth: number }> }
            }
          ).document.querySelectorAll('video').length,
      ),
    )
    .toBeGreaterThanOrEqual(count)
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          Array.from(
            (
              globalThis as unknown as {
                document: { querySelectorAll(s: string): ArrayLike<{ videoWidth: number }> }
              }
            ).document.querySelectorAll('video:not(.stream-video--concealed)'),
          ).every((video) => video.videoWidth > 0),
        ),
      { timeout: 30_000 },
    )
    .toBe(true)
}

async function shoot(page: Page, name: string) {
  // Let entrance animations settle; the shot is for people, not a test.
  await page.waitForTimeout(600)
  await page.screenshot({ path: resolve(OUT, `${name}.png`) })
  console.log(`docs/screenshots/${name}.png`)
}

interface MockSource {
  id: string
  name: string
  kind: 'screen' | 'window'
  hue: number
  icon: number | null
}

/** A stand-in desktop host whose screens and windows are drawn as little mock desktops. */
function installMockDesktopHost(input: { origin: string; name: string; sources: MockSource[] }) {
  interface Canvas {
    width: number
    height: number
    getContext(kind: '2d'): {
      fillStyle: string
      fillRect(x: number, y: number, w: number, h: number): void
      beginPath(): void
      arc(x: number, y: number, r: number, a: number, b: number): void
      fill(): void
    } | null
    toDataURL(type: string): string
  }
  const page = globalThis as unknown as {
    document: { createElement(tag: 'canvas'): Canvas }
    parley?: Bridge
  }
  let tokens: { accessToken: string; user: { id: string; displayName: string } } | null = null
  async function session() {
    if (!tokens) {
      const response = await fetch(`${input.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: input.name }),
      })
      tokens = (await response.json()) as typeof tokens
    }
    if (!tokens) throw new Error('SIGN_IN_FAILED: no answer')
    return tokens
  }
  function draw(width: number, height: number, source: MockSource): string {
    const canvas = page.document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const g = canvas.getContext('2d')
    if (!g) return ''
    g.fillStyle = `hsl(${source.hue} 35% 22%)`
    g.fillRect(0, 0, width, height)
    const windows = source.kind === 'screen' ? 3 : 1
    for (let i = 0; i < windows; i++) {
      const x = source.kind === 'screen' ? 14 + i * 64 : 0
      const y = source.kind === 'screen' ? 18 + i * 22 : 0
      const w = source.kind === 'screen' ? width * 0.55 : width
      const h = source.kind === 'screen' ? height * 0.55 : height
      g.fillStyle = `hsl(${(source.hue + i * 40) % 360} 20% 92%)`
      g.fillRect(x, y, w, h)
      g.fillStyle = `hsl(${(source.hue + i * 40) % 360} 45% 45%)`
      g.fillRect(x, y, w, 14)
      g.fillStyle = 'hsl(220 10% 70%)'
      for (let line = 0; line < 6; line++) {
        g.fillRect(x + 12, y + 28 + line * 14, (w - 24) * (0.5 + ((line * 37) % 50) / 100), 6)
      }
    }
    if (source.kind === 'screen') {
      g.fillStyle = 'rgba(0,0,0,0.45)'
      g.fillRect(0, height - 16, width, 16)
    }
    return canvas.toDataURL('image/png')
  }
  function icon(hue: number): string {
    const canvas = page.document.createElement('canvas')
    canvas.width = 32
    canvas.height = 32
    const g = canvas.getContext('2d')
    if (!g) return ''
    g.fillStyle = `hsl(${hue} 70% 55%)`
    g.beginPath()
    g.arc(16, 16, 15, 0, Math.PI * 2)
    g.fill()
    g.fillStyle = 'white'
    g.fillRect(9, 13, 14, 6)
    return canvas.toDataURL('image/png')
  }
  const preferences = {
    alwaysRelay: false,
    preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
  }
  const info = async () => {
    const signedIn = await session()
    return {
      serverUrl: input.origin,
      user: signedIn.user,
      storage: 'keychain' as const,
      embedded: true,
    }
  }
  page.parley = {
    signaling: {
      getServerInfo: async () => ({ serverUrl: input.origin, authMode: 'guest', embedded: true }),
      getSession: info,
      signIn: info,
      signOut: async () => undefined,
      getAccessToken: async () => (await session()).accessToken,
      getRtcConfig: async () => ({
        iceServers: [],
        iceTransportPolicy: 'all',
        maxParticipants: 6,
        expiresAt: null,
      }),
      getPreferences: async () => preferences,
      setPreferences: async () => preferences,
      onSessionChanged: () => () => undefined,
      onJoinRequest: () => () => undefined,
      pageReady: async () => undefined,
    },
    screenShare: {
      getCapabilities: async () => ({
        picker: 'parley',
        audio: true,
        permission: 'granted',
        help: null,
      }),
      listSources: async (request) =>
        input.sources
          .filter((source) => request.kinds.includes(source.kind))
          .map((source) => ({
            id: source.id,
            name: source.name,
            kind: source.kind,
            thumbnailDataUrl: draw(request.thumbnailWidth, request.thumbnailHeight, source),
            appIconDataUrl: source.icon === null ? null : icon(source.icon),
          })),
      selectSource: async () => undefined,
      clearSelection: async () => undefined,
    },
  }
}

const PICKER_SOURCES: MockSource[] = [
  { id: 'screen:1', name: 'Entire screen', kind: 'screen', hue: 215, icon: null },
  { id: 'screen:2', name: 'Screen 2', kind: 'screen', hue: 160, icon: null },
  { id: 'window:1', name: 'Roadmap — Slides', kind: 'window', hue: 28, icon: 28 },
  { id: 'window:2', name: 'parley — Terminal', kind: 'window', hue: 250, icon: 250 },
  { id: 'window:3', name: 'Release notes.md — Editor', kind: 'window', hue: 190, icon: 190 },
  { id: 'window:4', name: 'Issue tracker — Browser', kind: 'window', hue: 340, icon: 340 },
]

async function main() {
  mkdirSync(OUT, { recursive: true })
  const server = await startServer()
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumMediaArgs })
  try {
    const callId = 'design-review'

    // Sign-in.
    const ada = await newPage(browser)
    await ada.goto(`${server.url}/?call=${callId}`)
    await ada.getByLabel('Display name').fill('Ada Lovelace')
    await shoot(ada, 'sign-in')

    // Lobby.
    await ada.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(ada.getByRole('status').first()).toHaveText(/Ready to join/)
    await videosPlaying(ada, 1)
    await shoot(ada, 'lobby')

    // A three-person call; Linus has his camera off and his microphone muted.
    await join(ada, 'Ada Lovelace')
    const grace = await newPage(browser)
    await signIn(grace, server.url, 'Grace Hopper', callId)
    await join(grace, 'Grace Hopper')
    const linus = await newPage(browser)
    await signIn(linus, server.url, 'Linus', callId)
    await join(linus, 'Linus')
    await linus.getByRole('button', { name: 'Turn off camera', exact: true }).click()
    await linus.getByRole('button', { name: 'Mute microphone', exact: true }).click()
    await expect(ada.getByRole('status').first()).toContainText('3 of 6')
    await expect(
      ada
        .getByRole('group', { name: 'Linus', exact: true })
        .getByRole('img', { name: 'Camera off' }),
    ).toBeVisible()
    await expect(ada.getByLabel('Connection: direct')).toHaveCount(2)
    await videosPlaying(ada, 3)
    await shoot(ada, 'call')

    // People: you first, then raised hands in the order they went up. Grace raises hers.
    await expect(async () => {
      await grace.getByRole('button', { name: 'Raise hand', exact: true }).click()
      await expect(ada.getByRole('log', { name: 'Notices' })).toContainText(
        'Grace Hopper raised their hand',
        { timeout: 2_000 },
      )
    }).toPass()
    await ada.getByRole('button', { name: /^People, 3/ }).click()
    await expect(ada.getByRole('complementary', { name: 'People' })).toBeVisible()
    await shoot(ada, 'people')

    // Chat takes People's place beside the stage.
    await grace.getByRole('button', { name: 'Lower hand', exact: true }).click()
    await ada.keyboard.press('Control+Alt+C')
    const chat = ada.getByRole('complementary', { name: 'Chat' })
    await chat.getByRole('textbox', { name: 'Message' }).fill('Slides are in the call notes.')
    await chat.getByRole('button', { name: 'Send', exact: true }).click()
    await grace.keyboard.press('Control+Alt+C')
    await grace.getByRole('textbox', { name: 'Message' }).fill('Thanks! Looking now.')
    await grace.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect(chat.getByRole('log', { name: 'Messages' })).toContainText('Looking now')
    await shoot(ada, 'chat')
    await ada.keyboard.press('Control+Alt+C')
    await grace.keyboard.press('Control+Alt+C')

    // The same call in the light theme (the system's preference, here emulated).
    await ada.emulateMedia({ colorScheme: 'light' })
    await shoot(ada, 'call-light')
    await ada.emulateMedia({ colorScheme: 'dark' })

    // A phone-sized window: icons only, and "More" holds what does not fit.
    await ada.setViewportSize({ width: 375, height: 720 })
    await ada.getByRole('button', { name: 'More', exact: true }).click()
    await expect(ada.getByRole('menu', { name: 'More' })).toBeVisible()
    await shoot(ada, 'call-narrow')
    await ada.keyboard.press('Escape')
    await ada.setViewportSize(VIEWPORT)

    // Grace shares her screen (on the web the browser picks; here the fake screen).
    await grace.getByRole('button', { name: 'Share screen', exact: true }).click()
    const shared = ada.getByRole('group', { name: 'Screen shared by Grace Hopper', exact: true })
    await expect(shared).toBeVisible()
    await expect
      .poll(
        () =>
          shared
            .locator('video')
            .evaluate((video) => (video as unknown as { videoWidth: number }).videoWidth),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0)
    await shoot(ada, 'screen-share')
    // What Grace sees meanwhile: not her own screen again, but a small preview.
    await expect(grace.getByText('You are presenting')).toBeVisible()
    await shoot(grace, 'presenting')

    // Linus leaves.
    await linus.getByRole('button', { name: 'Leave call', exact: true }).click()
    await expect(linus.getByRole('button', { name: 'Rejoin', exact: true })).toBeVisible()
    await shoot(linus, 'end-of-call')

    // Parley's own picker, with a stand-in desktop host.
    const desk = await newPage(browser)
    // tsx (esbuild) wraps named functions in a `__name` helper that the page lacks.
    await desk.addInitScript('globalThis.__name = (target) => target')
    await desk.addInitScript(installMockDesktopHost, {
      origin: server.url,
      name: 'Margaret',
      sources: PICKER_SOURCES,
    })
    await desk.goto(`${server.url}/?call=picker-demo`)
    await join(desk, 'Margaret')
    await desk.getByRole('button', { name: 'Share screen', exact: true }).click()
    const dialog = desk.getByRole('dialog', { name: 'Share your screen' })
    await dialog.getByRole('tab', { name: 'Windows', exact: true }).click()
    await dialog.getByRole('radio', { name: 'Roadmap — Slides', exact: true }).click()
    await shoot(desk, 'screen-picker')
  } finally {
    await browser.close()
    server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
