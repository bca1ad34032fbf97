import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests. Browsers are Debian's Chromium (Playwright cannot download its own here);
 * CHROMIUM_PATH overrides where it lives. Every server a test needs is started by its fixture on a
 * free loopback port.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that give Chromium fake cameras, microphones and screens, with no prompts. */
export const chromiumMediaArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--mute-audio',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
]

export default defineConfig({
  testDir: 'tests/e2e',
  // Several Chromium pages with live video per test: one worker keeps a 2-core machine honest.
  workers: 1,
  fullyParallel: false,
  // One retry on CI: a test that passes only on its retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    launchOptions: { executablePath: chromiumPath, args: chromiumMediaArgs },
    trace: 'off',
  },
  projects: [
    { name: 'web', testDir: 'tests/e2e/web' },
    // Parley with peers it did not write: a plain page and werift (a WebRTC stack in Node).
    { name: 'interop', testDir: 'tests/e2e/interop' },
    { name: 'electron', testDir: 'tests/e2e/electron' },
    // Browsers in network namespaces of their own (root only).
    { name: 'network', testDir: 'tests/e2e/network' },
  ],
})
