/**
 * `npx tsx scripts/screenshots.ts`: takes the README's screenshots (docs/screenshots/*.png) of the
 * web client against the reference server, in Debian's Chromium with fake cameras and screens.
 * Needs `npm run build` first. The picker shot uses the e2e specs' stand-in desktop host
 * (`window.parley`, tests/e2e/fixtures/stand-in-desktop-host.ts), since Electron's main process
 * cannot run here.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, expect, type Browser, type Page } from '@playwright/test'
import { chromiumMediaArgs, chromiumPath } from '../playwright.config'
import {
  useStandInDesktopHost,
  type StandInSource,
} from '../tests/e2e/fixtures/stand-in-desktop-host'

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

const hsl = (hue: number) => `hsl(${hue} 70% 55%)`

const PICKER_SOURCES: StandInSource[] = [
  { id: 'screen:1', name: 'Entire screen', kind: 'screen', hue: 215, color: hsl(215), icon: null },
  { id: 'screen:2', name: 'Screen 2', kind: 'screen', hue: 160, color: hsl(160), icon: null },
  {
    id: 'window:1',
    name: 'Roadmap — Slides',
    kind: 'window',
    hue: 28,
    color: hsl(28),
    icon: hsl(28),
  },
  {
    id: 'window:2',
    name: 'parley — Terminal',
    kind: 'window',
    hue: 250,
    color: hsl(250),
    icon: hsl(250),
  },
  {
    id: 'window:3',
    name: 'Release notes.md — Editor',
    kind: 'window',
    hue: 190,
    color: hsl(190),
    icon: hsl(190),
  },
  {
    id: 'window:4',
    name: 'Issue tracker — Browser',
    kind: 'window',
    hue: 340,
    color: hsl(340),
    icon: hsl(340),
  },
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
    await useStandInDesktopHost(desk, {
      name: 'Margaret',
      sources: PICKER_SOURCES,
      thumbnails: 'mock-desktop',
      capabilities: { picker: 'parley', audio: true, permission: 'granted', help: null },
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
